/* fm-window-print.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window-print"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-sheet-layout.h"
#include "fm-window-private.h"

/* Printing the open article's fact sheet. GtkPrintOperation asks for the
 * pages once it knows the paper, and FmSheetLayout, the layout the PDF
 * export draws, lays them out on the print context's cairo; so a printed
 * sheet and the PDF are the same pages. The settings of the last print
 * (printer, copies) are kept for the next one, as GNOME apps do. */

/* 18 mm, as the HTML sheet's @page rule and the PDF export. */
#define PRINT_MARGIN_MM 18.0

static GtkPrintSettings *last_settings;

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                FmSheetLayout     *layout)
{
  PangoContext *pango = gtk_print_context_create_pango_context (context);

  /* The operation's unit is the point, so a 72 dpi context makes a 10 pt
   * font 10 units tall, whatever the printer's resolution. */
  pango_cairo_context_set_resolution (pango, 72);
  fm_sheet_layout_paginate (layout, pango, gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) fm_sheet_layout_get_n_pages (layout));
  g_object_unref (pango);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              FmSheetLayout     *layout)
{
  if (page >= 0 && (guint) page < fm_sheet_layout_get_n_pages (layout))
    fm_sheet_layout_draw_page (layout, gtk_print_context_get_cairo_context (context),
                               (guint) page);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         FmWindow                *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      _fm_window_report (self, _("The fact sheet could not be printed"), error);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&last_settings, gtk_print_operation_get_print_settings (operation));
}

static GtkPageSetup *
new_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();

  gtk_page_setup_set_top_margin (setup, PRINT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, PRINT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, PRINT_MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, PRINT_MARGIN_MM, GTK_UNIT_MM);
  return setup;
}

/**
 * _fm_window_print:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask the user, or
 *   %GTK_PRINT_OPERATION_ACTION_EXPORT to write a PDF to @export_path
 * @export_path: (nullable): the file for an export
 *
 * Prints the open article's fact sheet. The dialog runs asynchronously;
 * an export is written before this returns. A failure of the print
 * operation is shown in the window; @error is set only when the sheet
 * cannot be laid out.
 *
 * Returns: whether printing started (or the export was written)
 */
gboolean
_fm_window_print (FmWindow                *self,
                  GtkPrintOperationAction  action,
                  const char              *export_path,
                  GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(FmSheetLayout) layout = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree char *job = NULL;
  GListModel *model;
  FmArticle *article;
  GtkPrintOperationResult result;

  g_return_val_if_fail (FM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_path != NULL, FALSE);

  if (self->document == NULL)
    return FALSE;

  article = fm_document_get_article (self->document);
  model = fm_document_get_annotations (self->document);
  annotations = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (annotations, g_list_model_get_item (model, i));
  /* The layout copies what it needs, so an edit while the dialog is open
   * does not change the pages half-way. */
  layout = fm_sheet_layout_new (article, annotations, NULL, error);
  if (layout == NULL)
    return FALSE;

  operation = gtk_print_operation_new ();
  setup = new_page_setup ();
  job = g_strdup_printf (_("Fact sheet: %s"), fm_article_get_display_title (article));
  gtk_print_operation_set_job_name (operation, job);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, action != GTK_PRINT_OPERATION_ACTION_EXPORT);
  if (last_settings != NULL)
    gtk_print_operation_set_print_settings (operation, last_settings);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);

  g_signal_connect_data (operation, "begin-print", G_CALLBACK (begin_print_cb),
                         g_object_ref (layout), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb),
                         g_object_ref (layout), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  g_signal_connect_object (operation, "done", G_CALLBACK (done_cb), self, 0);

  /* Errors, from the dialog or the printer, arrive in done_cb(). */
  result = gtk_print_operation_run (operation, action, GTK_WINDOW (self), NULL);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
print_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!_fm_window_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
      && error != NULL)
    _fm_window_report (self, _("The fact sheet could not be printed"), error);
}

void
_fm_window_class_init_print (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
}
