/* trigger.c: `aarshjul trigger`: an event sets an activity off. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/entry.h"
#include "core/occur.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/ledger.h"
#include "io/record.h"
#include "io/log.h"

struct trigger_args {
	const char *reason, *by, *on;
};

/* A text of at most max characters of UTF-8, without control characters
 * (as done, skip and reopen take theirs). */
static int
text_ok(const char *opt, const char *v, int max)
{
	if (utf8_valid(v, strlen(v), NULL) && utf8_width(v) <= (size_t)max &&
	    !str_has_ctl(v))
		return 1;
	log_warnx("%s: at most %d characters of UTF-8 text, without control "
		  "characters",
	    opt, max);
	return 0;
}

/* The options and the operand: 0, or EX_USAGE after saying why. */
static int
trigger_opts(struct ctx *c, int argc, char **argv, struct trigger_args *a)
{
	static const struct option opts[] = {
	    {"reason", required_argument, NULL, 'r'},
	    {"by", required_argument, NULL, 'b'},
	    {"on", required_argument, NULL, 'o'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch;

	memset(a, 0, sizeof(*a));
	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		if (ch == 'r')
			a->reason = optarg;
		else if (ch == 'b')
			a->by = optarg;
		else if (ch == 'o')
			a->on = optarg;
	}
	if (ch == 0)
		return EX_USAGE;
	if (argc - optind != 1) {
		log_warnx("usage: aarshjul trigger ACTIVITY --reason TEXT "
			  "[--on DATE] [--by NAME]");
		return EX_USAGE;
	}
	/* The committee follows up on what set work off: say what. */
	if (a->reason == NULL || *a->reason == '\0') {
		log_warnx("trigger needs --reason TEXT: the event that sets "
			  "%s off",
		    argv[optind]);
		return EX_USAGE;
	}
	if (!text_ok("--reason", a->reason, ENTRY_NOTE_MAX) ||
	    (a->by && !text_ok("--by", a->by, ENTRY_WHO_MAX)))
		return EX_USAGE;
	return 0;
}

/* The activity named id, that events may set off: its index, or -1 after
 * saying why not. */
static long
triggered_activity(const struct wheel *w, const char *id)
{
	long ai = wheel_activity_index(w, id);
	const char **ids, *near;
	size_t i;

	if (ai >= 0 && w->activities[ai].within.n > 0)
		return ai;
	if (ai >= 0) {
		log_warnx("%s has no within: only an activity with within, "
			  "its deadline after the event, can be triggered",
		    id);
		return -1;
	}
	ids = xcalloc(w->nactivities + 1, sizeof(*ids));
	for (i = 0; i < w->nactivities; i++)
		ids[i] = w->activities[i].id;
	near = nearest_word(id, ids, w->nactivities);
	if (near)
		log_warnx("no activity \"%s\" in the wheel (did you mean "
			  "\"%s\"?)",
		    id, near);
	else
		log_warnx("no activity \"%s\" in the wheel", id);
	free(ids);
	return -1;
}

int
cmd_trigger(struct ctx *c, int argc, char **argv)
{
	struct trigger_args a;
	struct ledger *l = NULL;
	struct ledger_entry e;
	struct occurrence o;
	char on_iso[11], due[11];
	day_t on;
	long ai;
	int rc;

	if ((rc = trigger_opts(c, argc, argv, &a)) != 0)
		return rc;
	if (a.on && cmd_day_arg("--on", a.on, &on) != 0)
		return EX_USAGE;
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (a.on == NULL)
		on = c->today;
	if ((ai = triggered_activity(c->wheel, argv[optind])) < 0)
		return EX_DATAERR;
	if ((rc = cmd_open_ledger(c, &l)) != 0)
		return rc;
	memset(&e, 0, sizeof(e));
	e.kind = LEDGER_TRIGGER;
	date_utc_stamp(c->now, e.at);
	date_iso(on, on_iso);
	e.activity = c->wheel->activities[ai].id;
	e.nominal = on_iso;
	e.who = a.by ? a.by : "";
	e.os_user = record_os_user();
	e.note = a.reason;
	if (ledger_append(l, &e, 1) != 0) {
		ledger_close(l);
		return EX_IOERR;
	}
	occur_triggered(c->wheel, (size_t)ai, e.seq, on, &o);
	date_iso(o.due, due);
	printf("trigger %s t%lld: due %s (%s, #%lld)\n", e.activity, e.seq, due,
	    e.who[0] ? e.who : e.os_user, e.seq);
	ledger_close(l);
	return 0;
}
