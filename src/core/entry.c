/* entry.c: one entry of the ledger, its kinds and its hash. */
#include "core/entry.h"

#include <string.h>

#include "core/crypto.h"
#include "core/util.h"

static const char *kinds[] = {"done", "skip", "reopen", "notice", "bounce",
    "report"};

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
	field(&b, e->prev_hash);
	crypto_sha256_hex(b.s, b.len, out);
	buf_free(&b);
}

