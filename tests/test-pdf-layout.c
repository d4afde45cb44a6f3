/* test-pdf-layout.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "fm-annotation.h"
#include "fm-article.h"
#include "fm-export-pdf.h"
#include "fm-sheet-layout.h"
#include "fm-text.h"
#include "fm-types.h"

/* The print layout on its own: what it draws stays inside the page it was
 * given at every size, hostile text cannot break its markup, and the PDF
 * carries the links. Pango warns through GLib on bad markup, and these
 * tests run with fatal warnings, so such a warning fails them. */

static const char text[] =
  "The <b>council</b> & the mayor said \"4,200 homes\" \x01 would be safe.\n"
  "\n"
  "שלום עולם — the Hebrew greeting — and a very long word: "
  "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft.\n";

static FmArticle *
build_article (void)
{
  FmArticle *article = fm_article_new ();

  fm_article_set_id (article, 1);
  fm_article_set_uuid (article, "11111111-1111-4111-8111-111111111111");
  fm_article_set_title (article, "<i>Markup</i> & \"quotes\" in the title");
  fm_article_set_url (article, "https://example.net/a?x=1&y='2'");
  fm_article_set_text (article, text);
  return article;
}

static FmAnnotation *
add (GPtrArray  *annotations,
     FmKind      kind,
     const char *quote)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", annotations->len + 1);
  FmAnnotation *a = fm_annotation_new (kind);
  glong start, end;

  g_assert_true (fm_text_find_quote (text, quote, 0, &start, &end, &error));
  fm_annotation_set_id (a, annotations->len + 1);
  fm_annotation_set_uuid (a, uuid);
  fm_annotation_set_article_id (a, 1);
  g_assert_true (fm_annotation_anchor (a, text, fm_text_length (text), start, end, &error));
  g_assert_no_error (error);
  g_ptr_array_add (annotations, a);
  return a;
}

static GPtrArray *
build_annotations (void)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);
  FmAnnotation *claim = add (annotations, FM_KIND_CLAIM, "the mayor said \"4,200 homes\"");
  FmAnnotation *source = add (annotations, FM_KIND_SOURCE, "the mayor");

  fm_annotation_set_name (source, "Mayor <Jo> & Co");
  fm_annotation_add_source (claim, fm_annotation_get_id (source));
  fm_annotation_set_verdict (claim, FM_VERDICT_FALSE);
  fm_annotation_set_note (claim, "<span foreground='red'>not markup</span> \x02 & ✓");
  fm_annotation_add_evidence (claim, "https://example.org/report.pdf", "p. 4 <b>");
  fm_annotation_add_evidence (claim, "javascript:alert(1)", NULL);
  add (annotations, FM_KIND_FIGURE, "4,200 homes");
  add (annotations, FM_KIND_CLAIM, "שלום עולם");
  add (annotations, FM_KIND_CLAIM,
       "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft");
  return annotations;
}

/* Draws every page on a recording surface and checks its ink. */
static guint
check_inside (FmSheetLayout *layout,
              double         width,
              double         height)
{
  cairo_surface_t *measure = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (measure);
  PangoContext *pango = pango_cairo_create_context (cr);
  guint n;

  pango_cairo_context_set_resolution (pango, 72);
  fm_sheet_layout_paginate (layout, pango, width, height);
  n = fm_sheet_layout_get_n_pages (layout);
  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < n; i++)
    {
      cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *pcr = cairo_create (page);
      double x, y, w, h;

      fm_sheet_layout_draw_page (layout, pcr, i);
      cairo_destroy (pcr);
      cairo_recording_surface_ink_extents (page, &x, &y, &w, &h);
      /* A glyph's antialiased edge may reach a point past its box. */
      g_assert_cmpfloat (x, >=, -1);
      g_assert_cmpfloat (y, >=, -1);
      g_assert_cmpfloat (x + w, <=, width + 1);
      g_assert_cmpfloat (y + h, <=, height + 1);
      cairo_surface_destroy (page);
    }

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (measure);
  return n;
}

static void
test_inside_the_page (void)
{
  g_autoptr(FmArticle) article = build_article ();
  g_autoptr(GPtrArray) annotations = build_annotations ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FmSheetLayout) layout = fm_sheet_layout_new (article, annotations, NULL, &error);
  guint a4, small, tiny;

  g_assert_no_error (error);
  a4 = check_inside (layout, 493, 740);
  small = check_inside (layout, 300, 400);
  tiny = check_inside (layout, 200, 100);
  /* Less room, more pages: the layout cuts rather than spills. */
  g_assert_cmpuint (a4, <=, small);
  g_assert_cmpuint (small, <, tiny);
}

static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_pdf_links (void)
{
  g_autoptr(FmArticle) article = build_article ();
  g_autoptr(GPtrArray) annotations = build_annotations ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = fm_export_pdf_to_bytes (article, annotations, NULL, &error);
  const char *data;
  gsize len;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  /* Link annotations are plain PDF objects, outside compressed streams;
   * the streams hold NULs, so the bytes are searched as bytes. */
  data = g_bytes_get_data (pdf, &len);
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
  g_assert_true (contains (data, len, "/URI (https://example.org/report.pdf)"));
  g_assert_true (contains (data, len, "/URI (https://example.net/a?x=1&y='2'#char="));
  /* Only web URLs become links, never a script. */
  g_assert_false (contains (data, len, "javascript"));
}

static void
test_empty_and_bad (void)
{
  g_autoptr(FmArticle) article = build_article ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = fm_export_pdf_to_bytes (article, none, NULL, &error);
  FmAnnotation *a;

  g_assert_no_error (error);
  g_assert_nonnull (pdf);

  a = add (bad, FM_KIND_CLAIM, "council");
  fm_annotation_set_span (a, 3, 4000);
  g_assert_null (fm_sheet_layout_new (article, bad, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (fm_export_pdf_to_bytes (article, bad, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-layout/inside-the-page", test_inside_the_page);
  g_test_add_func ("/pdf-layout/links", test_pdf_links);
  g_test_add_func ("/pdf-layout/empty-and-bad", test_empty_and_bad);

  return g_test_run ();
}
