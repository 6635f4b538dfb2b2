/* testmail.c: `aarshjul test-mail ADDRESS`: one short message through the
 * configured transport, each step reported, so that a setup is proven
 * before go-live.  Nothing is recorded in the ledger. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/mail.h"
#include "core/syntax.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/log.h"
#include "io/send.h"

/* The exit status of a send: what will not heal by itself is a setup
 * error, the rest is temporary. */
static int
exit_status(enum send_status st)
{
	switch (st) {
	case SEND_OK:
		return 0;
	case SEND_CONFIG:
	case SEND_BOUNCE:
		return EX_CONFIG;
	case SEND_TEMPFAIL:
	case SEND_UNCERTAIN:
	case SEND_DOWN:
		break;
	}
	return EX_TEMPFAIL;
}

static void
compose(struct ctx *c, const char *to, struct mail *m)
{
	int da = c->wheel->lang == LANG_DA;
	struct buf text = {0}, html = {0}, seed = {0};
	char stamp[21];

	date_utc_stamp(c->now, stamp);
	buf_printf(&text,
	    da ? "Dette er en prøve fra aarshjul (test-mail), sendt %s "
		 "(UTC) til %s.\n\nNår den er nået frem, kan årshjulet "
		 "sende påmindelser.  Den skal ikke besvares.\n"
	       : "This is a test from aarshjul (test-mail), sent %s (UTC) "
		 "to %s.\n\nNow that it has arrived, the wheel can send "
		 "reminders.  There is no need to reply.\n",
	    stamp, to);
	buf_puts(&html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
			"</head><body><p>");
	buf_html(&html, text.s);
	buf_puts(&html, "</p></body></html>\n");
	buf_printf(&seed, "test-mail\n%s\n%s\n%s\n", c->wheel->id, to, stamp);
	mail_compose(c->wheel, &c->conf, to, NULL,
	    da ? "Prøve fra aarshjul (test-mail)"
	       : "Test from aarshjul (test-mail)",
	    text.s, html.s, seed.s, c->now, m);
	buf_free(&text);
	buf_free(&html);
	buf_free(&seed);
}

int
cmd_test_mail(struct ctx *c, int argc, char **argv)
{
	struct sender *s;
	struct mail m;
	char reply[512];
	enum send_status st;
	int rc;

	static const struct option opts[] = {TIME_OPTIONS, {NULL, 0, NULL, 0}};

	optind = 0; /* GNU getopt: start afresh, permuting */
	if (cmd_opt(c, argc, argv, "", opts) != -1)
		return EX_USAGE;
	if (optind + 1 != argc) {
		log_warnx("usage: aarshjul test-mail ADDRESS");
		return EX_USAGE;
	}
	if (!syntax_address(argv[optind])) {
		log_warnx("test-mail %s: not an e-mail address", argv[optind]);
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if ((s = sender_open(&c->conf)) == NULL)
		return EX_CONFIG;
	compose(c, argv[optind], &m);
	if (c->conf.mail.transport == TRANSPORT_SMTP)
		printf("test-mail: %s to %s through %s\n", m.message_id,
		    argv[optind], c->conf.mail.url);
	fflush(stdout);
	sender_trace(s, stdout);
	st = sender_send(s, &m, reply, sizeof(reply));
	if (st == SEND_OK && c->conf.mail.transport == TRANSPORT_OUTBOX)
		printf("test-mail: written to %s/%s (transport = outbox)\n",
		    c->conf.mail.outbox, reply + strlen("outbox "));
	else if (st == SEND_OK)
		printf("test-mail: sent to %s (%s)\n", argv[optind], reply);
	else
		printf("  %-9s failed: %s\n", sender_step(s), reply);
	rc = exit_status(st);
	if (rc)
		log_warnx("test-mail: %s failed (%s): %s", sender_step(s),
		    rc == EX_CONFIG ? "a setup error; fix it and try again"
				    : "temporary; try again later",
		    reply);
	mail_free(&m);
	sender_close(s);
	return rc;
}
