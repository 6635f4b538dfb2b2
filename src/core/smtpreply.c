/* smtpreply.c: the classification of SMTP server replies into temporary
 * failures, bounces and setup errors, with whom they refuse. */
#include "core/smtpreply.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "core/util.h"

/* Postfix's words for its HELO, client and sender restrictions (3.7, its
 * smtpd_check.c), which others share, and the words other servers refuse
 * to relay with (a refusal of this client, not of the recipient); matched
 * in any case.  Not "relay" alone: Postfix bounces an unknown user with
 * "User unknown in relay recipient table". */
static const struct {
	const char *words;
	enum smtpreply_cause cause;
} named[] = {
    {"helo command rejected", SMTPREPLY_HELO},
    {"client host rejected", SMTPREPLY_CLIENT},
    {"relay access denied", SMTPREPLY_CLIENT},
    {"sender address rejected", SMTPREPLY_SENDER},
    {"unable to relay", SMTPREPLY_CLIENT},	     /* Exchange */
    {"relaying denied", SMTPREPLY_CLIENT},	     /* Sendmail */
    {"relay not permitted", SMTPREPLY_CLIENT},   /* Exim */
    {"relaying not permitted", SMTPREPLY_CLIENT},
    {"relay denied", SMTPREPLY_CLIENT},
    {"relaying not allowed", SMTPREPLY_CLIENT},
    {"relay not allowed", SMTPREPLY_CLIENT},
    {"not permitted to relay", SMTPREPLY_CLIENT},
    {"allowed rcpthosts", SMTPREPLY_CLIENT},	     /* qmail */
};

static int
has_words(const char *s, const char *words)
{
	size_t n = strlen(words);

	for (; *s; s++)
		if (strncasecmp(s, words, n) == 0)
			return 1;
	return 0;
}

/* Reads "C.S.D" (RFC 3463: class 2, 4 or 5, then 1 to 3 digits twice) at
 * s, ended by a blank or the end, into st.  Returns whether it did. */
static int
read_status(const char *s, char st[12])
{
	const char *p = s;
	int part, n;

	if (*p != '2' && *p != '4' && *p != '5')
		return 0;
	p++;
	for (part = 0; part < 2; part++) {
		if (*p++ != '.')
			return 0;
		for (n = 0; isdigit((unsigned char)*p); n++)
			p++;
		if (n < 1 || n > 3)
			return 0;
	}
	if (*p != '\0' && *p != ' ')
		return 0;
	memcpy(st, s, (size_t)(p - s));
	st[p - s] = '\0';
	return 1;
}

/* Whom the text of a refusal names, if anyone. */
static enum smtpreply_cause
named_cause(const char *text, const char *status)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(named); i++)
		if (has_words(text, named[i].words))
			return named[i].cause;
	if (strcmp(status, "5.1.7") == 0 || strcmp(status, "5.1.8") == 0 ||
	    strcmp(status, "4.1.7") == 0 || strcmp(status, "4.1.8") == 0)
		return SMTPREPLY_SENDER;
	return SMTPREPLY_RECIPIENT;
}

int
smtpreply_classify(const char *command, const char *line, struct smtpreply *r)
{
	const char *text;
	enum smtpreply_cause cause;
	int mail, rcpt, data, helo;

	memset(r, 0, sizeof(*r));
	if (line[0] < '2' || line[0] > '5' ||
	    !isdigit((unsigned char)line[1]) ||
	    !isdigit((unsigned char)line[2]) ||
	    (line[3] != '\0' && line[3] != ' ' && line[3] != '-'))
		return -1;
	r->code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + line[2] - '0';
	text = line[3] ? line + 4 : line + 3;
	read_status(text, r->status);
	cause = named_cause(text, r->status);
	mail = strcmp(command, "MAIL") == 0;
	rcpt = strcmp(command, "RCPT") == 0;
	data = strcmp(command, "DATA") == 0;
	helo = strcmp(command, "EHLO") == 0 || strcmp(command, "HELO") == 0;
	if (r->code < 400) {
		r->kind = SMTPREPLY_OK;
		return 0;
	}
	/* Whom a refusal before RCPT TO refuses, when it does not say. */
	if (cause == SMTPREPLY_RECIPIENT && !rcpt && !data)
		cause = mail && r->code != 530 ? SMTPREPLY_SENDER
		    : helo		       ? SMTPREPLY_HELO
					       : SMTPREPLY_CLIENT;
	r->cause = data ? SMTPREPLY_RECIPIENT : cause;
	if (r->code < 500)
		r->kind = SMTPREPLY_TEMPORARY;
	else if (data || (rcpt && cause == SMTPREPLY_RECIPIENT))
		r->kind = SMTPREPLY_BOUNCE;
	else
		r->kind = SMTPREPLY_SETUP;
	return 0;
}

const char *
smtpreply_advice(enum smtpreply_cause cause)
{
	switch (cause) {
	case SMTPREPLY_HELO:
		return "the server refuses the EHLO name, not the recipient: "
		       "set ehlo in [mail] to this host's fully qualified name";
	case SMTPREPLY_SENDER:
		return "the server refuses the sender, not the recipient: "
		       "check from in [mail]";
	case SMTPREPLY_CLIENT:
		return "the server refuses this client, not the recipient: "
		       "check url, user and password-file in [mail]";
	case SMTPREPLY_RECIPIENT:
		break;
	}
	return NULL;
}
