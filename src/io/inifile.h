/* inifile.h: INI files read by iniparser, with line numbers and lint. */
#ifndef AARSHJUL_INIFILE_H
#define AARSHJUL_INIFILE_H

#include "core/diag.h"
#include "core/ini.h"

/* Reads path.  Every problem is reported to d with its line.  Returns NULL
 * when the file cannot be read (errno set); otherwise the sections in file
 * order, also when d holds errors, so that the caller can report more. */
struct ini *ini_load(const char *path, struct diag *d);

struct wheel;
/* Reads the wheel's files and builds the wheel (core/wheel.h), with every
 * core the machine has.  *missing is set when a file could not be read at
 * all.  NULL when anything is wrong (reported to d). */
struct wheel *wheel_read(char *const *files, size_t nfiles, struct diag *d,
    int *missing);

#endif
