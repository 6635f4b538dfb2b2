/* welcome.h: the welcome mail of a role: its calendar's address, its
 * activities of the coming year, and how to subscribe. */
#ifndef AARSHJUL_WELCOME_H
#define AARSHJUL_WELCOME_H

#include "core/mail.h"

/* The notice key a welcome is recorded under in the ledger. */
#define WELCOME_KEY_PREFIX "welcome:"

/* The welcome to one of role's addresses: https and webcal are the role
 * feed's subscription URLs.  The Message-ID depends on the wheel, the
 * address, the role and today, so that a retry the same day keeps it;
 * with again (--again), on now too. */
void welcome_mail(struct wheel *, const struct config *, size_t role,
    const char *address, const char *https, const char *webcal,
    day_t today, time_t now, int again, struct mail *);

#endif
