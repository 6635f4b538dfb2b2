/* main.c: the command line: options, subcommands and exit statuses. */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>


#include "cmd/cmd.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/config.h"
#include "io/log.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif


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
    {"report", cmd_report},
    {"run", cmd_run},
    {"import", cmd_import},
};

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"wheel", required_argument, NULL, 'w'},
	    {"today", required_argument, NULL, 'T'},
	    {"now", required_argument, NULL, 'N'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0}};
	struct ctx c;
	const struct command *cmd = NULL;
	char *cmd_argv0 = NULL;
	size_t i;
	int ch, rc = EX_USAGE;

	/* Worker threads allocate little; one arena keeps the peak low. */
	mallopt(M_ARENA_MAX, 1);
	memset(&c, 0, sizeof(c));
	c.config_path = CONFIG_DEFAULT_PATH;
	while ((ch = getopt_long(argc, argv, "+c:w:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c.config_path = optarg;
			c.config_given = 1;
			break;
		case 'w':
			c.wheel_files = xreallocarray(c.wheel_files,
			    c.nwheel_files + 1, sizeof(*c.wheel_files));
			c.wheel_files[c.nwheel_files++] = optarg;
			break;
		case 'T':
			if (cmd_set_today(&c, optarg) != 0)
				goto done;
			break;
		case 'N':
			if (cmd_set_now(&c, optarg) != 0)
				goto done;
			break;
		case 'h':
			cmd_usage(stdout);
			rc = 0;
			goto done;
		case 'V':
			printf("aarshjul %s\n", VERSION);
			rc = 0;
			goto done;
		default:
			cmd_usage(stderr);
			goto done;
		}
	}
	if (c.config_given && c.nwheel_files) {
		log_warnx("give either -c CONFIG or -w WHEEL, not both");
		goto done;
	}
	if (optind >= argc) {
		cmd_usage(stderr);
		goto done;
	}
	for (i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		log_warnx("unknown command \"%s\"", argv[optind]);
		cmd_usage(stderr);
		goto done;
	}
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
