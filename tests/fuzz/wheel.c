/* wheel.c: the wheel loader (io/inifile.c wheel_read: aarshjul's line
 * scan, then iniparser 4.1, then core/wheel.c's validation) on one file.
 * A wheel is built exactly when no error was reported, and every refusal
 * says why. */
#include "core/wheel.h"
#include "io/inifile.h"

#include "tmpfile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *files[1];
	struct diag d = {0};
	struct wheel *w;
	int missing;

	d.emit = fuzz_emit;
	files[0] = (char *)fuzz_file(data, size, "wheel.ini");
	w = wheel_read(files, 1, &d, &missing);
	FUZZ_ASSERT(!missing);
	FUZZ_ASSERT((w != NULL) == (d.errors == 0));
	if (w) {
		FUZZ_ASSERT(w->id != NULL && w->committee < w->nroles);
		/* A fixed day: the coverage check's recurrence needs one. */
		wheel_check_coverage(w, date_from_ymd(2026, 11, 28), &d);
		wheel_free(w);
	}
	return 0;
}
