/* remind.c: `aarshjul remind`: the pending notices sent, once each, and
 * recorded; and the committee's report mailed (for `report` and `run`).
 *
 * Nothing is lost and nothing is doubled: a notice is recorded only after
 * the server accepted its mail, right away, and the next run sends what is
 * still pending.  Two runs at once never send the same notice: each address
 * is handled under a lock of its own, and the ledger is read again under
 * it.  A run that finds an address locked goes on with the others and
 * comes back to it at the end. */

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
#include "io/overview.h"
#include "io/tzload.h"
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
	char stale[32]; /* a pending notice first tried then, over 2 days ago */
	long nmail;	/* mails sent, one per address */
	/* The ledger's triggers, which the notices point into for their
	 * reasons: kept from the facts until the run ends. */
	struct triggers triggers;
};

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

/* Records the notices of one mail.  Returns 0, or -1 when the ledger did
 * not take them: the run then stops. */
static int
record(struct run *r, const struct notice *v, size_t n, enum ledger_kind kind,
    const char *message_id, const char *reply)
{
	struct ledger_entry *e = xcalloc(n, sizeof(*e));
	char (*nom)[OCC_NAME_MAX] = xcalloc(n, sizeof(*nom));
	int rc = 0;
	char at[21];
	size_t i;

	date_utc_stamp(r->now, at);
	for (i = 0; i < n; i++) {
		occur_name(&v[i].occ, nom[i]);
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
		 * the same Message-ID.  The rest waits for that run too:
		 * mail that cannot be recorded would be sent again. */
		log_warnx("%s: sent, but the ledger did not take it; the "
			  "rest waits for the next run",
		    v[0].address);
		r->rc = EX_IOERR;
		r->stop = 1;
		rc = -1;
	}
	free(e);
	free(nom);
	return rc;
}

/* Keeps the time of the first failed try of each notice (in the ledger
 * file's meta table, outside the chain) and notes in r->stale one pending
 * for more than two days: a mail server down that long needs a person, so
 * the run then exits 69, which systemd counts as a failure. */
static void
note_pending(struct run *r, const struct notice *v, size_t n)
{
	char at[21], kept[32], *key;
	time_t t;
	size_t i;

	date_utc_stamp(r->now, at);
	for (i = 0; i < n; i++) {
		key = xasprintf("pending %s %s", v[i].key, v[i].address);
		if (ledger_meta_keep(r->ledger, key, at, kept,
			sizeof(kept)) == 0 &&
		    (t = date_parse_utc(kept)) != (time_t)-1 &&
		    r->now - t > 2 * 86400 &&
		    (r->stale[0] == '\0' || strcmp(kept, r->stale) < 0))
			snprintf(r->stale, sizeof(r->stale), "%s", kept);
		free(key);
	}
}

/* Forgets the first failed try of notices now sent or bounced: the meta
 * table holds only what is still pending, and does not grow forever. */
static void
forget_pending(struct run *r, const struct notice *v, size_t n)
{
	char *key;
	size_t i;

	for (i = 0; i < n; i++) {
		key = xasprintf("pending %s %s", v[i].key, v[i].address);
		(void)ledger_meta_forget(r->ledger, key);
		free(key);
	}
}

/* The meta table's key for the notices of an address's last mail whose
 * fate was not known (the connection broke after the data went out). */
static char *
uncertain_key(const char *address)
{
	return xasprintf("uncertain %s", address);
}

/* Remembers the notices of a mail whose fate is not known, or forgets them
 * (v NULL) once the address's mail went out or was refused for good. */
static void
note_uncertain(struct run *r, const char *address, const struct notice *v,
    size_t n)
{
	char *key = uncertain_key(address), kept[8];
	struct buf keys = {0};
	size_t i;

	(void)ledger_meta_forget(r->ledger, key);
	if (v != NULL) {
		for (i = 0; i < n; i++)
			buf_printf(&keys, "%s%s", i ? "\n" : "", v[i].key);
		(void)ledger_meta_keep(r->ledger, key, keys.s, kept,
		    sizeof(kept));
		buf_free(&keys);
	}
	free(key);
}

/* The first i >= from with v[i].key the len characters at p, else n. */
static size_t
key_at(const struct notice *v, size_t from, size_t n, const char *p,
    size_t len)
{
	for (; from < n; from++)
		if (strncmp(v[from].key, p, len) == 0 && v[from].key[len] == '\0')
			break;
	return from;
}

