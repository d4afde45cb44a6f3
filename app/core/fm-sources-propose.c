/* fm-sources-propose.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-sources"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-sources-private.h"
#include "fm-text.h"

/* Finds library sources that are probably one and the same, for the user
 * to confirm: the same name but for accents, "the" and punctuation; a
 * name with its acronym in brackets, the name alone, and the acronym
 * alone, or a name and the acronym of its initials; and a person's full
 * name with a surname or given name used alone. Descriptions such as "the
 * agency" are left alone: only the article's context says whom they mean. */

typedef struct
{
  GHashTable *dismissed;
  GHashTable *pairs;
  GPtrArray  *merges;
} Proposals;

char *
fm_source_pair_key (const char *key,
                    const char *other_key)
{
  return g_strcmp0 (key, other_key) < 0 ? g_strconcat (key, "\n", other_key, NULL)
                                        : g_strconcat (other_key, "\n", key, NULL);
}

/* Drops a possessive and a leading "the", which say nothing of who. */
static void
trim_words (GString *s)
{
  if (g_str_has_suffix (s->str, "'s") || g_str_has_suffix (s->str, "s'"))
    g_string_truncate (s, s->len - 2);
  else if (g_str_has_suffix (s->str, "\u2019s"))
    g_string_truncate (s, s->len - strlen ("\u2019s"));
  if (g_str_has_prefix (s->str, "the "))
    g_string_erase (s, 0, 4);
}

/* The name without accents, case, punctuation and extra spaces. */
static char *
loose_key (const char *name)
{
  g_autofree char *folded = fm_text_fold (name, -1);
  GString *s = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '\'' || c == 0x2019)
        g_string_append_unichar (s, c);
      else if (s->len > 0 && s->str[s->len - 1] != ' ')
        g_string_append_c (s, ' ');
    }
  while (s->len > 0 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  trim_words (s);
  return g_string_free (s, FALSE);
}

static gboolean
is_acronym (const char *word)
{
  guint upper = 0;
  glong len = g_utf8_strlen (word, -1);

  if (len < 2 || len > 10)
    return FALSE;
  for (const char *p = word; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isupper (c))
        upper++;
      else if (!g_unichar_isdigit (c) && c != '&' && c != '.' && c != '-')
        return FALSE;
    }
  return upper >= 2;
}

/* Splits "Korean Central News Agency (KCNA)" into its two names. */
static gboolean
split_bracketed (const char  *name,
                 char       **full,
                 char       **acronym)
{
  const char *open = strrchr (name, '(');
  g_autofree char *inside = NULL;

  if (open == NULL || open == name || !g_str_has_suffix (name, ")"))
    return FALSE;
  inside = g_strndup (open + 1, strlen (open + 1) - 1);
  if (!is_acronym (g_strstrip (inside)))
    return FALSE;
  *full = g_strstrip (g_strndup (name, open - name));
  *acronym = g_steal_pointer (&inside);
  return **full != '\0';
}

/* "Korean Central News Agency" → "KCNA": the capitals that begin its
 * words, skipping the small words between them; NULL for one word. */
static char *
initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (char **w = words; *w; w++)
    {
      gunichar c = g_utf8_get_char (*w);

      if (**w == '\0' || !g_unichar_isalpha (c))
        continue;
      if (!g_unichar_isupper (c))
        continue;
      g_string_append_unichar (s, c);
      n++;
    }
  if (n < 2)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static void
propose (Proposals           *p,
         FmLibrarySource     *into,
         FmLibrarySource     *from,
         FmSourceMergeReason  reason)
{
  const char *a = fm_library_source_get_key (into);
  const char *b = fm_library_source_get_key (from);
  g_autofree char *pair = NULL;
  FmSourceMerge *merge;

  if (into == from || g_str_equal (a, b))
    return;
  pair = fm_source_pair_key (a, b);
  if (g_hash_table_contains (p->dismissed, pair) || g_hash_table_contains (p->pairs, pair))
    return;
  g_hash_table_add (p->pairs, g_steal_pointer (&pair));
  merge = g_new0 (FmSourceMerge, 1);
  merge->key = g_strdup (a);
  merge->name = g_strdup (fm_library_source_get_name (into));
  merge->other_key = g_strdup (b);
  merge->other_name = g_strdup (fm_library_source_get_name (from));
  merge->reason = reason;
  g_ptr_array_add (p->merges, merge);
}

/* Appends @source to the list @table keeps under @key. */
static void
index_source (GHashTable      *table,
              const char      *key,
              FmLibrarySource *source)
{
  GPtrArray *list = g_hash_table_lookup (table, key);

  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (table, g_strdup (key), list);
    }
  if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != source)
    g_ptr_array_add (list, source);
}

static void
propose_each (Proposals           *p,
              FmLibrarySource     *into,
              GPtrArray           *others,
              gboolean             others_into,
              FmSourceMergeReason  reason)
{
  for (guint i = 0; others && i < others->len; i++)
    {
      FmLibrarySource *other = g_ptr_array_index (others, i);

      if (others_into)
        propose (p, other, into, reason);
      else
        propose (p, into, other, reason);
    }
}

