/* test-notice.c: the notice schedule, a pure function of the wheel, the
 * ledger's facts and the date. */
#include <stdlib.h>

#include "core/ini.h"
#include "core/notice.h"
#include "mini-ini.h"
#include "tap.h"
#include "tap-date.h"

static struct wheel *w;

/* The pending notices of one activity on a day, as "address key" lines. */
static const char *
pending(const struct facts *f, const char *today, const char *activity)
{
	static struct buf b;
	struct notices n = {0};
	size_t i;

	buf_reset(&b);
	notice_pending(w, f, D(today), D("2027-01-01"), &n);
	for (i = 0; i < n.n; i++) {
		if (strncmp(n.v[i].key, activity, strlen(activity)) != 0 ||
		    n.v[i].key[strlen(activity)] != '/')
			continue;
		buf_printf(&b, "%s%s %s", b.len ? "\n" : "", n.v[i].address,
		    n.v[i].key);
	}
	notice_free(&n);
	return b.s ? b.s : "";
}

static void
record(struct facts *f, enum ledger_kind kind, const char *activity,
    const char *nominal, const char *notice, const char *recipient)
{
	struct ledger_entry e;

	memset(&e, 0, sizeof(e));
	e.kind = kind;
	snprintf(e.at, sizeof(e.at), "2027-01-01T00:00:00Z");
	e.activity = activity;
	e.nominal = nominal;
	e.who = e.os_user = e.evidence = e.note = "";
	e.notice = notice ? notice : "";
	e.recipient = recipient ? recipient : "";
	e.message_id = e.reply = "";
	facts_add(f, &e);
}

