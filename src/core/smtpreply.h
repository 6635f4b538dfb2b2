/* smtpreply.h: what an SMTP server's refusal means for a mail: try again,
 * a bounce of the recipient, or an error of our own setup. */
#ifndef AARSHJUL_SMTPREPLY_H
#define AARSHJUL_SMTPREPLY_H

enum smtpreply_kind {
	SMTPREPLY_OK,	     /* 2xx, 3xx: no refusal */
	SMTPREPLY_TEMPORARY, /* 4xx: the next run tries again */
	SMTPREPLY_BOUNCE,    /* 5xx for this recipient or message */
	SMTPREPLY_SETUP	     /* 5xx for us: the same for every recipient */
};

/* Whom the server refused. */
enum smtpreply_cause {
	SMTPREPLY_RECIPIENT, /* the recipient or the message (or nobody) */
	SMTPREPLY_HELO,	     /* our EHLO name */
	SMTPREPLY_SENDER,    /* our sender address */
	SMTPREPLY_CLIENT     /* this client: its address, login or relaying */
};

struct smtpreply {
	enum smtpreply_kind kind;
	enum smtpreply_cause cause;
	int code;	 /* 550 */
	char status[12]; /* the enhanced status code, "5.1.8", or "" */
};

/* Classifies LINE, the (first line of the) server's reply to COMMAND:
 * "MAIL", "RCPT", "DATA" (the command and the data's final dot), "EHLO" or
 * "HELO"; anything else counts as before MAIL FROM (the greeting,
 * STARTTLS, AUTH).  Setup errors are every 5xx before RCPT TO, and at RCPT
 * a 5xx that names the client, the HELO name or the sender, as Postfix's
 * restrictions do when it delays them to RCPT (smtpd_delay_reject = yes),
 * or with the enhanced status 5.1.7 or 5.1.8 (the sender's address).
 * Every other 5xx at RCPT or after DATA is a bounce.  Returns -1 when
 * LINE does not begin with a reply code. */
int smtpreply_classify(
    const char *command, const char *line, struct smtpreply *);

/* For a refusal of our side, what it means and which setting of [mail] to
 * change, as a clause; NULL for SMTPREPLY_RECIPIENT. */
const char *smtpreply_advice(enum smtpreply_cause);

#endif
