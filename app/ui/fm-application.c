/* fm-application.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-application.h"
#include "fm-preferences-window.h"
#include "fm-resources.h"
#include "fm-window.h"

struct _FmApplication
{
  AdwApplication  parent_instance;

  FmStore        *store;
  FmHistory      *history;
  GSettings      *settings;
  char           *db_path;
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (FmApplication, fm_application, ADW_TYPE_APPLICATION)

static FmWindow *
get_window (FmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_assert (FM_IS_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (fm_window_new (self));
      if (self->store_error != NULL)
        fm_window_show_error (FM_WINDOW (window), _("The library could not be opened"),
                              self->store_error->message);
    }
  return FM_WINDOW (window);
}

static void
fm_application_activate (GApplication *app)
{
  FmApplication *self = FM_APPLICATION (app);
  FmWindow *window = get_window (self);

  fm_window_restore_last (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
fm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  FmApplication *self = FM_APPLICATION (app);
  FmWindow *window = get_window (self);

  for (int i = 0; i < n_files; i++)
    fm_window_import_file (window, files[i]);
  gtk_window_present (GTK_WINDOW (window));
}

static int
fm_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  FmApplication *self = FM_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("factmark %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "&s", &db))
    self->db_path = g_strdup (db);

  return -1;
}

static void
fm_application_startup (GApplication *app)
{
  FmApplication *self = FM_APPLICATION (app);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (fm_application_parent_class)->startup (app);

  path = self->db_path ? g_strdup (self->db_path) : fm_store_default_path ();
  self->store = fm_store_open (path, &self->store_error);
  if (self->store == NULL)
    g_printerr ("factmark: %s\n", self->store_error->message);
  else
    self->history = fm_history_new (self->store);

  self->settings = g_settings_new (APP_ID);
}

static void
fm_application_finalize (GObject *object)
{
  FmApplication *self = (FmApplication *)object;

  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (fm_application_parent_class)->finalize (object);
}

static void
fm_application_class_init (FmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  fm_register_resource ();

  object_class->finalize = fm_application_finalize;
  app_class->activate = fm_application_activate;
  app_class->open = fm_application_open;
  app_class->startup = fm_application_startup;
  app_class->handle_local_options = fm_application_handle_local_options;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Factmark developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  adw_about_window_set_application_name (about, _("Factmark"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The Factmark developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about, _("Mark the claims, figures and sources in an article, "
                                          "track whether each holds up, and export fact sheets "
                                          "that point back to the exact words."));
  adw_about_window_set_website (about, "https://github.com/factmark/factmark");
  adw_about_window_set_issue_url (about, "https://github.com/factmark/factmark/issues");
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 The Factmark developers");
  /* Translators: put your names here, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FmApplication *self = FM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  FmPreferencesWindow *window;

  window = fm_preferences_window_new (parent, self->settings,
                                      self->store ? fm_store_get_path (self->store) : NULL);
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
fm_application_init (FmApplication *self)
{
  static const GActionEntry entries[] = {
    { "quit", quit_action },
    { "about", about_action },
    { "preferences", preferences_action },
  };
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use PATH as the library"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version"), NULL },
    { NULL }
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.about",
                                         (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

FmApplication *
fm_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  g_return_val_if_fail (application_id != NULL, NULL);

  return g_object_new (FM_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

FmStore *
fm_application_get_store (FmApplication *self)
{
  g_return_val_if_fail (FM_IS_APPLICATION (self), NULL);
  return self->store;
}

GSettings *
fm_application_get_settings (FmApplication *self)
{
  g_return_val_if_fail (FM_IS_APPLICATION (self), NULL);
  return self->settings;
}

FmHistory *
fm_application_get_history (FmApplication *self)
{
  g_return_val_if_fail (FM_IS_APPLICATION (self), NULL);
  return self->history;
}
