/* inifile.h: INI files read by iniparser, with line numbers and lint. */
#ifndef AARSHJUL_INIFILE_H
#define AARSHJUL_INIFILE_H

#include <stddef.h>

#include "core/diag.h"

/* The longest line aarshjul accepts; iniparser 4.1 fails a whole file on
 * lines of about 1,020 bytes. */
#define INI_MAX_LINE 1000

struct ini_entry {
	char *key;   /* lowercased, as iniparser stores it */
	char *value; /* as iniparser returns it */
	int line;
	int broken; /* the line has an error already reported */
};

struct ini_section {
	char *name; /* as written, blanks trimmed, case kept */
	int line;
	struct ini_entry *entries;
	size_t nentries;
	int merged; /* another section has the same name but for case */
	size_t offset; /* of its header line in the file */
};

struct ini {
	char *path;
	struct ini_section *sections;
	size_t nsections;
};

/* Reads path.  Every problem is reported to d with its line.  Returns NULL
 * when the file cannot be read (errno set); otherwise the sections in file
 * order, also when d holds errors, so that the caller can report more. */
struct ini *ini_load(const char *path, struct diag *d);
void ini_free(struct ini *);
/* The entry for key in a section, the last one when repeated; or NULL.
 * Callers treat a broken entry as neither present nor missing. */
const struct ini_entry *ini_find(const struct ini_section *, const char *key);

#endif
