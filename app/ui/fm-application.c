/* fm-application.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fm-application.h"
#include "fm-backup.h"
#include "fm-desk-page.h"
#include "fm-store-desk.h"
#include "fm-library-recovery-dialog.h"
#include "fm-preferences-window.h"
#include "fm-progress-dialog.h"
#include "fm-resources.h"
#include "fm-store-upgrade.h"
#include "fm-window.h"

struct _FmApplication
{
  AdwApplication  parent_instance;

  FmStore        *store;
  FmHistory      *history;
  GSettings      *settings;
  char           *db_path;
  GError         *store_error;
  /* Watches the library's folder for commits by other programs. */
  GFileMonitor   *monitor;
  guint           check_source;
  /* Keeps a library joined to a desk in step with it; NULL otherwise. */
  FmDeskSync     *desk_sync;
  /* While a library of an older schema is upgraded in a thread, before it
   * is opened: what cancels it, its dialog, and the files to import once
   * it is open. */
  gboolean        upgrading;
  GCancellable   *upgrade_cancellable;
  FmProgressDialog *upgrade_progress;
  GPtrArray      *pending_files;
};

enum {
  PROP_0,
  PROP_DESK_SYNC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (FmApplication, fm_application, ADW_TYPE_APPLICATION)

/* The library the app opens: --db, $FACTMARK_DB, or the default. */
static char *
dup_db_path (FmApplication *self)
{
  return self->db_path ? g_strdup (self->db_path) : fm_store_default_path ();
}

static void show_recovery (FmApplication *self, GtkWindow *window);
static void watch_library (FmApplication *self);

static void
desk_kick_cb (FmApplication *self)
{
  if (self->desk_sync != NULL)
    fm_desk_sync_kick (self->desk_sync);
}

static void
desk_pulled_cb (FmApplication *self,
                guint          count,
                FmDeskSync    *sync)
{
  /* The sync thread wrote to the library on its own connection: show it
   * now, without waiting for the file monitor. */
  if (self->store != NULL)
    fm_store_check_external_change (self->store);
}

/* Every change made here wakes the desk sync, if there is one, so it is
 * pushed at once. Connected once per store, whether or not it is joined. */
static void
kick_on_changes (FmApplication *self)
{
  static const char * const changes[] = {
    "article-added", "article-changed", "article-removed", "annotation-added",
    "annotation-changed", "annotation-removed", "article-text-changed", "changed-externally",
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_connect_object (self->store, changes[i], G_CALLBACK (desk_kick_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Syncs the library with its desk while the app runs, if it is joined to
 * one. */
void
fm_application_follow_desk (FmApplication *self)
{
  g_autoptr(FmDeskInfo) info = NULL;

  g_return_if_fail (FM_IS_APPLICATION (self));

  if (self->desk_sync != NULL)
    {
      fm_desk_sync_stop (self->desk_sync);
      g_clear_object (&self->desk_sync);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESK_SYNC]);
    }
  if (self->store == NULL || fm_store_get_read_only (self->store)
      || (info = fm_store_desk_get_info (self->store, NULL)) == NULL)
    return;
  self->desk_sync = fm_desk_sync_new (fm_store_get_path (self->store));
  g_signal_connect_object (self->desk_sync, "pulled", G_CALLBACK (desk_pulled_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESK_SYNC]);
}

static FmWindow *
get_window (FmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  g_assert (FM_IS_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (fm_window_new (self));
  return FM_WINDOW (window);
}

typedef struct
{
  FmApplication *self;
  FmStore       *store;
  char          *message;
} StoreSwitch;

static FmWindow *use_store (FmApplication *self, FmStore *store);

static gboolean
switch_store_cb (gpointer data)
{
  StoreSwitch *sw = data;

  use_store (sw->self, sw->store);
  if (sw->message)
    fm_window_show_toast (FM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (sw->self))),
                          sw->message);
  g_object_unref (sw->self);
  g_object_unref (sw->store);
  g_free (sw->message);
  g_free (sw);
  return G_SOURCE_REMOVE;
}

/* The recovery dialog belongs to the window that use_store() replaces, so
 * the switch waits until the dialog has closed. */
static void
switch_store_later (FmApplication *self,
                    FmStore       *store,
                    const char    *message)
{
  StoreSwitch *sw = g_new0 (StoreSwitch, 1);

  sw->self = g_object_ref (self);
  sw->store = g_object_ref (store);
  sw->message = g_strdup (message);
  g_idle_add (switch_store_cb, sw);
}

static FmWindow *
use_store (FmApplication *self,
           FmStore       *store)
{
  GtkWindow *old = gtk_application_get_active_window (GTK_APPLICATION (self));
  FmWindow *window;

  g_set_object (&self->store, store);
  g_clear_object (&self->history);
  self->history = fm_history_new (store);
  watch_library (self);
  kick_on_changes (self);
  fm_application_follow_desk (self);
  g_clear_error (&self->store_error);

  /* The window binds its views to the store when it is made; a new store
   * gets a new window. */
  window = fm_window_new (self);
  gtk_window_present (GTK_WINDOW (window));
  if (old != NULL)
    gtk_window_destroy (old);
  if (fm_store_get_read_only (store))
    fm_window_show_toast (window, _("Read-only copy: changes cannot be saved"));
  return window;
}

static void
recovery_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autofree char *path = dup_db_path (self);
  GtkWindow *window = GTK_WINDOW (object);
  FmLibraryRecoveryChoice choice = fm_library_recovery_dialog_run_finish (result, &error);

  /* The dialog went without an answer, with its window or the app. */
  if (error != NULL)
    return;
  if (choice == FM_LIBRARY_RECOVERY_COPY)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "factmark", NULL);
      g_autofree char *name = g_strdup_printf ("read-only-copy-%" G_GINT64_FORMAT ".db",
                                               g_get_real_time ());
      g_autofree char *copy = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (path);
      g_autoptr(GFile) to = g_file_new_for_path (copy);