/* Names alike once accents, case, "the" and punctuation are gone. */
static void
propose_same_names (Proposals  *p,
                    GPtrArray  *sources,
                    GHashTable *by_loose)
{
  for (guint i = 0; i < sources->len; i++)
    {
      FmLibrarySource *source = g_ptr_array_index (sources, i);
      g_autofree char *loose = loose_key (fm_library_source_get_name (source));

      propose_each (p, source, g_hash_table_lookup (by_loose, loose), FALSE,
                    FM_SOURCE_MERGE_SAME_NAME);
    }
}

/* A bracketed acronym ties its name to the acronym and the name alone;
 * a bare acronym goes with any name whose initials it is. */
static void
propose_acronyms (Proposals  *p,
                  GPtrArray  *sources,
                  GHashTable *by_loose,
                  GHashTable *by_initials)
{
  for (guint i = 0; i < sources->len; i++)
    {
      FmLibrarySource *source = g_ptr_array_index (sources, i);
      const char *name = fm_library_source_get_name (source);
      g_autofree char *full = NULL;
      g_autofree char *acronym = NULL;

      if (split_bracketed (name, &full, &acronym))
        {
          g_autofree char *loose_full = loose_key (full);
          g_autofree char *loose_acronym = loose_key (acronym);

          propose_each (p, source, g_hash_table_lookup (by_loose, loose_full), FALSE,
                        FM_SOURCE_MERGE_ACRONYM);
          propose_each (p, source, g_hash_table_lookup (by_loose, loose_acronym), FALSE,
                        FM_SOURCE_MERGE_ACRONYM);
        }
      else if (is_acronym (name))
        propose_each (p, source, g_hash_table_lookup (by_initials, name), TRUE,
                      FM_SOURCE_MERGE_ACRONYM);
    }
}

/* A one-word name that is the first or last word of a person's full name. */
static void
propose_surnames (Proposals  *p,
                  GPtrArray  *sources,
                  GHashTable *by_name_word)
{
  for (guint i = 0; i < sources->len; i++)
    {
      FmLibrarySource *source = g_ptr_array_index (sources, i);
      const char *name = fm_library_source_get_name (source);
      g_autofree char *loose = NULL;

      if (strchr (name, ' ') != NULL || is_acronym (name)
          || !g_unichar_isupper (g_utf8_get_char (name)))
        continue;
      loose = loose_key (name);
      propose_each (p, source, g_hash_table_lookup (by_name_word, loose), TRUE,
                    FM_SOURCE_MERGE_SURNAME);
    }
}

/* Indexes a person's full name, of two to four words, by its first and
 * last word: "Kim Jong Un" is "Kim" in Korean usage, "Joe Biden" "Biden". */
static void
index_person (GHashTable      *by_name_word,
              FmLibrarySource *source)
{
  g_autofree char *loose = loose_key (fm_library_source_get_name (source));
  g_auto(GStrv) words = g_strsplit (loose, " ", -1);
  guint n = g_strv_length (words);

  if (fm_library_source_get_source_type (source) != FM_SOURCE_TYPE_PERSON || n < 2 || n > 4)
    return;
  index_source (by_name_word, words[0], source);
  index_source (by_name_word, words[n - 1], source);
}

static void
index_sources (GPtrArray  *sources,
               GHashTable *by_loose,
               GHashTable *by_initials,
               GHashTable *by_name_word)
{
  for (guint i = 0; i < sources->len; i++)
    {
      FmLibrarySource *source = g_ptr_array_index (sources, i);
      const char *name = fm_library_source_get_name (source);
      g_autofree char *loose = loose_key (name);
      g_autofree char *abbrev = initials (name);

      if (*loose != '\0')
        index_source (by_loose, loose, source);
      if (abbrev != NULL)
        index_source (by_initials, abbrev, source);
      index_person (by_name_word, source);
    }
}

/* fm_sources_propose:
 * @sources: (element-type FmLibrarySource): the library's sources, the
 *   most cited first, so that each merge goes into the better known name
 * @dismissed: pair keys of merges the user declined
 *
 * Returns: (transfer container) (element-type FmSourceMerge): the merges */
GPtrArray *
fm_sources_propose (GPtrArray  *sources,
                    GHashTable *dismissed)
{
  g_autoptr(GHashTable) by_loose = NULL;
  g_autoptr(GHashTable) by_initials = NULL;
  g_autoptr(GHashTable) by_name_word = NULL;
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Proposals p = { dismissed, pairs, NULL };

  g_return_val_if_fail (sources != NULL && dismissed != NULL, NULL);

  by_loose = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_ptr_array_unref);
  by_initials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  by_name_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  index_sources (sources, by_loose, by_initials, by_name_word);

  p.merges = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_source_merge_free);
  propose_same_names (&p, sources, by_loose);
  propose_acronyms (&p, sources, by_loose, by_initials);
  propose_surnames (&p, sources, by_name_word);
  return p.merges;
}

/**
 * fm_source_merge_reason_to_label:
 *
 * Returns: why the merge is proposed, in words for the user
 */
const char *
fm_source_merge_reason_to_label (FmSourceMergeReason reason)
{
  switch (reason)
    {
    case FM_SOURCE_MERGE_SAME_NAME:
      return _("Same name");
    case FM_SOURCE_MERGE_ACRONYM:
      return _("Name and acronym");
    case FM_SOURCE_MERGE_SURNAME:
      return _("Full name and surname");
    default:
      g_return_val_if_reached (NULL);
    }
}
