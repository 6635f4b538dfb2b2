#!/bin/sh
# The shape holds: src/core is the rules with no I/O (DESIGN.md §1).
# libcore.a may call only pure libc, the malloc family, and libical and
# libcrypto as computation; no core file includes an io or cmd header; and
# main.c stays a dispatch table.
. tests/lib.sh

LIBCORE=${LIBCORE:-build/libcore.a}

# What libcore.a calls outside itself.
nm -u "$LIBCORE" | awk 'NF == 2 {print $2}' | sort -u >"$TMP/undef"
nm --defined-only "$LIBCORE" | awk 'NF == 3 {print $3}' | sort -u >"$TMP/def"
comm -23 "$TMP/undef" "$TMP/def" >"$TMP/calls"

# Pure libc: strings, memory, sorting, formatting into buffers, UTC
# conversion; abort() for the impossible.  Nothing that reads a file, a
# socket, the environment or the clock, and no stdio output.
cat >"$TMP/allowed" <<'LIST'
__ctype_b_loc
__ctype_tolower_loc
__ctype_toupper_loc
__isoc99_sscanf
__stack_chk_fail
abort
calloc
cos
free
gmtime_r
inet_pton
malloc
memchr
memcmp
memcpy
memmove
memset
qsort
qsort_r
realloc
sin
sincos
snprintf
sqrt
strchr
strcmp
strcspn
strftime
strlen
strncasecmp
strncmp
strpbrk
strrchr
strspn
strstr
strtol
strtoul
timegm
tolower
toupper
vsnprintf
LIST

# libical's recurrence and value calls, libcrypto's hashes; not libical's
# clock or zone-file calls, nor RAND_*.
allowed_lib() {
	case $1 in
	icaltime_today | icaltime_current_time_with_zone | \
	    icaltimezone_get_builtin_timezone* | RAND_*) return 1 ;;
	ical* | EVP_* | HMAC | HMAC_* | SHA256* | CRYPTO_memcmp) return 0 ;;
	esac
	return 1
}

: >"$TMP/bad"
while read -r sym; do
	grep -qxF "$sym" "$TMP/allowed" && continue
	allowed_lib "$sym" && continue
	echo "$sym" >>"$TMP/bad"
done <"$TMP/calls"

t "libcore.a calls nothing outside pure libc, libical and libcrypto" \
    sh -c "[ ! -s '$TMP/bad' ] || { echo 'not allowed in the core:'; cat '$TMP/bad'; false; }"
t "the list of what the core calls is not empty (nm worked)" \
    test -s "$TMP/calls"
t "no core file includes an io or cmd header" \
    sh -c "! grep -n '#include \"\\(io\\|cmd\\)/' src/core/*.c src/core/*.h"
t "no io file includes a cmd header" \
    sh -c "! grep -n '#include \"cmd/' src/io/*.c src/io/*.h"
t "each library is included by one file" sh -c '
	for h in sqlite3.h curl/curl.h iniparser.h microhttpd.h \
	    librsvg/rsvg.h cairo.h zlib.h; do
		n=$(grep -l "#include <$h>" src/*/*.c | wc -l)
		[ "$n" -eq 1 ] || { echo "$h: $n files"; exit 1; }
	done'
t "main.c is under 200 lines" sh -c '[ $(wc -l <src/main.c) -lt 200 ]'
t "no setenv(\"TZ\") outside io/tzload.c" sh -c \
    "! grep -n 'setenv(\"TZ\"' src/core/*.c src/cmd/*.c src/main.c \$(ls src/io/*.c | grep -v tzload.c)"

echo "1..$TEST_N"
[ "$TEST_FAILED" -eq 0 ]
