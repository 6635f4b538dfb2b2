/* agenda.h: the agenda of occurrences as a table, TSV or JSON. */
#ifndef AARSHJUL_AGENDA_H
#define AARSHJUL_AGENDA_H


#include "core/occur.h"
#include "core/util.h"
#include "core/wheel.h"

enum agenda_format {
	AGENDA_TEXT,
	AGENDA_TSV,
	AGENDA_JSON
};

/* Parses "text", "tsv" or "json"; returns 0 or -1. */
int agenda_parse_format(const char *, enum agenda_format *);
/* Renders into b; with out set, hands b to it as it goes (whenever it
 * holds more than AGENDA_FLUSH_AT bytes, and at the end), so that a long
 * agenda is never held whole. */
#define AGENDA_FLUSH_AT (1 << 16)
void agenda_render(const struct wheel *, const struct occurrences *,
    day_t from, day_t to, enum agenda_format, struct buf *b, const struct buf_sink *out);

#endif
