/* donelink.c: done-link tokens (core/donelink.c): decoding and
 * verification of any token; claims that carry a valid MAC but were
 * never made by donelink_make; and make-then-parse of any claims that
 * fit, which must give the same claims back.  The first byte chooses. */
#include "core/crypto.h"
#include "core/date.h"
#include "core/donelink.h"

#include "fuzz.h"

static const unsigned char key[DONELINK_KEY_LEN] =
    "0123456789abcdef0123456789abcdef";

static int
same(const struct donelink *a, const struct donelink *b)
{
	return strcmp(a->wheel_id, b->wheel_id) == 0 &&
	    strcmp(a->activity, b->activity) == 0 &&
	    a->nominal == b->nominal &&
	    strcmp(a->recipient, b->recipient) == 0 &&
	    a->expires == b->expires;
}

/* What parse read, made again, reads the same. */
static void
round_trip(const struct donelink *l)
{
	char token[1024], form[44];
	struct donelink back;

	donelink_make(key, l, token, sizeof(token));
	FUZZ_ASSERT(strlen(token) <= DONELINK_TOKEN_MAX);
	memset(&back, 0, sizeof(back));
	FUZZ_ASSERT(donelink_parse(key, token, &back) == 0);
	FUZZ_ASSERT(same(l, &back));
	donelink_form_value(key, token, form);
	FUZZ_ASSERT(strlen(form) == 43);
}

/* Any token: most fail the MAC. */
static void
any_token(const uint8_t *data, size_t size)
{
	char *token = fuzz_str(data, size), form[44];
	struct donelink l;

	memset(&l, 0, sizeof(l));
	if (donelink_parse(key, token, &l) == 0)
		round_trip(&l);
	donelink_form_value(key, token, form);
	free(token);
}

/* Any claims, signed with the key: what a key's holder could send. */
static void
signed_claims(const uint8_t *data, size_t size)
{
	unsigned char mac[32];
	char *token = malloc(4 * (size + 2) / 3 + 1 + 44);
	struct donelink l;
	size_t n;

	if (token == NULL)
		abort();
	crypto_hmac_sha256(key, DONELINK_KEY_LEN, data, size, mac);
	crypto_b64url(data, size, token);
	n = strlen(token);
	token[n++] = '.';
	crypto_b64url(mac, sizeof(mac), token + n);
	memset(&l, 0, sizeof(l));
	if (donelink_parse(key, token, &l) == 0) {
		FUZZ_ASSERT(size <= 750);
		round_trip(&l);
	}
	free(token);
}

/* The next field: up to a newline, at most max bytes, no NUL. */
static void
field(const uint8_t **p, const uint8_t *end, char *out, size_t max)
{
	size_t n = 0;

	while (*p < end && **p != '\n') {
		if (**p != '\0' && n < max)
			out[n++] = (char)**p;
		(*p)++;
	}
	if (*p < end)
		(*p)++;
	out[n] = '\0';
}

static day_t
day(const uint8_t **p, const uint8_t *end)
{
	day_t lo = date_from_ymd(DATE_MIN_YEAR, 1, 1);
	day_t hi = date_from_ymd(DATE_MAX_YEAR, 12, 31);
	unsigned long v = 0;
	int i;

	for (i = 0; i < 3; i++)
		v = v << 8 | (*p < end ? *(*p)++ : 0);
	return lo + (day_t)(v % (unsigned long)(hi - lo + 1));
}

/* Claims as donelink_make takes them, as long as their fields hold. */
static void
made_claims(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	struct donelink l;

	memset(&l, 0, sizeof(l));
	l.nominal = day(&p, end);
	l.expires = day(&p, end);
	field(&p, end, l.wheel_id, sizeof(l.wheel_id) - 1);
	field(&p, end, l.activity, sizeof(l.activity) - 1);
	field(&p, end, l.recipient, sizeof(l.recipient) - 1);
	round_trip(&l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		any_token(data + 1, size - 1);
		break;
	case 1:
		signed_claims(data + 1, size - 1);
		break;
	default:
		made_claims(data + 1, size - 1);
	}
	return 0;
}
