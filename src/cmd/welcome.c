/* welcome.c: `aarshjul welcome [ROLE ...] [--again] [--dry-run]`: each
 * role's addresses mailed the role's calendar, its activities and how to
 * subscribe (core/welcome.c), once: the ledger records each as a notice
 * welcome:ROLE, and only --again sends one again.
 *
 * It goes out as reminders do: through the configured transport (SMTP or
 * the outbox, io/send.c), recorded only after the server took it, under
 * the address's lock that remind takes too; what did not go out goes on
 * the next welcome. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/feeds.h"
#include "core/syntax.h"
#include "core/util.h"
#include "core/welcome.h"
#include "core/wheel.h"
#include "io/config.h"
#include "io/ledger.h"
#include "io/log.h"
#include "io/record.h"
#include "io/send.h"
#include "io/state.h"
#include "io/tokens.h"

struct welcome {
	struct ctx *c;
	struct wheel *w;
	struct ledger *l; /* NULL on a dry run without a ledger */
	struct sender *sender;
	struct tokens tokens;
	int again, dry_run, stop, rc;
	long sent, had, bounced, pending;
};

/* The role indices asked for (all when none), in *sel; 0 or EX_USAGE. */
static int
select_roles(struct wheel *w, char **names, int n, int *sel)
{
	const char **ids = xcalloc(w->nroles, sizeof(*ids));
	size_t i;
	int k, rc = 0;

	for (i = 0; i < w->nroles; i++) {
		ids[i] = w->roles[i].id;
		sel[i] = n == 0;
	}
	for (k = 0; k < n; k++) {
		const char *near;

		for (i = 0; i < w->nroles; i++)
			if (strcmp(names[k], w->roles[i].id) == 0)
				break;
		if (i < w->nroles) {
			sel[i] = 1;
			continue;
		}
		near = nearest_word(names[k], ids, w->nroles);
		if (near)
			log_warnx("welcome: no role \"%s\" (did you mean '%s'?)",
			    names[k], near);
		else
			log_warnx("welcome: no role \"%s\"", names[k]);
		rc = EX_USAGE;
	}
	free(ids);
	return rc;
}

static void
record(struct welcome *wl, const char *key, const char *to,
    enum send_status st, const char *message_id, const char *reply)
{
	struct ledger_entry e;

	memset(&e, 0, sizeof(e));
	date_utc_stamp(wl->c->now, e.at);
	e.kind = st == SEND_OK ? LEDGER_NOTICE : LEDGER_BOUNCE;
	e.os_user = record_os_user();
	e.notice = key;
	e.recipient = to;
	e.message_id = message_id;
	e.reply = reply;
	if (ledger_append(wl->l, &e, 1) != 0) {
		log_warnx("%s: sent, but the ledger did not take it", to);
		wl->rc = EX_IOERR;
	}
}

/* What came of one send, as remind says it. */
static void
outcome(struct welcome *wl, const char *key, const char *to,
    enum send_status st, const struct mail *m, const char *reply)
{
	switch (st) {
	case SEND_OK:
		wl->sent++;
		record(wl, key, to, st, m->message_id, reply);
		break;
	case SEND_BOUNCE:
		log_warnx("%s refused for good: %s", to, reply);
		wl->bounced++;
		record(wl, key, to, st, m->message_id, reply);
		break;
	case SEND_CONFIG:
		log_warnx("%s: %s%s", to, reply,
		    strstr(reply, "[mail]") ? "" : " (check [mail])");
		wl->rc = EX_CONFIG;
		wl->stop = 1;
		break;
	case SEND_DOWN:
		wl->stop = 1;
		/* FALLTHROUGH */
	case SEND_TEMPFAIL:
	case SEND_UNCERTAIN:
		log_warnx("%s: %s; welcome again sends it", to, reply);
		wl->pending++;
		if (wl->rc == 0)
			wl->rc = EX_TEMPFAIL;
		break;
	}
	if (wl->sender && sender_stalled(wl->sender))
		wl->stop = 1;
}

/* Welcomes one address of the role, under its lock. */
static void
welcome_address(struct welcome *wl, size_t role, const char *to,
    const char *https, const char *webcal)
{
	struct wheel *w = wl->w;
	char *key = xasprintf(WELCOME_KEY_PREFIX "%s", w->roles[role].id);
	char reply[512];
	struct mail m;
	int fd = -1, got = 0;

	if (!wl->dry_run &&
	    (fd = state_lock_address(wl->c->conf.state, to, 1)) < 0) {
		wl->rc = EX_CANTCREAT;
		wl->stop = 1;
		goto done;
	}
	if (!wl->again && wl->l &&
	    (got = ledger_notice_recorded(wl->l, key, to)) != 0) {
		if (got < 0) {
			wl->rc = EX_IOERR;
			wl->stop = 1;
		} else
			wl->had++;
		goto done;
	}
	welcome_mail(w, &wl->c->conf, role, to, https, webcal, wl->c->today,
	    wl->c->now, wl->again, &m);
	if (wl->dry_run) {
		printf("To: %s\nSubject: %s\nMessage-ID: %s\n  %s\n\n", m.to,
		    m.subject, m.message_id, key);
		wl->sent++;
	} else if (wl->sender == NULL &&
	    (wl->sender = sender_open(&wl->c->conf)) == NULL) {
		wl->rc = EX_CONFIG;
		wl->stop = 1;
	} else
		outcome(wl, key, to,
		    sender_send(wl->sender, &m, reply, sizeof(reply)), &m,
		    reply);
	mail_free(&m);
done:
	if (fd >= 0)
		close(fd);
	free(key);
}