      /* Work on a copy, so nothing we do can make the original worse. */
      g_mkdir_with_parents (dir, 0700);
      if (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *wal_copy = g_strconcat (copy, "-wal", NULL);
          g_autoptr(GFile) wal_from = g_file_new_for_path (wal);
          g_autoptr(GFile) wal_to = g_file_new_for_path (wal_copy);

          g_file_copy (wal_from, wal_to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
          store = fm_store_open_full (copy, TRUE, &error);
        }
      if (store != NULL)
        {
          switch_store_later (self, store, NULL);
          return;
        }
      g_printerr ("factmark: %s\n", error->message);
      /* Say so, and offer the other ways again. */
      g_clear_error (&self->store_error);
      self->store_error = g_error_new (FM_ERROR, FM_ERROR_CORRUPT,
                                       _("The copy could not be opened either: %s"), error->message);
      show_recovery (self, window);
    }
  else if (choice == FM_LIBRARY_RECOVERY_FRESH)
    {
      g_autofree char *moved_to = NULL;

      if (fm_store_move_aside (path, &moved_to, &error)
          && (store = fm_store_open (path, &error)) != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The old library was kept as %s"), moved_to);

          g_printerr ("factmark: %s\n", message);
          switch_store_later (self, store, message);
          return;
        }
      g_printerr ("factmark: %s\n", error->message);
      g_clear_error (&self->store_error);
      self->store_error = g_error_new (FM_ERROR, FM_ERROR_DATABASE,
                                       _("A new library could not be started: %s"),
                                       error->message);
      show_recovery (self, window);
    }
  else
    g_application_quit (G_APPLICATION (self));
}

/* Says why the library could not be opened and offers a way on that
 * never deletes it. */
static void
show_recovery (FmApplication *self,
               GtkWindow     *window)
{
  fm_library_recovery_dialog_run_async (window, self->store_error, NULL, recovery_done_cb,
                                        g_object_ref (self));
}

static gboolean
check_external_cb (gpointer data)
{
  FmApplication *self = data;

  self->check_source = 0;
  if (self->store != NULL)
    fm_store_check_external_change (self->store);
  return G_SOURCE_REMOVE;
}

