/* serve.h: the HTTP server people's calendars subscribe to (libmicrohttpd). */
#ifndef AARSHJUL_SERVE_H
#define AARSHJUL_SERVE_H

#include "io/config.h"
#include "io/publish.h"

/* Serves GET and HEAD of /f/TOKEN/NAME.ics until SIGTERM or SIGINT.
 * Returns 0 after a clean stop, or -1 when it cannot listen. */
int serve_run(const struct serve_conf *, struct publish *);

#endif
