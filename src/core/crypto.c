/* crypto.c: hashes from OpenSSL's libcrypto, behind one file. */
#include "core/crypto.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/util.h"

void
crypto_sha256_hex(const void *data, size_t len, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		abort(); /* libcrypto failed: nothing sane to do */
	for (i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

struct crypto_sha256 {
	EVP_MD_CTX *md;
};

struct crypto_sha256 *
crypto_sha256_new(void)
{
	struct crypto_sha256 *h = xmalloc(sizeof(*h));

	if ((h->md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1)
		abort(); /* libcrypto failed: nothing sane to do */
	return h;
}

void
crypto_sha256_add(struct crypto_sha256 *h, const void *data, size_t len)
{
	if (EVP_DigestUpdate(h->md, data, len) != 1)
		abort(); /* as above */
}

void
crypto_sha256_end(struct crypto_sha256 *h, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	if (EVP_DigestFinal_ex(h->md, md, &n) != 1 || n != 32)
		abort(); /* as above */
	for (i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
	EVP_MD_CTX_free(h->md);
	free(h);
}

void
crypto_hmac_sha256(const void *key, size_t keylen, const void *data,
    size_t len, unsigned char out[32])
{
	unsigned int n = 0;

	if (HMAC(EVP_sha256(), key, (int)keylen, data, len, out, &n) == NULL ||
	    n != 32)
		abort(); /* as above */
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

static const char b64std[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void
b64(const char *alpha, const unsigned char *s, size_t n, char *out, int pad)
{
	size_t i, o = 0;

	for (i = 0; i < n; i += 3) {
		unsigned v = s[i] << 16;

		if (i + 1 < n)
			v |= s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		out[o++] = alpha[(v >> 18) & 63];
		out[o++] = alpha[(v >> 12) & 63];
		if (i + 1 < n)
			out[o++] = alpha[(v >> 6) & 63];
		else if (pad)
			out[o++] = '=';
		if (i + 2 < n)
			out[o++] = alpha[v & 63];
		else if (pad)
			out[o++] = '=';
	}
	out[o] = '\0';
}

void
crypto_sha256_b64(const void *data, size_t len, char out[45])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != 32)
		abort(); /* libcrypto failed: nothing sane to do */
	b64(b64std, md, 32, out, 1);
}

void
crypto_b64(const unsigned char *s, size_t n, char *out)
{
	b64(b64std, s, n, out, 1);
}

void
crypto_b64url(const unsigned char *s, size_t n, char *out)
{
	b64(b64url, s, n, out, 0);
}

long
crypto_unb64url(const char *s, unsigned char *out, size_t outsz)
{
	size_t o = 0;
	unsigned v = 0;
	int bits = 0;

	for (; *s; s++) {
		const char *p = strchr(b64url, *s);

		if (p == NULL || *s == '\0')
			return -1;
		v = (v << 6) | (unsigned)(p - b64url);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o == outsz)
				return -1;
			out[o++] = (unsigned char)(v >> bits);
		}
	}
	/* Left-over bits must be zero, or the text was not made by us. */
	if (bits >= 6 || (v & ((1u << bits) - 1)) != 0)
		return -1;
	return (long)o;
}

