/* entry.c: one entry of the ledger, its kinds and its hash. */
#include "core/entry.h"

#include <stdio.h>
#include <string.h>

#include "core/crypto.h"
#include "core/util.h"

static const char *kinds[] = {"done", "skip", "reopen", "notice", "bounce",
    "report", "trigger"};

const char *
ledger_kind_name(enum ledger_kind k)
{
	return kinds[k];
}

int
ledger_kind_parse(const char *s)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(kinds); i++)
		if (strcmp(s, kinds[i]) == 0)
			return (int)i;
	return -1;
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static void
field(struct buf *b, const char *s)
{
	buf_printf(b, "%zu:", strlen(s));
	buf_puts(b, s);
	buf_putc(b, '\n');
}

void
ledger_hash(const struct ledger_entry *e, char out[65])
{
	struct buf b = {0};

	/* Length-prefixed fields: no two entries serialise alike. */
	buf_printf(&b, "aarshjul-ledger-1\n%lld\n", e->seq);
	field(&b, kinds[e->kind]);
	field(&b, e->at);
	field(&b, nz(e->activity));
	field(&b, nz(e->nominal));
	field(&b, nz(e->who));
	field(&b, nz(e->os_user));
	field(&b, nz(e->evidence));
	field(&b, nz(e->note));
	field(&b, nz(e->notice));
	field(&b, nz(e->recipient));
	field(&b, nz(e->message_id));
	field(&b, nz(e->reply));
	/* Added with schema v3: a tag, then the field, only when there are
	 * files, so that every older entry hashes as it did.  The tag cannot
	 * be taken for the length of prev_hash's field. */
	if (e->files && *e->files) {
		buf_puts(&b, "files\n");
		field(&b, e->files);
	}
	field(&b, e->prev_hash);
	crypto_sha256_hex(b.s, b.len, out);
	buf_free(&b);
}

void
ledger_anchor_format(const struct ledger_anchor *a, char out[LEDGER_ANCHOR_MAX])
{
	snprintf(out, LEDGER_ANCHOR_MAX, "%lld:%s", a->count,
	    a->hash[0] ? a->hash : LEDGER_ZERO_HASH);
}

int
ledger_anchor_parse(const char *s, struct ledger_anchor *a)
{
	const char *p;
	size_t i;

	memset(a, 0, sizeof(*a));
	/* At most 18 digits: no overflow, and more entries than any ledger
	 * will hold. */
	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (p - s == 18)
			return -1;
		a->count = a->count * 10 + (*p - '0');
	}
	if (p == s || *p != ':' || strlen(p + 1) != 64)
		return -1;
	for (i = 0; i < 64; i++) {
		char c = p[1 + i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			return -1;
		a->hash[i] = c;
	}
	a->hash[64] = '\0';
	return 0;
}
