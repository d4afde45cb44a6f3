/* fm-import-quote.c
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

#include "fm-anchor.h"
#include "fm-annotation.h"
#include "fm-text.h"

/* Anchoring the annotations of another tool */

/* The most bytes of text an import may search through for quotes that are
 * not where their position says (the text's length times the number of
 * such quotes): a few seconds of work at worst. */
#define SEARCH_BUDGET ((guint64) 8 << 30)

/* How many code points before @at agree with the end of @prefix, and after
 * @at with the start of @suffix, up to twice the context Factmark keeps. */
static guint
agree_before (const char *text,
              const char *at,
              const char *prefix)
{
  const char *b;
  guint n = 0;

  if (prefix == NULL)
    return 0;
  b = prefix + strlen (prefix);
  while (at > text && b > prefix && n < 2 * FM_CONTEXT_LENGTH)
    {
      const char *pa = g_utf8_prev_char (at);
      const char *pb = g_utf8_prev_char (b);

      if (g_utf8_get_char (pa) != g_utf8_get_char (pb))
        break;
      at = pa;
      b = pb;
      n++;
    }
  return n;
}

static guint
agree_after (const char *at,
             const char *suffix)
{
  guint n = 0;

  if (suffix == NULL)
    return 0;
  while (*at != '\0' && *suffix != '\0' && n < 2 * FM_CONTEXT_LENGTH)
    {
      if (g_utf8_get_char (at) != g_utf8_get_char (suffix))
        break;
      at = g_utf8_next_char (at);
      suffix = g_utf8_next_char (suffix);
      n++;
    }
  return n;
}

/* Finds the occurrence of @entry's quote that agrees best with its prefix
 * and suffix and, among equals, lies nearest its position, and sets
 * @entry->found to its byte offset. One pass that keeps only the best so
 * far, so a quote found a million times costs no memory; nothing is
 * counted in code points here, since counting is slower than the search
 * itself: the places found are counted all at once afterwards. */
static gboolean
find_quote (const char *text,
            Entry      *entry)
{
  gsize len = strlen (entry->exact);
  const char *best = NULL;
  const char *p = text;
  gsize best_distance = G_MAXSIZE;
  guint best_score = 0;

  while ((p = strstr (p, entry->exact)) != NULL)
    {
      guint score = agree_before (text, p, entry->prefix) + agree_after (p + len, entry->suffix);
      gsize at = p - text;
      gsize distance = entry->hint < 0 ? 0
                       : at > (gsize) entry->hint ? at - entry->hint : entry->hint - at;

      if (best == NULL || score > best_score || (score == best_score && distance < best_distance))
        {
          best = p;
          best_score = score;
          best_distance = distance;
        }
      p = g_utf8_next_char (p);
    }

  if (best == NULL)
    return FALSE;
  entry->found = best - text;
  return TRUE;
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  gsize x = (*(Entry * const *) a)->found;
  gsize y = (*(Entry * const *) b)->found;

  return x < y ? -1 : x > y;
}

void
fm_sheet_place (FmAnnotation *a,
                const char   *text,
                gsize         s,
                gsize         e,
                glong         start,
                glong         end)
{
  g_autofree char *quote = g_strndup (text + s, e - s);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *p = text + s;
  const char *q = text + e;

  /* The context as fm_text_context() reads it, from byte offsets already
   * known rather than by counting from the start of the text again. */
  for (int n = 0; n < FM_CONTEXT_LENGTH && p > text; n++)
    p = g_utf8_prev_char (p);
  for (int n = 0; n < FM_CONTEXT_LENGTH && *q != '\0'; n++)
    q = g_utf8_next_char (q);
  prefix = g_strndup (p, text + s - p);
  suffix = g_strndup (text + e, q - (text + e));

  fm_annotation_set_span (a, start, end);
  fm_annotation_set_quote (a, quote, prefix, suffix);
  fm_annotation_set_state (a, FM_ANCHOR_UNCHANGED);
  fm_annotation_set_confirmed (a, TRUE);
}

void
fm_sheet_orphan (Entry *entry)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  /* Keep as much context as an anchored annotation would have: the end of
   * the prefix and the start of the suffix. */
  if (entry->prefix != NULL)
    {
      glong n = g_utf8_strlen (entry->prefix, -1);

      prefix = g_utf8_substring (entry->prefix, MAX (n - FM_CONTEXT_LENGTH, 0), n);
    }
  if (entry->suffix != NULL)
    suffix = g_utf8_substring (entry->suffix, 0,
                               MIN (g_utf8_strlen (entry->suffix, -1), FM_CONTEXT_LENGTH));

  fm_annotation_set_quote (entry->annotation, entry->exact, prefix, suffix);
  fm_annotation_orphan (entry->annotation);
  /* Waits in the Orphans group for the user to attach it. */
  fm_annotation_set_confirmed (entry->annotation, FALSE);
}

static gboolean
matches (const char *text,
         gssize      s,
         gssize      e,
         const char *exact)
{
  if (s < 0 || e < 0)
    return FALSE;
  if (exact == NULL)
    return TRUE;
  return (gsize) (e - s) == strlen (exact) && memcmp (text + s, exact, e - s) == 0;
}

