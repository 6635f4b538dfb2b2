/* donelink.c: signed links that let an owner mark an occurrence done.
 *
 * A token carries its claims in the clear (wheel id, activity, nominal
 * date, recipient, expiry: the recipient's own mail holds them anyway) and
 * an HMAC-SHA256 over them under a key in the state folder.  Nothing is
 * stored per link: the key verifies them all, and rotating it voids them
 * all. */
#include "core/donelink.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crypto.h"
#include "core/util.h"

static int
write_key(const char *path)
{
	unsigned char raw[DONELINK_KEY_LEN];
	char text[64], *tmp = xasprintf("%s.XXXXXX", path);
	int fd, rc = -1;

	if (crypto_random(raw, sizeof(raw)) != 0)
		goto done;
	crypto_b64url(raw, sizeof(raw), text);
	if ((fd = mkstemp(tmp)) < 0) {
		log_warn("cannot create %s", tmp);
		goto done;
	}
	fchmod(fd, 0600);
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text) ||
	    write(fd, "\n", 1) != 1 || fsync(fd) != 0) {
		log_warn("cannot write %s", tmp);
		close(fd);
		unlink(tmp);
		goto done;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		log_warn("cannot write %s", path);
		unlink(tmp);
		goto done;
	}
	rc = 0;
done:
	explicit_bzero(raw, sizeof(raw));
	free(tmp);
	return rc;
}

int
donelink_key(const char *state, int create, unsigned char key[DONELINK_KEY_LEN])
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
		if (mkdir(state, 0700) != 0 && errno != EEXIST) {
			log_warn("%s", state);
			goto done;
		}
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
donelink_rotate(const char *state)
{
	char *path = xasprintf("%s/done-key", state);
	int rc;

	if (mkdir(state, 0700) != 0 && errno != EEXIST) {
		log_warn("%s", state);
		free(path);
		return -1;
	}
	rc = write_key(path);
	free(path);
	return rc;
}

static void
claims(const struct donelink *l, struct buf *b)
{
	char nom[11], exp[11];

	date_iso(l->nominal, nom);
	date_iso(l->expires, exp);
	/* Newlines cannot occur in any of the fields. */
	buf_printf(b, "1\n%s\n%s\n%s\n%s\n%s", l->wheel_id, l->activity, nom,
	    l->recipient, exp);
}

void
donelink_make(const unsigned char key[DONELINK_KEY_LEN],
    const struct donelink *l, char *out, size_t n)
{
	struct buf b = {0};
	unsigned char mac[32];
	char *p, m[64];

	claims(l, &b);
	crypto_hmac_sha256(key, DONELINK_KEY_LEN, b.s, b.len, mac);
	p = xmalloc(4 * (b.len + 2) / 3 + 4);
	crypto_b64url((unsigned char *)b.s, b.len, p);
	crypto_b64url(mac, sizeof(mac), m);
	snprintf(out, n, "%s.%s", p, m);
	free(p);
	buf_free(&b);
}

int
donelink_parse(const unsigned char key[DONELINK_KEY_LEN], const char *token,
    struct donelink *l)
{
	unsigned char payload[768], mac[40], want[32];
	const char *dot = strchr(token, '.');
	char *text, *f[6], *p;
	long n, m;
	int i;

	if (dot == NULL || dot - token > 1000 || strlen(dot + 1) > 60)
		return -1;
	text = xstrndup(token, (size_t)(dot - token));
	n = crypto_unb64url(text, payload, sizeof(payload) - 1);
	free(text);
	m = crypto_unb64url(dot + 1, mac, sizeof(mac));
	if (n < 0 || m != 32)
		return -1;
	crypto_hmac_sha256(key, DONELINK_KEY_LEN, payload, (size_t)n, want);
	if (!crypto_equal(mac, want, 32))
		return -1;
	payload[n] = '\0';
	/* Signed by us: the claims are well formed. */
	p = (char *)payload;
	for (i = 0; i < 6; i++) {
		f[i] = p;
		p = strchr(p, '\n');
		if (i < 5) {
			if (p == NULL)
				return -1;
			*p++ = '\0';
		}
	}
	if (strcmp(f[0], "1") != 0 ||
	    snprintf(l->wheel_id, sizeof(l->wheel_id), "%s", f[1]) < 0 ||
	    snprintf(l->activity, sizeof(l->activity), "%s", f[2]) < 0 ||
	    date_parse(f[3], &l->nominal) != 0 ||
	    snprintf(l->recipient, sizeof(l->recipient), "%s", f[4]) < 0 ||
	    date_parse(f[5], &l->expires) != 0)
		return -1;
	return 0;
}

void
donelink_form_value(const unsigned char key[DONELINK_KEY_LEN],
    const char *token, char out[44])
{
	unsigned char mac[32];
	char *s = xasprintf("form\n%s", token);

	crypto_hmac_sha256(key, DONELINK_KEY_LEN, s, strlen(s), mac);
	crypto_b64url(mac, sizeof(mac), out);
	free(s);
}
