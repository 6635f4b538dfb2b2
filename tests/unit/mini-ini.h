/* mini-ini.h: a wheel file read into struct ini for the core's unit tests,
 * which link libcore.a alone and so cannot use io/inifile.c.  Enough INI
 * for the fixtures: [sections], key = value, ; comments, no quoting. */
#ifndef AARSHJUL_MINI_INI_H
#define AARSHJUL_MINI_INI_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ini.h"

static char *
mini_trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	*e = '\0';
	return s;
}

static struct ini *
mini_ini_read(const char *path)
{
	FILE *f = fopen(path, "r");
	struct ini *ini;
	struct ini_section *s = NULL;
	char line[1024];
	int n = 0;

	if (f == NULL)
		return NULL;
	ini = calloc(1, sizeof(*ini));
	ini->path = strdup(path);
	while (fgets(line, sizeof(line), f)) {
		char *p = mini_trim(line), *eq;

		n++;
		if (*p == '\0' || *p == ';' || *p == '#')
			continue;
		if (*p == '[') {
			p[strcspn(p, "]")] = '\0';
			ini->sections = realloc(ini->sections,
			    (ini->nsections + 1) * sizeof(*ini->sections));
			s = &ini->sections[ini->nsections++];
			memset(s, 0, sizeof(*s));
			s->name = strdup(p + 1);
			s->line = n;
		} else if (s && (eq = strchr(p, '=')) != NULL) {
			struct ini_entry *e;

			*eq = '\0';
			s->entries = realloc(s->entries,
			    (s->nentries + 1) * sizeof(*s->entries));
			e = &s->entries[s->nentries++];
			memset(e, 0, sizeof(*e));
			e->key = strdup(mini_trim(p));
			e->value = strdup(mini_trim(eq + 1));
			/* "..." as iniparser reads it: without the quotes. */
			if (e->value[0] == '"' && strlen(e->value) > 1 &&
			    e->value[strlen(e->value) - 1] == '"') {
				memmove(e->value, e->value + 1,
				    strlen(e->value) - 2);
				e->value[strlen(e->value) - 2] = '\0';
			}
			e->line = n;
		}
	}
	fclose(f);
	return ini;
}

#endif
