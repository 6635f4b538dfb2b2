/* state.h: the state folder (ledger, tokens, keys), its secrets, and files
 * replaced whole through a temporary name and a rename. */
#ifndef AARSHJUL_STATE_H
#define AARSHJUL_STATE_H

#include <stdio.h>
#include <sys/types.h>

#include "core/donelink.h"

/* Creates the state folder (mode 0700) when missing; 0 or -1 (said). */
int state_dir(const char *dir);
/* STATE/ledger.sqlite (caller frees). */
char *state_ledger_path(const char *state);
/* Fills buf with n random bytes from the kernel (getrandom).  Returns 0,
 * or -1 after saying why. */
int state_random(void *buf, size_t n);
/* Replaces path by what fill writes: into a temporary file in the same
 * folder made with mode, flushed and synced, then renamed over path, so
 * that a reader sees the old file or the new, never half of one.  Returns
 * 0, or -1 with errno set (nothing is left behind). */
int state_replace(const char *path, mode_t mode,
    int (*fill)(FILE *, void *), void *arg);
/* Reads STATE/done-key, creating it (mode 0600, 256 bits from the kernel)
 * when create is set.  Returns 0; 1 when there is none and create is not
 * set; -1 after printing why. */
int state_done_key(const char *state, int create,
    unsigned char key[DONELINK_KEY_LEN]);
/* Replaces the key: every link made before stops working.  0 or -1. */
int state_rotate_done_key(const char *state);
/* Locks STATE/locks/HASH.lock of an address, the lock remind holds while
 * it mails the address, waiting for it when wait is set.  Returns the
 * descriptor to close; -1 when another holds it (without wait); -2 when
 * the lock file cannot be made. */
int state_lock_address(const char *state, const char *address, int wait);

#endif
