/* send.h: handing messages to the outbox folder or to an SMTP server. */
#ifndef AARSHJUL_SEND_H
#define AARSHJUL_SEND_H

#include <stddef.h>
#include <stdio.h>

#include "io/config.h"
#include "core/mail.h"

enum send_status {
	SEND_OK,	/* the server accepted it */
	SEND_TEMPFAIL,	/* try again on the next run (unreachable, 4xx, time-out) */
	SEND_UNCERTAIN, /* the connection broke after the data went out */
	SEND_BOUNCE,	/* the recipient was refused for good (5xx) */
	SEND_CONFIG,	/* TLS, authentication, password file: fix the setup */
	SEND_DOWN	/* the server cannot be reached, or stopped answering
			   earlier in this run: stop the run */
};

struct sender;

/* The file the SMTP password is read from: [mail] password-file, or under
 * systemd's LoadCredential= the credential of the same name in
 * $CREDENTIALS_DIRECTORY (then *credential is 1).  Allocated; NULL without
 * a password-file. */
char *send_password_path(const struct mail_conf *, int *credential);

/* Opens the configured transport.  Returns NULL after printing why (a
 * configuration error: exit 78). */
struct sender *sender_open(const struct config *);
/* Sends one message; reply gets the server's last reply line (sanitised),
 * or the outbox file's name. */
enum send_status sender_send(struct sender *, const struct mail *,
    char *reply, size_t replysz);
/* Whether the server stopped answering in this run (a time-out): its
 * connection was dropped without QUIT, and every later send returns
 * SEND_DOWN at once, so that a stalled server costs one time-out per run.
 * The caller stops, and the next run sends what is left. */
int sender_stalled(const struct sender *);
/* test-mail: each step of the next sends (connect, STARTTLS, TLS, login,
 * send) is written to f as it ends well; sender_step() names the one
 * under way when a send failed. */
void sender_trace(struct sender *, FILE *f);
const char *sender_step(const struct sender *);
void sender_close(struct sender *);

/* The SMTP transport (smtp.c, the one file that sees libcurl). */
struct smtp;
struct smtp *smtp_open(const struct mail_conf *, const char *password);
enum send_status smtp_send(struct smtp *, const char *from, const char *to,
    const struct buf *data, char *reply, size_t replysz);
int smtp_stalled(const struct smtp *);
void smtp_trace(struct smtp *, FILE *);
const char *smtp_step(const struct smtp *);
void smtp_close(struct smtp *);
/* The host that libcurl connects to for url, as libcurl's own URL parser
 * reads it (IPv4 numbers normalised, IPv6 without brackets) and not as it
 * looks: smtp://127.0.0.1:25@192.0.2.2 is 192.0.2.2.  0, or -1 with
 * libcurl's reason in why. */
int smtp_url_host(const char *url, char *host, size_t n, const char **why);

#endif
