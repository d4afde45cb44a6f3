/* fm-desk-page.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-desk-page"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-application.h"
#include "fm-desk.h"
#include "fm-desk-page.h"
#include "fm-types.h"

/* Preferences → Desk: join this library to a desk, see who you work as
 * and how the sync is going, and settle what a sync could not. Talking to
 * the server is done in a thread; the page only waits for the answer. */

struct _FmDeskPage
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *join_group;
  AdwPreferencesGroup  *joined_group;
  AdwPreferencesGroup  *issues_group;
  AdwEntryRow          *url_row;
  AdwPasswordEntryRow  *password_row;
  AdwActionRow         *test_row;
  GtkButton            *test_button;
  GtkButton            *join_button;
  AdwActionRow         *server_row;
  AdwActionRow         *person_row;
  AdwActionRow         *status_row;
  GtkListBox           *issues_list;

  /* Owned references */
  FmApplication        *app;
  GSignalGroup         *sync_signals;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (FmDeskPage, fm_desk_page, ADW_TYPE_PREFERENCES_PAGE)

static void refresh (FmDeskPage *self);

static const char *
issue_title (FmDeskIssue *issue)
{
  switch (issue->kind)
    {
    case FM_DESK_ISSUE_CONFLICT:
      return _("Changed here and on the desk");
    case FM_DESK_ISSUE_REFUSED:
      return _("Refused by the desk");
    case FM_DESK_ISSUE_KEPT:
    default:
      return _("Kept over a delete");
    }
}

static char *
issue_subtitle (FmDeskIssue *issue)
{
  if (issue->kind == FM_DESK_ISSUE_CONFLICT)
    /* Translators: a field, this library's value, the desk's, and who set it. */
    return g_strdup_printf (_("%s: yours %s, theirs %s (by %s)"), issue->field, issue->mine,
                            issue->theirs, issue->author ? issue->author : "?");
  return g_strdup (issue->reason ? issue->reason : "");
}

static void
resolve (FmDeskPage *self,
         GtkWidget  *button,
         gboolean    keep_mine)
{
  g_autoptr(GError) error = NULL;
  const char *uuid = g_object_get_data (G_OBJECT (button), "uuid");
  FmDeskSync *sync = fm_application_get_desk_sync (self->app);

  if (!fm_store_desk_resolve (fm_application_get_store (self->app), uuid, keep_mine, &error))
    {
      g_printerr ("factmark: %s\n", error->message);
      adw_action_row_set_subtitle (self->status_row, error->message);
      return;
    }
  if (sync != NULL)
    fm_desk_sync_kick (sync);
  refresh (self);
}

static void
keep_mine_cb (GtkButton  *button,
              FmDeskPage *self)
{
  resolve (self, GTK_WIDGET (button), TRUE);
}

static void
keep_theirs_cb (GtkButton  *button,
                FmDeskPage *self)
{
  resolve (self, GTK_WIDGET (button), FALSE);
}

static GtkWidget *
resolve_button (FmDeskPage  *self,
                const char  *label,
                const char  *uuid,
                GCallback    callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "uuid", g_strdup (uuid), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
issue_row (FmDeskPage  *self,
           FmDeskIssue *issue)
{
  g_autofree char *subtitle = issue_subtitle (issue);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), issue_title (issue));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             resolve_button (self, _("Keep _Mine"), issue->uuid,
                                             G_CALLBACK (keep_mine_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             resolve_button (self, _("Keep _Theirs"), issue->uuid,
                                             G_CALLBACK (keep_theirs_cb)));
  return row;
}

static void
fill_issues (FmDeskPage *self,
             FmStore    *store)
{
  g_autoptr(GPtrArray) issues = fm_store_desk_list_issues (store, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->issues_list))) != NULL)
    gtk_list_box_remove (self->issues_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->issues_group), issues != NULL && issues->len > 0);
  for (guint i = 0; issues != NULL && i < issues->len; i++)
    gtk_list_box_append (self->issues_list, issue_row (self, g_ptr_array_index (issues, i)));
}

static void
show_status (FmDeskPage *self)
{
  FmDeskSync *sync = fm_application_get_desk_sync (self->app);
  const char *message = sync ? fm_desk_sync_get_message (sync) : NULL;
  g_autofree char *text = NULL;

  if (sync == NULL)
    return;
  text = message ? g_strdup_printf ("%s — %s", fm_desk_sync_get_summary (sync), message)
                 : g_strdup (fm_desk_sync_get_summary (sync));
  adw_action_row_set_subtitle (self->status_row, text);
}

static void
refresh (FmDeskPage *self)
{
  FmStore *store = fm_application_get_store (self->app);
  g_autoptr(GError) error = NULL;
  g_autoptr(FmDeskInfo) info = store ? fm_store_desk_get_info (store, &error) : NULL;
  g_autofree char *person = NULL;

  if (error != NULL && !g_error_matches (error, FM_ERROR, FM_ERROR_NOT_FOUND))
    g_printerr ("factmark: %s\n", error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->join_group), info == NULL && store != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->joined_group), info != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->issues_group), FALSE);
  if (info == NULL)
    return;
  /* Translators: a PostgreSQL login and its desk role, reporter or editor. */
  person = g_strdup_printf (_("%s (%s)"), info->user_name ? info->user_name : "?",
                            info->role ? info->role : "?");
  adw_action_row_set_subtitle (self->server_row, info->url);
  adw_action_row_set_subtitle (self->person_row, person);
  show_status (self);
  fill_issues (self, store);
}

