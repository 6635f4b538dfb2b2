/* remind.c: sending the pending notices, once each, and recording them.
 *
 * Nothing is lost and nothing is doubled: a notice is recorded only after
 * the server accepted its mail, right away, and the next run sends what is
 * still pending.  Two runs at once never send the same notice: each address
 * is handled under a lock of its own, and the ledger is read again under
 * it.  A run that finds an address locked goes on with the others and
 * comes back to it at the end. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/config.h"
#include "core/crypto.h"
#include "core/donelink.h"
#include "core/feeds.h"
#include "core/facts.h"
#include "io/ledger.h"
#include "core/mail.h"
#include "core/notice.h"
#include "io/record.h"
#include "core/report.h"
#include "io/send.h"
#include "io/tokens.h"
#include "io/state.h"
#include "io/log.h"
#include "core/syntax.h"

struct run {
	struct wheel *w;
	const struct config *c;
	day_t today;
	time_t now;
	struct ledger *ledger;
	struct sender *sender;
	struct tokens tokens;
	unsigned char done_key[DONELINK_KEY_LEN];
	int have_key;
	int rc;
	int stop; /* the server is down or the setup is wrong */
	long sent, bounced, pending;
	long elsewhere; /* sent by another run meanwhile */
};

static int
lock_address(const char *state, const char *address, int wait)
{
	char h[65], *dir = xasprintf("%s/locks", state), *path;
	int fd;

	crypto_sha256_hex(address, strlen(address), h);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_warn("%s", dir);
		free(dir);
		return -2;
	}
	path = xasprintf("%s/%.24s.lock", dir, h);
	free(dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return -2;
	if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static const char *
feed_url(struct run *r, size_t role, char *buf, size_t n)
{
	const char *tok = tokens_get(&r->tokens, r->w->roles[role].id);
	const char *base = r->c->base_url;
	size_t len;

	if (base == NULL || tok == NULL)
		return NULL;
	len = syntax_base_len(base);
	snprintf(buf, n, "%.*s/f/%s/%s.ics", (int)len, base, tok,
	    r->w->roles[role].id);
	return buf;
}

static void
record(struct run *r, const struct notice *v, size_t n, enum ledger_kind kind,
    const char *message_id, const char *reply)
{
	struct ledger_entry *e = xcalloc(n, sizeof(*e));
	char (*nom)[11] = xcalloc(n, sizeof(*nom));
	char at[21];
	size_t i;

	date_utc_stamp(r->now, at);
	for (i = 0; i < n; i++) {
		date_iso(v[i].occ.nominal, nom[i]);
		e[i].kind = kind;
		memcpy(e[i].at, at, sizeof(at));
		e[i].activity = r->w->activities[v[i].occ.activity].id;
		e[i].nominal = nom[i];
		e[i].os_user = record_os_user();
		e[i].notice = v[i].key;
		e[i].recipient = v[i].address;
		e[i].message_id = message_id;
		e[i].reply = reply;
	}
	if (ledger_append(r->ledger, e, n) != 0) {
		/* Sent but not recorded: the next run sends it again, with
		 * the same Message-ID. */
		log_warnx("%s: sent, but the ledger did not take it",
		    v[0].address);
		r->rc = EX_IOERR;
	}
	free(e);
	free(nom);
}

/* Sends the notices of one address (v[0..n)), whose lock we hold. */
static void
send_address(struct run *r, struct notice *v, size_t n)
{
	struct mail m;
	size_t i, k = 0;
	char reply[512], url[512];
	enum send_status st;

	/* Another run may have sent some since our facts were read. */
	for (i = 0; i < n; i++) {
		int got = ledger_notice_recorded(r->ledger, v[i].key,
		    v[i].address);

		if (got < 0) {
			r->rc = EX_IOERR;
			return;
		}
		if (got == 0)
			v[k++] = v[i];
		else
			r->elsewhere++;
	}
	if (k == 0)
		return;
	n = k;
	mail_notices(r->w, r->c, v, n, r->now, r->today,
	    feed_url(r, v[0].role, url, sizeof(url)),
	    r->have_key ? r->done_key : NULL, &m);
	st = sender_send(r->sender, &m, reply, sizeof(reply));
	switch (st) {
	case SEND_OK:
		record(r, v, n, LEDGER_NOTICE, m.message_id, reply);
		r->sent += (long)n;
		break;
	case SEND_BOUNCE:
		fprintf(stderr, "aarshjul: %s refused for good: %s\n",
		    v[0].address, reply);
		record(r, v, n, LEDGER_BOUNCE, m.message_id, reply);
		r->bounced += (long)n;
		break;
	case SEND_CONFIG:
		fprintf(stderr, "aarshjul: %s: %s (check [mail] in the "
				"configuration)\n",
		    v[0].address, reply);
		r->rc = EX_CONFIG;
		r->stop = 1;
		break;
	case SEND_DOWN:
		r->stop = 1;
		/* FALLTHROUGH */
	case SEND_TEMPFAIL:
	case SEND_UNCERTAIN:
		fprintf(stderr, "aarshjul: %s: %s; %s\n", v[0].address, reply,
		    st == SEND_UNCERTAIN ? "it may have arrived; the next run "
					   "sends it again with the same "
					   "Message-ID"
					 : "the next run tries again");
		r->pending += (long)n;
		if (r->rc == 0)
			r->rc = EX_TEMPFAIL;
		break;
	}
	mail_free(&m);
}

static void
dry_run_print(struct run *r, struct notice *v, size_t n, FILE *out)
{
	struct mail m;
	char url[512];
	size_t i;

	mail_notices(r->w, r->c, v, n, r->now, r->today,
	    feed_url(r, v[0].role, url, sizeof(url)),
	    r->have_key ? r->done_key : NULL, &m);
	fprintf(out, "To: %s\nSubject: %s\nMessage-ID: %s\n", m.to, m.subject,
	    m.message_id);
	for (i = 0; i < n; i++)
		fprintf(out, "  %s\n", v[i].key);
	fputc('\n', out);
	mail_free(&m);
}

int
remind_run(struct wheel *w, const struct config *c, day_t today, time_t now,
    int dry_run, FILE *out)
{
	struct run r;
	struct facts facts;
	struct notices ns = {0};
	size_t i, j, nlater = 0, *later;
	struct stat st;
	char *path;

	memset(&r, 0, sizeof(r));
	r.w = w;
	r.c = c;
	r.today = today;
	r.now = now;
	if (c->mail.transport == TRANSPORT_NONE) {
		log_warnx("%s: no [mail] section: say how mail leaves "
			  "(transport = smtp or outbox)",
		    c->path);
		return EX_CONFIG;
	}
	/* Each mail links to the recipient's feed: its token is made on
	 * first use, like the done-link key. */
	if (c->base_url && !dry_run) {
		struct feeds fs;
		struct diag d = {0};
		int bad;

		d.emit = log_diag;
		if (feeds_plan(w, c, today, &fs, &d) != 0) {
			if (tokens_load(&r.tokens, c->state) != 0)
				return EX_IOERR;
		} else if ((bad = tokens_for_feeds(&r.tokens, c->state, &fs,
				NULL)) != 0) {
			feeds_free(&fs);
			tokens_free(&r.tokens);
			return bad == -1 ? EX_IOERR : EX_CANTCREAT;
		}
		feeds_free(&fs);
	} else if (tokens_load(&r.tokens, c->state) != 0)
		return EX_IOERR;
	path = state_ledger_path(c->state);
	memset(&facts, 0, sizeof(facts));
	/* A dry run creates nothing: no ledger is an empty one. */
	if (dry_run && stat(path, &st) != 0) {
		free(path);
	} else {
		if (!dry_run && state_dir(c->state) != 0) {
			free(path);
			tokens_free(&r.tokens);
			return EX_CANTCREAT;
		}
		r.ledger = ledger_open(path);
		free(path);
		if (r.ledger == NULL || ledger_facts(r.ledger, &facts) != 0) {
			ledger_close(r.ledger);
			tokens_free(&r.tokens);
			return EX_IOERR;
		}
	}
	/* Done-links need somewhere to point: base-url.  The key is made on
	 * first use (a dry run makes none, and then shows no links). */
	if (c->base_url &&
	    (r.have_key = state_done_key(c->state, !dry_run, r.done_key)) < 0) {
		facts_free(&facts);
		ledger_close(r.ledger);
		tokens_free(&r.tokens);
		return EX_IOERR;
	}
	r.have_key = c->base_url && r.have_key == 0;
	notice_pending(w, &facts, today, c->since, &ns);
	facts_free(&facts);
	if (!dry_run && ns.n && (r.sender = sender_open(c)) == NULL) {
		r.rc = EX_CONFIG;
		goto done;
	}
	later = xcalloc(ns.n ? ns.n : 1, sizeof(*later));
	for (i = 0; i < ns.n && !r.stop; i = j) {
		int fd;

		for (j = i; j < ns.n &&
		     strcmp(ns.v[j].address, ns.v[i].address) == 0;
		     j++)
			;
		if (dry_run) {
			dry_run_print(&r, &ns.v[i], j - i, out);
			continue;
		}
		if ((fd = lock_address(c->state, ns.v[i].address, 0)) == -1) {
			later[nlater++] = i; /* another run has it now */
			continue;
		}
		if (fd < 0) {
			r.rc = EX_CANTCREAT;
			break;
		}
		send_address(&r, &ns.v[i], j - i);
		close(fd);
	}
	/* The addresses another run held: wait for them, then look again. */
	for (i = 0; i < nlater && !r.stop; i++) {
		size_t a = later[i], b;
		int fd;

		for (b = a; b < ns.n &&
		     strcmp(ns.v[b].address, ns.v[a].address) == 0;
		     b++)
			;
		if ((fd = lock_address(c->state, ns.v[a].address, 1)) < 0) {
			r.rc = EX_CANTCREAT;
			break;
		}
		send_address(&r, &ns.v[a], b - a);
		close(fd);
	}
	free(later);
	/* What a stopped run did not get to is pending too. */
	r.pending = (long)ns.n - r.sent - r.bounced - r.elsewhere;
	/* Quiet when all went out: cron mails what a job prints. */
	if (!dry_run && (r.bounced || r.pending))
		fprintf(stderr,
		    "aarshjul: remind: sent=%ld bounced=%ld pending=%ld\n",
		    r.sent, r.bounced, r.pending);
done:
	explicit_bzero(r.done_key, sizeof(r.done_key));
	sender_close(r.sender);
	notice_free(&ns);
	ledger_close(r.ledger);
	tokens_free(&r.tokens);
	return r.rc;
}

int
remind_report(struct wheel *w, const struct config *c, day_t today,
    day_t day, time_t now)
{
	const struct role *committee = &w->roles[w->committee];
	struct ledger *l;
	struct facts facts;
	struct report rep;
	struct sender *sender = NULL;
	struct buf text = {0}, html = {0}, subject = {0}, seed = {0};
	char *path, key[32], dayname[11], reply[512], at[21];
	size_t i;
	int rc = 0;

	if (c->mail.transport == TRANSPORT_NONE) {
		log_warnx("%s: no [mail] section: say how mail leaves "
			  "(transport = smtp or outbox)",
		    c->path);
		return EX_CONFIG;
	}
	if (state_dir(c->state) != 0)
		return EX_CANTCREAT;
	path = state_ledger_path(c->state);
	l = ledger_open(path);
	free(path);
	if (l == NULL || ledger_facts(l, &facts) != 0) {
		ledger_close(l);
		return EX_IOERR;
	}
	if (report_build(&rep, w, ledger_entries_after, l, &facts, today, c->since) != 0) {
		facts_free(&facts);
		ledger_close(l);
		return EX_IOERR;
	}
	facts_free(&facts);
	report_subject(&rep, &subject);
	report_render(&rep, REPORT_TEXT, &text);
	report_render(&rep, REPORT_HTML, &html);
	date_iso(day, dayname);
	snprintf(key, sizeof(key), "report/%s", dayname);
	date_utc_stamp(now, at);
	/* Sent even when nothing is overdue: the committee sees that the
	 * job runs.  Once a day per address. */
	for (i = 0; i < committee->nemail && rc != EX_CONFIG; i++) {
		const char *to = committee->email[i];
		struct ledger_entry e;
		struct mail m;
		enum send_status st;
		int got, fd;

		/* Under the address's lock, so that two runs at once mail
		 * the report once; the ledger is asked under it. */
		if ((fd = lock_address(c->state, to, 1)) < 0) {
			rc = EX_CANTCREAT;
			break;
		}
		if ((got = ledger_notice_recorded(l, key, to)) != 0) {
			if (got < 0)
				rc = EX_IOERR;
			close(fd);
			continue;
		}
		if (sender == NULL && (sender = sender_open(c)) == NULL) {
			rc = EX_CONFIG;
			close(fd);
			break;
		}
		buf_reset(&seed);
		buf_printf(&seed, "report\n%s\n%s\n%s\n", w->id, to, dayname);
		mail_compose(w, c, to, committee->name, subject.s, text.s,
		    html.s, seed.s, now, &m);
		st = sender_send(sender, &m, reply, sizeof(reply));
		memset(&e, 0, sizeof(e));
		memcpy(e.at, at, sizeof(at));
		e.os_user = record_os_user();
		e.notice = key;
		e.recipient = to;
		e.message_id = m.message_id;
		e.reply = reply;
		if (st == SEND_OK || st == SEND_BOUNCE) {
			e.kind = st == SEND_OK ? LEDGER_REPORT : LEDGER_BOUNCE;
			if (st == SEND_BOUNCE)
				fprintf(stderr, "aarshjul: report to %s refused "
						"for good: %s\n",
				    to, reply);
			if (ledger_append(l, &e, 1) != 0)
				rc = EX_IOERR;
		} else if (st == SEND_CONFIG) {
			fprintf(stderr, "aarshjul: %s: %s (check [mail])\n", to,
			    reply);
			rc = EX_CONFIG;
		} else {
			fprintf(stderr, "aarshjul: report to %s: %s; the next "
					"run tries again\n",
			    to, reply);
			if (rc == 0)
				rc = EX_TEMPFAIL;
		}
		mail_free(&m);
		close(fd);
	}
	sender_close(sender);
	report_free(&rep);
	buf_free(&text);
	buf_free(&html);
	buf_free(&subject);
	buf_free(&seed);
	ledger_close(l);
	return rc;
}

int
cmd_remind(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch, rc, dry = 0;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "n", opts)) > 0)
		dry = 1; /* --dry-run */
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		cmd_usage(stderr);
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("remind needs the ledger in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	return remind_run(c->wheel, &c->conf, c->today, c->now, dry, stdout);
}
