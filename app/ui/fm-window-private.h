/* fm-window-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-export.h"
#include "fm-history.h"
#include "fm-search-panel.h"
#include "fm-window.h"

G_BEGIN_DECLS

/* The window's parts, shared by its files: fm-window.c (layout, marking,
 * properties, state), fm-window-io.c (import and export),
 * fm-window-update.c (new versions of the text, orphans, revisions) and
 * fm-window-print.c (printing the fact sheet). */

typedef struct _FmWindowOpening FmWindowOpening;
typedef void (*FmWindowFunc) (FmWindow *window,
                              gpointer  data);

struct _FmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkWidget            *library_pane;
  GtkWidget            *facts_pane;
  AdwWindowTitle       *article_title;
  GtkMenuButton        *export_button;
  GtkStack             *article_stack;
  FmLibraryView        *library_view;
  GtkStack             *library_stack;
  FmSearchPanel        *search_panel;
  FmArticleView        *article_view;
  FmFactPanel          *fact_panel;

  /* Owned references */
  FmDocument           *document;
  GSignalGroup         *document_signals;
  GBindingGroup        *article_bindings;
  GtkFileChooserNative *chooser;
  /* What the export chooser, while it is open, saves as. */
  FmExportFormat        export_format;
  FmSuggestionItem     *selected_suggestion;
  GCancellable         *suggest_cancellable;
  guint                 suggest_source;
  /* The open article's suggestions wait for its highlights. */
  gboolean              suggest_when_painted;
  /* The article being read in a thread, while it is. */
  FmWindowOpening      *opening;
  guint                 opening_source;

  gint64                selected_id;
  gboolean              show_library;
  gboolean              show_facts;
  gboolean              show_suggestions;
};

static inline FmApplication *
get_app (FmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? FM_APPLICATION (app) : NULL;
}

static inline FmStore *
get_store (FmWindow *self)
{
  FmApplication *app = get_app (self);

  g_assert (FM_IS_WINDOW (self));
  return app ? fm_application_get_store (app) : NULL;
}

static inline FmHistory *
get_history (FmWindow *self)
{
  FmApplication *app = get_app (self);

  return app ? fm_application_get_history (app) : NULL;
}

static inline GSettings *
get_settings (FmWindow *self)
{
  FmApplication *app = get_app (self);

  return app ? fm_application_get_settings (app) : NULL;
}

void       _fm_window_report               (FmWindow            *self,
                                           const char          *heading,
                                           const GError        *error);
void       _fm_window_update_actions       (FmWindow            *self);
gboolean   _fm_window_show_article_then    (FmWindow            *self,
                                            gint64               article_id,
                                            FmWindowFunc         then,
                                            gpointer             data,
                                            GDestroyNotify       destroy);
void       _fm_window_show_properties      (FmWindow            *self,
                                           gboolean             after_import);
void       _fm_window_class_init_io        (GtkWidgetClass      *widget_class);
void       _fm_window_init_io              (FmWindow            *self);
void       _fm_window_class_init_update    (GtkWidgetClass      *widget_class);
void       _fm_window_class_init_print     (GtkWidgetClass      *widget_class);
void       _fm_window_class_init_suggest   (GtkWidgetClass      *widget_class);
void       _fm_window_class_init_tracked   (GtkWidgetClass      *widget_class);
void       _fm_window_link_repeated        (FmWindow            *self,
                                            FmAnnotation        *claim);
void       _fm_window_link_repeated_in_article (FmWindow        *self,
                                            gint64               article_id);
void       _fm_window_add_suggestion_shortcuts (FmWindow              *self,
                                               GtkShortcutController *controller);
void       _fm_window_select_suggestion    (FmWindow            *self,
                                           FmSuggestionItem    *item);
void       _fm_window_refresh_suggestions  (FmWindow            *self);
void       _fm_window_suggest_when_painted (FmWindow            *self);
void       _fm_window_init_suggest         (FmWindow            *self);
void       _fm_window_schedule_suggestions (FmWindow            *self);
gboolean   _fm_window_typing_in_field      (FmWindow            *self);
gboolean   _fm_window_print                (FmWindow            *self,
                                           GtkPrintOperationAction action,
                                           const char          *export_path,
                                           GError             **error);
void       _fm_window_read_article_async   (FmWindow            *self,
                                           GFile               *file,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
FmArticle *_fm_window_read_article_finish  (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
