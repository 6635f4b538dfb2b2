/* parallel.h: the one helper that runs work on every core. */
#ifndef AARSHJUL_PARALLEL_H
#define AARSHJUL_PARALLEL_H

#include <stddef.h>

/* At most this many threads, whatever the machine. */
#define PARALLEL_MAX 8

/* Calls fn(i, arg) for i in [0, n) on one thread per core, in chunks; fn
 * must be safe to run in parallel.  Returns when all calls returned.  A
 * par_for_fn (core/util.h). */
void parallel_for(size_t n, void (*fn)(size_t, void *), void *arg);
/* The cores to use: online ones, 1 to PARALLEL_MAX. */
int parallel_cores(void);

#endif
