/* config.h: reading and checking the configuration file (aarshjul.conf). */
#ifndef AARSHJUL_IO_CONFIG_H
#define AARSHJUL_IO_CONFIG_H

#include "core/conf.h"
#include "core/diag.h"

void config_serve_defaults(struct config *);
/* [invitations] defaults: 12 months ahead, at most 200 a run. */
void config_invite_defaults(struct config *);
/* Parses full, titles or busy; returns 0 or -1. */
int config_parse_detail(const char *, enum detail *);
const char *config_detail_name(enum detail);

/* Reads and validates a configuration file; relative paths resolve
 * against the file's folder.  Returns 0, or -1 when the file cannot be
 * read (errno set) or holds errors (reported to d). */
int config_load(struct config *, const char *path, struct diag *);
/* A configuration for wheel files given on the command line. */
void config_for_wheels(struct config *, char *const *files, size_t n);
void config_free(struct config *);

#endif