/* When the address's last mail of unknown fate held only notices that are
 * still pending among v[0..n), puts those first, in that mail's order, and
 * returns how many: sent alone, that mail keeps its Message-ID, though the
 * address has more notices now.  Otherwise 0, and v stays as it is. */
static size_t
uncertain_first(struct run *r, struct notice *v, size_t n)
{
	char *key = uncertain_key(v[0].address), *keys = NULL, *p, *e;
	size_t i, m = 0, want = 0, found = 0;
	struct notice t;

	if (ledger_meta_get(r->ledger, key, &keys) <= 0) {
		free(key);
		return 0;
	}
	free(key);
	for (p = keys; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		want++;
		found += key_at(v, 0, n, p, (size_t)(e - p)) < n;
	}
	for (p = keys; found == want && *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if ((i = key_at(v, m, n, p, (size_t)(e - p))) < n) {
			t = v[i];
			memmove(&v[m + 1], &v[m], (i - m) * sizeof(*v));
			v[m++] = t;
		}
	}
	free(keys);
	return m;
}

static enum send_status send_mail(struct run *r, struct notice *v, size_t n);

/* Sends the notices of one address (v[0..n)), whose lock we hold. */
static void
send_address(struct run *r, struct notice *v, size_t n)
{
	size_t i, k = 0, m;
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
	/* A mail that may have arrived goes again as it was, with its
	 * Message-ID, before the address's newer notices. */
	if ((m = uncertain_first(r, v, n)) > 0 && m < n) {
		st = send_mail(r, v, m);
		if (r->stop || (st != SEND_OK && st != SEND_BOUNCE))
			return;
		v += m;
		n -= m;
	}
	(void)send_mail(r, v, n);
}

/* Sends v[0..n), the notices of one address, as one mail, and records
 * what came of it. */
