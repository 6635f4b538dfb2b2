/* test-smtpreply.c: which server refusals are bounces, which are setup
 * errors and which are temporary; Postfix's own words where it has them. */
#include "core/smtpreply.h"
#include "tap.h"

static const char *kinds[] = {"ok", "temporary", "bounce", "setup"};
static const char *causes[] = {"recipient", "helo", "sender", "client"};

/* "KIND CAUSE", or "invalid". */
static const char *
classify(const char *command, const char *line)
{
	static char s[40];
	struct smtpreply r;

	if (smtpreply_classify(command, line, &r) != 0)
		return "invalid";
	snprintf(s, sizeof(s), "%s %s", kinds[r.kind], causes[r.cause]);
	return s;
}

int
main(void)
{
	struct smtpreply r;

	/* Postfix with smtpd_delay_reject = yes: HELO, client and sender
	 * restrictions answer RCPT TO, once per recipient. */
	TAP_IS_STR(classify("RCPT",
		       "504 5.5.2 <vm>: Helo command rejected: "
		       "need fully-qualified hostname"),
	    "setup helo", "RCPT 504 Helo command rejected: the EHLO name");
	TAP_IS_STR(classify("RCPT",
		       "553 5.7.1 <isms@eksempel.dk>: Sender "
		       "address rejected: not owned by user isms"),
	    "setup sender", "RCPT 553 Sender address rejected: the sender");
	TAP_IS_STR(classify("RCPT",
		       "554 5.7.1 <unknown[192.0.2.7]>: Client "
		       "host rejected: Access denied"),
	    "setup client", "RCPT 554 Client host rejected: the client");
	TAP_IS_STR(classify("RCPT",
		       "554 5.7.1 <ekstern@example.com>: Relay "
		       "access denied"),
	    "setup client", "RCPT 554 Relay access denied: the client");
	/* Other servers' refusals to relay. */
	TAP_IS_STR(classify("RCPT",
		       "550 5.7.54 SMTP; Unable to relay recipient in "
		       "non-accepted domain"),
	    "setup client", "RCPT 550 Unable to relay (Exchange): the client");
	TAP_IS_STR(classify("RCPT",
		       "550 5.7.1 <ekstern@example.com>... Relaying denied"),
	    "setup client", "RCPT 550 Relaying denied (Sendmail): the client");
	TAP_IS_STR(classify("RCPT", "550 relay not permitted"),
	    "setup client", "RCPT 550 relay not permitted (Exim): the client");
	TAP_IS_STR(classify("RCPT",
		       "553 sorry, that domain isn't in my list of allowed "
		       "rcpthosts (#5.7.1)"),
	    "setup client", "RCPT 553 allowed rcpthosts (qmail): the client");
	TAP_IS_STR(classify("RCPT",
		       "550 5.1.1 <nobody@eksempel.dk>: Recipient address "
		       "rejected: User unknown in relay recipient table"),
	    "bounce recipient", "RCPT 550 ... in relay recipient table: a bounce");
	TAP_IS_STR(classify("RCPT",
		       "550 5.1.8 <isms@eksempel.dk>: Sender "
		       "address rejected: Domain not found"),
	    "setup sender", "RCPT 550 5.1.8 Domain not found: the sender");
	TAP_IS_STR(classify("RCPT", "550 5.1.7 Invalid sender mailbox"),
	    "setup sender", "RCPT 5.1.7 without the words: the sender");
	TAP_IS_STR(classify("RCPT", "553-5.1.8 Bad sender's system address"),
	    "setup sender", "RCPT 5.1.8 on a continued line: the sender");
	TAP_IS_STR(classify("RCPT",
		       "504 5.5.2 <vm>: HELO COMMAND REJECTED: "
		       "need fully-qualified hostname"),
	    "setup helo", "the words in any case");

	/* Refusals of the recipient stay bounces. */
	TAP_IS_STR(classify("RCPT",
		       "550 5.1.1 <nobody@eksempel.dk>: "
		       "Recipient address rejected: User unknown "
		       "in virtual mailbox table"),
	    "bounce recipient", "RCPT 550 5.1.1 User unknown: a bounce");
	TAP_IS_STR(classify("RCPT",
		       "550 5.7.1 <dpo@eksempel.dk>: Recipient "
		       "address rejected: Access denied"),
	    "bounce recipient",
	    "RCPT 550 5.7.1 Recipient address rejected: "
	    "a bounce");
	TAP_IS_STR(classify("RCPT", "552 5.2.2 Mailbox full"),
	    "bounce recipient", "RCPT 552 Mailbox full: a bounce");
	TAP_IS_STR(classify("RCPT", "550 5.1.10 Recipient not found"),
	    "bounce recipient", "RCPT 5.1.10 is not 5.1.1 nor 5.1.8");
	TAP_IS_STR(classify("RCPT", "550 5.1.80 Unknown"), "bounce recipient",
	    "RCPT 5.1.80 is not 5.1.8");
	TAP_IS_STR(classify("RCPT", "550 No such user 5.1.8"),
	    "bounce recipient", "5.1.8 counts only where the status goes");

	/* After the data: a refusal of the message, whatever it says. */
	TAP_IS_STR(classify("DATA", "554 5.6.0 Message refused"),
	    "bounce recipient", "DATA 554: a bounce");
	TAP_IS_STR(classify("DATA",
		       "554 5.7.1 <isms@eksempel.dk>: Sender "
		       "address rejected: Access denied"),
	    "bounce recipient", "DATA 554 naming the sender: still a bounce");

	/* Any 5xx at MAIL FROM is ours. */
	TAP_IS_STR(classify("MAIL",
		       "553 5.7.1 <isms@eksempel.dk>: Sender "
		       "address rejected: not owned by user isms"),
	    "setup sender", "MAIL 553 Sender address rejected: the sender");
	TAP_IS_STR(classify("MAIL", "550 Not allowed"), "setup sender",
	    "MAIL 550 without the words: the sender");
	TAP_IS_STR(classify("MAIL",
		       "504 5.5.2 <vm>: Helo command rejected: "
		       "need fully-qualified hostname"),
	    "setup helo", "MAIL 504 Helo command rejected: the EHLO name");
	TAP_IS_STR(classify("MAIL", "530 5.7.0 Authentication required"),
	    "setup client", "MAIL 530: the client (log in)");

	/* Before MAIL FROM nothing is about a recipient. */
	TAP_IS_STR(classify("EHLO", "550 5.7.1 Helo name not accepted"),
	    "setup helo", "EHLO 550: the EHLO name");
	TAP_IS_STR(classify("", "554 5.7.1 Access denied"), "setup client",
	    "a 554 greeting: the client");

	/* 4xx stays temporary, whoever it names. */
	TAP_IS_STR(classify("RCPT",
		       "450 4.7.1 <vm>: Helo command rejected: "
		       "Host not found"),
	    "temporary helo", "RCPT 450 Helo command rejected: temporary");
	TAP_IS_STR(classify("MAIL", "451 4.3.0 Try again later"),
	    "temporary sender", "MAIL 451: temporary");
	TAP_IS_STR(classify("DATA", "451 4.3.0 Local error in processing"),
	    "temporary recipient", "DATA 451: temporary");

	TAP_IS_STR(classify("RCPT", "250 2.1.5 Ok"), "ok recipient",
	    "250 is no refusal");
	TAP_IS_STR(classify("DATA", "354 End data with <CR><LF>.<CR><LF>"),
	    "ok recipient", "354 is no refusal");

	TAP_IS_STR(classify("RCPT", ""), "invalid", "an empty line");
	TAP_IS_STR(classify("RCPT", "55"), "invalid", "two digits");
	TAP_IS_STR(classify("RCPT", "5500 x"), "invalid", "four digits");
	TAP_IS_STR(classify("RCPT", "650 x"), "invalid", "6xx");
	TAP_IS_STR(
	    classify("RCPT", "Relay access denied"), "invalid", "no code");
	TAP_OK(smtpreply_classify("RCPT", "550", &r) == 0 && r.code == 550 &&
		r.kind == SMTPREPLY_BOUNCE,
	    "a bare code");
	TAP_OK(smtpreply_classify("RCPT", "550 5.1.8 x", &r) == 0 &&
		strcmp(r.status, "5.1.8") == 0,
	    "the enhanced status is kept");

	/* The advice names the setting. */
	TAP_IS_STR(smtpreply_advice(SMTPREPLY_HELO),
	    "the server refuses the EHLO name, not the recipient: set ehlo in "
	    "[mail] to this host's fully qualified name",
	    "advice for the EHLO name");
	TAP_IS_STR(smtpreply_advice(SMTPREPLY_SENDER),
	    "the server refuses the sender, not the recipient: check from in "
	    "[mail]",
	    "advice for the sender");
	TAP_IS_STR(smtpreply_advice(SMTPREPLY_CLIENT),
	    "the server refuses this client, not the recipient: check url, "
	    "user and password-file in [mail]",
	    "advice for the client");
	TAP_OK(smtpreply_advice(SMTPREPLY_RECIPIENT) == NULL,
	    "no advice for a recipient's refusal");
	return tap_done();
}
