/* fm-desk-sync.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-desk"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <unistd.h>

#include "fm-desk.h"
#include "fm-desk-sync.h"
#include "fm-types.h"

/* Keeps a joined library in step with its desk while the window is open.
 * A thread of its own, with a library connection of its own, syncs when
 * kicked (after each change here), when the server NOTIFYs (a change
 * elsewhere), and every half minute; without the server it retries,
 * and the window never waits for any of it. What it finds is told to the
 * main context through properties and the "pulled" signal. */

#define RETRY_MS  5000
#define IDLE_MS  30000

struct _FmDeskSync
{
  GObject       parent_instance;

  char         *path;
  GMainContext *context;
  GThread      *thread;
  int           wake[2];
  gint          stopping;

  /* Main-context state, read by the properties. */
  FmDeskStatus  status;
  guint         waiting;
  guint         issues;
  char         *summary;
  char         *message;
};

enum {
  PROP_0,
  PROP_STATUS,
  PROP_WAITING,
  PROP_ISSUES,
  PROP_SUMMARY,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  PULLED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmDeskSync, fm_desk_sync, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  FmDeskSync   *self;
  FmDeskStatus  status;
  guint         waiting;
  guint         issues;
  guint         pulled;
  char         *message;
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  g_object_unref (report->self);
  g_free (report->message);
  g_free (report);
}

static char *
make_summary (FmDeskSync *self)
{
  switch (self->status)
    {
    case FM_DESK_STATUS_CONNECTING:
      return g_strdup (_("Connecting…"));
    case FM_DESK_STATUS_OFFLINE:
      if (self->waiting == 0)
        return g_strdup (_("Offline"));
      /* Translators: changes made here that the desk has not received yet. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline, %u waiting",
                                           "Offline, %u waiting", self->waiting), self->waiting);
    case FM_DESK_STATUS_CONFLICTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to settle", "%u to settle",
                                           self->issues), self->issues);
    case FM_DESK_STATUS_SYNCED:
    default:
      return g_strdup (_("Synced"));
    }
}

static void
set_uint (FmDeskSync *self,
          guint      *field,
          guint       value,
          int         prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static gboolean
apply_report_cb (gpointer data)
{
  Report *report = data;
  FmDeskSync *self = report->self;
  g_autofree char *summary = NULL;

  if (self->status != report->status)
    {
      self->status = report->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  set_uint (self, &self->waiting, report->waiting, PROP_WAITING);
  set_uint (self, &self->issues, report->issues, PROP_ISSUES);
  if (g_strcmp0 (self->message, report->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (report->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  summary = make_summary (self);
  if (g_strcmp0 (summary, self->summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
    }
  if (report->pulled > 0)
    g_signal_emit (self, signals[PULLED], 0, report->pulled);
  return G_SOURCE_REMOVE;
}

/* From the thread. */
static void
post (FmDeskSync   *self,
      FmStore      *store,
      FmDeskStatus  status,
      guint         pulled,
      const char   *message)
{
  g_autoptr(FmDeskInfo) info = fm_store_desk_get_info (store, NULL);
  Report *report = g_new0 (Report, 1);

  report->self = g_object_ref (self);
  report->waiting = info ? info->waiting : 0;
  report->issues = info ? info->issues : 0;
  report->status = status == FM_DESK_STATUS_SYNCED && report->issues > 0
                   ? FM_DESK_STATUS_CONFLICTS : status;
  report->pulled = pulled;
  report->message = g_strdup (message);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, apply_report_cb, report,
                              report_free);
}

static void
drain (int fd)
{
  char buf[64];

  while (read (fd, buf, sizeof buf) > 0)
    ;
}

/* Waits for a kick, a notification from the server, or @timeout_ms. */
static void
wait_for_work (FmDeskSync   *self,
               FmDeskServer *server,
               int           timeout_ms)
{
  GPollFD fds[2] = { { self->wake[0], G_IO_IN, 0 }, { -1, G_IO_IN, 0 } };
  guint n = 1;

  if (server != NULL)
    {
      fds[1].fd = fm_desk_server_get_socket (server);
      n = 2;
    }
  if (g_poll (fds, n, timeout_ms) > 0 && (fds[0].revents & G_IO_IN))
    drain (self->wake[0]);
}

static FmDeskServer *
connect_and_listen (FmStore  *store,
                    GError  **error)
{
  g_autoptr(FmDeskInfo) info = fm_store_desk_get_info (store, error);
  FmDeskServer *server;

  if (info == NULL)
    return NULL;
  server = fm_desk_server_connect (info->url, error);
  if (server == NULL)
    return NULL;
  if (!fm_desk_server_check_schema (server, error) || !fm_desk_server_listen (server, error))
    g_clear_pointer (&server, fm_desk_server_free);
  return server;
}

/* One round: connect if need be, sync, and say how it went. Returns the
 * connection to keep, or NULL when the server is out of reach. */
static FmDeskServer *
sync_round (FmDeskSync   *self,
            FmStore      *store,
            FmDeskServer *server)
{
  g_autoptr(GError) error = NULL;
  FmDeskStats stats = { 0 };

  if (server == NULL && (server = connect_and_listen (store, &error)) == NULL)
    {
      post (self, store, FM_DESK_STATUS_OFFLINE, 0, error->message);
      return NULL;
    }
  /* What woke us is read off the socket first, so the next wait blocks. */
  fm_desk_server_take_notifies (server, &error);
  if (error != NULL || !fm_desk_sync (store, server, &stats, &error))
    {
      g_warning ("Desk sync: %s", error->message);
      post (self, store, FM_DESK_STATUS_OFFLINE, 0, error->message);
      fm_desk_server_free (server);
      return NULL;
    }
  post (self, store, FM_DESK_STATUS_SYNCED, stats.pulled, NULL);
  return server;
}

static gpointer
sync_thread (gpointer data)
{
  FmDeskSync *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmStore) store = fm_store_open (self->path, &error);
  FmDeskServer *server = NULL;

  if (store == NULL)
    {
      g_warning ("Desk sync cannot open the library: %s", error->message);
      return NULL;
    }
  while (!g_atomic_int_get (&self->stopping))
    {
      server = sync_round (self, store, server);
      if (g_atomic_int_get (&self->stopping))
        break;
      wait_for_work (self, server, server ? IDLE_MS : RETRY_MS);
    }
  fm_desk_server_free (server);
  return NULL;
}

