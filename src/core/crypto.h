/* crypto.h: hashes from OpenSSL's libcrypto, behind one file. */
#ifndef AARSHJUL_CRYPTO_H
#define AARSHJUL_CRYPTO_H

#include <stddef.h>

/* Writes the SHA-256 of data as 64 lowercase hex digits and a NUL. */
void crypto_sha256_hex(const void *data, size_t len, char out[65]);
/* The same over data given in parts: new, add each part, then end, which
 * writes the hash and frees the state. */
struct crypto_sha256;
struct crypto_sha256 *crypto_sha256_new(void);
void crypto_sha256_add(struct crypto_sha256 *, const void *data, size_t len);
void crypto_sha256_end(struct crypto_sha256 *, char out[65]);
/* HMAC-SHA256 of data under key into out (32 bytes). */
void crypto_hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t len, unsigned char out[32]);
/* The SHA-256 of data in base64 (for a Content-Security-Policy hash). */
void crypto_sha256_b64(const void *data, size_t len, char out[45]);
/* 1 when the two buffers are equal; takes the same time either way. */
int crypto_equal(const void *, const void *, size_t);
/* base64 (RFC 4648) with padding; out needs 4 * ((n + 2) / 3) + 1 bytes. */
void crypto_b64(const unsigned char *, size_t n, char *out);
/* base64url without padding; out needs 4 * ((n + 2) / 3) + 1 bytes. */
void crypto_b64url(const unsigned char *, size_t n, char *out);
/* Decodes base64url without padding; returns the length, or -1. */
long crypto_unb64url(const char *, unsigned char *out, size_t outsz);

#endif
