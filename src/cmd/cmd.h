/* cmd.h: what the commands share: the context of one run, the common
 * options, loading the wheel, and the commands themselves. */
#ifndef AARSHJUL_CMD_H
#define AARSHJUL_CMD_H

#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/feeds.h"
#include "io/config.h"
#include "io/ledger.h"
#include "io/tokens.h"

struct wheel;

/* One invocation: the global options, then what load() made of them. */
struct ctx {
	const char *config_path;
	int config_given;
	char **wheel_files;
	size_t nwheel_files;
	const char *today_arg;
	day_t today;
	time_t now; /* --now, or the clock */
	int now_given;
	struct config conf;
	struct wheel *wheel;
	struct diag diag;
};

/* The options every command takes: time is an input. */
#define TIME_OPTIONS                                                          \
	{"today", required_argument, NULL, 'T'},                              \
	{                                                                     \
		"now", required_argument, NULL, 'N'                           \
	}

void cmd_usage(FILE *);
/* Two lines after a usage error: the form, and where the rest is. */
void cmd_usage_hint(FILE *);
/* The id of ids[0..n) nearest to word (a typo of it), or NULL. */
const char *cmd_nearest(const char *word, const char *const *ids, size_t n);
/* The role or activity id nearest to id, or NULL. */
const char *cmd_nearest_role(const struct wheel *, const char *id);
const char *cmd_nearest_activity(const struct wheel *, const char *id);
/* A date argument; says what is wrong and returns -1 when it is not one. */
int cmd_date_arg(const char *opt, const char *arg, day_t *out);
/* The same for an occurrence's DATE, which may also be written as a Dane
 * writes it (date_parse_dk). */
int cmd_day_arg(const char *opt, const char *arg, day_t *out);
int cmd_set_today(struct ctx *, const char *arg);
int cmd_set_now(struct ctx *, const char *arg);
/* getopt_long for a command: takes --today and --now itself.  Returns the
 * command's next option, -1 at the end, or 0 after a usage error (said). */
int cmd_opt(struct ctx *, int argc, char **argv, const char *shortopts,
    const struct option *opts);
/* Parses the options of a command that has none of its own; returns 0 or
 * an exit status. */
int cmd_no_options(struct ctx *, int argc, char **argv);
/* Loads the configuration and the wheel; returns 0 or an exit status. */
int cmd_load(struct ctx *);
/* The two halves of cmd_load(), for a command that can do without the
 * wheel: each returns 0 or an exit status. */
int cmd_load_config(struct ctx *);
int cmd_load_wheel(struct ctx *);
/* The exit status for an error from ledger_find or ledger_facts_if_any:
 * EX_NOPERM for LEDGER_DENIED, else EX_IOERR. */
int cmd_ledger_error(int rc);
/* Opens (creating it) the ledger in the state folder; 0 or an exit status. */
int cmd_open_ledger(struct ctx *, struct ledger **);
/* Loads the feeds and their tokens, creating missing tokens (and a new
 * one for rotate).  Returns 0 or an exit status. */
int cmd_load_tokens(struct ctx *, struct feeds *, struct tokens *,
    const char *rotate);
/* Standard output as a buf_sink (core/util.h). */
extern const struct buf_sink cmd_stdout;
void cmd_print_url(const char *base, const char *name, const char *token);

/* The commands: each returns an exit status from <sysexits.h>. */
int cmd_check(struct ctx *, int, char **);
int cmd_agenda(struct ctx *, int, char **);
int cmd_feeds(struct ctx *, int, char **);
int cmd_urls(struct ctx *, int, char **);
int cmd_welcome(struct ctx *, int, char **);
int cmd_token(struct ctx *, int, char **);
int cmd_serve(struct ctx *, int, char **);
int cmd_done(struct ctx *, int, char **);
int cmd_skip(struct ctx *, int, char **);
int cmd_reopen(struct ctx *, int, char **);
int cmd_status(struct ctx *, int, char **);
int cmd_log(struct ctx *, int, char **);
int cmd_remind(struct ctx *, int, char **);
int cmd_report(struct ctx *, int, char **);
int cmd_run(struct ctx *, int, char **);
int cmd_import(struct ctx *, int, char **);
int cmd_init(struct ctx *, int, char **);
int cmd_test_mail(struct ctx *, int, char **);

/* Whether standard output is a terminal: a command that succeeded then
 * says so in one line; under cron it says nothing. */
int cmd_tty(void);
/* remind and run on a ledger that has never mailed, without since in the
 * configuration, refuse (EX_CONFIG): the first run would mail a year's
 * backlog.  Returns 0 or an exit status. */
int cmd_check_since(struct ctx *);
int cmd_trigger(struct ctx *, int, char **);
int cmd_draw(struct ctx *, int, char **);
int cmd_review(struct ctx *, int, char **);

/* What `run` does besides the commands (remind.c, report.c). */
int remind_run(struct wheel *, const struct config *, day_t today, time_t now,
    int dry_run, FILE *out);
/* The calendar invitations ([mail] invitations) remind owes: sent, or
 * listed on out for a dry run (remind-invite.c).  0 or an exit status. */
int remind_invitations(struct wheel *, const struct config *, day_t today,
    time_t now, int dry_run, FILE *out);
/* Mails today's report to each address of the committee, once a day; for
 * run (scheduled), once from its latest report day on, not for a report
 * day before since or before the first run.  Returns 0 or an exit status. */
int remind_report(struct wheel *, const struct config *, day_t today,
    int scheduled, time_t now);
int import_csv(struct wheel *, const struct config *, const char *path,
    time_t now);

#endif
