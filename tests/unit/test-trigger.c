/* test-trigger.c: triggered occurrences (core/occur.c), their names,
 * their notices, and the entry hash across the ledger's schema v3. */
#include <stdlib.h>

#include "core/entry.h"
#include "core/ini.h"
#include "core/notice.h"
#include "mini-ini.h"
#include "tap.h"
#include "tap-date.h"

static struct wheel *w;

/* The pending notices on a day, as "address key" lines. */
static const char *
pending(const struct facts *f, const char *today)
{
	static struct buf b;
	struct notices n = {0};
	size_t i;

	buf_reset(&b);
	notice_pending(w, f, D(today), D("2027-01-01"), &n);
	for (i = 0; i < n.n; i++)
		buf_printf(&b, "%s%s %s", b.len ? "\n" : "", n.v[i].address,
		    n.v[i].key);
	notice_free(&n);
	return b.s ? b.s : "";
}

static void
trigger(struct facts *f, long long seq, const char *on)
{
	struct ledger_entry e;

	memset(&e, 0, sizeof(e));
	e.seq = seq;
	e.kind = LEDGER_TRIGGER;
	e.activity = "haendelse";
	e.nominal = on;
	e.who = "Bo";
	e.note = "ransomware";
	facts_add(f, &e);
}

/* Entry 9 of tests/data/trigger/ledger-v2.sqlite, as the v2 code wrote
 * and hashed it. */
static void
v2_entry(struct ledger_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->seq = 9;
	e->kind = LEDGER_DONE;
	snprintf(e->at, sizeof(e->at), "2026-12-02T04:06:20Z");
	e->activity = "risiko";
	e->nominal = "2027-03-10";
	e->who = "Søren Ø";
	e->os_user = "root";
	e->evidence = "ESDH 2027/17";
	e->note = "Første gang";
	snprintf(e->prev_hash, sizeof(e->prev_hash), "%s",
	    "881258e614d6f673ececb2e33a116b3364b5de87517fab01d59ffe39f7de6280");
}

static void
test_hash(void)
{
	struct ledger_entry e;
	char h[65], h1[65], h2[65];

	v2_entry(&e);
	ledger_hash(&e, h);
	TAP_IS_STR(h, "a9edc0b6fdd5ad55bfb0a94c0612117b30bf0be25c4fd7c1791baa1499b88537",
	    "an entry without files hashes as the v2 code hashed it");
	e.files = "";
	ledger_hash(&e, h1);
	TAP_IS_STR(h1, h, "... and with files \"\" too");
	e.files = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\t0\ta.pdf\t/srv/a.pdf\n";
	ledger_hash(&e, h1);
	TAP_OK(strcmp(h1, h) != 0, "files are covered by the hash");
	e.files = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\t1\ta.pdf\t/srv/a.pdf\n";
	ledger_hash(&e, h2);
	TAP_OK(strcmp(h1, h2) != 0, "... every byte of them");
	TAP_IS_STR(ledger_kind_name(LEDGER_TRIGGER), "trigger", "the kind's name");
	TAP_OK(ledger_kind_parse("trigger") == LEDGER_TRIGGER, "... parses");
}

static void
test_names(void)
{
	struct occurrence o;
	char name[OCC_NAME_MAX];
	day_t z;
	long long seq;

	TAP_OK(occur_name_parse("t12", &z, &seq) == 0 && seq == 12 && z == 0,
	    "t12 names trigger 12");
	TAP_OK(occur_name_parse("2027-03-10", &z, &seq) == 0 && seq == 0 &&
		z == D("2027-03-10"),
	    "a date names a planned occurrence");
	TAP_OK(occur_name_parse("t", &z, &seq) < 0 &&
		occur_name_parse("t0", &z, &seq) < 0 &&
		occur_name_parse("t012", &z, &seq) < 0 &&
		occur_name_parse("t12x", &z, &seq) < 0 &&
		occur_name_parse("t1234567890123456789", &z, &seq) < 0,
	    "t, t0, t012, t12x and 19 digits are no names");
	occur_triggered(w, 0, 7, D("2027-03-10"), &o);
	occur_name(&o, name);
	TAP_IS_STR(name, "t7", "a triggered occurrence is named by its entry");
	TAP_OK(o.due == D("2027-03-24") && o.on == D("2027-03-10"),
	    "due 10 working days after 2027-03-10: 2027-03-24");
	occur_triggered(w, 0, 8, D("2027-03-18"), &o);
	TAP_OK(o.due == D("2027-04-06"),
	    "across Easter 2027: 10 working days after 2027-03-18 is "
	    "2027-04-06");
}

static void
test_notices(void)
{
	struct facts f;
	struct occurrences occ = {0};

	memset(&f, 0, sizeof(f));
	occur_expand(w, D("2027-01-01"), D("2028-01-01"), NULL, &f.triggers,
	    &occ);
	TAP_OK(occ.n == 0, "a trigger-only activity has no occurrence unset off");
	occur_free(&occ);
	trigger(&f, 5, "2027-03-10");
	trigger(&f, 6, "2027-03-10");
	occur_expand(w, D("2027-01-01"), D("2028-01-01"), NULL, &f.triggers,
	    &occ);
	TAP_OK(occ.n == 2 && occ.v[0].trigger == 5 && occ.v[1].trigger == 6 &&
		occ.v[0].due == occ.v[1].due,
	    "two triggers of one day: two occurrences, one due date");
	occur_free(&occ);
	TAP_IS_STR(pending(&f, "2027-03-09"), "", "nothing before the trigger day");
	TAP_IS_STR(pending(&f, "2027-03-10"),
	    "isk@example.dk haendelse/t5/start\n"
	    "isk@example.dk haendelse/t6/start",
	    "the owner hears on the trigger day, once per trigger (the 10wd "
	    "lead lies on it, not ahead: none)");
	TAP_IS_STR(pending(&f, "2027-03-19"),
	    "isk@example.dk haendelse/t5/lead-3wd\n"
	    "isk@example.dk haendelse/t6/lead-3wd",
	    "then the 3wd lead, which lay ahead");
	facts_free(&f);
}

int
main(void)
{
	struct ini *ini = mini_ini_read("tests/data/trigger/unit.ini");
	struct wheel_env env = {0};
	struct diag d = {0};

	w = ini ? wheel_build(&ini, 1, &env, &d) : NULL;
	ini_free(ini);
	if (w == NULL) {
		printf("Bail out! the test wheel does not load\n");
		return 1;
	}
	test_hash();
	test_names();
	test_notices();
	wheel_free(w);
	return tap_done();
}
