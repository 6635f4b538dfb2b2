/* render.h: the drawn wheel's SVG as PDF or PNG (librsvg and cairo). */
#ifndef AARSHJUL_IO_RENDER_H
#define AARSHJUL_IO_RENDER_H

#include <stddef.h>

/* What render_pdf and render_png return besides 0. */
#define RENDER_WRITE (-1)    /* the file could not be written (said) */
#define RENDER_SOFTWARE (-2) /* librsvg refused the SVG (said) */

/* Renders svg onto one landscape page (A3, or A4 when a3 is 0) as vector
 * PDF, the picture scaled to fit inside a margin, into path (through a
 * temporary file and a rename). */
int render_pdf(const char *svg, size_t len, int a3, const char *path);
/* Renders svg as a PNG width pixels wide (the height keeps the picture's
 * proportions), into path the same way. */
int render_png(const char *svg, size_t len, int width, const char *path);

struct buf;
/* The same PNG, appended to out (for the report's mail). */
int render_png_buf(const char *svg, size_t len, int width, struct buf *out);

#endif
