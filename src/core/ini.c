/* ini.c: looking up and freeing parsed INI files. */
#include "core/ini.h"

#include <stdlib.h>
#include <string.h>

const struct ini_entry *
ini_find(const struct ini_section *s, const char *key)
{
	size_t i = s->nentries;

	while (i-- > 0)
		if (strcmp(s->entries[i].key, key) == 0)
			return &s->entries[i];
	return NULL;
}

void
ini_free(struct ini *ini)
{
	size_t i, j;

	if (ini == NULL)
		return;
	for (i = 0; i < ini->nsections; i++) {
		for (j = 0; j < ini->sections[i].nentries; j++) {
			free(ini->sections[i].entries[j].key);
			free(ini->sections[i].entries[j].value);
		}
		free(ini->sections[i].entries);
		free(ini->sections[i].name);
	}
	free(ini->sections);
	free(ini->path);
	free(ini);
}