int
main(void)
{
	struct ini *ini = mini_ini_read("tests/data/notice/wheel.ini");
	struct wheel_env env = {0};
	struct diag d = {0};
	struct facts f, f2;

	w = ini ? wheel_build(&ini, 1, &env, &d) : NULL;
	ini_free(ini);
	if (w == NULL) {
		printf("Bail out! the test wheel does not load\n");
		return 1;
	}
	memset(&f, 0, sizeof(f));
	memset(&f2, 0, sizeof(f2));

	/* 5 working days before Thursday 2027-04-01, over Easter. */
	TAP_IS_STR(pending(&f, "2027-03-19", "paaske"), "", "nothing before the lead time");
	TAP_IS_STR(pending(&f, "2027-03-22", "paaske"),
	    "isk2@example.dk paaske/2027-04-01/lead-5wd\n"
	    "isk@example.dk paaske/2027-04-01/lead-5wd",
	    "5wd before 2027-04-01 is 2027-03-22 (Easter skipped): both owner "
	    "addresses");
	TAP_IS_STR(pending(&f, "2027-04-01", "paaske"),
	    "isk2@example.dk paaske/2027-04-01/due\n"
	    "isk@example.dk paaske/2027-04-01/due\n"
	    "leder@example.dk paaske/2027-04-01/due",
	    "on the due date: owner and notify role");

	/* Three working days before 2028-01-04 across the closed week. */
	TAP_IS_STR(pending(&f, "2027-12-21", "nytaar"), "", "not yet on 2027-12-21");
	TAP_IS_STR(pending(&f, "2027-12-22", "nytaar"),
	    "isk2@example.dk nytaar/2028-01-04/lead-3wd\n"
	    "isk@example.dk nytaar/2028-01-04/lead-3wd",
	    "3wd before 2028-01-04 is 2027-12-22 (closed week and New Year)");

	/* A start notice 4 weeks ahead; 10wd falls on Friday 2027-09-17. */
	TAP_IS_STR(pending(&f, "2027-09-03", "kampagne"),
	    "leder@example.dk kampagne/2027-10-01/start",
	    "the start notice four weeks ahead");
	TAP_IS_STR(pending(&f, "2027-09-17", "kampagne"),
	    "leder@example.dk kampagne/2027-10-01/lead-10wd",
	    "then the 10wd reminder");

	/* Sent notices are not pending; the next one in turn is. */
	record(&f, LEDGER_NOTICE, NULL, NULL, "paaske/2027-04-01/due",
	    "isk@example.dk");
	TAP_IS_STR(pending(&f, "2027-04-02", "paaske"),
	    "isk2@example.dk paaske/2027-04-01/due\n"
	    "leder@example.dk paaske/2027-04-01/due",
	    "a notice sent to one address is pending for the others");

	/* Overdue every 5wd; the committee after 10wd (2027-04-15). */
	TAP_IS_STR(pending(&f, "2027-04-08", "paaske"),
	    "isk2@example.dk paaske/2027-04-01/overdue-1\n"
	    "isk@example.dk paaske/2027-04-01/overdue-1\n"
	    "leder@example.dk paaske/2027-04-01/overdue-1",
	    "the first overdue reminder, 5wd after");
	TAP_IS_STR(pending(&f, "2027-04-15", "paaske"),
	    "isk2@example.dk paaske/2027-04-01/overdue-2\n"
	    "isk@example.dk paaske/2027-04-01/overdue-2\n"
	    "leder@example.dk paaske/2027-04-01/overdue-2\n"
	    "udvalg@example.dk paaske/2027-04-01/escalation",
	    "10wd after: the second reminder and the escalation");

	/* No runs for two weeks: one notice per occurrence and address. */
	TAP_IS_STR(pending(&f, "2027-04-30", "paaske"),
	    "isk2@example.dk paaske/2027-04-01/overdue-4\n"
	    "isk@example.dk paaske/2027-04-01/overdue-4\n"
	    "leder@example.dk paaske/2027-04-01/overdue-4\n"
	    "udvalg@example.dk paaske/2027-04-01/escalation",
	    "catch-up after two weeks: the latest notice only, once");
	record(&f, LEDGER_NOTICE, NULL, NULL, "paaske/2027-04-01/escalation",
	    "udvalg@example.dk");
	TAP_OK(strstr(pending(&f, "2027-05-10", "paaske"), "escalation") == NULL,
	    "the escalation goes once");

	/* Done: nothing more.  Reopened: reminders again. */
	record(&f, LEDGER_DONE, "paaske", "2027-04-01", NULL, NULL);
	TAP_IS_STR(pending(&f, "2027-04-30", "paaske"), "", "a done occurrence gets nothing");
	record(&f, LEDGER_REOPEN, "paaske", "2027-04-01", NULL, NULL);
	TAP_IS_STR(pending(&f, "2027-04-30", "paaske"),
	    "isk2@example.dk paaske/2027-04-01/overdue-4\n"
	    "isk@example.dk paaske/2027-04-01/overdue-4\n"
	    "leder@example.dk paaske/2027-04-01/overdue-4",
	    "reopened after done: reminders again (not the escalation sent)");
	record(&f, LEDGER_SKIP, "paaske", "2027-04-01", NULL, NULL);
	TAP_IS_STR(pending(&f, "2027-04-30", "paaske"), "", "a skipped one gets nothing");

	TAP_OK(strstr(pending(&f, "2027-12-27", "nytaar"), "lead-3wd") != NULL,
	    "a notice whose day was closed is still pending after it");

	/* The committee notified as well: on the escalation day the
	 * escalation stands for the overdue notice of the day. */
	TAP_IS_STR(pending(&f, "2027-06-29", "politik"),
	    "isk2@example.dk politik/2027-06-15/overdue-2\n"
	    "isk@example.dk politik/2027-06-15/overdue-2\n"
	    "leder@example.dk politik/2027-06-15/overdue-2\n"
	    "udvalg@example.dk politik/2027-06-15/escalation",
	    "committee notified too: the escalation on its day, once");
	record(&f2, LEDGER_NOTICE, NULL, NULL, "politik/2027-06-15/escalation",
	    "udvalg@example.dk");
	TAP_IS_STR(pending(&f2, "2027-06-30", "politik"),
	    "isk2@example.dk politik/2027-06-15/overdue-2\n"
	    "isk@example.dk politik/2027-06-15/overdue-2\n"
	    "leder@example.dk politik/2027-06-15/overdue-2",
	    "... and it stood for that day's overdue notice");
	TAP_IS_STR(pending(&f2, "2027-07-06", "politik"),
	    "isk2@example.dk politik/2027-06-15/overdue-3\n"
	    "isk@example.dk politik/2027-06-15/overdue-3\n"
	    "leder@example.dk politik/2027-06-15/overdue-3\n"
	    "udvalg@example.dk politik/2027-06-15/overdue-3",
	    "... the next overdue notice reaches it as a notified role");

	/* No run from 06-29 to 07-09: the later overdue notice must not
	 * swallow the escalation. */
	TAP_IS_STR(pending(&f, "2027-07-09", "politik"),
	    "isk2@example.dk politik/2027-06-15/overdue-3\n"
	    "isk@example.dk politik/2027-06-15/overdue-3\n"
	    "leder@example.dk politik/2027-06-15/overdue-3\n"
	    "udvalg@example.dk politik/2027-06-15/escalation\n"
	    "udvalg@example.dk politik/2027-06-15/overdue-3",
	    "escalation day missed: the escalation beside the later notice");
	record(&f, LEDGER_NOTICE, NULL, NULL, "politik/2027-06-15/escalation",
	    "udvalg@example.dk");
	record(&f, LEDGER_NOTICE, NULL, NULL, "politik/2027-06-15/overdue-3",
	    "udvalg@example.dk");
	TAP_IS_STR(pending(&f, "2027-07-12", "politik"),
	    "isk2@example.dk politik/2027-06-15/overdue-3\n"
	    "isk@example.dk politik/2027-06-15/overdue-3\n"
	    "leder@example.dk politik/2027-06-15/overdue-3",
	    "... once: not again after it was sent");
	TAP_IS_STR(pending(&f, "2027-07-13", "politik"),
	    "isk2@example.dk politik/2027-06-15/overdue-4\n"
	    "isk@example.dk politik/2027-06-15/overdue-4\n"
	    "leder@example.dk politik/2027-06-15/overdue-4\n"
	    "udvalg@example.dk politik/2027-06-15/overdue-4",
	    "... and the overdue notices go on without it");
	facts_free(&f);
	facts_free(&f2);
	wheel_free(w);
	return tap_done();
}
