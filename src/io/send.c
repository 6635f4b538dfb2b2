/* send.c: handing messages to the outbox folder or to an SMTP server. */
#include "io/send.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"
#include "io/log.h"
#include "io/state.h"

struct sender {
	const struct config *conf;
	struct smtp *smtp;
};

/* Where the password is read from: password-file, or, when systemd passes
 * credentials to the unit (LoadCredential=, $CREDENTIALS_DIRECTORY), the
 * credential named as password-file's last component, so that the service
 * user never needs to read a file in /etc. */
char *
send_password_path(const struct mail_conf *m, int *credential)
{
	const char *dir = getenv("CREDENTIALS_DIRECTORY");
	const char *name;

	*credential = 0;
	if (m->password_file == NULL)
		return NULL;
	if (dir == NULL || dir[0] == '\0')
		return xstrdup(m->password_file);
	name = strrchr(m->password_file, '/');
	name = name ? name + 1 : m->password_file;
	*credential = 1;
	return xasprintf("%s/%s", dir, name);
}

/* The password file: first line, and only the owner may read it.  A
 * credential is exempt from the mode rule: it lies in a folder that only
 * the unit can enter, and systemd chooses its mode (0440 where it grants
 * the service user read access through an ACL). */
static char *
read_password(const char *path, int credential)
{
	struct stat st;
	char line[1024];
	FILE *f;

	if (stat(path, &st) != 0) {
		if (credential && errno == ENOENT)
			log_warnx("password-file: no credential %s: "
				  "$CREDENTIALS_DIRECTORY is set, so the "
				  "password comes from the unit's "
				  "LoadCredential=%s (see aarshjul.conf(5))",
			    path, strrchr(path, '/') + 1);
		else
			log_warn("password-file %s", path);
		return NULL;
	}
	if (!credential && (st.st_mode & 077)) {
		log_warnx("password-file %s is readable by others (mode %03o): "
			  "chmod 600 %s",
		    path, (unsigned)(st.st_mode & 0777), path);
		return NULL;
	}
	if ((f = fopen(path, "r")) == NULL) {
		log_warn("password-file %s", path);
		return NULL;
	}
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '\0') {
		log_warnx("password-file %s is empty", path);
		return NULL;
	}
	return xstrdup(line);
}

struct sender *
sender_open(const struct config *c)
{
	struct sender *s;
	char *password = NULL;

	if (c->mail.transport == TRANSPORT_NONE) {
		log_warnx("%s: no [mail] section: say how mail leaves "
			  "(transport = smtp or outbox)",
		    c->path ? c->path : "the configuration");
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	s->conf = c;
	if (c->mail.transport == TRANSPORT_OUTBOX) {
		/* The mails hold done-links, each a secret: private, as the
		 * state folder is. */
		if (mkdir(c->mail.outbox, 0700) != 0 && errno != EEXIST) {
			log_warn("outbox %s", c->mail.outbox);
			free(s);
			return NULL;
		}
		return s;
	}
	if (c->mail.password_file) {
		int credential;
		char *path = send_password_path(&c->mail, &credential);

		password = read_password(path, credential);
		free(path);
		if (password == NULL) {
			free(s);
			return NULL;
		}
	}
	s->smtp = smtp_open(&c->mail, password);
	if (password) {
		explicit_bzero(password, strlen(password));
		free(password);
	}
	if (s->smtp == NULL) {
		free(s);
		return NULL;
	}
	return s;
}

static int
put_mail(FILE *f, void *arg)
{
	const struct mail *m = arg;

	return fwrite(m->data.s, 1, m->data.len, f) == m->data.len ? 0 : -1;
}

/* OUTBOX/DATE-ID.eml, through a temporary name and a rename. */
static enum send_status
outbox_send(struct sender *s, const struct mail *m, char *reply, size_t n)
{
	const char *dir = s->conf->mail.outbox;
	char *path, when[32];
	struct tm tm;

	gmtime_r(&m->date, &tm);
	strftime(when, sizeof(when), "%Y%m%dT%H%M%SZ", &tm);
	/* Time first, so that a listing shows the order. */
	path = xasprintf("%s/%s-%.16s.eml", dir, when, m->message_id + 1);
	if (state_replace(path, 0600, put_mail, (void *)m) != 0) {
		log_warn("cannot write %s", path);
		free(path);
		return SEND_CONFIG;
	}
	snprintf(reply, n, "outbox %s", strrchr(path, '/') + 1);
	free(path);
	return SEND_OK;
}

enum send_status
sender_send(struct sender *s, const struct mail *m, char *reply, size_t n)
{
	reply[0] = '\0';
	if (s->smtp == NULL)
		return outbox_send(s, m, reply, n);
	return smtp_send(s->smtp, s->conf->mail.from_addr, m->to, &m->data,
	    reply, n);
}

int
sender_stalled(const struct sender *s)
{
	return s && s->smtp && smtp_stalled(s->smtp);
}

void
sender_trace(struct sender *s, FILE *f)
{
	if (s->smtp)
		smtp_trace(s->smtp, f);
}

const char *
sender_step(const struct sender *s)
{
	return s->smtp ? smtp_step(s->smtp) : "outbox";
}

void
sender_close(struct sender *s)
{
	if (s == NULL)
		return;
	smtp_close(s->smtp);
	free(s);
}
