/* tokens.c: the secret tokens in feed URLs, kept in the state folder.
 *
 * The file STATE/tokens holds one "NAME TOKEN" line per feed, mode 0600.
 * A token is created on first use and replaced by "token rotate"; the old
 * URL stops working at once, since the server reads the file again when it
 * changes. */
#include "io/tokens.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crypto.h"
#include "core/feeds.h"
#include "core/util.h"
#include "io/state.h"
#include "io/log.h"

static void
clear(struct tokens *t)
{
	strlist_free(t->names, t->n);
	strlist_free(t->values, t->n);
	t->names = t->values = NULL;
	t->n = 0;
}

static void
put(struct tokens *t, const char *name, const char *value)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->names[i], name) == 0) {
			free(t->values[i]);
			t->values[i] = xstrdup(value);
			return;
		}
	t->names = xreallocarray(t->names, t->n + 1, sizeof(*t->names));
	t->values = xreallocarray(t->values, t->n + 1, sizeof(*t->values));
	t->names[t->n] = xstrdup(name);
	t->values[t->n] = xstrdup(value);
	t->n++;
}

static int
read_file(struct tokens *t)
{
	FILE *f = fopen(t->path, "r");
	char line[256];
	int lineno = 0;

	clear(t);
	if (f == NULL)
		return errno == ENOENT ? 0 : (log_warn("%s", t->path), -1);
	while (fgets(line, sizeof(line), f)) {
		char *sp, *nl;

		lineno++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		sp = strchr(line, ' ');
		if (sp == NULL || strlen(sp + 1) < TOKEN_LEN) {
			log_warnx("%s:%d: expected \"FEED TOKEN\"", t->path,
			    lineno);
			fclose(f);
			return -1;
		}
		*sp = '\0';
		put(t, line, sp + 1);
	}
	fclose(f);
	return 0;
}

int
tokens_load(struct tokens *t, const char *state_dir)
{
	memset(t, 0, sizeof(*t));
	t->path = xasprintf("%s/tokens", state_dir);
	return read_file(t);
}

int
tokens_reload(struct tokens *t)
{
	return read_file(t);
}

void
tokens_free(struct tokens *t)
{
	clear(t);
	free(t->path);
	t->path = NULL;
}

const char *
tokens_get(const struct tokens *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->names[i], name) == 0)
			return t->values[i];
	return NULL;
}

const char *
tokens_feed(const struct tokens *t, const char *token)
{
	size_t i, k, len = strlen(token);
	const char *found = NULL;

	/* Every token of the same length is compared whole, eight bytes at
	 * a time, with no early exit: the time taken does not tell how much
	 * of a guess was right. */
	for (i = 0; i < t->n; i++) {
		const char *v = t->values[i];
		uint64_t diff = 0, a, b;

		if (strlen(v) != len)
			continue;
		for (k = 0; k + 8 <= len; k += 8) {
			memcpy(&a, v + k, 8);
			memcpy(&b, token + k, 8);
			diff |= a ^ b;
		}
		for (; k < len; k++)
			diff |= (unsigned char)(v[k] ^ token[k]);
		if (diff == 0)
			found = t->names[i];
	}
	return found;
}

static int
new_token(char out[TOKEN_LEN + 1])
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
	unsigned char raw[20];
	size_t i;
	unsigned acc = 0;
	int bits = 0, o = 0;

	if (state_random(raw, sizeof(raw)) != 0)
		return -1;
	for (i = 0; i < sizeof(raw); i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = alphabet[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[o] = '\0';
	return 0;
}

static int
put_tokens(FILE *f, void *arg)
{
	const struct tokens *t = arg;
	size_t i;

	fputs("# aarshjul feed tokens: FEED TOKEN.  Secret: mode 0600.\n", f);
	for (i = 0; i < t->n; i++)
		fprintf(f, "%s %s\n", t->names[i], t->values[i]);
	return ferror(f) ? -1 : 0;
}

static int
save(const struct tokens *t)
{
	/* Made 0600 from the start: a secret is never readable by others,
	 * not even for a moment. */
	if (state_replace(t->path, 0600, put_tokens, (void *)t) != 0) {
		log_warn("cannot write %s", t->path);
		return -1;
	}
	return 0;
}

/* Takes the lock of the token file, which writers hold from reading it to
 * saving it: the lock's descriptor, or -1 after saying why not. */
static int
lock_tokens(const char *dir)
{
	char *lockpath = xasprintf("%s/tokens.lock", dir);
	int fd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		log_warn("cannot lock %s", lockpath);
	free(lockpath);
	return fd;
}

int
tokens_ensure(struct tokens *t, const char *dir, char *const *names,
    size_t n, const char *rotate)
{
	char tok[TOKEN_LEN + 1];
	size_t i;
	int fd, changed = 0, rc = -1;

	if (state_dir(dir) != 0 || (fd = lock_tokens(dir)) < 0)
		return -1;
	/* Another process may have added tokens since we read the file. */
	if (read_file(t) != 0)
		goto done;
	/* A feed that no longer exists loses its token: should it come back,
	 * an old URL must not work again. */
	for (i = 0; i < t->n;) {
		size_t k;

		for (k = 0; k < n; k++)
			if (strcmp(t->names[i], names[k]) == 0)
				break;
		if (k < n) {
			i++;
			continue;
		}
		free(t->names[i]);
		free(t->values[i]);
		t->names[i] = t->names[t->n - 1];
		t->values[i] = t->values[t->n - 1];
		t->n--;
		changed = 1;
	}
	for (i = 0; i < n; i++) {
		if (tokens_get(t, names[i]) && (rotate == NULL ||
						   strcmp(rotate, names[i]) != 0))
			continue;
		if (new_token(tok) != 0)
			goto done;
		put(t, names[i], tok);
		changed = 1;
	}
	rc = changed ? save(t) : 0;
done:
	close(fd);
	return rc;
}

int
tokens_rotate(struct tokens *t, const char *dir, const char *name)
{
	char tok[TOKEN_LEN + 1];
	int fd, rc = -1;

	if (tokens_load(t, dir) != 0)
		return -1;
	if (tokens_get(t, name) == NULL)
		return 1;
	if ((fd = lock_tokens(dir)) < 0)
		return -1;
	/* Read again under the lock: another writer may have come first. */
	if (read_file(t) == 0) {
		if (tokens_get(t, name) == NULL)
			rc = 1;
		else if (new_token(tok) == 0) {
			put(t, name, tok);
			rc = save(t);
		}
	}
	close(fd);
	return rc;
}

int
tokens_for_feeds(struct tokens *t, const char *dir, const struct feeds *fs,
    const char *rotate)
{
	char **names = xcalloc(fs->n ? fs->n : 1, sizeof(*names));
	size_t i;
	int rc;

	for (i = 0; i < fs->n; i++)
		names[i] = fs->v[i].name;
	rc = tokens_load(t, dir) != 0			   ? -1
	    : tokens_ensure(t, dir, names, fs->n, rotate) != 0 ? -2
							   : 0;
	free(names);
	return rc;
}