static void
fm_desk_sync_finalize (GObject *object)
{
  FmDeskSync *self = (FmDeskSync *)object;

  g_assert (self->thread == NULL);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->message, g_free);
  if (self->wake[0] >= 0)
    close (self->wake[0]);
  if (self->wake[1] >= 0)
    close (self->wake[1]);

  G_OBJECT_CLASS (fm_desk_sync_parent_class)->finalize (object);
}

static void
fm_desk_sync_dispose (GObject *object)
{
  fm_desk_sync_stop (FM_DESK_SYNC (object));

  G_OBJECT_CLASS (fm_desk_sync_parent_class)->dispose (object);
}

static void
fm_desk_sync_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FmDeskSync *self = FM_DESK_SYNC (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_WAITING:
      g_value_set_uint (value, self->waiting);
      break;
    case PROP_ISSUES:
      g_value_set_uint (value, self->issues);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_desk_sync_class_init (FmDeskSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = fm_desk_sync_dispose;
  object_class->finalize = fm_desk_sync_finalize;
  object_class->get_property = fm_desk_sync_get_property;

  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, FM_DESK_STATUS_CONFLICTS,
                                              0, flags);
  properties[PROP_WAITING] = g_param_spec_uint ("waiting", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ISSUES] = g_param_spec_uint ("issues", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FmDeskSync::pulled:
   * @count: how many articles and annotations came from the desk
   */
  signals[PULLED] = g_signal_new ("pulled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
fm_desk_sync_init (FmDeskSync *self)
{
  self->wake[0] = self->wake[1] = -1;
  self->status = FM_DESK_STATUS_CONNECTING;
  self->summary = make_summary (self);
}

/* Starts syncing the library at @library_path, which must be joined. */
FmDeskSync *
fm_desk_sync_new (const char *library_path)
{
  g_autoptr(GError) error = NULL;
  FmDeskSync *self;

  g_return_val_if_fail (library_path != NULL, NULL);

  self = g_object_new (FM_TYPE_DESK_SYNC, NULL);
  self->path = g_strdup (library_path);
  self->context = g_main_context_ref_thread_default ();
  if (!g_unix_open_pipe (self->wake, FD_CLOEXEC, &error)
      || !g_unix_set_fd_nonblocking (self->wake[0], TRUE, &error)
      || !g_unix_set_fd_nonblocking (self->wake[1], TRUE, &error))
    g_error ("Cannot make a pipe: %s", error->message);
  self->thread = g_thread_new ("desk-sync", sync_thread, self);
  return self;
}

/* Something changed here: push it now rather than at the next round. */
void
fm_desk_sync_kick (FmDeskSync *self)
{
  g_return_if_fail (FM_IS_DESK_SYNC (self));

  if (self->wake[1] >= 0 && write (self->wake[1], "k", 1) < 0 && errno != EAGAIN)
    g_debug ("Cannot wake the desk sync: %s", g_strerror (errno));
}

void
fm_desk_sync_stop (FmDeskSync *self)
{
  g_return_if_fail (FM_IS_DESK_SYNC (self));

  if (self->thread == NULL)
    return;
  g_atomic_int_set (&self->stopping, TRUE);
  fm_desk_sync_kick (self);
  g_thread_join (g_steal_pointer (&self->thread));
}

FmDeskStatus
fm_desk_sync_get_status (FmDeskSync *self)
{
  g_return_val_if_fail (FM_IS_DESK_SYNC (self), FM_DESK_STATUS_OFFLINE);

  return self->status;
}

guint
fm_desk_sync_get_waiting (FmDeskSync *self)
{
  g_return_val_if_fail (FM_IS_DESK_SYNC (self), 0);

  return self->waiting;
}

guint
fm_desk_sync_get_issues (FmDeskSync *self)
{
  g_return_val_if_fail (FM_IS_DESK_SYNC (self), 0);

  return self->issues;
}

const char *
fm_desk_sync_get_summary (FmDeskSync *self)
{
  g_return_val_if_fail (FM_IS_DESK_SYNC (self), NULL);

  return self->summary;
}

const char *
fm_desk_sync_get_message (FmDeskSync *self)
{
  g_return_val_if_fail (FM_IS_DESK_SYNC (self), NULL);

  return self->message;
}
