/* init.c: `aarshjul init DIR`: a configuration and a wheel for a new
 * organisation, made from the example.
 *
 * The example (calendars/eksempel.ini and conf/aarshjul.conf) is compiled
 * into the binary (the Makefile writes build/example.c), not looked up at
 * run time: the binary then finds it wherever it runs (in the source
 * tree, installed under any PREFIX, from the Debian package, which puts
 * its own configuration in /etc and none in the data folder), and the
 * copy always matches the binary's version of the wheel format.
 *
 * The copy is a quiet go-live: since is the day of init, so that the first
 * run mails no backlog; state, feeds and outbox lie inside DIR.  It never
 * overwrites: a configuration or a wheel there already is the user's
 * work, so init refuses with EX_CANTCREAT (73: the output cannot be
 * created), not EX_USAGE (the command line was right). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/util.h"
#include "io/log.h"
#include "io/state.h"
#include "io/tzload.h"

/* build/example.c */
extern const char example_wheel[], example_conf[];

#define EXAMPLE_DOMAIN "eksempelstyrelsen.dk"
#define EXAMPLE_NAME "Eksempelstyrelsen"

struct init {
	const char *dir, *name, *domain;
	char today[11];
	int since_seen;
};

/* A domain name: letters, digits, '-' and '.', with a dot inside. */
static int
domain_ok(const char *d)
{
	size_t i, n = strlen(d);

	if (n < 3 || n > 253 || d[0] == '.' || d[n - 1] == '.' ||
	    d[0] == '-' || strchr(d, '.') == NULL || strstr(d, ".."))
		return 0;
	for (i = 0; i < n; i++)
		if (!(d[i] >= 'a' && d[i] <= 'z') &&
		    !(d[i] >= 'A' && d[i] <= 'Z') &&
		    !(d[i] >= '0' && d[i] <= '9') && d[i] != '-' && d[i] != '.')
			return 0;
	return 1;
}

/* A name fits in any INI value it is put into: no control characters,
 * and no ';' or '#', which would start a comment and cut the value (the
 * INI reader does so in the middle of a line, too). */
static int
name_ok(const char *s)
{
	if (*s == '\0' || *s == ' ')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == ';' ||
		    *s == '#')
			return 0;
	return 1;
}

/* Appends line (without its newline) to b with the example's domain and
 * name replaced by the organisation's. */
static void
put_replaced(struct buf *b, const char *line, size_t n,
    const struct init *in)
{
	size_t i = 0, dl = strlen(EXAMPLE_DOMAIN), nl = strlen(EXAMPLE_NAME);

	while (i < n) {
		if (n - i >= dl && strncasecmp(line + i, EXAMPLE_DOMAIN, dl) == 0) {
			buf_puts(b, in->domain);
			i += dl;
		} else if (n - i >= nl && strncmp(line + i, EXAMPLE_NAME, nl) == 0) {
			buf_puts(b, in->name);
			i += nl;
		} else
			buf_putc(b, line[i++]);
	}
}

/* The key of an INI line ("" for a comment, a section or a blank line),
 * lower case, into key. */
