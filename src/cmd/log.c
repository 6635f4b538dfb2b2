/* log.c: `aarshjul log`: the audit trail, and its verification. */
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


struct logfmt {
	struct buf out;
	int json;
	char sep;
	long n;
};

static int
log_one(const struct ledger_entry *e, void *arg)
{
	struct logfmt *f = arg;
	const char *vals[] = {e->at, ledger_kind_name(e->kind), e->activity,
	    e->nominal, e->who, e->os_user, e->evidence, e->note, e->notice,
	    e->recipient, e->message_id, e->reply, e->hash};
	static const char *names[] = {"at", "kind", "activity", "nominal",
	    "who", "os_user", "evidence", "note", "notice", "recipient",
	    "message_id", "reply", "hash"};
	size_t i;

	if (f->json) {
		buf_printf(&f->out, "%s\n  {\"seq\": %lld", f->n ? "," : "",
		    e->seq);
		for (i = 0; i < ARRAY_LEN(vals); i++) {
			buf_printf(&f->out, ", \"%s\": ", names[i]);
			buf_json(&f->out, vals[i]);
		}
		buf_puts(&f->out, "}");
	} else {
		buf_printf(&f->out, "%lld", e->seq);
		for (i = 0; i < ARRAY_LEN(vals); i++) {
			buf_putc(&f->out, f->sep);
			buf_csv(&f->out, vals[i], f->sep);
		}
		buf_puts(&f->out, "\r\n");
	}
	f->n++;
	if (f->out.len > 1 << 16) {
		fwrite(f->out.s, 1, f->out.len, stdout);
		buf_reset(&f->out);
	}
	return 0;
}

/* Opens the ledger to read it; creates nothing: *l stays NULL when there
 * is none yet.  Returns 0 or an exit status. */
static int
open_to_read(struct ctx *c, struct ledger **l)
{
	char *path;
	struct stat st;
	int none;

	*l = NULL;
	if (c->conf.path == NULL)
		return cmd_open_ledger(c, l);
	path = state_ledger_path(c->conf.state);
	none = stat(path, &st) != 0;
	free(path);
	return none ? 0 : cmd_open_ledger(c, l);
}

static int
verify(struct ctx *c, struct ledger *l)
{
	const char *why;
	long long bad;

	if (l == NULL) {
		printf("%s/ledger.sqlite: no ledger yet\n", c->conf.state);
		return 0;
	}
	if (ledger_verify(l, &bad, &why) != 0) {
		log_warnx("%s/ledger.sqlite: entry %lld: %s", c->conf.state,
		    bad, why);
		return EX_DATAERR;
	}
	printf("%s/ledger.sqlite: the chain holds\n", c->conf.state);
	return 0;
}

/* Every entry as CSV (Danish Excel reads ';' and wants the BOM to see
 * UTF-8) or JSON.  Returns 0 or an exit status. */
static int
write_log(struct ctx *c, struct ledger *l, int json)
{
	struct logfmt f;
	int rc = 0;

	memset(&f, 0, sizeof(f));
	f.json = json;
	f.sep = c->wheel->lang == LANG_DA ? ';' : ',';
	if (f.json)
		buf_puts(&f.out, "[");
	else {
		if (c->wheel->lang == LANG_DA)
			buf_puts(&f.out, "\xef\xbb\xbf");
		buf_printf(&f.out,
		    "seq%cat%ckind%cactivity%cnominal%cwho%cos_user%cevidence%c"
		    "note%cnotice%crecipient%cmessage_id%creply%chash\r\n",
		    f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep,
		    f.sep, f.sep, f.sep, f.sep);
	}
	if (l && ledger_each(l, log_one, &f) < 0)
		rc = EX_IOERR;
	if (f.json)
		buf_puts(&f.out, f.n ? "\n]\n" : "]\n");
	fwrite(f.out.s, 1, f.out.len, stdout);
	buf_free(&f.out);
	return rc;
}

int
cmd_log(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'F'},
	    {"verify", no_argument, NULL, 'v'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *fmt = "csv";
	struct ledger *l = NULL;
	int ch, rc, check = 0;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		if (ch == 'F')
			fmt = optarg;
		else
			check = 1;
	}
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc ||
	    (strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0)) {
		log_warnx("usage: aarshjul log [--format csv|json] [--verify]");
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0 || (rc = open_to_read(c, &l)) != 0)
		return rc;
	rc = check ? verify(c, l) : write_log(c, l, strcmp(fmt, "json") == 0);
	ledger_close(l);
	return rc;
}
