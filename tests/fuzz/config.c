/* config.c: the configuration loader (io/config.c config_load: the INI
 * line scan, iniparser 4.1, then the checks of every section) on one
 * file.  Relative paths resolve against the harness's own folder. */
#include "io/config.h"

#include "tmpfile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct diag d = {0};
	int rc;

	d.emit = fuzz_emit;
	rc = config_load(&c, fuzz_file(data, size, "aarshjul.conf"), &d);
	FUZZ_ASSERT((rc == 0) == (d.errors == 0));
	if (rc == 0)
		FUZZ_ASSERT(c.nwheels > 0 && c.state != NULL &&
		    c.feeds != NULL && c.serve.listen != NULL);
	config_free(&c);
	return 0;
}