/* Welcomes each address of the role, with its feed's URLs. */
static void
welcome_role(struct welcome *wl, size_t role)
{
	const struct role *r = &wl->w->roles[role];
	const char *base = wl->c->conf.base_url;
	const char *tok = tokens_get(&wl->tokens, r->id);
	size_t i, len = syntax_base_len(base);
	const char *host = strstr(base, "://") + 3;
	char *https, *webcal;

	if (tok == NULL) {
		log_warnx("welcome: role %s has no feed of its own: see "
			  "[feed] in %s",
		    r->id, wl->c->conf.path);
		wl->rc = EX_CONFIG;
		return;
	}
	https = xasprintf("%.*s/f/%s/%s.ics", (int)len, base, tok, r->id);
	webcal = xasprintf("webcal://%.*s/f/%s/%s.ics",
	    (int)(len - (size_t)(host - base)), host, tok, r->id);
	for (i = 0; i < r->nemail && !wl->stop; i++)
		welcome_address(wl, role, r->email[i], https, webcal);
	free(https);
	free(webcal);
}

/* The ledger, where the welcomes are recorded and looked up; a dry run
 * only reads one that exists.  0 or an exit status. */
static int
open_ledger(struct welcome *wl)
{
	char *path;
	int found;

	if (!wl->dry_run)
		return cmd_open_ledger(wl->c, &wl->l);
	path = state_ledger_path(wl->c->conf.state);
	if ((found = ledger_find(path)) > 0 &&
	    (wl->l = ledger_open_readable(path)) == NULL)
		found = -1;
	free(path);
	return found < 0 ? cmd_ledger_error(found) : 0;
}

/* What the command needs beyond the wheel: a configuration with [mail]
 * and base-url (the calendar's address).  0 or an exit status. */
static int
ready(struct ctx *c)
{
	if (c->conf.path == NULL) {
		log_warnx("welcome records what it sends in the ledger: give "
			  "-c CONFIG");
		return EX_USAGE;
	}
	if (c->conf.mail.transport == TRANSPORT_NONE) {
		log_warnx("%s: no [mail] section: say how mail leaves "
			  "(transport = smtp or outbox)",
		    c->conf.path);
		return EX_CONFIG;
	}
	if (c->conf.base_url == NULL) {
		log_warnx("%s: no base-url in [aarshjul]: the welcome gives "
			  "each role its calendar's address",
		    c->conf.path);
		return EX_CONFIG;
	}
	return 0;
}

static int
welcome_all(struct welcome *wl, const int *sel)
{
	struct feeds fs = {0};
	size_t i;
	int rc;

	if ((rc = cmd_load_tokens(wl->c, &fs, &wl->tokens, NULL)) != 0 ||
	    (rc = open_ledger(wl)) != 0) {
		feeds_free(&fs);
		return rc;
	}
	feeds_free(&fs);
	for (i = 0; i < wl->w->nroles && !wl->stop; i++)
		if (sel[i])
			welcome_role(wl, i);
	/* Said always: welcome is run by hand, not by cron. */
	log_info("welcome: %ld message%s %s, %ld address%s welcomed before%s",
	    wl->sent, wl->sent == 1 ? "" : "s",
	    wl->dry_run ? "to send" : "sent", wl->had,
	    wl->had == 1 ? "" : "es",
	    wl->had ? " (--again welcomes again)" : "");
	return wl->rc;
}

int
cmd_welcome(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"again", no_argument, NULL, 'a'},
	    {"dry-run", no_argument, NULL, 'n'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	struct welcome wl;
	int ch, rc, *sel;

	memset(&wl, 0, sizeof(wl));
	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "n", opts)) > 0)
		if (ch == 'a')
			wl.again = 1;
		else
			wl.dry_run = 1;
	if (ch == 0)
		return EX_USAGE;
	if ((rc = cmd_load(c)) != 0)
		return rc;
	sel = xcalloc(c->wheel->nroles + 1, sizeof(*sel));
	if ((rc = select_roles(c->wheel, argv + optind, argc - optind,
		 sel)) == 0 &&
	    (rc = ready(c)) == 0) {
		wl.c = c;
		wl.w = c->wheel;
		rc = welcome_all(&wl, sel);
	}
	free(sel);
	sender_close(wl.sender);
	ledger_close(wl.l);
	tokens_free(&wl.tokens);
	return rc;
}
