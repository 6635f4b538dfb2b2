/* parallel.c: the one helper that runs work on every core. */
#include "io/parallel.h"

#include <pthread.h>
#include <unistd.h>

#include "core/util.h"

struct par {
	size_t n;
	size_t next; /* taken with __atomic_fetch_add */
	void (*fn)(size_t, void *);
	void *arg;
};

#define PAR_CHUNK 8

static void *
par_worker(void *arg)
{
	struct par *p = arg;
	size_t i, end;

	while ((i = __atomic_fetch_add(&p->next, PAR_CHUNK,
		    __ATOMIC_RELAXED)) < p->n) {
		end = i + PAR_CHUNK < p->n ? i + PAR_CHUNK : p->n;
		for (; i < end; i++)
			p->fn(i, p->arg);
	}
	return NULL;
}

void
parallel_for(size_t n, void (*fn)(size_t, void *), void *arg)
{
	struct par p = {n, 0, fn, arg};
	pthread_t tid[PARALLEL_MAX - 1];
	int nt = parallel_cores(), k, started = 0;

	if (n < 2 * PAR_CHUNK)
		nt = 1;
	for (k = 0; k < nt - 1; k++)
		if (pthread_create(&tid[started], NULL, par_worker, &p) == 0)
			started++;
	par_worker(&p);
	for (k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
}


int
parallel_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > PARALLEL_MAX ? PARALLEL_MAX : (int)n;
}
