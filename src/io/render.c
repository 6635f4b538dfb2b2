/* render.c: the drawn wheel's SVG as PDF or PNG: librsvg and cairo are
 * used here and nowhere else. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

#include "core/util.h"
#include "io/log.h"
#include "io/render.h"
#include "io/state.h"

/* A point is 1/72 inch; ISO 216 sizes in millimetres. */
#define MM_PT (72.0 / 25.4)
#define MARGIN_PT (10 * MM_PT)

struct job {
	RsvgHandle *h;
	double w, h_px; /* the picture's size in its own units */
	int pdf;
	double page_w, page_h; /* PDF: points; PNG: pixels */
	int failed;
};

static cairo_status_t
write_file(void *closure, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS
						: CAIRO_STATUS_WRITE_ERROR;
}

/* Draws the picture on cr, centred in the area inside margin. */
static int
paint(struct job *j, cairo_t *cr, double margin)
{
	RsvgRectangle vp;
	GError *err = NULL;

	vp.x = margin;
	vp.y = margin;
	vp.width = j->page_w - 2 * margin;
	vp.height = j->page_h - 2 * margin;
	if (!rsvg_handle_render_document(j->h, cr, &vp, &err)) {
		log_warnx("librsvg: %s", err ? err->message : "cannot render");
		if (err)
			g_error_free(err);
		j->failed = 1;
		return -1;
	}
	return 0;
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, (const char *)data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* Renders the job onto a surface that hands its bytes to out(to). */
static int
emit(struct job *j, cairo_write_func_t out, void *to)
{
	cairo_surface_t *s;
	cairo_t *cr;
	int rc = 0;

	if (j->pdf)
		s = cairo_pdf_surface_create_for_stream(out, to,
		    j->page_w, j->page_h);
	else
		s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
		    (int)j->page_w, (int)j->page_h);
	cr = cairo_create(s);
	if (paint(j, cr, j->pdf ? MARGIN_PT : 0) != 0)
		rc = -1;
	cairo_destroy(cr);
	if (rc == 0 && !j->pdf &&
	    cairo_surface_write_to_png_stream(s, out, to) !=
		CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_surface_finish(s);
	if (rc == 0 && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_surface_destroy(s);
	if (rc != 0 && !j->failed)
		errno = EIO;
	return rc;
}

/* state_replace's filler: renders into f. */
static int
fill(FILE *f, void *arg)
{
	return emit(arg, write_file, f);
}

static int
load(struct job *j, const char *svg, size_t len)
{
	GError *err = NULL;
	gdouble w, h;

	memset(j, 0, sizeof(*j));
	j->h = rsvg_handle_new_from_data((const guint8 *)svg, len, &err);
	if (j->h == NULL) {
		log_warnx("librsvg: %s", err ? err->message : "bad SVG");
		if (err)
			g_error_free(err);
		return RENDER_SOFTWARE;
	}
	if (!rsvg_handle_get_intrinsic_size_in_pixels(j->h, &w, &h) ||
	    w <= 0 || h <= 0) {
		log_warnx("librsvg: the picture has no size");
		g_object_unref(j->h);
		return RENDER_SOFTWARE;
	}
	j->w = w;
	j->h_px = h;
	return 0;
}

static int
run(struct job *j, const char *path)
{
	int rc = state_replace(path, 0644, fill, j);

	g_object_unref(j->h);
	if (rc == 0)
		return 0;
	if (j->failed)
		return RENDER_SOFTWARE;
	log_warn("%s", path);
	return RENDER_WRITE;
}

int
render_pdf(const char *svg, size_t len, int a3, const char *path)
{
	struct job j;
	int rc;

	if ((rc = load(&j, svg, len)) != 0)
		return rc;
	j.pdf = 1;
	j.page_w = (a3 ? 420 : 297) * MM_PT;
	j.page_h = (a3 ? 297 : 210) * MM_PT;
	return run(&j, path);
}

/* A PNG job: width pixels wide, as high as the picture's proportions
 * make it. */
static int
load_png(struct job *j, const char *svg, size_t len, int width)
{
	int rc;

	if ((rc = load(j, svg, len)) != 0)
		return rc;
	j->page_w = width;
	j->page_h = (double)(int)(width * j->h_px / j->w + 0.5);
	return 0;
}

int
render_png(const char *svg, size_t len, int width, const char *path)
{
	struct job j;
	int rc;

	if ((rc = load_png(&j, svg, len, width)) != 0)
		return rc;
	return run(&j, path);
}

int
render_png_buf(const char *svg, size_t len, int width, struct buf *out)
{
	struct job j;
	int rc;

	if ((rc = load_png(&j, svg, len, width)) != 0)
		return rc;
	rc = emit(&j, write_buf, out) == 0 ? 0 : RENDER_SOFTWARE;
	g_object_unref(j.h);
	return rc;
}
