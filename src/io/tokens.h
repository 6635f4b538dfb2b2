/* tokens.h: the secret tokens in feed URLs, kept in the state folder. */
#ifndef AARSHJUL_TOKENS_H
#define AARSHJUL_TOKENS_H

#include <stddef.h>
#include <sys/types.h>

/* 160 random bits from the kernel, in lowercase base32: 32 characters. */
#define TOKEN_LEN 32

struct tokens {
	char *path; /* STATE/tokens */
	char **names;
	char **values;
	size_t n;
};

/* Reads STATE/tokens (a missing file is an empty set).  Returns 0, or -1
 * with a message printed. */
int tokens_load(struct tokens *, const char *state_dir);
/* Reads the file again, after it changed. */
int tokens_reload(struct tokens *);
void tokens_free(struct tokens *);
/* The token of a feed, or NULL. */
const char *tokens_get(const struct tokens *, const char *name);
/* The feed whose token is token, or NULL; compares in constant time. */
const char *tokens_feed(const struct tokens *, const char *token);
/* Gives every named feed a token, and a new one to rotate (when not NULL),
 * drops the tokens of other feeds, under a lock, then saves the file (mode
 * 0600) through a rename.
 * Returns 0, or -1 with a message printed. */
int tokens_ensure(struct tokens *, const char *state_dir, char *const *names,
    size_t n, const char *rotate);

/* Gives the feed name a new token, leaving every other token as it is,
 * without knowing the feeds: for a rotation while the wheel cannot be
 * loaded.  Loads t (the caller frees it).  Returns 0; 1 when the file has
 * no token for name; -1 with a message printed. */
int tokens_rotate(struct tokens *, const char *state_dir, const char *name);

struct feeds;
/* Loads the tokens and gives every feed of fs one (and rotate a new one):
 * tokens_load() then tokens_ensure().  0; -1 when the file could not be
 * read, -2 when the tokens could not be saved (a message printed). */
int tokens_for_feeds(struct tokens *, const char *state_dir,
    const struct feeds *fs, const char *rotate);

#endif
