/* test-invite.c: which invitations a run owes (core/invite.c), a pure
 * function of the wheel, the settings, the ledger's record of what was
 * sent and the date: the keys it reads, and that a plan recorded is not
 * owed again. */
#include <stdlib.h>

#include "core/ini.h"
#include "core/invite.h"
#include "core/tz.h"
#include "mini-ini.h"
#include "tap.h"
#include "tap-date.h"

/* The one entry of h, or NULL. */
static struct invite_sent *
only(struct invite_history *h)
{
	size_t i;

	for (i = 0; i < h->map.cap; i++)
		if (h->map.keys[i])
			return h->map.n == 1 ? h->map.vals[i] : NULL;
	return NULL;
}

static void
test_keys(void)
{
	static const char *bad[] = {"risiko/2027-03-10/due", "invite:",
	    "invite:u@w", "invite:u@w:1", "invite::1:0123456789abcdef",
	    "invite:u@w:-1:0123456789abcdef", "invite:u@w:x:0123456789abcdef",
	    "invite:u@w:1:0123456789abcdef0", "report/2027-03-10"};
	struct invite_history h = {0};
	struct invite_sent *s;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		invite_history_add(&h, bad[i], "a@x.dk", "act", "2027-03-15");
	TAP_OK(h.map.n == 0, "keys that are not invite:UID:SEQ:HASH are passed "
			     "over");
	invite_history_add(&h, "invite:a:b-20270315@w.dk:3:0123456789abcdef",
	    "a@x.dk", "a:b", "2027-03-15");
	s = only(&h);
	TAP_OK(s && s->sequence == 3 && !s->cancelled &&
		strcmp(s->hash, "0123456789abcdef") == 0,
	    "a UID with a colon: the sequence and hash are read from the "
	    "right");
	invite_history_add(&h, "invite:a:b-20270315@w.dk:4:cancel", "a@x.dk",
	    "a:b", "2027-03-15");
	s = only(&h);
	TAP_OK(s && s->sequence == 4 && s->cancelled,
	    "a later cancel of the same (UID, address) wins");
	TAP_OK(h.earliest == D("2027-03-15"), "the earliest nominal is kept");
	invite_history_free(&h);
	/* A triggered occurrence's entries name it tSEQ: kept, undated until
	 * invite_plan() finds its trigger. */
	invite_history_add(&h, "invite:h-t0@w.dk:0:0123456789abcdef", "a@x.dk",
	    "h", "t0");
	invite_history_add(&h, "invite:h-tx@w.dk:0:0123456789abcdef", "a@x.dk",
	    "h", "tx");
	TAP_OK(h.map.n == 0, "names neither a date nor tSEQ are passed over");
	invite_history_add(&h, "invite:h-t7@w.dk:2:0123456789abcdef", "a@x.dk",
	    "h", "t7");
	s = only(&h);
	TAP_OK(s && s->trigger == 7 && s->nominal == 0 && s->sequence == 2 &&
		h.earliest == 0,
	    "a triggered one (t7) is kept under its trigger, not yet dated");
	invite_history_free(&h);
}

/* The keys of a plan, a line each. */
static char *
keys(const struct invites *v)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < v->n; i++)
		buf_printf(&b, "%s %s\n", v->v[i].address, v->v[i].key);
	return b.s ? b.s : xstrdup("");
}

static void
test_plan(struct wheel *w)
{
	struct config c;
	struct feeds fs;
	struct facts f;
	struct tzinfo tz;
	struct diag d = {0};
	struct invite_history h = {0};
	struct invites v, v2;
	struct invite_ctx x;
	char *k1, *k2;
	size_t i, sorted = 1, fresh = 1;

	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	memset(&tz, 0, sizeof(tz));
	snprintf(tz.tzid, sizeof(tz.tzid), "Europe/Copenhagen");
	tz.std_off = 3600;
	c.mail.invitations = INVITE_OWNERS_NOTIFY;
	c.mail.from_addr = "aarshjul@example.dk";
	c.invite.sel.ahead = 12;
	c.invite.max = 200;
	if (feeds_plan_invitations(w, &c, D("2027-03-01"), &fs, &d) != 0) {
		TAP_OK(0, "the invitations' feed is planned");
		return;
	}
	memset(&x, 0, sizeof(x));
	x.w = w;
	x.c = &c;
	x.f = &fs.v[0];
	x.tz = &tz;
	x.facts = &f;
	x.today = D("2027-03-01");
	x.now = 1804140000;
	invite_plan(&x, &h, &v);
	TAP_OK(v.n == 29, "owners+notify on 2027-03-01: 29 (address, "
			  "occurrence) pairs, got %zu", v.n);
	for (i = 0; i < v.n; i++) {
		if (i && v.v[i - 1].date > v.v[i].date)
			sorted = 0;
		if (v.v[i].method != INVITE_REQUEST || v.v[i].sequence != 0)
			fresh = 0;
	}
	TAP_OK(sorted, "nearest date first");
	TAP_OK(fresh, "all REQUESTs with SEQUENCE 0");
	invite_plan(&x, &h, &v2);
	k1 = keys(&v);
	k2 = keys(&v2);
	TAP_IS_STR(k2, k1, "the same inputs give the same plan");
	free(k2);
	invite_free(&v2);
	/* Recorded, and a day later: nothing is owed. */
	for (i = 0; i < v.n; i++) {
		char nom[11];

		date_iso(v.v[i].occ.nominal, nom);
		invite_history_add(&h, v.v[i].key, v.v[i].address,
		    v.v[i].activity_id, nom);
	}
	x.now += 86400;
	invite_plan(&x, &h, &v2);
	TAP_OK(v2.n == 0, "a plan recorded is not owed again the same day, "
			  "got %zu", v2.n);
	invite_free(&v2);
	c.mail.invitations = INVITE_OWNERS;
	invite_plan(&x, &h, &v2);
	TAP_OK(v2.n == 14 && v2.v[0].method == INVITE_CANCEL &&
		v2.v[0].sequence == 1,
	    "owners only: the 14 notified lose theirs (CANCEL, SEQUENCE 1), "
	    "got %zu",
	    v2.n);
	invite_free(&v2);
	free(k1);
	invite_free(&v);
	invite_history_free(&h);
	feeds_free(&fs);
}

static void
comment(void *arg, const char *msg)
{
	(void)arg;
	printf("# %s\n", msg);
}

int
main(void)
{
	struct ini *ini = mini_ini_read("tests/data/invite/wheel.ini");
	struct wheel_env env = {0};
	struct diag d = {0};
	struct wheel *w;

	d.emit = comment;
	w = ini ? wheel_build(&ini, 1, &env, &d) : NULL;
	ini_free(ini);
	if (w == NULL) {
		printf("Bail out! the test wheel does not load\n");
		return 1;
	}
	test_keys();
	test_plan(w);
	wheel_free(w);
	return tap_done();
}
