/* remind-invite.c: `remind`'s calendar invitations ([mail] invitations):
 * each owed REQUEST or CANCEL (core/invite.c) sent as its own message and
 * recorded as a notice entry whose key says what was sent, under the rules
 * of the reminders: recorded only after the server took it, looked up
 * again under the address's lock, a temporary failure tried again by the
 * next run, a message that may have arrived sent again with the same
 * Message-ID.  At most [invitations] max-invitations a run. */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/diag.h"
#include "core/donelink.h"
#include "core/invite.h"
#include "io/ledger.h"
#include "io/log.h"
#include "io/record.h"
#include "io/send.h"
#include "io/state.h"
#include "io/tzload.h"

struct irun {
	struct invite_ctx x;
	struct ledger *l;
	struct sender *sender;
	struct facts facts;
	struct invite_history h;
	struct feeds fs;
	struct tzinfo tz;
	unsigned char key[DONELINK_KEY_LEN];
	long sent, bounced, pending, elsewhere;
	int rc, stop;
};

static int
take_sent(const char *notice, const char *recipient, const char *activity,
    const char *nominal, void *h)
{
	invite_history_add(h, notice, recipient, activity, nominal);
	return 0;
}

/* The ledger (none for a dry run before the first), its facts and what
 * it says was sent.  0 or an exit status. */
static int
irun_ledger(struct irun *ir, int dry_run)
{
	const struct config *c = ir->x.c;
	char *path = state_ledger_path(c->state);
	int found = ledger_find(path);

	if (found < 0 || (dry_run && !found)) {
		free(path);
		return found < 0 ? cmd_ledger_error(found) : 0;
	}
	if (!dry_run && state_dir(c->state) != 0) {
		free(path);
		return EX_CANTCREAT;
	}
	ir->l = ledger_open(path);
	free(path);
	if (ir->l == NULL || ledger_facts(ir->l, &ir->facts) != 0 ||
	    ledger_each_notice(ir->l, INVITE_PREFIX, take_sent, &ir->h) != 0)
		return EX_IOERR;
	return 0;
}

/* Everything invite_plan() needs.  0 or an exit status. */
static int
irun_open(struct irun *ir, int dry_run)
{
	const struct config *c = ir->x.c;
	struct diag d = {0};
	int rc, have, y, m, day;

	d.emit = log_diag;
	if (feeds_plan_invitations(ir->x.w, c, ir->x.today, &ir->fs, &d) != 0)
		return EX_CONFIG;
	ir->x.f = &ir->fs.v[0];
	/* A zone that does not fit the VTIMEZONE's two rules keeps its
	 * standard offset, as in the feeds (which say so). */
	date_to_ymd(feeds_zone_day(ir->x.f), &y, &m, &day);
	(void)tzload_rules(&ir->tz, ir->x.w->timezone, y);
	ir->x.tz = &ir->tz;
	if ((rc = irun_ledger(ir, dry_run)) != 0)
		return rc;
	ir->x.facts = &ir->facts;
	if (c->base_url) {
		if ((have = state_done_key(c->state, !dry_run, ir->key)) < 0)
			return EX_IOERR;
		if (have == 0)
			ir->x.done_key = ir->key;
	}
	return 0;
}

static void
irun_record(struct irun *ir, const struct invite *iv, enum ledger_kind kind,
    const char *message_id, const char *reply)
{
	struct ledger_entry e;
	char nom[OCC_NAME_MAX];

	memset(&e, 0, sizeof(e));
	date_utc_stamp(ir->x.now, e.at);
	/* The occurrence's name: a triggered one is tSEQ, as in its other
	 * entries (invite_history_add() dates it through the trigger). */
	occur_name(&iv->occ, nom);
	e.kind = kind;
	e.activity = iv->activity_id;
	e.nominal = nom;
	e.os_user = record_os_user();
	e.notice = iv->key;
	e.recipient = iv->address;
	e.message_id = message_id;
	e.reply = reply;
	if (ledger_append(ir->l, &e, 1) != 0) {
		/* Sent but not recorded: the next run sends it again, with
		 * the same Message-ID. */
		log_warnx("%s: sent, but the ledger did not take it",
		    iv->address);
		ir->rc = EX_IOERR;
	}
}