static void
library_file_changed_cb (FmApplication     *self,
                         GFile             *file,
                         GFile             *other,
                         GFileMonitorEvent  event,
                         GFileMonitor      *monitor)
{
  /* A commit touches the WAL several times; look once it settles. Our own
   * commits do not change the data version, so they cost only a query. */
  if (self->check_source == 0)
    self->check_source = g_timeout_add (250, check_external_cb, self);
}

static void
watch_library (FmApplication *self)
{
  g_autofree char *dir = NULL;
  g_autoptr(GFile) folder = NULL;

  g_clear_object (&self->monitor);
  if (self->store == NULL)
    return;
  dir = g_path_get_dirname (fm_store_get_path (self->store));
  folder = g_file_new_for_path (dir);
  self->monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor != NULL)
    g_signal_connect_object (self->monitor, "changed", G_CALLBACK (library_file_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  if (!fm_backup_run_if_due (task_data, now, FM_BACKUP_KEEP, &error))
    g_printerr ("factmark: the daily backup failed: %s\n", error->message);
  g_task_return_boolean (task, TRUE);
}

/* At most once a day, copies the library aside, off the main loop. */
static void
start_backup (const char *path)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
upgrade_progress_cb (double   fraction,
                     gpointer data)
{
  FmApplication *self = data;

  if (self->upgrade_progress != NULL)
    fm_progress_dialog_set_fraction (self->upgrade_progress, fraction);
}

/* Opens the upgraded library as starting on it would have, in a new window
 * (the one that waited has no store), with the files given meanwhile. */
static void
open_upgraded (FmApplication *self,
               const char    *path)
{
  g_autoptr(FmStore) store = fm_store_open (path, &self->store_error);
  FmWindow *window;

  if (store == NULL)
    {
      g_printerr ("factmark: %s\n", self->store_error->message);
      show_recovery (self, GTK_WINDOW (get_window (self)));
      return;
    }
  window = use_store (self, store);
  start_backup (path);
  fm_window_restore_last (window);
  for (guint i = 0; i < self->pending_files->len; i++)
    fm_window_import_file (window, g_ptr_array_index (self->pending_files, i));
  g_ptr_array_set_size (self->pending_files, 0);
}

static void
upgrade_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_db_path (self);
  FmProgressDialog *progress = self->upgrade_progress;
  gboolean ok = fm_store_upgrade_finish (result, &error);

  self->upgrading = FALSE;
  g_clear_object (&self->upgrade_cancellable);
  g_clear_weak_pointer (&self->upgrade_progress);
  if (progress != NULL)
    gtk_window_destroy (GTK_WINDOW (progress));
  /* Cancelled: the library stays as it was, and this version cannot open
   * it so. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  if (!ok)
    {
      g_printerr ("factmark: %s\n", error->message);
      g_clear_error (&self->store_error);
      self->store_error = g_steal_pointer (&error);
      show_recovery (self, GTK_WINDOW (get_window (self)));
      return;
    }
  open_upgraded (self, path);
}

/* Upgrades the library to this version's schema in a thread, once, with
 * its progress over @window. */
static void
start_upgrade (FmApplication *self,
               FmWindow      *window)
{
  g_autofree char *path = NULL;

  if (self->upgrade_cancellable != NULL)
    return;
  path = dup_db_path (self);
  self->upgrade_cancellable = g_cancellable_new ();
  g_set_weak_pointer (&self->upgrade_progress,
                      fm_progress_dialog_new (GTK_WINDOW (window), _("Upgrading the Library"),
                                              _("Factmark is building the index that searches "
                                                "the whole library. This happens once. Cancel "
                                                "closes Factmark and leaves the library as it "
                                                "was."),
                                              self->upgrade_cancellable));
  gtk_window_present (GTK_WINDOW (self->upgrade_progress));
  fm_store_upgrade_async (path, upgrade_progress_cb, self, self->upgrade_cancellable,
                          upgrade_done_cb, g_object_ref (self));
}

static void
fm_application_activate (GApplication *app)
{
  FmApplication *self = FM_APPLICATION (app);
  FmWindow *window = get_window (self);

  fm_window_restore_last (window);
  gtk_window_present (GTK_WINDOW (window));
  if (self->upgrading)
    start_upgrade (self, window);
  else if (self->store_error != NULL)
    show_recovery (self, GTK_WINDOW (window));
}

static void
fm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  FmApplication *self = FM_APPLICATION (app);
  FmWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  if (self->upgrading)
    {
      /* Imported into the library once it is upgraded and open. */
      for (int i = 0; i < n_files; i++)
        g_ptr_array_add (self->pending_files, g_object_ref (files[i]));
      start_upgrade (self, window);
      return;
    }
  if (self->store_error != NULL)
    {
      show_recovery (self, GTK_WINDOW (window));
      return;
    }
  for (int i = 0; i < n_files; i++)
    fm_window_import_file (window, files[i]);
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
  /* A FILENAME option is stored as a bytestring, not a string. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    self->db_path = g_strdup (db);

  return -1;
}

static void
fm_application_startup (GApplication *app)
{
  FmApplication *self = FM_APPLICATION (app);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (fm_application_parent_class)->startup (app);

  path = dup_db_path (self);
  /* An older library is upgraded first, in a thread, with its progress in
   * the window (see start_upgrade()); the window waits without a store. */
  if (fm_store_needs_upgrade (path))
    self->upgrading = TRUE;
  else if ((self->store = fm_store_open (path, &self->store_error)) == NULL)
    g_printerr ("factmark: %s\n", self->store_error->message);
  else
    {
      self->history = fm_history_new (self->store);
      watch_library (self);
      kick_on_changes (self);
      fm_application_follow_desk (self);
      start_backup (path);
    }

  self->settings = g_settings_new (APP_ID);
}

