/* ini.h: an INI file as parsed key/values, each with its line: what the
 * wheel and the configuration are checked from (io/inifile.c reads it). */
#ifndef AARSHJUL_INI_H
#define AARSHJUL_INI_H

#include <stddef.h>


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
	int broken; /* its header line has an error already reported */
	size_t offset; /* of its header line in the file */
};

struct ini {
	char *path;
	struct ini_section *sections;
	size_t nsections;
};

/* The entry for key in a section, the last one when repeated; or NULL.
 * Callers treat a broken entry as neither present nor missing. */
const struct ini_entry *ini_find(const struct ini_section *, const char *key);
void ini_free(struct ini *);

#endif
