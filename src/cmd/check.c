/* check.c: `aarshjul check`: validate the wheel and the configuration. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/agenda.h"
#include "core/closed.h"
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
#include "io/send.h"
#include "io/serve.h"
#include "io/tokens.h"
#include "io/inifile.h"
#include "io/tzload.h"

static void
warn_if_readable(struct ctx *c, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_mode & 077) != 0)
		diag_warn(&c->diag, path, 0, NULL, NULL,
		    "holds secrets but is readable by others (mode %03o): "
		    "chmod 600 %s",
		    (unsigned)(st.st_mode & 0777), path);
}

/* Secrets must not be readable by others. */
static void
check_secret_modes(struct ctx *c)
{
	const char *files[] = {"tokens", "done-key"};
	size_t i;

	if (c->conf.state == NULL)
		return;
	for (i = 0; i < ARRAY_LEN(files); i++) {
		char *p = xasprintf("%s/%s", c->conf.state, files[i]);

		warn_if_readable(c, p);
		free(p);
	}
	if (c->conf.mail.password_file) {
		int credential;
		char *p = send_password_path(&c->conf.mail, &credential);

		if (!credential) /* its mode is systemd's (send.c) */
			warn_if_readable(c, p);
		free(p);
	}
}

/* Ends the summary line with the closing days in words: 05-06 is 6 May, which a Dane may have
 * meant as 5 June; said back, the slip shows. */
static void
print_closed(const struct wheel *w)
{
	struct buf b = {0};

	if (w->nclosed) {
		closed_words(w->closed, w->nclosed, w->lang, &b);
		printf("; %s: %s",
		    w->lang == LANG_DA ? "lukkedage" : "closing days", b.s);
	}
	putchar('\n');
	buf_free(&b);
}

int
cmd_check(struct ctx *c, int argc, char **argv)
{
	struct occurrences o = {0};
	day_t to;
	int rc;
	const struct wheel *w;

	if ((rc = cmd_no_options(c, argc, argv)) != 0)
		return rc;
	if ((rc = cmd_load(c)) == EX_CONFIG && c->conf.nwheels > 0 &&
	    c->wheel == NULL) {
		/* Report every problem: the wheel and the [feed] sections
		 * too, although the configuration has errors. */
		int missing;

		c->wheel = wheel_read(c->conf.wheels, c->conf.nwheels,
		    &c->diag, &missing);
		if (c->wheel) {
			struct feeds fs;

			c->today = c->today_arg ? c->today
						: tzload_today(c->wheel->timezone);
			feeds_plan(c->wheel, &c->conf, c->today, &fs, &c->diag);
			feeds_free(&fs);
		}
		return EX_CONFIG;
	}
	if (rc != 0)
		return rc;
	w = c->wheel;
	if (c->conf.path) {
		struct feeds fs;
		int bad = feeds_plan(c->wheel, &c->conf, c->today, &fs,
		    &c->diag);

		feeds_free(&fs);
		if (bad)
			return EX_CONFIG;
	}
	wheel_check_coverage(w, c->today, &c->diag);
	check_secret_modes(c);
	to = date_add_months(c->today, 12) - 1;
	occur_expand(c->wheel, c->today, to, NULL, NULL, &o);
#define PL(n, one, many) (n), ((n) == 1 ? (one) : (many))
	if (w->lang == LANG_DA)
		printf("%s: %s er i orden: %zu %s, %zu %s, %zu %s de næste 12 "
		       "måneder",
		    w->wheel_file, w->name,
		    PL(w->nactivities, "aktivitet", "aktiviteter"),
		    PL(w->nroles, "rolle", "roller"),
		    PL(o.n, "forekomst", "forekomster"));
	else
		printf("%s: %s is sound: %zu %s, %zu %s, %zu %s in the next 12 "
		       "months",
		    w->wheel_file, w->name,
		    PL(w->nactivities, "activity", "activities"),
		    PL(w->nroles, "role", "roles"),
		    PL(o.n, "occurrence", "occurrences"));
#undef PL
	occur_free(&o);
	print_closed(w);
	return 0;
}
