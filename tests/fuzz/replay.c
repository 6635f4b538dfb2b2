/* replay.c: runs a harness once over each file given, and each file in
 * each folder given, without libFuzzer: `make check` replays the seeds
 * and the inputs that once failed (tests/0900-fuzz-replay.t).  An input
 * that takes more than 10 s fails, as under make fuzz. */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? 2 * cap : 4096;
			if ((data = realloc(data, cap)) == NULL)
				abort();
		}
		if ((n = fread(data + len, 1, cap - len, f)) == 0)
			break;
		len += n;
	}
	if (ferror(f)) {
		perror(path);
		fclose(f);
		free(data);
		return -1;
	}
	fclose(f);
	fprintf(stderr, "%s\n", path);
	alarm(10);
	LLVMFuzzerTestOneInput(data, len);
	alarm(0);
	free(data);
	return 0;
}

int
main(int argc, char **argv)
{
	int i, runs = 0, bad = 0;

	for (i = 1; i < argc; i++) {
		struct stat st;
		struct dirent **list;
		int n, k;

		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]) != 0;
			runs++;
			continue;
		}
		if ((n = scandir(argv[i], &list, NULL, alphasort)) < 0) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		for (k = 0; k < n; k++) {
			char path[4096];

			snprintf(path, sizeof(path), "%s/%s", argv[i],
			    list[k]->d_name);
			if (list[k]->d_name[0] != '.' && stat(path, &st) == 0 &&
			    S_ISREG(st.st_mode)) {
				bad |= run_file(path) != 0;
				runs++;
			}
			free(list[k]);
		}
		free(list);
	}
	printf("%d inputs\n", runs);
	return bad || runs == 0;
}
