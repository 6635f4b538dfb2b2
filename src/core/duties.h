/* duties.h: the duty profiles: the recurring duties a wheel must cover. */
#ifndef AARSHJUL_DUTIES_H
#define AARSHJUL_DUTIES_H

#include <stddef.h>

/* [wheel] profiles: bits.  iso27001 is the default. */
#define PROFILE_ISO27001 1u
#define PROFILE_DK_STATE 2u
#define PROFILE_GDPR 4u

#define DUTY_MAXREFS 6

struct duty {
	const char *id;	      /* also the tag of `duty = ID` */
	unsigned profile;     /* one PROFILE_ bit */
	const char *what;     /* what the duty is, for the warning */
	/* The clauses that satisfy it (a sub-clause too), in the 2022 and
	 * the 2013 edition; none for a duty with no ISO clause. */
	const char *refs2022[DUTY_MAXREFS];
	const char *refs2013[DUTY_MAXREFS];
	int months;	      /* the longest interval between occurrences */
	unsigned phases;      /* bits 1 << enum pdca that perform it */
	const char *guidance; /* the guidance's section it comes from */
};

/* Every duty of every profile, in the order of the warnings. */
const struct duty *duties_all(size_t *n);
/* The duty with that id, or NULL. */
const struct duty *duty_find(const char *id);
/* The profile's bit, or 0 for an unknown name. */
unsigned profile_bit(const char *name);
const char *profile_name(unsigned bit);
/* The names of the profiles, for "did you mean". */
const char *const *profile_names(size_t *n);

#endif
