/* state.c: the state folder, its secrets, and files replaced whole. */
#include "io/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crypto.h"
#include "core/util.h"
#include "io/log.h"

int
state_dir(const char *dir)
{
	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return 0;
	log_warn("cannot create the state folder %s", dir);
	return -1;
}

char *
state_ledger_path(const char *state)
{
	return xasprintf("%s/ledger.sqlite", state);
}

int
state_random(void *buf, size_t n)
{
	unsigned char *p = buf;
	size_t got = 0;

	while (got < n) {
		ssize_t k = getrandom(p + got, n - got, 0);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			log_warn("getrandom");
			return -1;
		}
		got += (size_t)k;
	}
	return 0;
}

int
state_replace(const char *path, mode_t mode, int (*fill)(FILE *, void *),
    void *arg)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ? xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path),
				path, slash + 1)
			  : xasprintf(".%s.XXXXXX", path);
	FILE *f = NULL;
	int fd, saved;

	/* mkstemp() makes 0600; fchmod() only ever widens it, to mode. */
	if ((fd = mkstemp(tmp)) < 0)
		goto fail;
	if (fchmod(fd, mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		close(fd);
		goto unlink;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 16);
	if (fill(f, arg) != 0 || fflush(f) != 0 || ferror(f) ||
	    fsync(fd) != 0) {
		saved = errno;
		fclose(f);
		errno = saved;
		goto unlink;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		goto unlink;
	free(tmp);
	return 0;
unlink:
	saved = errno;
	unlink(tmp);
	errno = saved;
fail:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

static int
put_key(FILE *f, void *arg)
{
	return fprintf(f, "%s\n", (const char *)arg) < 0 ? -1 : 0;
}

static int
write_key(const char *path)
{
	unsigned char raw[DONELINK_KEY_LEN];
	char text[64];
	int rc = -1;

	if (state_random(raw, sizeof(raw)) != 0)
		goto done;
	crypto_b64url(raw, sizeof(raw), text);
	if (state_replace(path, 0600, put_key, text) != 0) {
		log_warn("cannot write %s", path);
		goto done;
	}
	rc = 0;
done:
	explicit_bzero(raw, sizeof(raw));
	explicit_bzero(text, sizeof(text));
	return rc;
}

int
state_done_key(const char *state, int create,
    unsigned char key[DONELINK_KEY_LEN])
{
	char *path = xasprintf("%s/done-key", state), line[128];
	FILE *f;
	long n;
	int rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno != ENOENT) {
			log_warn("%s", path);
			goto done;
		}
		if (!create) {
			rc = 1;
			goto done;
		}
		if (state_dir(state) != 0)
			goto done;
		if (write_key(path) != 0 || (f = fopen(path, "r")) == NULL)
			goto done;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	n = crypto_unb64url(line, key, DONELINK_KEY_LEN);
	explicit_bzero(line, sizeof(line));
	if (n != DONELINK_KEY_LEN) {
		log_warnx("%s: not a key aarshjul made; aarshjul token rotate "
			  "done-key makes a new one",
		    path);
		goto done;
	}
	rc = 0;
done:
	free(path);
	return rc;
}

int
state_rotate_done_key(const char *state)
{
	char *path = xasprintf("%s/done-key", state);
	int rc = -1;

	if (state_dir(state) == 0)
		rc = write_key(path);
	free(path);
	return rc;
}

/* The same file as remind's lock of the address (a hash of it, so that no
 * address reaches a file name): welcome and remind never mail one address
 * at once. */
int
state_lock_address(const char *state, const char *address, int wait)
{
	char h[65], *dir = xasprintf("%s/locks", state), *path;
	int fd;

	crypto_sha256_hex(address, strlen(address), h);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_warn("%s", dir);
		free(dir);
		return -2;
	}
	path = xasprintf("%s/%.24s.lock", dir, h);
	free(dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		log_warn("%s", path);
	free(path);
	if (fd < 0)
		return -2;
	if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}
