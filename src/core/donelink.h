/* donelink.h: signed links that let an owner mark an occurrence done. */
#ifndef AARSHJUL_DONELINK_H
#define AARSHJUL_DONELINK_H

#include <stddef.h>

#include "core/date.h"

#define DONELINK_KEY_LEN 32
/* The longest token a link may carry: its claims (at most
 * DONELINK_CLAIMS_MAX characters of base64url), a dot and the MAC. */
#define DONELINK_CLAIMS_MAX 1000
#define DONELINK_TOKEN_MAX 1100

/* What a link says: which occurrence, for whom, until when. */
struct donelink {
	char wheel_id[256];
	char activity[128];
	day_t nominal;
	long long trigger; /* a triggered occurrence's name (tSEQ), or 0 */
	char recipient[256];
	day_t expires; /* the last day it works */
};

/* The link's token: the claims and an HMAC-SHA256 over them, base64url.
 * out needs 1024 bytes. */
void donelink_make(const unsigned char key[DONELINK_KEY_LEN],
    const struct donelink *, char *out, size_t n);
/* Checks a token's signature and reads its claims: 0, or -1 for a token
 * this key did not make (altered, foreign, or from before a rotation). */
int donelink_parse(const unsigned char key[DONELINK_KEY_LEN], const char *token,
    struct donelink *);
/* The form's anti-forgery value for a token (44 bytes with the NUL). */
void donelink_form_value(const unsigned char key[DONELINK_KEY_LEN],
    const char *token, char out[44]);

#endif