static void
fm_application_shutdown (GApplication *app)
{
  FmApplication *self = FM_APPLICATION (app);

  /* The sync thread finishes the round it is in: a push cut here would
   * only be pushed again next time, but there is no need to cut it. */
  if (self->desk_sync != NULL)
    fm_desk_sync_stop (self->desk_sync);

  G_APPLICATION_CLASS (fm_application_parent_class)->shutdown (app);
}

static void
fm_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FmApplication *self = FM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DESK_SYNC:
      g_value_set_object (value, self->desk_sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_application_finalize (GObject *object)
{
  FmApplication *self = (FmApplication *)object;

  g_clear_object (&self->desk_sync);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_object (&self->monitor);
  g_clear_object (&self->history);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_error (&self->store_error);
  g_clear_object (&self->upgrade_cancellable);
  g_clear_weak_pointer (&self->upgrade_progress);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);

  G_OBJECT_CLASS (fm_application_parent_class)->finalize (object);
}

static void
fm_application_class_init (FmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  fm_register_resource ();

  object_class->finalize = fm_application_finalize;
  object_class->get_property = fm_application_get_property;
  app_class->activate = fm_application_activate;
  app_class->shutdown = fm_application_shutdown;
  app_class->open = fm_application_open;
  app_class->startup = fm_application_startup;
  app_class->handle_local_options = fm_application_handle_local_options;

  properties[PROP_DESK_SYNC] =
    g_param_spec_object ("desk-sync", NULL, NULL, FM_TYPE_DESK_SYNC,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
  const char *developers[] = { _("The Factmark developers"), NULL };
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
  adw_about_window_set_copyright (about, _("© 2026 The Factmark developers"));
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
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window),
                              ADW_PREFERENCES_PAGE (fm_desk_page_new (self)));
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

  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
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

FmDeskSync *
fm_application_get_desk_sync (FmApplication *self)
{
  g_return_val_if_fail (FM_IS_APPLICATION (self), NULL);
  return self->desk_sync;
}

FmHistory *
fm_application_get_history (FmApplication *self)
{
  g_return_val_if_fail (FM_IS_APPLICATION (self), NULL);
  return self->history;
}
