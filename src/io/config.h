/* config.h: reading and checking the configuration file (aarshjul.conf). */
#ifndef AARSHJUL_IO_CONFIG_H
#define AARSHJUL_IO_CONFIG_H

#include "core/config.h"
#include "core/diag.h"

void config_serve_defaults(struct config *);
/* 1 for a plain address local@domain fit for an SMTP envelope. */
int config_valid_address(const char *);
/* 1 for ADDRESS:PORT (IPv6 addresses in brackets). */
int config_valid_listen(const char *);
/* 1 for an http or https URL without query, fragment or blanks. */
int config_valid_url(const char *);
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
