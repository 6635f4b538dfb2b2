/* token.c: `aarshjul token rotate`: replace a feed token or the done-link key. */
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
#include "io/state.h"
#include "io/log.h"

int
cmd_token(struct ctx *c, int argc, char **argv)
{
	struct feeds fs = {0};
	struct tokens t = {0};
	int rc;

	if (argc != 3 || strcmp(argv[1], "rotate") != 0) {
		log_warnx("usage: aarshjul token rotate FEED|done-key");
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (strcmp(argv[2], "done-key") == 0) {
		/* Every done-link made before stops working. */
		if (c->conf.path == NULL) {
			log_warnx("the key lives in the state folder: give -c "
				  "CONFIG");
			return EX_USAGE;
		}
		return state_rotate_done_key(c->conf.state) == 0 ? 0 : EX_CANTCREAT;
	}
	if ((rc = cmd_load_tokens(c, &fs, &t, argv[2])) == 0 && c->conf.base_url)
		cmd_print_url(c->conf.base_url, argv[2], tokens_get(&t, argv[2]));
	tokens_free(&t);
	feeds_free(&fs);
	return rc;
}