/* What a send came to: recorded, or said and counted. */
static void
irun_outcome(struct irun *ir, const struct invite *iv, enum send_status st,
    const struct mail *m, const char *reply)
{
	switch (st) {
	case SEND_OK:
		irun_record(ir, iv, LEDGER_NOTICE, m->message_id, reply);
		ir->sent++;
		return;
	case SEND_BOUNCE:
		log_warnx("%s refused for good: %s", iv->address, reply);
		irun_record(ir, iv, LEDGER_BOUNCE, m->message_id, reply);
		ir->bounced++;
		return;
	case SEND_CONFIG:
		log_warnx("%s: %s%s", iv->address, reply,
		    strstr(reply, "[mail]") ? "" : " (check [mail])");
		ir->rc = EX_CONFIG;
		ir->stop = 1;
		return;
	case SEND_DOWN:
		ir->stop = 1;
		/* FALLTHROUGH */
	case SEND_TEMPFAIL:
	case SEND_UNCERTAIN:
		log_warnx("invitation to %s: %s; %s", iv->address, reply,
		    st == SEND_UNCERTAIN ? "it may have arrived; the next run "
					   "sends it again with the same "
					   "Message-ID"
					 : "the next run tries again");
		ir->pending++;
		if (ir->rc == 0)
			ir->rc = EX_TEMPFAIL;
		return;
	}
}

/* Sends one invitation under its address's lock, unless another run
 * sent it meanwhile.  Without wait, returns -1 when another run holds the
 * lock (the caller comes back to it); else 0. */
static int
irun_send(struct irun *ir, const struct invite *iv, int wait)
{
	struct mail m;
	char reply[512];
	int fd, got;

	if ((fd = state_lock_address(ir->x.c->state, iv->address, wait)) == -1 &&
	    !wait)
		return -1;
	if (fd < 0) {
		ir->rc = EX_CANTCREAT;
		ir->stop = 1;
		return 0;
	}
	if ((got = ledger_notice_recorded(ir->l, iv->key, iv->address)) != 0) {
		if (got < 0) {
			ir->rc = EX_IOERR;
			ir->stop = 1;
		} else
			ir->elsewhere++;
		close(fd);
		return 0;
	}
	if (ir->sender == NULL &&
	    (ir->sender = sender_open(ir->x.c)) == NULL) {
		ir->rc = EX_CONFIG;
		ir->stop = 1;
		close(fd);
		return 0;
	}
	invite_mail(&ir->x, iv, &m);
	irun_outcome(ir, iv, sender_send(ir->sender, &m, reply, sizeof(reply)),
	    &m, reply);
	/* A stalled server costs one time-out per run: the rest waits. */
	if (sender_stalled(ir->sender))
		ir->stop = 1;
	mail_free(&m);
	close(fd);
	return 0;
}

/* Sends v[0..n) each under its address's lock; an address another run
 * holds waits until the others are done, as for the reminders. */
static void
irun_send_all(struct irun *ir, const struct invite *v, size_t n)
{
	size_t i, nlater = 0, *later = xcalloc(n ? n : 1, sizeof(*later));

	for (i = 0; i < n && !ir->stop; i++)
		if (irun_send(ir, &v[i], 0) != 0)
			later[nlater++] = i;
	for (i = 0; i < nlater && !ir->stop; i++)
		irun_send(ir, &v[later[i]], 1);
	free(later);
}

static void
irun_print(struct irun *ir, const struct invite *iv, FILE *out)
{
	struct mail m;

	invite_mail(&ir->x, iv, &m);
	fprintf(out, "To: %s\nSubject: %s\nMessage-ID: %s\n  %s\n\n", m.to,
	    m.subject, m.message_id, iv->key);
	mail_free(&m);
}

/* The invitations this run owes, sent (or printed) up to the cap. */
static void
irun_all(struct irun *ir, int dry_run, FILE *out)
{
	struct invites v;
	size_t i, n;

	invite_plan(&ir->x, &ir->h, &v);
	n = v.n < ir->x.c->invite.max ? v.n : ir->x.c->invite.max;
	if (dry_run)
		for (i = 0; i < n; i++)
			irun_print(ir, &v.v[i], out);
	else
		irun_send_all(ir, v.v, n);
	if (!dry_run)
		ir->pending = (long)n - ir->sent - ir->bounced - ir->elsewhere;
	/* Quiet when all went out: cron mails what a job prints. */
	if (v.n > n || ir->pending || ir->bounced)
		log_info("invitations: sent=%ld bounced=%ld pending=%ld; %zu "
			 "held back by max-invitations = %u (the next runs "
			 "send them)",
		    ir->sent, ir->bounced, ir->pending, v.n - n,
		    ir->x.c->invite.max);
	invite_free(&v);
}

int
remind_invitations(struct wheel *w, const struct config *c, day_t today,
    time_t now, int dry_run, FILE *out)
{
	struct irun ir;

	if (c->mail.invitations == INVITE_NONE)
		return 0;
	memset(&ir, 0, sizeof(ir));
	ir.x.w = w;
	ir.x.c = c;
	ir.x.today = today;
	ir.x.now = now;
	if ((ir.rc = irun_open(&ir, dry_run)) == 0)
		irun_all(&ir, dry_run, out);
	explicit_bzero(ir.key, sizeof(ir.key));
	sender_close(ir.sender);
	invite_history_free(&ir.h);
	feeds_free(&ir.fs);
	facts_free(&ir.facts);
	ledger_close(ir.l);
	return ir.rc;
}
