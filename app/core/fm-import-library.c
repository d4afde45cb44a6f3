/* fm-import-library.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import-annotations"

#include "config.h"

#include "fm-import-annotations-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "fm-annotation.h"

/* Adding to the library */

/* Looks an annotation up by uuid; a missing one is no error. */
static gboolean
find_annotation (FmStore       *store,
                 const char    *uuid,
                 FmAnnotation **out,
                 GError       **error)
{
  g_autoptr(GError) local = NULL;

  *out = fm_store_lookup_annotation (store, uuid, &local);
  if (*out == NULL && !g_error_matches (local, FM_ERROR, FM_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Gives each entry its uuid: its own when no annotation has it; none when
 * this article already has it (the entry is present and left alone); one
 * derived from the article's uuid and its own when another article has it,
 * so a second import of the same file derives the same and finds it. */
static gboolean
resolve_uuids (FmSheetImport  *self,
               FmStore        *store,
               FmArticle      *article,
               GError        **error)
{
  gint64 article_id = fm_article_get_id (article);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(FmAnnotation) existing = NULL;
      g_autofree char *derived = NULL;
      const char *uuid = entry->uuid;

      if (entry->skipped || uuid == NULL)
        continue;

      if (!find_annotation (store, uuid, &existing, error))
        return FALSE;
      if (existing != NULL && fm_annotation_get_article_id (existing) != article_id)
        {
          g_autofree char *name = g_strdup_printf ("import:%s:%s", fm_article_get_uuid (article),
                                                   uuid);

          g_clear_object (&existing);
          derived = fm_sheet_name_uuid (name);
          uuid = derived;
          if (!find_annotation (store, uuid, &existing, error))
            return FALSE;
          if (existing != NULL && fm_annotation_get_article_id (existing) != article_id)
            {
              /* Taken twice over: a new uuid, like an annotation made by hand. */
              g_clear_object (&existing);
              uuid = NULL;
            }
        }

      if (existing != NULL)
        {
          entry->present = TRUE;
          entry->id = fm_annotation_get_id (existing);
          entry->present_kind = fm_annotation_get_kind (existing);
        }
      else
        fm_annotation_set_uuid (entry->annotation, uuid);
    }
  return TRUE;
}

/* Finds the source an entry is attributed to, by the key the file gives
 * it: an entry of the file, or a source already in the article. *id is 0
 * when the key names no source there. */
static gboolean
resolve_source (FmSheetImport  *self,
                FmStore        *store,
                gint64          article_id,
                const char     *key,
                gint64         *id,
                GError        **error)
{
  Entry *source = g_hash_table_lookup (self->keys, key);
  g_autoptr(FmAnnotation) existing = NULL;
  const char *uuid = key;

  *id = 0;
  if (source != NULL)
    {
      if (source->present && source->present_kind == FM_KIND_SOURCE)
        *id = source->id;
      else if (!source->present && !source->skipped
               && fm_annotation_get_kind (source->annotation) == FM_KIND_SOURCE)
        *id = source->id;
      return TRUE;
    }

  if (g_str_has_prefix (key, "urn:uuid:"))
    uuid = key + 9;
  if (!fm_sheet_is_uuid (uuid))
    return TRUE;
  if (!find_annotation (store, uuid, &existing, error))
    return FALSE;
  if (existing != NULL && fm_annotation_get_article_id (existing) == article_id
      && fm_annotation_get_kind (existing) == FM_KIND_SOURCE)
    *id = fm_annotation_get_id (existing);
  return TRUE;
}

/* Compensates for a failed import: deletes the article it created, or
 * else the annotations it added, newest first. */
static void
delete_added (FmStore   *store,
              FmArticle *created,
              GArray    *added)
{
  /* Best effort: the library failed already, and the first error is the
   * one to report. */
  if (created != NULL)
    {
      fm_store_delete_article (store, fm_article_get_id (created), NULL);
      return;
    }
  for (guint i = added->len; i > 0; i--)
    fm_store_delete_annotation (store, g_array_index (added, gint64, i - 1), NULL);
}

static gboolean
insert_entries (FmSheetImport        *self,
                FmStore              *store,
                FmArticle            *article,
                FmSheetImportCounts  *counts,
                GArray               *added,
                GError              **error)
{
  gint64 article_id = fm_article_get_id (article);

  /* Attributions made by linking annotations, on the claims and figures
   * this import adds; one already in the library is left as it is. */
  for (guint i = 0; i < self->links->len; i++)
    {
      Link *link = g_ptr_array_index (self->links, i);
      Entry *claim = g_hash_table_lookup (self->keys, link->claim);

      if (claim != NULL && !claim->present && !claim->skipped)
        g_ptr_array_add (claim->source_keys, g_strdup (link->source));
    }

  /* Sources first, so the claims and figures attributed to them can name
   * their ids; within a kind, in the file's order. Each pass is one store
   * transaction: all of its annotations or none. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(GPtrArray) batch_entries = g_ptr_array_new ();

      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);
          FmAnnotation *a = entry->annotation;
          gboolean is_source = fm_annotation_get_kind (a) == FM_KIND_SOURCE;

          if (entry->skipped || entry->present || is_source != (pass == 0))
            continue;

          fm_annotation_set_article_id (a, article_id);
          for (guint j = 0; j < entry->source_keys->len && !is_source; j++)
            {
              gint64 id;

              if (!resolve_source (self, store, article_id,
                                   g_ptr_array_index (entry->source_keys, j), &id, error))
                return FALSE;
              if (id == 0)
                counts->unlinked++;
              else if (!fm_annotation_has_source (a, id))
                {
                  fm_annotation_add_source (a, id);
                  counts->links++;
                }
            }
          g_ptr_array_add (batch, a);
          g_ptr_array_add (batch_entries, entry);
        }

      if (!fm_store_add_annotations (store, batch, error))
        return FALSE;

      for (guint i = 0; i < batch_entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (batch_entries, i);
          FmAnnotation *a = entry->annotation;

          entry->id = fm_annotation_get_id (a);
          g_array_append_val (added, entry->id);
          counts->added++;
          if (fm_annotation_is_orphan (a))
            counts->orphaned++;
          else
            counts->anchored++;
        }
    }
  return TRUE;
}

static gboolean
add_entries (FmSheetImport        *self,
             FmStore              *store,
             FmArticle            *article,
             FmArticle            *created,
             FmSheetImportCounts  *counts,
             GError              **error)
{
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  FmSheetImportCounts local = { 0 };

  if (!resolve_uuids (self, store, article, error)
      || !insert_entries (self, store, article, &local, added, error))
    {
      delete_added (store, created, added);
      return FALSE;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->skipped)
        local.skipped++;
      else if (entry->present)
        local.present++;
    }
  local.skipped += self->skipped;
  if (counts != NULL)
    *counts = local;
  return TRUE;
}

static FmArticle *
find_article_by_digest (FmStore     *store,
                        const char  *sha256,
                        GError     **error)
{
  g_autoptr(GPtrArray) articles = fm_store_list_articles (store, error);

  if (articles == NULL)
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    {
      FmArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (fm_article_get_sha256 (article), sha256) == 0)
        return fm_store_get_article (store, fm_article_get_id (article), error);
    }
  return NULL;
}

/* Gives an article created from a fact sheet the sheet's revision history:
 * its earlier texts under their numbers, and its current text under the
 * sheet's revision number, so that it goes on from there rather than
 * starting again at 1. */
static gboolean
add_revisions (FmSheetImport  *self,
               FmStore        *store,
               FmArticle      *article,
               GError        **error)
{
  gint64 id = fm_article_get_id (article);
  gboolean has_current = FALSE;

  for (guint i = 0; i < self->revisions->len; i++)
    {
      SheetRevision *revision = g_ptr_array_index (self->revisions, i);

      if (!fm_store_add_revision (store, id, revision->number, revision->created,
                                  revision->origin, revision->text, error))
        return FALSE;
      has_current |= revision->number == self->revision;
    }
  if (self->revision > 1 && !has_current
      && !fm_store_add_revision (store, id, self->revision, fm_article_get_imported (article),
                                 NULL, fm_article_get_text (article), error))
    return FALSE;
  fm_article_set_revision (article, self->revision);
  return TRUE;
}

/**
 * fm_sheet_import_add_article:
 * @self: a fact sheet read by fm_sheet_import_read()
 * @counts: (out) (optional): what was added
 *
 * Adds the sheet's article with its annotations, attributions and
 * evidence, keeping their uuids and times. When the library already has
 * the article's text, that article is used and only the annotations it
 * does not have yet are added. A sheet without the text can only add to
 * an article already in the library. Should the library fail halfway,
 * what was added is removed again.
 *
 * Returns: (transfer full): the article, with its text
 */
FmArticle *
fm_sheet_import_add_article (FmSheetImport        *self,
                             FmStore              *store,
                             FmSheetImportCounts  *counts,
                             GError              **error)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) local = NULL;
  FmArticle *created = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->used, NULL);
  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  if (!self->factsheet)
    {
      fm_sheet_invalid (error, _("This file holds annotations, not a Factmark fact sheet; import them "
                                 "into an article"));
      return NULL;
    }
  self->used = TRUE;

  article = find_article_by_digest (store, self->sha256, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  if (article != NULL)
    {
      /* Check a sheet without its text against the text it was made on. */
      if (fm_article_get_text (self->article) == NULL
          && !fm_sheet_check_sheet_spans (self, fm_article_get_text (article), error))
        return NULL;
    }
  else
    {
      g_autoptr(FmArticle) other = NULL;
      g_autoptr(FmArticle) copy = NULL;
      gboolean existed = FALSE;

      if (fm_article_get_text (self->article) == NULL)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                       _("The fact sheet does not include the article's text, and no article "
                         "in the library has the text it was made on"));
          return NULL;
        }

      /* The uuid may be taken by an earlier revision of the same article,
       * whose text has since changed. */
      copy = fm_article_copy (self->article);
      other = fm_store_lookup_article (store, fm_article_get_uuid (copy), &local);
      if (other == NULL && !g_error_matches (local, FM_ERROR, FM_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (other != NULL)
        fm_article_set_uuid (copy, NULL);

      article = fm_store_add_article (store, copy, &existed, error);
      if (article == NULL)
        return NULL;
      if (!existed)
        created = article;
    }

  if (created != NULL && !add_revisions (self, store, created, error))
    {
      /* Best effort, as delete_added(): the first error is the one to
       * report. */
      fm_store_delete_article (store, fm_article_get_id (created), NULL);
      return NULL;
    }
  if (!add_entries (self, store, article, created, counts, error))
    return NULL;
  return g_steal_pointer (&article);
}

/**
 * fm_sheet_import_add_annotations:
 * @self: W3C or Hypothesis annotations read by fm_sheet_import_read()
 * @counts: (out) (optional): what was added
 *
 * Anchors each annotation in the article's text and adds it: at its
 * TextPositionSelector when the text there is its quote, else at the
 * exact occurrence of its TextQuoteSelector that agrees best with its
 * prefix and suffix (then lies nearest its position), else as an orphan
 * that keeps its quote and context. Linking annotations attribute the
 * claims and figures added to sources of the file or of the article.
 * An annotation whose uuid (its urn:uuid id, or one derived from another
 * id) the article already has is left out as present; one that quotes
 * nothing (a page note, a reply) is left out as skipped.
 */
gboolean
fm_sheet_import_add_annotations (FmSheetImport        *self,
                                 FmStore              *store,
                                 gint64                article_id,
                                 FmSheetImportCounts  *counts,
                                 GError              **error)
{
  g_autoptr(FmArticle) article = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->used, FALSE);
  g_return_val_if_fail (FM_IS_STORE (store), FALSE);

  if (self->factsheet)
    return fm_sheet_invalid (error, _("This file is a Factmark fact sheet; import it as an article "
                                      "rather than as annotations"));

  article = fm_store_get_article (store, article_id, error);
  if (article == NULL)
    return FALSE;
  self->used = TRUE;

  if (!fm_sheet_anchor_entries (self, fm_article_get_text (article), error)
      || !add_entries (self, store, article, NULL, counts, error))
    return FALSE;
  if (counts != NULL)
    counts->positions = self->positions;
  return TRUE;
}

/**
 * fm_sheet_import_factsheet_file:
 *
 * Reads a fact sheet and adds its article: fm_sheet_import_read_file()
 * then fm_sheet_import_add_article().
 */
FmArticle *
fm_sheet_import_factsheet_file (FmStore              *store,
                                GFile                *file,
                                FmSheetImportCounts  *counts,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autoptr(FmSheetImport) self = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = fm_sheet_import_read_file (file, cancellable, error);
  if (self == NULL)
    return NULL;
  return fm_sheet_import_add_article (self, store, counts, error);
}

/**
 * fm_sheet_import_annotations_file:
 *
 * Reads W3C or Hypothesis annotations and adds them to an article:
 * fm_sheet_import_read_file() then fm_sheet_import_add_annotations().
 */
gboolean
fm_sheet_import_annotations_file (FmStore              *store,
                                  gint64                article_id,
                                  GFile                *file,
                                  FmSheetImportCounts  *counts,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  g_autoptr(FmSheetImport) self = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  self = fm_sheet_import_read_file (file, cancellable, error);
  if (self == NULL)
    return FALSE;
  return fm_sheet_import_add_annotations (self, store, article_id, counts, error);
}