static void
line_key(const char *line, size_t n, char *key, size_t keysz)
{
	size_t i = 0, k = 0;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	key[0] = '\0';
	if (i == n || line[i] == ';' || line[i] == '#' || line[i] == '[' ||
	    memchr(line, '=', n) == NULL)
		return;
	while (i < n && line[i] != '=' && line[i] != ' ' && line[i] != '\t' &&
	    k + 1 < keysz) {
		char ch = line[i++];

		key[k++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
	}
	key[k] = '\0';
}

/* The new value of key in section, or NULL to keep the line (with the
 * domain and name replaced). */
static char *
new_value(struct init *in, const char *section, const char *key)
{
	if (strcmp(section, "wheel") == 0) {
		if (strcmp(key, "id") == 0)
			return xasprintf("id = %s", in->domain);
		if (strcmp(key, "organisation") == 0)
			return xasprintf("organisation = %s", in->name);
	} else if (strcmp(section, "aarshjul") == 0) {
		static const char *const inside[][2] = {{"wheel", "wheel.ini"},
		    {"state", "state"}, {"feeds", "feeds"}};
		size_t i;

		for (i = 0; i < ARRAY_LEN(inside); i++)
			if (strcmp(key, inside[i][0]) == 0)
				return xasprintf("%-8s = %s", key, inside[i][1]);
		if (strcmp(key, "base-url") == 0)
			return xasprintf("base-url = https://isms.%s", in->domain);
		if (strcmp(key, "since") == 0) {
			in->since_seen = 1;
			return xasprintf("since    = %s", in->today);
		}
	} else if (strcmp(section, "mail") == 0 && strcmp(key, "outbox") == 0)
		return xstrdup("outbox    = outbox");
	return NULL;
}

/* The example text made the organisation's, line by line. */
static void
adapt(struct init *in, const char *text, struct buf *out)
{
	char section[64] = "", key[64];
	const char *p = text, *e;
	char *v;

	while (*p) {
		size_t n;

		e = strchr(p, '\n');
		n = e ? (size_t)(e - p) : strlen(p);
		if (p[0] == '[') {
			const char *end = memchr(p, ']', n);
			size_t k = end ? (size_t)(end - p - 1) : 0;

			snprintf(section, sizeof(section), "%.*s", (int)k, p + 1);
		}
		line_key(p, n, key, sizeof(key));
		if (key[0] && (v = new_value(in, section, key)) != NULL) {
			buf_puts(out, v);
			free(v);
		} else
			put_replaced(out, p, n, in);
		buf_putc(out, '\n');
		/* A configuration without since gets one: the point. */
		if (strcmp(section, "aarshjul") == 0 && p[0] == '[' &&
		    strstr(text, "\nsince") == NULL) {
			buf_printf(out, "since    = %s\n", in->today);
			in->since_seen = 1;
		}
		p = e ? e + 1 : p + n;
	}
}

static int
fill(FILE *f, void *arg)
{
	const struct buf *b = arg;

	return fwrite(b->s, 1, b->len, f) == b->len ? 0 : -1;
}

/* Writes path through a temporary name (written whole and synced, then
 * renamed: state_replace) and a hard link to it, which, unlike a rename,
 * never replaces a file: one made meanwhile by another hand stays. */
static int
write_file(const char *path, const struct buf *b)
{
	char *tmp = xasprintf("%s.init", path);
	int rc = -1;

	if (state_replace(tmp, 0644, fill, (void *)b) != 0)
		log_warn("%s", tmp);
	else if (link(tmp, path) != 0)
		log_warn("%s%s", path,
		    errno == EEXIST ? " (made meanwhile; not overwritten)" : "");
	else
		rc = 0;
	unlink(tmp);
	free(tmp);
	return rc;
}

static int
init_options(struct ctx *c, int argc, char **argv, struct init *in)
{
	static const struct option opts[] = {
	    {"organisation", required_argument, NULL, 'o'},
	    {"domain", required_argument, NULL, 'd'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		if (ch == 'o')
			in->name = optarg;
		else
			in->domain = optarg;
	}
	if (ch == 0)
		return EX_USAGE;
	if (optind + 1 != argc) {
		log_warnx("usage: aarshjul init DIR [--organisation NAME] "
			  "[--domain DOMAIN]");
		return EX_USAGE;
	}
	in->dir = argv[optind];
	if (!domain_ok(in->domain)) {
		log_warnx("--domain %s: write a domain name such as "
			  "styrelsen.dk (letters, digits, '-' and '.')",
		    in->domain);
		return EX_USAGE;
	}
	if (!name_ok(in->name)) {
		log_warnx("--organisation \"%s\": write the name on one line, "
			  "not starting with a blank, and without ';' or '#'",
		    in->name);
		return EX_USAGE;
	}
	return 0;
}

/* Whether path is free; says why not. */
static int
free_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		log_warnx("%s exists: init does not overwrite a configuration "
			  "or a wheel; choose another folder", path);
		return 0;
	}
	if (errno != ENOENT) {
		log_warn("%s", path);
		return 0;
	}
	return 1;
}

int
cmd_init(struct ctx *c, int argc, char **argv)
{
	struct init in = {NULL, "Min organisation", "example.org", "", 0};
	struct buf conf = {0}, wheel = {0};
	char *cpath = NULL, *wpath = NULL;
	int rc;

	if ((rc = init_options(c, argc, argv, &in)) != 0)
		return rc;
	if (c->today_arg == NULL)
		c->today = tzload_today("Europe/Copenhagen");
	date_iso(c->today, in.today);
	cpath = xasprintf("%s/aarshjul.conf", in.dir);
	wpath = xasprintf("%s/wheel.ini", in.dir);
	rc = EX_CANTCREAT;
	if (mkdir(in.dir, 0755) != 0 && errno != EEXIST) {
		log_warn("%s", in.dir);
		goto done;
	}
	/* Both or neither: nothing is written when either exists. */
	if (!free_path(cpath) || !free_path(wpath))
		goto done;
	adapt(&in, example_wheel, &wheel);
	buf_printf(&conf, "; Written by aarshjul init on %s for %s, from the "
			  "example configuration.\n", in.today, in.name);
	adapt(&in, example_conf, &conf);
	if (write_file(wpath, &wheel) != 0 || write_file(cpath, &conf) != 0)
		goto done;
	rc = 0;
	if (cmd_tty())
		printf("init: %s and %s written; next: aarshjul -c %s check\n",
		    wpath, cpath, cpath);
done:
	buf_free(&conf);
	buf_free(&wheel);
	free(cpath);
	free(wpath);
	return rc;
}
