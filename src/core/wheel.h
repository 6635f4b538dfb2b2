/* wheel.h: the validated model of an annual wheel (årshjul). */
#ifndef AARSHJUL_WHEEL_H
#define AARSHJUL_WHEEL_H

#include <stddef.h>

#include "core/date.h"
#include "core/diag.h"
#include "core/workdays.h"

enum pdca {
	PDCA_NONE,
	PDCA_PLAN,
	PDCA_DO,
	PDCA_CHECK,
	PDCA_ACT
};

struct role {
	char *id;
	char *name;
	char **email;
	size_t nemail;
	const char *file;
	int line;
};

struct activity {
	char *id;
	char *title;
	char *description; /* paragraphs joined by "\n", or NULL */
	char *checklist;   /* questions joined by "\n", or NULL */
	char *evidence;    /* paragraphs joined by "\n", or NULL */
	char *label;	   /* short name on the drawn wheel, or NULL */
	size_t owner;      /* index into wheel.roles */
	size_t *notify;
	size_t nnotify;
	char **iso;
	size_t niso;
	char **iso2013;
	size_t niso2013;
	char **duty; /* duty = ID, ...: duties it performs (core/duties.h) */
	size_t nduty;
	enum pdca pdca;
	char *rrule; /* NULL for a one-off */
	day_t start; /* first occurrence, or the one-off date */
	struct lead *lead;
	size_t nlead;
	struct lead prepare; /* start notice this long before; n = -1: none */
	/* The deadline after a trigger; n = 0: it cannot be triggered. */
	struct lead within;
	int trigger_only; /* within and neither rrule nor date */
	int time;     /* minutes after midnight, or -1 for a whole day */
	int duration; /* minutes, for a timed activity */
	int rule_pending; /* while loading: rrule not yet checked */
	const char *file;
	int line;
};

struct ini;

/* What building a wheel needs from outside the core. */
struct wheel_env {
	par_for_fn par; /* NULL: one rule after the other */
	/* 1 when the IANA zone exists (io/tzload.c); NULL: any is. */
	int (*zone_known)(const char *tzid);
	/* The local day and minutes after midnight of an instant in the
	 * zone (io/tzload.c); NULL: shown in UTC. */
	void (*local_time)(time_t, const char *tzid, day_t *, int *minutes);
};

/* The longest activity label, in characters. */
#define WHEEL_LABEL_MAX 28
/* The longest wheel id: a domain name's length. */
#define WHEEL_ID_MAX 253

struct wheel {
	char *id; /* at most WHEEL_ID_MAX characters */
	char *name;
	char *organisation;
	enum lang lang;
	char *timezone;
	int holidays_dk;
	struct closed *closed;
	size_t nclosed;
	enum shift shift;
	struct lead *lead;
	size_t nlead;
	struct lead overdue_every;  /* overdue reminders, this often */
	struct lead escalate_after; /* the committee hears this long after */
	size_t committee;
	size_t contact;	 /* the role mails name for questions */
	int contact_set; /* [wheel] contact, else the default */
	int iso_edition;
	unsigned profiles; /* PROFILE_ bits of [wheel] profiles */
	struct role *roles;
	size_t nroles;
	struct activity *activities;
	size_t nactivities;
	char **files;
	size_t nfiles;
	const char *wheel_file; /* the file holding [wheel], in files */
	int wheel_line;
	struct workdays workdays; /* filled once, read only */
	struct wheel_env env;	  /* as built */
};


/* Validates the wheel made of the parsed files and builds its model.
 * Every problem is reported to d.  Returns NULL when any error was found
 * (or no file was given).  The wheel is never changed afterwards. */
struct wheel *wheel_build(struct ini *const *inis, size_t ninis,
    const struct wheel_env *, struct diag *d);
void wheel_free(struct wheel *);
const struct role *wheel_role(const struct wheel *, const char *id);
/* Index of the activity with that id, or -1. */
long wheel_activity_index(const struct wheel *, const char *id);
const char *wheel_pdca_name(enum pdca);
/* Warns for each duty of the wheel's profiles that no activity covers as
 * seen on the day today (core/coverage.c). */
void wheel_check_coverage(const struct wheel *, day_t today, struct diag *);

#endif
