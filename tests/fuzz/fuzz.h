/* fuzz.h: what the harnesses share.  Each tests/fuzz/NAME.c is a libFuzzer
 * target, fed from the seeds in tests/fuzz/NAME/ (tests/fuzz/run, `make
 * fuzz`); replay.c runs one over files without libFuzzer, which `make
 * check` does over every seed.  A harness aborts on what must never
 * happen: that, a sanitizer report or a leak is a failure. */
#ifndef AARSHJUL_FUZZ_H
#define AARSHJUL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run when what must hold does not. */
#define FUZZ_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: failed: %s\n", __FILE__,   \
			    __LINE__, #cond);                              \
			abort();                                           \
		}                                                          \
	} while (0)

/* The bytes as a string, cut at the first NUL, as a C caller sees them. */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
