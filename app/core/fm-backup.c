/* fm-backup.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "fm-backup.h"
#include "fm-store.h"
#include "fm-types.h"

/* A daily copy of the library guards against what the library's atomic commits
 * cannot: a user's own mistake, a disk that rots, a file that another tool
 * damaged. The copy is made by fm_store_copy_library(), which reads one
 * consistent snapshot even while the window or the CLI writes and opens no
 * FmStore: a backup must not depend on the code whose bugs it is there to
 * survive.
 *
 * Backups live in "backups/" beside the library, one file a day named
 * "<library name>-YYYY-MM-DD.db", each a complete library that can be
 * copied back over the library as it is. A copy is written under a
 * temporary name and renamed once complete, so a backup file that has its
 * final name is always whole. */

static char *
dup_stem (const char *db_path)
{
  g_autofree char *base = g_path_get_basename (db_path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/**
 * fm_backup_dup_dir:
 * @db_path: the library file
 *
 * Returns: (transfer full): the folder holding @db_path's backups
 */
char *
fm_backup_dup_dir (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, FM_BACKUP_DIR_NAME, NULL);
}

/**
 * fm_backup_dup_path:
 * @db_path: the library file
 * @date: the day of the backup, in the time zone it carries
 *
 * Returns: (transfer full): where the backup of @db_path made on @date is
 */
char *
fm_backup_dup_path (const char *db_path,
                    GDateTime  *date)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (date != NULL, NULL);

  dir = fm_backup_dup_dir (db_path);
  stem = dup_stem (db_path);
  day = g_date_time_format (date, "%Y-%m-%d");
  name = g_strdup_printf ("%s-%s.db", stem, day);
  return g_build_filename (dir, name, NULL);
}

/* Whether @name is one of our backups of the library called @stem: the
 * stem, a dash, a date in the form we write, and ".db". Only such files
 * are ever deleted when old backups are pruned. */
static gboolean
is_backup_name (const char *name,
                const char *stem)
{
  gsize stem_len = strlen (stem);
  const char *date;
  static const char pattern[] = "####-##-##.db";

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-')
    return FALSE;
  date = name + stem_len + 1;
  if (strlen (date) != strlen (pattern))
    return FALSE;
  for (gsize i = 0; pattern[i] != '\0'; i++)
    {
      if (pattern[i] == '#' ? !g_ascii_isdigit (date[i]) : date[i] != pattern[i])
        return FALSE;
    }
  return TRUE;
}

/* Makes the directory entry of a renamed file durable, so a power cut
 * after the rename cannot bring back the temporary name. */
static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY, 0);

  if (fd >= 0)
    {
      fsync (fd);
      g_close (fd, NULL);
    }
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Deletes all but the newest @keep backups of the library called @stem, and
 * temporary copies that a crash left behind. The date in a name sorts as
 * text, so the newest are the last in name order. */
static void
prune (const char *dir,
       const char *stem,
       guint       keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (is_backup_name (name, stem))
        g_ptr_array_add (names, g_strdup (name));
      else if (name[0] == '.' && g_str_has_suffix (name, ".db.tmp"))
        {
          /* ".<backup name>.tmp", written by a run that did not finish. */
          g_autofree char *inner = g_strndup (name + 1, strlen (name) - 1 - strlen (".tmp"));

          if (is_backup_name (inner, stem))
            {
              g_autofree char *path = g_build_filename (dir, name, NULL);

              g_unlink (path);
            }
        }
    }

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; names->len > keep && i < names->len - keep; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_unlink (path) != 0)
        g_debug ("Cannot remove the old backup %s: %s", path, g_strerror (errno));
    }
}

/**
 * fm_backup_run_if_due:
 * @db_path: the library file
 * @now: the current time, in the user's time zone (the day of a backup is
 *   the local date)
 * @keep: how many daily backups to keep, at least 1 (usually
 *   %FM_BACKUP_KEEP)
 *
 * Backs up the library into the "backups" folder beside it, unless it was
 * already backed up on @now's date or does not exist yet, then deletes all
 * but the newest @keep backups. Files in that folder that are not backups
 * of this library are never touched.
 *
 * Returns: %TRUE when the library is backed up for today (now or earlier)
 *   or there is nothing to back up; %FALSE with @error set when the copy
 *   failed, in which case no partial backup is left behind
 */
gboolean
fm_backup_run_if_due (const char  *db_path,
                      GDateTime   *now,
                      guint        keep,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (keep > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    return TRUE;

  dir = fm_backup_dup_dir (db_path);
  stem = dup_stem (db_path);
  path = fm_backup_dup_path (db_path, now);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      prune (dir, stem, keep);
      return TRUE;
    }

  /* Backups hold the same private notes as the library. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, FM_ERROR, FM_ERROR_DATABASE,
                   _("Cannot create the backup folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s%c.%s.tmp", dir, G_DIR_SEPARATOR, base);
  /* A temporary file of the same name can only be left from a crash. */
  g_unlink (tmp_path);

  if (!fm_store_copy_library (db_path, tmp_path, error))
    return FALSE;
  g_chmod (tmp_path, 0600);

  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, FM_ERROR, FM_ERROR_DATABASE,
                   _("Cannot back up the library: cannot rename %s: %s"), tmp_path,
                   g_strerror (saved));
      return FALSE;
    }
  sync_dir (dir);

  prune (dir, stem, keep);
  return TRUE;
}
