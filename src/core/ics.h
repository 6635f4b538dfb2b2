/* ics.h: a streaming iCalendar (RFC 5545) writer: escaping, folding, CRLF. */
#ifndef AARSHJUL_ICS_H
#define AARSHJUL_ICS_H

#include "core/util.h"

/* Content lines go to out, a buffer the caller flushes. */
struct ics {
	struct buf *out;
	struct buf line;
};

void ics_init(struct ics *, struct buf *out);
void ics_free(struct ics *);
/* Writes "NAME:VALUE" with VALUE as is (no escaping), folded. */
void ics_raw(struct ics *, const char *name, const char *value);
/* Writes "NAME:VALUE" with VALUE escaped as TEXT, folded. */
void ics_text(struct ics *, const char *name, const char *value);
/* Appends one TEXT item to a list value (CATEGORIES) being built in b. */
void ics_text_item(struct buf *b, const char *item);
/* Appends a parameter value (CN=...), quoted. */
void ics_param(struct buf *b, const char *value);
void ics_rawf(struct ics *, const char *name, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

#endif
