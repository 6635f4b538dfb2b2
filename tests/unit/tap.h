/* tap.h: a few macros that print TAP from a unit test program. */
#ifndef AARSHJUL_TAP_H
#define AARSHJUL_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define TAP_OK(cond, ...)                                                     \
	do {                                                                  \
		int tap_c_ = (cond);                                          \
		tap_n++;                                                      \
		if (!tap_c_)                                                  \
			tap_failed++;                                         \
		printf("%sok %d - ", tap_c_ ? "" : "not ", tap_n);            \
		printf(__VA_ARGS__);                                          \
		printf("\n");                                                 \
		if (!tap_c_)                                                  \
			printf("#   at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} while (0)

#define TAP_IS_STR(got, want, ...)                                            \
	do {                                                                  \
		const char *tap_g_ = (got), *tap_w_ = (want);                 \
		TAP_OK(tap_g_ && strcmp(tap_g_, tap_w_) == 0, __VA_ARGS__);   \
		if (!(tap_g_ && strcmp(tap_g_, tap_w_) == 0))                 \
			printf("#   got \"%s\", want \"%s\"\n",                   \
			    tap_g_ ? tap_g_ : "(null)", tap_w_);              \
	} while (0)

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
