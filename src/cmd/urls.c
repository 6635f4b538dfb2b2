/* urls.c: `aarshjul urls`: each feed's subscription URL. */
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
cmd_urls(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"base", required_argument, NULL, 'b'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *base = NULL;
	struct feeds fs = {0};
	struct tokens t = {0};
	size_t i;
	int ch, rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0)
		base = optarg; /* --base */
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	if (base && !syntax_url(base)) {
		log_warnx("--base %s: write https://host[/path]", base);
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (base == NULL && (base = c->conf.base_url) == NULL) {
		log_warnx("%s: no base-url in [aarshjul]; or give --base URL",
		    c->conf.path ? c->conf.path : "urls");
		return c->conf.path ? EX_CONFIG : EX_USAGE;
	}
	if ((rc = cmd_load_tokens(c, &fs, &t, NULL)) == 0)
		for (i = 0; i < fs.n; i++)
			cmd_print_url(base, fs.v[i].name,
			    tokens_get(&t, fs.v[i].name));
	tokens_free(&t);
	feeds_free(&fs);
	return rc;
}