static void
sync_changed_cb (FmDeskPage *self)
{
  refresh (self);
}

static void
desk_sync_changed_cb (FmDeskPage *self)
{
  g_signal_group_set_target (self->sync_signals, fm_application_get_desk_sync (self->app));
  refresh (self);
}

static void
set_busy (FmDeskPage *self,
          gboolean    busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), !busy);
}

/* The address and password as typed; the password is remembered for the
 * session and kept in the keyring when there is one. */
static char *
take_address (FmDeskPage *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*url == '\0')
    return NULL;
  if (*password != '\0')
    {
      fm_desk_secret_remember (url, password);
      fm_desk_secret_store (url, password, NULL);
    }
  return g_steal_pointer (&url);
}

static void
test_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  FmDeskServer *server = fm_desk_server_connect (data, &error);
  char *result;

  if (server == NULL || !fm_desk_server_check_schema (server, &error))
    {
      fm_desk_server_free (server);
      g_task_return_error (task, error);
      return;
    }
  if (fm_desk_server_get_role (server) == NULL)
    result = g_strdup_printf (_("Connected as %s, who is not on this desk yet"),
                              fm_desk_server_get_user (server));
  else
    result = g_strdup_printf (_("Connected as %s (%s)"), fm_desk_server_get_user (server),
                              fm_desk_server_get_role (server));
  fm_desk_server_free (server);
  g_task_return_pointer (task, result, g_free);
}

static void
test_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FmDeskPage *self = FM_DESK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  adw_action_row_set_subtitle (self->test_row, text ? text : error->message);
}

static void
test_clicked_cb (FmDeskPage *self)
{
  g_autofree char *url = take_address (self);
  g_autoptr(GTask) task = NULL;

  if (url == NULL)
    {
      adw_action_row_set_subtitle (self->test_row, _("Type the server's address first"));
      return;
    }
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Connecting…"));
  task = g_task_new (self, self->cancellable, test_done_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&url), g_free);
  g_task_run_in_thread (task, test_thread);
}

/* The join pushes the whole library and pulls the desk, on a library
 * connection of the thread's own. */
static void
join_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  char **args = data;
  GError *error = NULL;
  g_autoptr(FmStore) store = fm_store_open (args[0], &error);
  FmDeskStats stats = { 0 };

  if (store == NULL || !fm_desk_join (store, args[1], &stats, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_strdup_printf (_("Joined: %u pushed, %u pulled"),
                                                stats.pushed, stats.pulled), g_free);
}

static void
join_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FmDeskPage *self = FM_DESK_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);

  set_busy (self, FALSE);
  if (text == NULL)
    {
      g_printerr ("factmark: %s\n", error->message);
      adw_action_row_set_subtitle (self->test_row, error->message);
      return;
    }
  adw_action_row_set_subtitle (self->test_row, text);
  fm_store_check_external_change (fm_application_get_store (self->app));
  fm_application_follow_desk (self->app);
}

static void
join_clicked_cb (FmDeskPage *self)
{
  FmStore *store = fm_application_get_store (self->app);
  g_autofree char *url = take_address (self);
  g_autoptr(GTask) task = NULL;
  char **args;

  if (url == NULL || store == NULL)
    {
      adw_action_row_set_subtitle (self->test_row, _("Type the server's address first"));
      return;
    }
  set_busy (self, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Joining…"));
  args = g_new0 (char *, 3);
  args[0] = g_strdup (fm_store_get_path (store));
  args[1] = g_steal_pointer (&url);
  task = g_task_new (self, self->cancellable, join_done_cb, NULL);
  g_task_set_task_data (task, args, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, join_thread);
}

static void
fm_desk_page_dispose (GObject *object)
{
  FmDeskPage *self = (FmDeskPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->sync_signals);
  g_clear_object (&self->app);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_DESK_PAGE);

  G_OBJECT_CLASS (fm_desk_page_parent_class)->dispose (object);
}

static void
fm_desk_page_class_init (FmDeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_desk_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fm-desk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, join_group);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, joined_group);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, issues_group);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, test_button);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, join_button);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, person_row);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, FmDeskPage, issues_list);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, join_clicked_cb);
}

static void
fm_desk_page_init (FmDeskPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->sync_signals = g_signal_group_new (FM_TYPE_DESK_SYNC);
  g_signal_group_connect_swapped (self->sync_signals, "notify::summary",
                                  G_CALLBACK (sync_changed_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "notify::issues",
                                  G_CALLBACK (sync_changed_cb), self);
  g_signal_group_connect_swapped (self->sync_signals, "pulled",
                                  G_CALLBACK (sync_changed_cb), self);
}

FmDeskPage *
fm_desk_page_new (FmApplication *app)
{
  FmDeskPage *self;

  g_return_val_if_fail (FM_IS_APPLICATION (app), NULL);

  self = g_object_new (FM_TYPE_DESK_PAGE, NULL);
  self->app = g_object_ref (app);
  g_signal_connect_object (app, "notify::desk-sync", G_CALLBACK (desk_sync_changed_cb), self,
                           G_CONNECT_SWAPPED);
  desk_sync_changed_cb (self);
  return self;
}
