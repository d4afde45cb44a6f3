/* fm-desk-secret.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "fm-desk-server.h"

/* Desk passwords live in the GNOME keyring, keyed by the server's URL,
 * never in the library. Without a session bus (a shell over SSH, the test
 * machine) there is no keyring to ask, and libpq's ~/.pgpass is used. */

static const SecretSchema *
desk_schema (void)
{
  static const SecretSchema schema = {
    "io.github.factmark.Factmark.Desk", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* Passwords typed this session, for when there is no keyring to keep
 * them in: they last until the app quits. */
static GMutex remembered_lock;
static GHashTable *remembered;

static char *
recall (const char *url)
{
  char *password;

  g_mutex_lock (&remembered_lock);
  password = remembered ? g_strdup (g_hash_table_lookup (remembered, url)) : NULL;
  g_mutex_unlock (&remembered_lock);
  return password;
}

void
fm_desk_secret_remember (const char *url,
                         const char *password)
{
  g_return_if_fail (url != NULL && password != NULL);

  g_mutex_lock (&remembered_lock);
  if (remembered == NULL)
    remembered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (remembered, g_strdup (url), g_strdup (password));
  g_mutex_unlock (&remembered_lock);
}

static gboolean
have_keyring (void)
{
  return g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL
         && g_getenv ("FACTMARK_NO_KEYRING") == NULL;
}

char *
fm_desk_secret_lookup (const char *url)
{
  g_autoptr(GError) error = NULL;
  char *password;

  g_return_val_if_fail (url != NULL, NULL);

  if ((password = recall (url)) != NULL)
    return password;
  if (!have_keyring ())
    return NULL;
  password = secret_password_lookup_sync (desk_schema (), NULL, &error, "url", url, NULL);
  if (error != NULL)
    g_debug ("No keyring for the desk password: %s", error->message);
  return password;
}

gboolean
fm_desk_secret_store (const char  *url,
                      const char  *password,
                      GError     **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (url != NULL && password != NULL, FALSE);

  if (!have_keyring ())
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("There is no keyring in this session to keep the password in"));
      return FALSE;
    }
  label = g_strdup_printf (_("Factmark desk %s"), url);
  return secret_password_store_sync (desk_schema (), SECRET_COLLECTION_DEFAULT, label,
                                     password, NULL, error, "url", url, NULL);
}
