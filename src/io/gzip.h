/* gzip.h: a buffer compressed to the gzip format (zlib). */
#ifndef AARSHJUL_IO_GZIP_H
#define AARSHJUL_IO_GZIP_H

#include <stddef.h>

#include "core/util.h"

/* The gzip member (RFC 1952) of the len bytes at p, into out (freed
 * first): the same input gives the same bytes (no name, no time, the OS
 * byte "unknown").  Returns 0, or -1 when zlib fails (out empty). */
int gzip_buf(const void *p, size_t len, struct buf *out);

#endif
