/* run.c: `aarshjul run`: the cron job. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/agenda.h"
#include "core/date.h"
#include "core/diag.h"
#include "core/donelink.h"
#include "core/facts.h"
#include "core/feeds.h"
#include "core/occur.h"
#include "core/report.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/config.h"
#include "io/ledger.h"
#include "io/publish.h"
#include "io/record.h"
#include "io/serve.h"
#include "io/tokens.h"
#include "io/log.h"

int
cmd_run(struct ctx *c, int argc, char **argv)
{
	char *feeds_argv[] = {"feeds", NULL};
	int rc, worst = 0;

	if ((rc = cmd_no_options(c, argc, argv)) != 0)
		return rc;
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("run needs a configuration: give -c CONFIG");
		return EX_USAGE;
	}
	if ((rc = cmd_check_since(c)) != 0)
		return rc;
	rc = cmd_feeds(c, 1, feeds_argv);
	worst = rc;
	rc = remind_run(c->wheel, &c->conf, c->today, c->now, 0, stdout);
	if (rc != 0 && (worst == 0 || rc == EX_CONFIG))
		worst = rc;
	/* The report of the latest report day: sent that day, or caught up
	 * by a later run. */
	rc = remind_report(c->wheel, &c->conf, c->today, 1, c->now);
	if (rc != 0 && (worst == 0 || rc == EX_CONFIG))
		worst = rc;
	return worst;
}
