/* main.c: the options common to all commands, and the dispatch table. */
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/config.h"
#include "io/log.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

/* The dispatch table: one command per file in src/cmd/. */
static const struct command {
	const char *name;
	int (*fn)(struct ctx *, int, char **);
} commands[] = {
    {"check", cmd_check},
    {"agenda", cmd_agenda},
    {"feeds", cmd_feeds},
    {"urls", cmd_urls},
    {"token", cmd_token},
    {"serve", cmd_serve},
    {"done", cmd_done},
    {"skip", cmd_skip},
    {"reopen", cmd_reopen},
    {"status", cmd_status},
    {"log", cmd_log},
    {"remind", cmd_remind},
    {"welcome", cmd_welcome},
    {"report", cmd_report},
    {"run", cmd_run},
    {"import", cmd_import},
    {"init", cmd_init},
    {"test-mail", cmd_test_mail},
    {"trigger", cmd_trigger},
    {"draw", cmd_draw},
    {"review", cmd_review},
};

/* The options before the command.  Returns -1 to go on with the command
 * at argv[optind], or the exit status to stop with. */
static int
global_options(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"wheel", required_argument, NULL, 'w'},
	    {"today", required_argument, NULL, 'T'},
	    {"now", required_argument, NULL, 'N'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0}};
	int ch;

	while ((ch = getopt_long(argc, argv, "+c:w:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c->config_path = optarg;
			c->config_given = 1;
			break;
		case 'w':
			c->wheel_files = xreallocarray(c->wheel_files,
			    c->nwheel_files + 1, sizeof(*c->wheel_files));
			c->wheel_files[c->nwheel_files++] = optarg;
			break;
		case 'T':
			if (cmd_set_today(c, optarg) != 0)
				return EX_USAGE;
			break;
		case 'N':
			if (cmd_set_now(c, optarg) != 0)
				return EX_USAGE;
			break;
		case 'h':
			cmd_usage(stdout);
			return 0;
		case 'V':
			printf("aarshjul %s\n", VERSION);
			return 0;
		default:
			cmd_usage_hint(stderr);
			return EX_USAGE;
		}
	}
	if (c->config_given && c->nwheel_files) {
		log_warnx("give either -c CONFIG or -w WHEEL, not both");
		return EX_USAGE;
	}
	if (optind >= argc) {
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	return -1;
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	const char *names[ARRAY_LEN(commands)], *near;

	for (i = 0; i < ARRAY_LEN(commands); i++) {
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
		names[i] = commands[i].name;
	}
	if ((near = cmd_nearest(name, names, ARRAY_LEN(commands))) != NULL)
		log_warnx("unknown command \"%s\" (did you mean \"%s\"?)",
		    name, near);
	else
		log_warnx("unknown command \"%s\"", name);
	cmd_usage_hint(stderr);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct ctx c;
	const struct command *cmd;
	char *cmd_argv0 = NULL;
	int rc;

	/* Worker threads allocate little; one arena keeps the peak low. */
	mallopt(M_ARENA_MAX, 1);
	memset(&c, 0, sizeof(c));
	c.config_path = CONFIG_DEFAULT_PATH;
	if ((rc = global_options(&c, argc, argv)) >= 0)
		goto done;
	rc = EX_USAGE;
	if ((cmd = find_command(argv[optind])) == NULL)
		goto done;
	/* getopt's messages then start "aarshjul agenda: ...". */
	cmd_argv0 = xasprintf("aarshjul %s", cmd->name);
	argv[optind] = cmd_argv0;
	rc = cmd->fn(&c, argc - optind, argv + optind);
done:
	/* Output that did not arrive is an error, even when all else went
	 * well (a full disk, a closed pipe): cron must hear of it. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		log_warn("standard output");
		if (rc == 0)
			rc = EX_IOERR;
	}
	free(cmd_argv0);
	wheel_free(c.wheel);
	config_free(&c.conf);
	free(c.wheel_files);
	return rc;
}