static enum send_status
send_mail(struct run *r, struct notice *v, size_t n)
{
	struct mail m;
	char reply[512], url[512];
	enum send_status st;

	mail_notices(r->w, r->c, v, n, r->now, r->today,
	    feed_url(r, v[0].role, url, sizeof(url)),
	    r->have_key ? r->done_key : NULL, &m);
	st = sender_send(r->sender, &m, reply, sizeof(reply));
	switch (st) {
	case SEND_OK:
		if (record(r, v, n, LEDGER_NOTICE, m.message_id, reply) == 0) {
			forget_pending(r, v, n);
			note_uncertain(r, v[0].address, NULL, 0);
		}
		r->sent += (long)n;
		r->nmail++;
		break;
	case SEND_BOUNCE:
		log_warnx("%s refused for good: %s",
		    v[0].address, reply);
		if (record(r, v, n, LEDGER_BOUNCE, m.message_id, reply) == 0) {
			forget_pending(r, v, n);
			note_uncertain(r, v[0].address, NULL, 0);
		}
		r->bounced += (long)n;
		break;
	case SEND_CONFIG:
		/* A refusal of our side names its setting already. */
		log_warnx("%s: %s%s", v[0].address, reply,
		    strstr(reply, "[mail]") ? ""
					    : " (check [mail] in the "
					      "configuration)");
		r->rc = EX_CONFIG;
		r->stop = 1;
		break;
	case SEND_DOWN:
		r->stop = 1;
		/* FALLTHROUGH */
	case SEND_TEMPFAIL:
	case SEND_UNCERTAIN:
		log_warnx("%s: %s; %s", v[0].address, reply,
		    st == SEND_UNCERTAIN ? "it may have arrived; the next run "
					   "sends it again with the same "
					   "Message-ID"
					 : "the next run tries again");
		r->pending += (long)n;
		if (r->rc == 0)
			r->rc = EX_TEMPFAIL;
		note_pending(r, v, n);
		if (st == SEND_UNCERTAIN)
			note_uncertain(r, v[0].address, v, n);
		break;
	}
	/* A stalled server costs one time-out per run: the rest waits. */
	if (sender_stalled(r->sender))
		r->stop = 1;
	mail_free(&m);
	return st;
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

/* Whether the configuration says how mail leaves; says so when not. */
static int
mail_configured(const struct config *c)
{
	if (c->mail.transport != TRANSPORT_NONE)
		return 1;
	log_warnx("%s: no [mail] section: say how mail leaves "
		  "(transport = smtp or outbox)",
	    c->path);
	return 0;
}

/* Each mail links to the recipient's feed: its token is made on first
 * use, like the done-link key.  Returns 0 or an exit status. */
static int
load_tokens(struct run *r, int dry_run)
{
	struct feeds fs;
	struct diag d = {0};
	int bad;

	if (r->c->base_url == NULL || dry_run)
		return tokens_load(&r->tokens, r->c->state) != 0 ? EX_IOERR : 0;
	d.emit = log_diag;
	if (feeds_plan(r->w, r->c, r->today, &fs, &d) != 0)
		bad = tokens_load(&r->tokens, r->c->state) != 0 ? -1 : 0;
	else
		bad = tokens_for_feeds(&r->tokens, r->c->state, &fs, NULL);
	feeds_free(&fs);
	return bad == 0 ? 0 : bad == -1 ? EX_IOERR : EX_CANTCREAT;
}

/* Opens the ledger into r->ledger, where each address's notices are
 * looked up again under its lock, and lists the pending notices.
 * Returns 0 or an exit status. */
static int
load_pending(struct run *r, int dry_run, struct notices *ns)
{
	const struct config *c = r->c;
	char *path = state_ledger_path(c->state);
	struct facts facts;
	int found;

	memset(&facts, 0, sizeof(facts));
	if ((found = ledger_find(path)) < 0) {
		free(path);
		return cmd_ledger_error(found);
	}
	/* A dry run creates nothing: no ledger is an empty one. */
	if (dry_run && !found) {
		free(path);
	} else {
		if (!dry_run && state_dir(c->state) != 0) {
			free(path);
			return EX_CANTCREAT;
		}
		r->ledger = ledger_open(path);
		free(path);
		if (r->ledger == NULL || ledger_facts(r->ledger, &facts) != 0)
			return EX_IOERR;
	}
	/* Done-links need somewhere to point: base-url.  The key is made on
	 * first use (a dry run makes none, and then shows no links). */
	if (c->base_url && (r->have_key = state_done_key(c->state, !dry_run,
	    r->done_key)) < 0) {
		facts_free(&facts);
		return EX_IOERR;
	}
	r->have_key = c->base_url && r->have_key == 0;
	notice_pending(r->w, &facts, r->today, c->since, ns);
	r->triggers = facts.triggers;
	memset(&facts.triggers, 0, sizeof(facts.triggers));
	facts_free(&facts);
	return 0;
}

/* The end of the notices for the address of ns->v[i]: they come sorted
 * by address. */
static size_t
address_end(const struct notices *ns, size_t i)
{
	size_t j;

	for (j = i; j < ns->n &&
	     strcmp(ns->v[j].address, ns->v[i].address) == 0;
	     j++)
		;
	return j;
}

/* Sends each address's notices under its lock; an address another run
 * holds waits until the others are done. */
static void
send_all(struct run *r, struct notices *ns)
{
	const char *state = r->c->state;
	size_t i, j, nlater = 0, *later;
	int fd;

	later = xcalloc(ns->n ? ns->n : 1, sizeof(*later));
	for (i = 0; i < ns->n && !r->stop; i = j) {
		j = address_end(ns, i);
		if ((fd = state_lock_address(state, ns->v[i].address, 0)) == -1) {
			later[nlater++] = i; /* another run has it now */
			continue;
		}
		if (fd < 0) {
			r->rc = EX_CANTCREAT;
			break;
		}
		send_address(r, &ns->v[i], j - i);
		close(fd);
	}
	/* The addresses another run held: wait for them, then look again. */
	for (i = 0; i < nlater && !r->stop; i++) {
		size_t a = later[i], b = address_end(ns, a);

		if ((fd = state_lock_address(state, ns->v[a].address, 1)) < 0) {
			r->rc = EX_CANTCREAT;
			break;
		}
		send_address(r, &ns->v[a], b - a);
		close(fd);
	}
	free(later);
}

int
remind_run(struct wheel *w, const struct config *c, day_t today, time_t now,
    int dry_run, FILE *out)
{
	struct run r;
	struct notices ns = {0};
	size_t i, j;
	char *path;
	int found;

	memset(&r, 0, sizeof(r));
	r.w = w;
	r.c = c;
	r.today = today;
	r.now = now;
	if (!mail_configured(c))
		return EX_CONFIG;
	/* A ledger this user may not read is said first, not as a token
	 * file it may not read either. */
	path = state_ledger_path(c->state);
	found = ledger_find(path);
	free(path);
	if (found < 0)
		return cmd_ledger_error(found);
	if ((r.rc = load_tokens(&r, dry_run)) != 0 ||
	    (r.rc = load_pending(&r, dry_run, &ns)) != 0)
		goto done;
	if (!dry_run && ns.n && (r.sender = sender_open(c)) == NULL) {
		r.rc = EX_CONFIG;
		goto done;
	}
	if (dry_run) {
		for (i = 0; i < ns.n; i = j) {
			size_t m = 0;

			j = address_end(&ns, i);
			/* As a run would: a mail of unknown fate first. */
			if (r.ledger != NULL &&
			    (m = uncertain_first(&r, &ns.v[i], j - i)) > 0 &&
			    m < j - i)
				dry_run_print(&r, &ns.v[i], m, out);
			else
				m = 0;
			dry_run_print(&r, &ns.v[i + m], j - i - m, out);
		}
		goto invitations;
	}
	send_all(&r, &ns);
	/* What a stopped run did not get to is pending too. */
	r.pending = (long)ns.n - r.sent - r.bounced - r.elsewhere;
	/* Quiet when all went out: cron mails what a job prints. */
	if (r.bounced || r.pending)
		log_info("remind: sent=%ld bounced=%ld pending=%ld",
		    r.sent, r.bounced, r.pending);
	/* One mail per address: as many messages as addresses. */
	if (r.rc == 0 && cmd_tty())
		fprintf(out, r.nmail ? "remind: %ld messages to %ld addresses\n"
				     : "remind: nothing to send\n",
		    r.nmail, r.nmail);
invitations:
	if (!r.stop && (found = remind_invitations(w, c, today, now, dry_run,
	    out)) != 0 && r.rc == 0)
		r.rc = found;
	if (r.stale[0] && r.rc == EX_TEMPFAIL) {
		log_warnx("remind: a notice has been pending since %.10s, more "
			  "than two days: see to the mail server "
			  "(aarshjul test-mail ADDRESS)", r.stale);
		r.rc = EX_UNAVAILABLE;
	}
done:
	explicit_bzero(r.done_key, sizeof(r.done_key));
	sender_close(r.sender);
	notice_free(&ns);
	triggers_free(&r.triggers);
	ledger_close(r.ledger);
	tokens_free(&r.tokens);
	return r.rc;
}

/* The committee's report, rendered once and mailed to each of its
 * addresses that has had none since the day it is owed from. */
struct mailing {
	struct wheel *w;
	const struct config *c;
	day_t today;
	day_t from;    /* owed from: run's latest report day, or today */
	int scheduled; /* by run, not asked for with report */
	time_t now;
	struct ledger *l;
	struct sender *sender; /* opened for the first mail */
	struct buf text, html, subject;
	struct buf png; /* the drawn wheel, or empty */
	int png_width;
	char key[32];	   /* the ledger's notice: report/TODAY */
	char fromname[11]; /* from, in the Message-ID's seed */
	char at[21];
	int rc;
};

/* Opens the ledger into ml->l, where the mails are recorded.  Returns 0 or
 * an exit status. */
static int
mailing_open(struct mailing *ml)
{
	char *path = state_ledger_path(ml->c->state);
	int found;

	if ((found = ledger_find(path)) < 0) {
		free(path);
		return cmd_ledger_error(found);
	}
	if (state_dir(ml->c->state) != 0) {
		free(path);
		return EX_CANTCREAT;
	}
	ml->l = ledger_open(path);
	free(path);
	return ml->l == NULL ? EX_IOERR : 0;
}

/* The day of the first run, kept in the ledger's meta table by the first
 * run that asks; for a ledger that has mailed before there was such a
 * key, the day of its first mail.  0 or -1. */
static int
mailing_first_run(struct mailing *ml, day_t *first)
{
	char at[21], day[11], kept[32];
	time_t t;
	int got;

	*first = ml->today;
	if ((got = ledger_first_mail(ml->l, at)) < 0)
		return -1;
	if (got && (t = date_parse_utc(at)) != (time_t)-1 &&
	    tzload_date_at(t, ml->w->timezone) < *first)
		*first = tzload_date_at(t, ml->w->timezone);
	date_iso(*first, day);
	if (ledger_meta_keep(ml->l, "first_run", day, kept, sizeof(kept)) != 0)
		return -1;
	return date_parse(kept, first) == 0 ? 0 : -1;
}

/* Whether a run owes a report at all: not for a report day before since,
 * when the wheel's history ends, nor before the first run: a new
 * installation does not report a week it did not run.  1 yes, 0 no, -1
 * error. */
static int
mailing_owed(struct mailing *ml)
{
	day_t first;

	if (mailing_first_run(ml, &first) != 0)
		return -1;
	return ml->from >= ml->c->since && ml->from >= first;
}

/* The drawn wheel for the report's HTML (unless [report] picture = no),
 * and in its text the overview page of the feed "all" when there is a
 * base-url and the feed has its token. */
static void
mailing_picture(struct mailing *ml, const struct facts *facts)
{
	const char *base = ml->c->base_url, *tok;
	struct tokens t = {0};

	if (!ml->c->report.no_picture &&
	    overview_png(ml->w, facts, ml->today, ml->c->since, &ml->png,
		&ml->png_width) != 0)
		log_warnx("the report goes without its picture of the wheel");
	if (base == NULL)
		return;
	if (tokens_load(&t, ml->c->state) == 0 &&
	    (tok = tokens_get(&t, "all")) != NULL)
		buf_printf(&ml->text, "\n%s: %.*s/w/%s/\n",
		    ml->w->lang == LANG_DA ? "Årshjulet som side"
					   : "The wheel as a page",
		    (int)syntax_base_len(base), base, tok);
	tokens_free(&t);
}

/* Renders the report of today from the ledger.  Returns 0 or an exit
 * status. */
static int
mailing_render(struct mailing *ml)
{
	struct facts facts;
	struct report rep;

	if (ledger_facts(ml->l, &facts) != 0)
		return EX_IOERR;
	if (report_build(&rep, ml->w, ledger_entries_after, ml->l, &facts,
		ml->today, ml->c->since) != 0) {
		facts_free(&facts);
		return EX_IOERR;
	}
	report_subject(&rep, &ml->subject);
	report_render(&rep, REPORT_TEXT, &ml->text);
	report_render(&rep, REPORT_HTML, &ml->html);
	report_free(&rep);
	mailing_picture(ml, &facts);
	facts_free(&facts);
	return 0;
}

/* Whether the address has had a report (or a bounce of one) on a day from
 * ml->from to today: once a day, and a report day's report once, whether
 * run, its catch-up or report sent it.  1 yes, 0 no, -1 error. */
static int
mailing_had(struct mailing *ml, const char *to)
{
	char key[32], day[11];
	day_t z;
	int got;

	for (z = ml->from; z <= ml->today; z++) {
		date_iso(z, day);
		snprintf(key, sizeof(key), "report/%s", day);
		if ((got = ledger_notice_recorded(ml->l, key, to)) != 0)
			return got;
	}
	return 0;
}

/* Records a report the server took or refused for good; for any other
 * outcome, says why and what comes of it.  Returns -1 when the ledger did
 * not take it (the other addresses then wait), else 0. */
static int
mailing_record(struct mailing *ml, const char *to, enum send_status st,
    const char *message_id, const char *reply)
{
	struct ledger_entry e;

	if (st == SEND_OK || st == SEND_BOUNCE) {
		memset(&e, 0, sizeof(e));
		memcpy(e.at, ml->at, sizeof(ml->at));
		e.kind = st == SEND_OK ? LEDGER_REPORT : LEDGER_BOUNCE;
		e.os_user = record_os_user();
		e.notice = ml->key;
		e.recipient = to;
		e.message_id = message_id;
		e.reply = reply;
		if (st == SEND_BOUNCE)
			log_warnx("report to %s refused for "
					"good: %s",
			    to, reply);
		if (ledger_append(ml->l, &e, 1) != 0) {
			log_warnx("report to %s: the ledger did not take it; "
				  "the rest waits for the next run",
			    to);
			ml->rc = EX_IOERR;
			return -1;
		}
	} else if (st == SEND_CONFIG) {
		/* A refusal of our side names its setting already. */
		log_warnx("%s: %s%s", to, reply,
		    strstr(reply, "[mail]") ? "" : " (check [mail])");
		ml->rc = EX_CONFIG;
	} else {
		const char *next;

		/* A run's report stays owed until it is recorded; one asked
		 * for goes again when asked again. */
		if (st == SEND_UNCERTAIN)
			next = ml->scheduled
			    ? "it may have arrived; the next run sends it "
			      "again with the same Message-ID"
			    : "it may have arrived; aarshjul report again "
			      "today sends it with the same Message-ID";
		else
			next = ml->scheduled ? "the next run tries again"
					     : "try aarshjul report again";
		log_warnx("report to %s: %s; %s", to, reply, next);
		if (ml->rc == 0)
			ml->rc = EX_TEMPFAIL;
	}
	return 0;
}

static void
mailing_attach(const struct mailing *ml, struct mail *m)
{
	char cid[WHEEL_ID_MAX + 32];

	snprintf(cid, sizeof(cid), "aarshjul-wheel@%s", ml->w->id);
	mail_add_picture(m, ml->html.s, (const unsigned char *)ml->png.s,
	    ml->png.len, cid, ml->w->name, ml->png_width);
}

/* Mails the report to one address, unless it has had it.  Returns -1
 * when the others cannot be mailed either. */
static int
mailing_send(struct mailing *ml, const char *to, const char *name)
{
	struct buf seed = {0};
	struct mail m;
	char reply[512];
	enum send_status st;
	int got, fd;

	/* Under the address's lock, so that two runs at once mail the
	 * report once; the ledger is asked under it. */
	if ((fd = state_lock_address(ml->c->state, to, 1)) < 0) {
		ml->rc = EX_CANTCREAT;
		return -1;
	}
	if ((got = mailing_had(ml, to)) != 0) {
		if (got < 0)
			ml->rc = EX_IOERR;
		close(fd);
		return 0;
	}
	if (ml->sender == NULL && (ml->sender = sender_open(ml->c)) == NULL) {
		ml->rc = EX_CONFIG;
		close(fd);
		return -1;
	}
	/* From the day it is owed from: a catch-up that sends again a report
	 * that may have arrived keeps its Message-ID. */
	buf_printf(&seed, "report\n%s\n%s\n%s\n", ml->w->id, to, ml->fromname);
	mail_compose(ml->w, ml->c, to, name, ml->subject.s, ml->text.s,
	    ml->html.s, seed.s, ml->now, &m);
	if (ml->png.len)
		mailing_attach(ml, &m);
	st = sender_send(ml->sender, &m, reply, sizeof(reply));
	got = mailing_record(ml, to, st, m.message_id, reply);
	mail_free(&m);
	buf_free(&seed);
	close(fd);
	return got;
}

int
remind_report(struct wheel *w, const struct config *c, day_t today,
    int scheduled, time_t now)
{
	const struct role *committee = &w->roles[w->committee];
	struct mailing ml;
	char day[11];
	size_t i;
	int owed;

	if (!mail_configured(c))
		return EX_CONFIG;
	memset(&ml, 0, sizeof(ml));
	ml.w = w;
	ml.c = c;
	ml.today = today;
	ml.scheduled = scheduled;
	ml.now = now;
	/* A run owes the report of its latest report day, sent that day or
	 * caught up on a later run; report sends today's. */
	ml.from = scheduled
	    ? today - (date_weekday(today) - c->report.weekday + 7) % 7
	    : today;
	if ((ml.rc = mailing_open(&ml)) != 0)
		goto done;
	if (scheduled && (owed = mailing_owed(&ml)) <= 0) {
		ml.rc = owed < 0 ? EX_IOERR : 0;
		goto done;
	}
	if ((ml.rc = mailing_render(&ml)) != 0)
		goto done;
	date_iso(today, day);
	snprintf(ml.key, sizeof(ml.key), "report/%s", day);
	date_iso(ml.from, ml.fromname);
	date_utc_stamp(now, ml.at);
	/* Sent even when nothing is overdue: the committee sees that the
	 * job runs.  Once a day per address. */
	for (i = 0; i < committee->nemail && ml.rc != EX_CONFIG; i++)
		if (mailing_send(&ml, committee->email[i],
		    committee->name) != 0)
			break;
done:
	sender_close(ml.sender);
	buf_free(&ml.text);
	buf_free(&ml.html);
	buf_free(&ml.subject);
	buf_free(&ml.png);
	ledger_close(ml.l);
	return ml.rc;
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
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("remind needs the ledger in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	if (!dry && (rc = cmd_check_since(c)) != 0)
		return rc;
	return remind_run(c->wheel, &c->conf, c->today, c->now, dry, stdout);
}