/* Where each entry's TextPositionSelector points in @text, in bytes, and
 * its start and end in code points. The W3C model counts positions in
 * code points ("in terms of unicode code points ..., not in terms of code
 * units", section 4.2.4 of the Recommendation); the Hypothesis client
 * counts UTF-16 code units, the offsets of the JavaScript strings it reads
 * from the page's textContent. The two differ after any character outside
 * the BMP, such as an emoji: each entry is read the way its format
 * defines. */
typedef struct
{
  gssize *bytes;  /* start and end of each entry with a span, in turn */
  glong  *cps;
} Positions;

static void
locate_positions (FmSheetImport *self,
                  const char    *text,
                  Positions     *pos)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autofree gssize *bytes16 = NULL;
  g_autofree glong *cps16 = NULL;
  gboolean utf16 = FALSE;
  guint k = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->has_span)
        {
          g_array_append_val (offsets, entry->start);
          g_array_append_val (offsets, entry->end);
          utf16 |= entry->utf16;
          self->positions |= entry->utf16 ? FM_SHEET_POSITIONS_UTF16
                                          : FM_SHEET_POSITIONS_CODE_POINTS;
        }
    }

  pos->bytes = g_new (gssize, offsets->len + 1);
  pos->cps = g_new (glong, offsets->len + 1);
  fm_sheet_locate_offsets (text, (glong *) offsets->data, offsets->len, FALSE, pos->bytes,
                           pos->cps);
  if (!utf16)
    return;

  bytes16 = g_new (gssize, offsets->len + 1);
  cps16 = g_new (glong, offsets->len + 1);
  fm_sheet_locate_offsets (text, (glong *) offsets->data, offsets->len, TRUE, bytes16, cps16);
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (!entry->has_span)
        continue;
      if (entry->utf16)
        {
          pos->bytes[k] = bytes16[k];
          pos->bytes[k + 1] = bytes16[k + 1];
          pos->cps[k] = cps16[k];
          pos->cps[k + 1] = cps16[k + 1];
        }
      k += 2;
    }
}

/* Places the entries whose position holds their quote (or that have a
 * position and no quote), and returns those left to search for. */
static GPtrArray *
place_at_positions (FmSheetImport *self,
                    const char    *text,
                    Positions     *pos)
{
  GPtrArray *search = g_ptr_array_new ();
  gsize text_len = strlen (text);
  guint k = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->has_span)
        {
          guint ks = k++;
          guint ke = k++;

          if (matches (text, pos->bytes[ks], pos->bytes[ke], entry->exact))
            {
              fm_sheet_place (entry->annotation, text, pos->bytes[ks], pos->bytes[ke],
                              pos->cps[ks], pos->cps[ke]);
              continue;
            }
        }
      if (entry->exact != NULL)
        {
          /* The hint in bytes is only used to compare distances. */
          entry->hint = !entry->has_span ? -1
                        : pos->bytes[k - 2] >= 0 ? pos->bytes[k - 2] : (gssize) text_len;
          g_ptr_array_add (search, entry);
        }
      else
        entry->skipped = TRUE;  /* A position past the text and no quote. */
    }
  return search;
}

/* Searches the text for the quotes that are not where their positions
 * say, and places or orphans each. */
static gboolean
place_by_quote (const char  *text,
                GPtrArray   *search,
                GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gsize text_len = strlen (text);
  gsize counted = 0;
  glong offset = 0;

  if ((guint64) search->len * text_len > SEARCH_BUDGET)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("%u quotes are not where their positions say; searching so long a text "
                     "for all of them would take too long"), search->len);
      return FALSE;
    }

  for (guint i = 0; i < search->len; i++)
    {
      Entry *entry = g_ptr_array_index (search, i);

      if (find_quote (text, entry))
        g_ptr_array_add (found, entry);
      else
        fm_sheet_orphan (entry);
    }

  /* Count the code points to every place found in one pass. */
  g_ptr_array_sort (found, compare_found);
  for (guint i = 0; i < found->len; i++)
    {
      Entry *entry = g_ptr_array_index (found, i);
      gsize len = strlen (entry->exact);

      offset += g_utf8_pointer_to_offset (text + counted, text + entry->found);
      counted = entry->found;
      fm_sheet_place (entry->annotation, text, entry->found, entry->found + len, offset,
                      offset + g_utf8_strlen (entry->exact, len));
    }
  return TRUE;
}

gboolean
fm_sheet_anchor_entries (FmSheetImport  *self,
                         const char     *text,
                         GError        **error)
{
  Positions pos = { NULL, NULL };
  g_autoptr(GPtrArray) search = NULL;
  gboolean ok;

  locate_positions (self, text, &pos);
  search = place_at_positions (self, text, &pos);
  g_free (pos.bytes);
  g_free (pos.cps);
  ok = place_by_quote (text, search, error);
  if (!ok)
    return FALSE;

  /* A source named by its own quote, as Factmark's export writes one the
   * user gave no name, keeps no name of its own. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      FmAnnotation *a = ((Entry *) g_ptr_array_index (self->entries, i))->annotation;

      if (g_strcmp0 (fm_annotation_get_name (a), fm_annotation_get_quote (a)) == 0)
        fm_annotation_set_name (a, NULL);
      /* As after an update, the first quote is remembered only while it
       * differs from the quote. */
      if (g_strcmp0 (fm_annotation_get_original_quote (a), fm_annotation_get_quote (a)) == 0)
        fm_annotation_set_original_quote (a, NULL);
    }
  return TRUE;
}
