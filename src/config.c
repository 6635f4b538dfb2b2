/* config.c: the service configuration (aarshjul.conf). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inifile.h"
#include "util.h"

static const char *aarshjul_keys[] = {"wheel", "state", "feeds", "base-url"};

/* Drops "dir/.." pairs so that messages show short paths. */
static char *
tidy(char *p)
{
	char *s;

	while ((s = strstr(p, "/../")) != NULL && s > p) {
		char *seg = s;

		while (seg > p && seg[-1] != '/')
			seg--;
		if ((s - seg == 2 && seg[0] == '.' && seg[1] == '.') ||
		    s == seg)
			break;
		memmove(seg, s + 4, strlen(s + 4) + 1);
	}
	return p;
}

/* Resolves path against the folder of the file base. */
static char *
resolve(const char *base, const char *path)
{
	const char *slash = strrchr(base, '/');

	if (path[0] == '/' || slash == NULL)
		return xstrdup(path);
	return tidy(xasprintf("%.*s/%s", (int)(slash - base), base, path));
}

static int
is_ini(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && e->d_name[0] != '.' &&
	    strcmp(e->d_name + n - 4, ".ini") == 0;
}

static void
add_wheel(struct config *c, char *path)
{
	c->wheels = xreallocarray(c->wheels, c->nwheels + 1, sizeof(*c->wheels));
	c->wheels[c->nwheels++] = path;
}

/* A folder stands for the *.ini files in it, in name order. */
static void
add_wheel_path(struct config *c, char *path)
{
	struct dirent **list;
	struct stat st;
	int n, i;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		add_wheel(c, path);
		return;
	}
	n = scandir(path, &list, is_ini, alphasort);
	for (i = 0; i < n; i++) {
		add_wheel(c, xasprintf("%s/%s", path, list[i]->d_name));
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	free(path);
}

static int
valid_url(const char *u)
{
	const char *host;

	if (strncmp(u, "https://", 8) == 0)
		host = u + 8;
	else if (strncmp(u, "http://", 7) == 0)
		host = u + 7;
	else
		return 0;
	return *host && *host != '/' && !str_has_ctl(u) && !strchr(u, ' ') &&
	    !strchr(u, '?') && !strchr(u, '#');
}

int
config_load(struct config *c, const char *path, struct diag *d)
{
	struct ini *ini;
	size_t i, j;
	int errors_before = d->errors, seen = 0;

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	if ((ini = ini_load(path, d)) == NULL)
		return -1;
	for (i = 0; i < ini->nsections; i++) {
		const struct ini_section *s = &ini->sections[i];

		if (strcmp(s->name, "aarshjul") != 0) {
			diag_error(d, path, s->line, s->name, NULL,
			    "unknown section (the configuration has "
			    "[aarshjul])");
			continue;
		}
		seen = 1;
		for (j = 0; j < s->nentries; j++) {
			const struct ini_entry *e = &s->entries[j];
			const char *near;

			if (e->broken)
				continue;
			if (ini_find(s, e->key) != e) {
				diag_error(d, path, e->line, s->name, e->key,
				    "repeated key; the INI parser keeps only "
				    "the last");
				continue;
			}
			if (strcmp(e->key, "wheel") == 0) {
				char **v;
				size_t n, k;

				v = split_list(e->value, &n);
				for (k = 0; k < n; k++) {
					if (*v[k] == '\0') {
						diag_error(d, path, e->line,
						    s->name, e->key,
						    "empty file name");
						continue;
					}
					add_wheel_path(c, resolve(path, v[k]));
				}
				strlist_free(v, n);
			} else if (strcmp(e->key, "state") == 0) {
				c->state = resolve(path, e->value);
			} else if (strcmp(e->key, "feeds") == 0) {
				c->feeds = resolve(path, e->value);
			} else if (strcmp(e->key, "base-url") == 0) {
				if (!valid_url(e->value))
					diag_error(d, path, e->line, s->name,
					    e->key,
					    "\"%s\" is not a base URL: write "
					    "https://host[/path]",
					    e->value);
				c->base_url = xstrdup(e->value);
			} else if ((near = nearest_word(e->key, aarshjul_keys,
					ARRAY_LEN(aarshjul_keys))) != NULL) {
				diag_error(d, path, e->line, s->name, e->key,
				    "unknown key (did you mean '%s'?)", near);
			} else
				diag_error(d, path, e->line, s->name, e->key,
				    "unknown key");
		}
	}
	if (!seen)
		diag_error(d, path, 0, "aarshjul", NULL,
		    "the section is missing");
	else if (c->nwheels == 0)
		diag_error(d, path, 0, "aarshjul", "wheel",
		    "required key is missing (the wheel's INI files)");
	if (c->state == NULL)
		c->state = resolve(path, "/var/lib/aarshjul");
	if (c->feeds == NULL)
		c->feeds = xasprintf("%s/feeds", c->state);
	ini_free(ini);
	return d->errors > errors_before ? -1 : 0;
}

void
config_for_wheels(struct config *c, char *const *files, size_t n)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < n; i++)
		add_wheel(c, xstrdup(files[i]));
}

void
config_free(struct config *c)
{
	free(c->path);
	strlist_free(c->wheels, c->nwheels);
	free(c->state);
	free(c->feeds);
	free(c->base_url);
	memset(c, 0, sizeof(*c));
}
