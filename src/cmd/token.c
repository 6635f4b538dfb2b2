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

/* The wheel cannot say which feeds there are: the token file's token for
 * name is replaced, and no other.  Returns 0 or an exit status. */
static int
rotate_alone(struct ctx *c, const char *name)
{
	struct tokens t = {0};
	int rc = tokens_rotate(&t, c->conf.state, name);

	if (rc == 0) {
		log_warnx("token rotate: the wheel has errors (above); the "
			  "token of \"%s\" was rotated from %s/tokens alone",
		    name, c->conf.state);
		if (c->conf.base_url)
			cmd_print_url(
			    c->conf.base_url, name, tokens_get(&t, name));
	} else if (rc > 0)
		log_warnx("token rotate: no feed \"%s\" in %s/tokens", name,
		    c->conf.state);
	tokens_free(&t);
	return rc == 0 ? 0 : rc > 0 ? EX_USAGE : EX_CANTCREAT;
}

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
	/* Revocation is never blocked by a mistake elsewhere: the key needs
	 * the state folder only, and a feed's token is rotated from the
	 * token file alone when the wheel or the feeds have errors. */
	if ((rc = cmd_load_config(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("the tokens and the key live in the state folder: "
			  "give -c CONFIG");
		return EX_USAGE;
	}
	if (strcmp(argv[2], "done-key") == 0)
		/* Every done-link made before stops working. */
		return state_rotate_done_key(c->conf.state) == 0 ? 0
								 : EX_CANTCREAT;
	if (cmd_load_wheel(c) != 0)
		return rotate_alone(c, argv[2]);
	rc = cmd_load_tokens(c, &fs, &t, argv[2]);
	if (rc == EX_CONFIG)
		rc = rotate_alone(c, argv[2]);
	else if (rc == 0 && c->conf.base_url)
		cmd_print_url(c->conf.base_url, argv[2], tokens_get(&t, argv[2]));
	tokens_free(&t);
	feeds_free(&fs);
	return rc;
}
