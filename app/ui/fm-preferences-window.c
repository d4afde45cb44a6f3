/* fm-preferences-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-preferences-window.h"

/* The settings a user changes: how highlights look, who signs ClaimReview
 * exports, and where the library is. Every row writes its GSettings key
 * at once, as GNOME preferences do. */

struct _FmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwComboRow          *highlight_row;
  AdwEntryRow          *org_name_row;
  AdwEntryRow          *org_url_row;
  AdwActionRow         *library_row;
  GtkSwitch            *suggestions_switch;

  /* Owned references */
  GSettings            *settings;
  char                 *library_path;
};

G_DEFINE_FINAL_TYPE (FmPreferencesWindow, fm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's order; the values are the schema's choices. */
static const char * const highlight_styles[] = {
  "background", "underline", "background-and-underline",
};

static gboolean
is_web_url (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  return scheme != NULL
         && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL);
}

static void
highlight_selected_cb (FmPreferencesWindow *self,
                       GParamSpec          *pspec,
                       AdwComboRow         *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->settings && selected < G_N_ELEMENTS (highlight_styles))
    g_settings_set_string (self->settings, "highlight-style", highlight_styles[selected]);
}

static void
org_name_changed_cb (FmPreferencesWindow *self,
                     GtkEditable         *editable)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (self->settings)
    g_settings_set_string (self->settings, "review-org-name", name);
}

static void
org_url_changed_cb (FmPreferencesWindow *self,
                    GtkEditable         *editable)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* Only a web address is kept: ClaimReview readers follow it. */
  if (*url != '\0' && !is_web_url (url))
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  if (self->settings)
    g_settings_set_string (self->settings, "review-org-url", url);
}

static void
open_folder_cb (FmPreferencesWindow *self,
                GtkButton           *button)
{
  g_autofree char *dir = g_path_get_dirname (self->library_path);
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
fm_preferences_window_finalize (GObject *object)
{
  FmPreferencesWindow *self = (FmPreferencesWindow *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->library_path, g_free);

  G_OBJECT_CLASS (fm_preferences_window_parent_class)->finalize (object);
}

static void
fm_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), FM_TYPE_PREFERENCES_WINDOW);
  G_OBJECT_CLASS (fm_preferences_window_parent_class)->dispose (object);
}

static void
fm_preferences_window_class_init (FmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_preferences_window_dispose;
  object_class->finalize = fm_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FmPreferencesWindow, highlight_row);
  gtk_widget_class_bind_template_child (widget_class, FmPreferencesWindow, org_name_row);
  gtk_widget_class_bind_template_child (widget_class, FmPreferencesWindow, org_url_row);
  gtk_widget_class_bind_template_child (widget_class, FmPreferencesWindow, library_row);
  gtk_widget_class_bind_template_child (widget_class, FmPreferencesWindow, suggestions_switch);
  gtk_widget_class_bind_template_callback (widget_class, highlight_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, org_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_cb);
}

static void
fm_preferences_window_init (FmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

FmPreferencesWindow *
fm_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *library_path)
{
  FmPreferencesWindow *self;
  g_autofree char *style = NULL;
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (FM_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->library_path = g_strdup (library_path);

  /* Fill the rows before listening, so that showing them writes nothing. */
  style = g_settings_get_string (settings, "highlight-style");
  for (guint i = 0; i < G_N_ELEMENTS (highlight_styles); i++)
    if (g_str_equal (style, highlight_styles[i]))
      adw_combo_row_set_selected (self->highlight_row, i);
  name = g_settings_get_string (settings, "review-org-name");
  url = g_settings_get_string (settings, "review-org-url");
  gtk_editable_set_text (GTK_EDITABLE (self->org_name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->org_url_row), url);
  adw_action_row_set_subtitle (self->library_row, library_path ? library_path : "");
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "show-suggestions", self->suggestions_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  return self;
}
