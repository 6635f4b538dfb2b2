/* util.h: allocation, growable strings, UTF-8 and small text helpers. */
#ifndef AARSHJUL_UTIL_H
#define AARSHJUL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#define NORETURN __attribute__((noreturn))
#else
#define PRINTF_LIKE(f, a)
#define NORETURN
#endif

/* Allocation failure is fatal: aarshjul is a command-line and cron tool. */
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) PRINTF_LIKE(1, 2);


/* A growable NUL-terminated byte string. */
struct buf {
	char *s;
	size_t len;
	size_t cap;
};

void buf_add(struct buf *, const char *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, char);
void buf_printf(struct buf *, const char *, ...) PRINTF_LIKE(2, 3);
void buf_vprintf(struct buf *, const char *, va_list) PRINTF_LIKE(2, 0);
void buf_reset(struct buf *);
/* Appends s as a JSON string literal, quotes included. */
void buf_json(struct buf *, const char *s);
/* Appends s as one CSV field (RFC 4180 quoting) for separator sep; a
 * field that starts like a spreadsheet formula gets a leading '. */
void buf_csv(struct buf *, const char *s, char sep);
/* Appends s with &, <, >, " escaped for HTML. */
void buf_html(struct buf *, const char *s);
/* Appends s padded with blanks to width code points. */
void buf_pad(struct buf *, const char *s, size_t width);
/* Returns the string (caller frees) and leaves the buffer empty. */
char *buf_take(struct buf *);
void buf_free(struct buf *);

/* Where long output goes while it is made: flush(b, arg) takes b's bytes
 * and leaves b empty.  The core hands bytes over and never writes. */
struct buf_sink {
	void (*flush)(struct buf *, void *arg);
	void *arg;
};

/* Returns 1 when s[0..len) is valid UTF-8; otherwise 0 and the offset of
 * the first bad byte in *bad. */
int utf8_valid(const char *s, size_t len, size_t *bad);
/* Number of code points in a valid UTF-8 string. */
size_t utf8_width(const char *s);

/* Levenshtein distance between two short ASCII strings. */
size_t edit_distance(const char *, const char *);
/* The index of word in names[0..n), or -1: for options and keys that
 * take one of a few words. */
int word_index(const char *word, const char *const *names, size_t n);
/* The candidate nearest to word, or NULL when none is close enough. */
const char *nearest_word(const char *word, const char *const *candidates,
    size_t n);

/* Splits a comma-separated list, trimming blanks; empty items are kept as
 * empty strings so callers can report them.  Free with strlist_free(). */
char **split_list(const char *s, size_t *n);
void strlist_free(char **, size_t);

/* The 64-bit FNV-1a hash of n bytes. */
uint64_t hash_fnv1a(const void *, size_t n);

/* A string-keyed hash map (open addressing); keys are copied. */
struct strmap {
	char **keys;
	void **vals;
	size_t cap;
	size_t n;
};

/* Returns the value stored for key, or NULL. */
void *strmap_get(const struct strmap *, const char *key);
/* Stores val for key, replacing an earlier value. */
void strmap_put(struct strmap *, const char *key, void *val);
void strmap_free(struct strmap *);

/* Runs fn(i, arg) for every i in [0, n), in any order and maybe at once
 * (io/parallel.c gives one that uses every core); NULL: one after the
 * other.  The core takes it as an argument: it starts no thread itself. */
typedef void (*par_for_fn)(size_t n, void (*fn)(size_t, void *), void *arg);
/* Calls fn(i, arg) for i in [0, n) with run, or in order when run is NULL. */
void par_for(par_for_fn run, size_t n, void (*fn)(size_t, void *), void *arg);

char *trim(char *);
int str_has_ctl(const char *);

#endif
