/* crypto.h: hashes from OpenSSL's libcrypto, behind one file. */
#ifndef AARSHJUL_CRYPTO_H
#define AARSHJUL_CRYPTO_H

#include <stddef.h>

/* Writes the SHA-256 of data as 64 lowercase hex digits and a NUL. */
void crypto_sha256_hex(const void *data, size_t len, char out[65]);

#endif
