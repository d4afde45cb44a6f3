/* fm-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-import.h"
#include "fm-window.h"

struct _FmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *title;
  GtkStack             *stack;
  GtkTextView          *text_view;

  /* Owned references */
  FmArticle            *article;
};

G_DEFINE_FINAL_TYPE (FmWindow, fm_window, ADW_TYPE_APPLICATION_WINDOW)

static FmStore *
get_store (FmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  g_assert (FM_IS_WINDOW (self));
  return app ? fm_application_get_store (FM_APPLICATION (app)) : NULL;
}

static GSettings *
get_settings (FmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? fm_application_get_settings (FM_APPLICATION (app)) : NULL;
}

static void
fm_window_dispose (GObject *object)
{
  FmWindow *self = (FmWindow *)object;

  g_clear_object (&self->article);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_WINDOW);

  G_OBJECT_CLASS (fm_window_parent_class)->dispose (object);
}

static void
fm_window_class_init (FmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FmWindow, title);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, text_view);
}

static void
fm_window_init (FmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FmWindow *
fm_window_new (FmApplication *application)
{
  return g_object_new (FM_TYPE_WINDOW, "application", application, NULL);
}

void
fm_window_show_article (FmWindow *self,
                        gint64    article_id)
{
  g_autoptr(GError) error = NULL;
  FmStore *store;
  FmArticle *article;

  g_return_if_fail (FM_IS_WINDOW (self));

  if (!(store = get_store (self)))
    return;
  article = fm_store_get_article (store, article_id, &error);
  if (article == NULL)
    {
      fm_window_show_error (self, _("The article could not be opened"), error->message);
      return;
    }

  g_set_object (&self->article, article);
  g_object_unref (article);
  adw_window_title_set_title (self->title, fm_article_get_display_title (article));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            fm_article_get_text (article), -1);
  gtk_stack_set_visible_child_name (self->stack, "article");
  if (get_settings (self))
    g_settings_set_string (get_settings (self), "last-article", fm_article_get_uuid (article));
}

void
fm_window_restore_last (FmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autofree char *uuid = NULL;
  FmStore *store;

  g_return_if_fail (FM_IS_WINDOW (self));

  if (self->article != NULL || !(store = get_store (self)))
    return;
  uuid = g_settings_get_string (get_settings (self), "last-article");
  if (*uuid == '\0')
    return;
  article = fm_store_lookup_article (store, uuid, &error);
  if (article != NULL)
    fm_window_show_article (self, fm_article_get_id (article));
}

void
fm_window_import_file (FmWindow *self,
                       GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmArticle) stored = NULL;
  FmStore *store;

  g_return_if_fail (FM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!(store = get_store (self)))
    return;

  article = fm_import_file (file, NULL, NULL, &error);
  if (article != NULL)
    stored = fm_store_add_article (store, article, NULL, &error);
  if (stored == NULL)
    {
      g_printerr ("factmark: %s\n", error->message);
      fm_window_show_error (self, _("The file could not be imported"), error->message);
      return;
    }
  fm_window_show_article (self, fm_article_get_id (stored));
}

void
fm_window_show_error (FmWindow   *self,
                      const char *heading,
                      const char *body)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (FM_IS_WINDOW (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
