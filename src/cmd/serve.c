/* serve.c: `aarshjul serve`: serve the feeds over HTTP. */
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
#include "core/syntax.h"
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
cmd_serve(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"listen", required_argument, NULL, 'l'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *listen = NULL;
	struct publish *pub;
	struct serve_conf sc;
	struct listen_addr la;
	int ch, rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0)
		listen = optarg; /* --listen */
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	if (listen && syntax_listen(listen, &la) != 0) {
		log_warnx("--listen %s: write ADDRESS:PORT", listen);
		return EX_USAGE;
	}
	if (c->nwheel_files) {
		log_warnx("serve reads the tokens from the state folder: give "
			  "-c CONFIG");
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	/* Create every feed's token before the first request. */
	{
		struct feeds fs = {0};
		struct tokens t = {0};

		rc = cmd_load_tokens(c, &fs, &t, NULL);
		tokens_free(&t);
		feeds_free(&fs);
		if (rc != 0)
			return rc;
	}
	pub = publish_new(c->config_path,
	    c->today_arg || c->now_given ? c->today : -1,
	    c->now_given ? c->now : (time_t)-1);
	if (pub == NULL)
		return EX_CONFIG;
	sc = c->conf.serve;
	if (listen)
		sc.listen = (char *)listen;
	rc = serve_run(&sc, pub) == 0 ? 0 : EX_UNAVAILABLE;
	publish_free(pub);
	return rc;
}
