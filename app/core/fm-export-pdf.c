/* fm-export-pdf.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-pdf"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <langinfo.h>
#include <pango/pangocairo.h>
#include <stdint.h>

#include "fm-export-pdf.h"
#include "fm-sheet-layout.h"
#include "fm-types.h"

/* The fact sheet as a PDF: the print layout drawn on a cairo PDF surface,
 * so the file and a printed sheet are the same pages. */

#define A4_WIDTH      595.276
#define A4_HEIGHT     841.89
#define LETTER_WIDTH  612.0
#define LETTER_HEIGHT 792.0
/* 18 mm, as the HTML sheet's @page rule. */
#define MARGIN        51.0

/* A4, except where the locale's paper is US Letter (216 mm wide), as in
 * the US and Canada; glibc knows each locale's paper. */
static void
get_paper_size (double *width,
                double *height)
{
#ifdef _NL_PAPER_WIDTH
  if ((intptr_t) nl_langinfo (_NL_PAPER_WIDTH) == 216)
    {
      *width = LETTER_WIDTH;
      *height = LETTER_HEIGHT;
      return;
    }
#endif
  *width = A4_WIDTH;
  *height = A4_HEIGHT;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t *surface,
              FmArticle       *article)
{
  g_autofree char *title = g_strdup_printf (_("Fact sheet: %s"),
                                            fm_article_get_display_title (article));

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  if (fm_article_get_author (article) != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                    fm_article_get_author (article));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Factmark " PACKAGE_VERSION);
}

/**
 * fm_export_pdf_to_bytes:
 * @article: the article, with its text
 * @annotations: (element-type FmAnnotation): its annotations, in any order
 * @options: (nullable): the options; with_text adds the marked article
 *
 * Renders the fact sheet as a PDF on the locale's paper (A4 or Letter).
 *
 * Returns: (transfer full): the PDF file, or %NULL with @error set when an
 *   annotation does not fit the text or cairo fails.
 */
GBytes *
fm_export_pdf_to_bytes (FmArticle              *article,
                        GPtrArray              *annotations,
                        const FmExportOptions  *options,
                        GError                **error)
{
  g_autoptr(FmSheetLayout) layout = NULL;
  g_autoptr(GByteArray) data = NULL;
  PangoContext *pango;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (annotations != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  layout = fm_sheet_layout_new (article, annotations, options, error);
  if (layout == NULL)
    return NULL;

  get_paper_size (&width, &height);
  data = g_byte_array_new ();
  surface = cairo_pdf_surface_create_for_stream (write_cb, data, width, height);
  set_metadata (surface, article);
  cr = cairo_create (surface);

  /* The PDF surface's unit is the point, so a 72 dpi context makes a
   * 10 pt font 10 units tall. */
  pango = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (pango, 72);
  fm_sheet_layout_paginate (layout, pango, width - 2 * MARGIN, height - 2 * MARGIN);
  g_object_unref (pango);

  for (guint i = 0; i < fm_sheet_layout_get_n_pages (layout); i++)
    {
      cairo_save (cr);
      cairo_translate (cr, MARGIN, MARGIN);
      fm_sheet_layout_draw_page (layout, cr, i);
      cairo_restore (cr);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("Could not draw the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}
