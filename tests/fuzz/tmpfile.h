/* tmpfile.h: the loader harnesses' input file.  iniparser 4.1 reads only
 * from a path, so each input is written to one file in a folder of this
 * process's own, made on the first call and removed at exit. */
#ifndef AARSHJUL_FUZZ_TMPFILE_H
#define AARSHJUL_FUZZ_TMPFILE_H

#include <fcntl.h>
#include <unistd.h>

#include "fuzz.h"

static char fuzz_dir[64], fuzz_path[96];

static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
	rmdir(fuzz_dir);
}

/* Writes the input to the file NAME in the folder; returns its path. */
static const char *
fuzz_file(const uint8_t *data, size_t size, const char *name)
{
	const char *tmp = getenv("TMPDIR");
	size_t off = 0;
	int fd;

	if (fuzz_dir[0] == '\0') {
		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/aarshjul-fuzz.XXXXXX",
		    tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
		if (mkdtemp(fuzz_dir) == NULL) {
			perror(fuzz_dir);
			abort();
		}
		snprintf(fuzz_path, sizeof(fuzz_path), "%s/%s", fuzz_dir,
		    name);
		atexit(fuzz_cleanup);
	}
	fd = open(fuzz_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror(fuzz_path);
		abort();
	}
	while (off < size) {
		ssize_t n = write(fd, data + off, size - off);

		if (n <= 0) {
			perror(fuzz_path);
			abort();
		}
		off += (size_t)n;
	}
	close(fd);
	return fuzz_path;
}

/* A diag's lines are formatted, then dropped. */
static void
fuzz_emit(void *arg, const char *line)
{
	(void)arg;
	FUZZ_ASSERT(line != NULL && strchr(line, '\n') == NULL);
}

#endif
