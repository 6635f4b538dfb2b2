/* config.h: the service configuration (aarshjul.conf). */
#ifndef AARSHJUL_CONFIG_H
#define AARSHJUL_CONFIG_H

#include <stddef.h>

#include "diag.h"

#define CONFIG_DEFAULT_PATH "/etc/aarshjul/aarshjul.conf"

struct config {
	char *path; /* NULL when running on wheel files alone (-w) */
	char **wheels;
	size_t nwheels;
	char *state;
	char *feeds;
	char *base_url;
};

/* Reads and validates a configuration file; relative paths resolve
 * against the file's folder.  Returns 0, or -1 when the file cannot be
 * read (errno set) or holds errors (reported to d). */
int config_load(struct config *, const char *path, struct diag *);
/* A configuration for wheel files given on the command line. */
void config_for_wheels(struct config *, char *const *files, size_t n);
void config_free(struct config *);

#endif
