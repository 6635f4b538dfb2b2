/* donelink.c: signed links that let an owner mark an occurrence done.
 *
 * A token carries its claims in the clear (wheel id, activity, nominal
 * date, recipient, expiry: the recipient's own mail holds them anyway) and
 * an HMAC-SHA256 over them under a key (kept in the state folder by io/state.c).  Nothing is
 * stored per link: the key verifies them all, and rotating it voids them
 * all. */
#include "core/donelink.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/occur.h"
#include "core/util.h"

static void
claims(const struct donelink *l, struct buf *b)
{
	char nom[24], exp[11];

	/* A triggered occurrence is named by its trigger, as in the
	 * ledger; a link made before triggers existed reads as before. */
	if (l->trigger)
		snprintf(nom, sizeof(nom), "t%lld", l->trigger);
	else
		date_iso(l->nominal, nom);
	date_iso(l->expires, exp);
	/* Newlines cannot occur in any of the fields. */
	buf_printf(b, "1\n%s\n%s\n%s\n%s\n%s", l->wheel_id, l->activity, nom,
	    l->recipient, exp);
}

void
donelink_make(const unsigned char key[DONELINK_KEY_LEN],
    const struct donelink *l, char *out, size_t n)
{
	struct buf b = {0};
	unsigned char mac[32];
	char *p, m[64];

	claims(l, &b);
	crypto_hmac_sha256(key, DONELINK_KEY_LEN, b.s, b.len, mac);
	p = xmalloc(4 * (b.len + 2) / 3 + 4);
	crypto_b64url((unsigned char *)b.s, b.len, p);
	crypto_b64url(mac, sizeof(mac), m);
	snprintf(out, n, "%s.%s", p, m);
	free(p);
	buf_free(&b);
}

/* The occurrence's claim: a date, or tSEQ. */
static int
claim_nominal(const char *s, struct donelink *l)
{
	return occur_name_parse(s, &l->nominal, &l->trigger);
}

int
donelink_parse(const unsigned char key[DONELINK_KEY_LEN], const char *token,
    struct donelink *l)
{
	unsigned char payload[768], mac[40], want[32];
	const char *dot = strchr(token, '.');
	char *text, *f[6], *p;
	long n, m;
	int i;

	if (dot == NULL || dot - token > DONELINK_CLAIMS_MAX || strlen(dot + 1) > 60)
		return -1;
	text = xstrndup(token, (size_t)(dot - token));
	n = crypto_unb64url(text, payload, sizeof(payload) - 1);
	free(text);
	m = crypto_unb64url(dot + 1, mac, sizeof(mac));
	if (n < 0 || m != 32)
		return -1;
	crypto_hmac_sha256(key, DONELINK_KEY_LEN, payload, (size_t)n, want);
	if (!crypto_equal(mac, want, 32))
		return -1;
	payload[n] = '\0';
	/* Signed by us: the claims are well formed. */
	p = (char *)payload;
	for (i = 0; i < 6; i++) {
		f[i] = p;
		p = strchr(p, '\n');
		if (i < 5) {
			if (p == NULL)
				return -1;
			*p++ = '\0';
		}
	}
	if (strcmp(f[0], "1") != 0 ||
	    snprintf(l->wheel_id, sizeof(l->wheel_id), "%s", f[1]) < 0 ||
	    snprintf(l->activity, sizeof(l->activity), "%s", f[2]) < 0 ||
	    claim_nominal(f[3], l) != 0 ||
	    snprintf(l->recipient, sizeof(l->recipient), "%s", f[4]) < 0 ||
	    date_parse(f[5], &l->expires) != 0)
		return -1;
	return 0;
}

void
donelink_form_value(const unsigned char key[DONELINK_KEY_LEN],
    const char *token, char out[44])
{
	unsigned char mac[32];
	char *s = xasprintf("form\n%s", token);

	crypto_hmac_sha256(key, DONELINK_KEY_LEN, s, strlen(s), mac);
	crypto_b64url(mac, sizeof(mac), out);
	free(s);
}
