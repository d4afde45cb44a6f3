/* fm-diff.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-diff"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-diff.h"
#include "fm-types.h"

/* A character diff of two revisions of an article. Myers' O(ND) algorithm
 * finds a shortest edit script in linear space, but its cost grows with the
 * number of differences times the length, which for a 1 MB article with a
 * few percent of scattered edits is far too slow. So each region is first
 * tried with Myers under a budget; a region over budget is cut into smaller
 * ones at anchors, lines (paragraphs) or word-aligned k-grams that occur
 * exactly once on each side (as in a patience diff), and the pieces between
 * anchors are diffed the same way. A region without any anchor is left as
 * a replacement. Every step is deterministic. */

/* The work one Myers attempt may spend: about (n + m) × D steps. */
#define DIFF_BUDGET (1 << 22)
/* The work all attempts may spend together. Two texts that are not
 * revisions of each other would otherwise pay the budget above for every
 * region between anchors. */
#define DIFF_TOTAL_BUDGET (G_GINT64_CONSTANT (1) << 27)
#define DIFF_MIN_D 16
/* Length in code points of the word-aligned k-grams used as anchors when
 * there are no usable line anchors: long enough to be unique in prose. */
#define DIFF_KGRAM 24

typedef struct
{
  glong x0, x1;
  glong y0, y1;
} Region;

typedef struct
{
  glong pos;
  glong len;
  guint64 hash;
} Unit;

typedef struct
{
  const gunichar *a;
  const gunichar *b;
  GArray         *runs;
  glong          *vf;
  glong          *vb;
  glong           v_half;
  gint64          work_left;
} Differ;

static void
emit (Differ *d,
      glong   x,
      glong   y,
      glong   len)
{
  FmDiffRun run = { x, y, len };

  if (len > 0)
    g_array_append_val (d->runs, run);
}

/* Removes the common head and tail of a region, recording them as runs. */
static void
trim (Differ *d,
      Region *r)
{
  glong n = 0;

  while (r->x0 + n < r->x1 && r->y0 + n < r->y1 && d->a[r->x0 + n] == d->b[r->y0 + n])
    n++;
  emit (d, r->x0, r->y0, n);
  r->x0 += n;
  r->y0 += n;

  n = 0;
  while (r->x1 - n > r->x0 && r->y1 - n > r->y0
         && d->a[r->x1 - n - 1] == d->b[r->y1 - n - 1])
    n++;
  emit (d, r->x1 - n, r->y1 - n, n);
  r->x1 -= n;
  r->y1 -= n;
}

/* Myers' middle snake: runs the forward and the reverse search at once until
 * they meet, at most @max_half steps each. Returns the edit distance of the
 * region, or -1 if it is more than about 2 × @max_half. */
static glong
middle_snake (Differ       *d,
              const Region *r,
              glong         max_half,
              glong        *sx,
              glong        *sy,
              glong        *ex,
              glong        *ey)
{
  const gunichar *a = d->a + r->x0;
  const gunichar *b = d->b + r->y0;
  glong n = r->x1 - r->x0;
  glong m = r->y1 - r->y0;
  glong delta = n - m;
  gboolean odd = (delta & 1) != 0;
  glong *vf = d->vf + d->v_half + 1;
  glong *vb = d->vb + d->v_half + 1;

  g_assert (max_half <= d->v_half);

  vf[1] = 0;
  vb[1] = 0;
  for (glong dd = 0; dd <= max_half; dd++)
    {
      for (glong k = -dd; k <= dd; k += 2)
        {
          glong x, y, xs;

          if (k == -dd || (k != dd && vf[k - 1] < vf[k + 1]))
            x = vf[k + 1];
          else
            x = vf[k - 1] + 1;
          y = x - k;
          xs = x;
          while (x < n && y < m && a[x] == b[y])
            {
              x++;
              y++;
            }
          vf[k] = x;
          if (odd && k >= delta - (dd - 1) && k <= delta + (dd - 1)
              && x + vb[delta - k] >= n)
            {
              *sx = xs;
              *sy = xs - k;
              *ex = x;
              *ey = y;
              return 2 * dd - 1;
            }
        }

      for (glong k = -dd; k <= dd; k += 2)
        {
          glong x, y, xs;

          if (k == -dd || (k != dd && vb[k - 1] < vb[k + 1]))
            x = vb[k + 1];
          else
            x = vb[k - 1] + 1;
          y = x - k;
          xs = x;
          while (x < n && y < m && a[n - 1 - x] == b[m - 1 - y])
            {
              x++;
              y++;
            }
          vb[k] = x;
          if (!odd && k >= delta - dd && k <= delta + dd
              && x + vf[delta - k] >= n)
            {
              *sx = n - x;
              *sy = m - y;
              *ex = n - xs;
              *ey = m - (xs - k);
              return 2 * dd;
            }
        }
    }

  return -1;
}

/* Splits a trimmed region at its middle snake and recurses. Both halves have
 * a strictly smaller edit distance, so the recursion ends, and its depth is
 * about log2 of the distance. */
static void
myers_split (Differ *d,
             Region  r)
{
  glong sx, sy, ex, ey;
  glong dist;
  Region left, right;

  trim (d, &r);
  if (r.x0 == r.x1 || r.y0 == r.y1)
    return;

  dist = middle_snake (d, &r, d->v_half, &sx, &sy, &ex, &ey);
  g_assert (dist >= 2);

  left = (Region) { r.x0, r.x0 + sx, r.y0, r.y0 + sy };
  right = (Region) { r.x0 + ex, r.x1, r.y0 + ey, r.y1 };
  emit (d, r.x0 + sx, r.y0 + sy, ex - sx);
  myers_split (d, left);
  myers_split (d, right);
}

/* Diffs a trimmed region with Myers if its distance is at most @max_d. */
static gboolean
myers_limited (Differ       *d,
               const Region *r,
               glong         max_d)
{
  glong sx, sy, ex, ey;
  glong dist;

  dist = middle_snake (d, r, MIN ((max_d + 1) / 2, d->v_half), &sx, &sy, &ex, &ey);
  if (dist < 0)
    return FALSE;

  emit (d, r->x0 + sx, r->y0 + sy, ex - sx);
  myers_split (d, (Region) { r->x0, r->x0 + sx, r->y0, r->y0 + sy });
  myers_split (d, (Region) { r->x0 + ex, r->x1, r->y0 + ey, r->y1 });
  return TRUE;
}

static guint64
hash_chars (const gunichar *s,
            glong           len)
{
  /* FNV-1a over the code points; collisions are checked by comparing. */
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (glong i = 0; i < len; i++)
    {
      h ^= s[i];
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return h;
}

typedef struct
{
  guint64 hash;
  guint   count_a;
  guint   count_b;
  glong   unit_a;
  glong   unit_b;
} Slot;

/* Counts each unit's hash on both sides in an open-addressing table of
 * @cap slots, a power of two. */
static Slot *
count_units (GArray *units_a,
             GArray *units_b,
             gsize   cap)
{
  Slot *slots = g_new0 (Slot, cap);

  for (guint side = 0; side < 2; side++)
    {
      GArray *units = side == 0 ? units_a : units_b;

      for (guint i = 0; i < units->len; i++)
        {
          const Unit *u = &g_array_index (units, Unit, i);
          gsize at = u->hash & (cap - 1);

          while (slots[at].count_a + slots[at].count_b > 0 && slots[at].hash != u->hash)
            at = (at + 1) & (cap - 1);
          slots[at].hash = u->hash;
          if (side == 0)
            {
              slots[at].count_a++;
              slots[at].unit_a = i;
            }
          else
            {
              slots[at].count_b++;
              slots[at].unit_b = i;
            }
        }
    }
  return slots;
}

/* Fills @pair_a and @pair_b with the units found exactly once on each
 * side and equal there, in the order of @units_a; returns how many. */
static glong
unique_pairs (Differ     *d,
              GArray     *units_a,
              GArray     *units_b,
              const Slot *slots,
              gsize       cap,
              glong      *pair_a,
              glong      *pair_b)
{
  glong n_pairs = 0;

  for (guint i = 0; i < units_a->len; i++)
    {
      const Unit *ua = &g_array_index (units_a, Unit, i);
      const Unit *ub;
      gsize at = ua->hash & (cap - 1);

      while (slots[at].hash != ua->hash)
        at = (at + 1) & (cap - 1);
      if (slots[at].count_a != 1 || slots[at].count_b != 1)
        continue;
      ub = &g_array_index (units_b, Unit, slots[at].unit_b);
      if (ua->len != ub->len
          || memcmp (d->a + ua->pos, d->b + ub->pos, ua->len * sizeof (gunichar)) != 0)
        continue;
      pair_a[n_pairs] = i;
      pair_b[n_pairs] = slots[at].unit_b;
      n_pairs++;
    }
  return n_pairs;
}

/* The longest increasing subsequence of @pair_b, by patience sorting, as
 * indexes into it in order; its length goes to @n_chain. */
static glong *
longest_chain (const glong *pair_b,
               glong        n_pairs,
               glong       *n_chain)
{
  g_autofree glong *tails = g_new (glong, n_pairs);
  g_autofree glong *prev = g_new (glong, n_pairs);
  glong *chain;
  glong n_tails = 0;
  glong n = 0;

  for (glong i = 0; i < n_pairs; i++)
    {
      glong lo = 0, hi = n_tails;

      while (lo < hi)
        {
          glong mid = (lo + hi) / 2;

          if (pair_b[tails[mid]] < pair_b[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      prev[i] = lo > 0 ? tails[lo - 1] : -1;
      tails[lo] = i;
      if (lo == n_tails)
        n_tails++;
    }

  chain = g_new (glong, n_tails);
  for (glong i = tails[n_tails - 1]; i >= 0; i = prev[i])
    chain[n_tails - 1 - n++] = i;
  *n_chain = n;
  return chain;
}

/* Appends @run to @anchors, merging it into the last run when both are on
 * one diagonal, and dropping it when it crosses the last. */
static void
append_anchor (GArray          *anchors,
               const FmDiffRun *run)
{
  if (anchors->len > 0)
    {
      FmDiffRun *last = &g_array_index (anchors, FmDiffRun, anchors->len - 1);
      glong last_a = last->old_start + last->length;
      glong last_b = last->new_start + last->length;

      /* Overlapping k-grams on the same diagonal are one longer match;
       * on different diagonals the later one cannot be used. */
      if (run->old_start - last->old_start == run->new_start - last->new_start
          && run->old_start <= last_a)
        {
          last->length = MAX (last_a, run->old_start + run->length) - last->old_start;
          return;
        }
      if (run->old_start < last_a || run->new_start < last_b)
        return;
    }
  g_array_append_val (anchors, *run);
}

/* Pairs up the units that occur exactly once on each side, keeps the longest
 * chain of pairs that is in the same order on both (patience diff), and
 * returns it as non-overlapping runs sorted by position. */
static GArray *
unique_anchors (Differ *d,
                GArray *units_a,
                GArray *units_b)
{
  GArray *anchors = g_array_new (FALSE, FALSE, sizeof (FmDiffRun));
  g_autofree Slot *slots = NULL;
  g_autofree glong *pair_a = NULL;
  g_autofree glong *pair_b = NULL;
  g_autofree glong *chain = NULL;
  gsize cap = 16;
  glong n_pairs;
  glong n_chain = 0;

  if (units_a->len == 0 || units_b->len == 0)
    return anchors;

  while (cap < 2 * ((gsize) units_a->len + units_b->len))
    cap <<= 1;
  slots = count_units (units_a, units_b, cap);

  pair_a = g_new (glong, units_a->len);
  pair_b = g_new (glong, units_a->len);
  n_pairs = unique_pairs (d, units_a, units_b, slots, cap, pair_a, pair_b);
  if (n_pairs == 0)
    return anchors;

  chain = longest_chain (pair_b, n_pairs, &n_chain);
  for (glong c = 0; c < n_chain; c++)
    {
      const Unit *ua = &g_array_index (units_a, Unit, pair_a[chain[c]]);
      const Unit *ub = &g_array_index (units_b, Unit, pair_b[chain[c]]);
      FmDiffRun run = { ua->pos, ub->pos, ua->len };

      append_anchor (anchors, &run);
    }

  return anchors;
}

static void
line_units (const gunichar *s,
            glong           from,
            glong           to,
            GArray         *units)
{
  glong i = from;

  while (i < to)
    {
      glong j = i;
      gboolean blank = TRUE;

      while (j < to && s[j] != '\n')
        {
          if (blank && !g_unichar_isspace (s[j]))
            blank = FALSE;
          j++;
        }
      if (j < to)
        j++;
      /* Blank lines repeat everywhere and would never be unique anyway. */
      if (!blank)
        {
          Unit u = { i, j - i, hash_chars (s + i, j - i) };
          g_array_append_val (units, u);
        }
      i = j;
    }
}

static void
kgram_units (const gunichar *s,
             glong           from,
             glong           to,
             GArray         *units)
{
  for (glong i = from; i + DIFF_KGRAM <= to; i++)
    {
      if (g_unichar_isspace (s[i]) || (i > from && !g_unichar_isspace (s[i - 1])))
        continue;
      Unit u = { i, DIFF_KGRAM, hash_chars (s + i, DIFF_KGRAM) };
      g_array_append_val (units, u);
    }
}

static GArray *
find_anchors (Differ       *d,
              const Region *r,
              gboolean      lines)
{
  g_autoptr(GArray) ua = g_array_new (FALSE, FALSE, sizeof (Unit));
  g_autoptr(GArray) ub = g_array_new (FALSE, FALSE, sizeof (Unit));

  if (lines)
    {
      line_units (d->a, r->x0, r->x1, ua);
      line_units (d->b, r->y0, r->y1, ub);
    }
  else
    {
      kgram_units (d->a, r->x0, r->x1, ua);
      kgram_units (d->b, r->y0, r->y1, ub);
    }
  return unique_anchors (d, ua, ub);
}

static gint
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const FmDiffRun *ra = a;
  const FmDiffRun *rb = b;

  return (ra->old_start > rb->old_start) - (ra->old_start < rb->old_start);
}

/**
 * fm_diff_ucs4:
 * @old_chars: the old text as code points
 * @old_length: its length
 * @new_chars: the new text as code points
 * @new_length: its length
 * @cancellable: (nullable): stops the work early
 *
 * Compares two texts code point by code point. Small and medium regions
 * get a shortest edit script; very large, very different regions are
 * anchored on unique lines and k-grams first, so the whole stays fast on
 * a megabyte of text with thousands of edits.
 *
 * Returns: (transfer full) (nullable): the #FmDiffRun stretches that are
 *   equal in both, in order and never adjacent, or %NULL if cancelled
 */
GArray *
fm_diff_ucs4 (const gunichar *old_chars,
              glong           old_length,
              const gunichar *new_chars,
              glong           new_length,
              GCancellable   *cancellable)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Region));
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (FmDiffRun));
  g_autofree glong *vf = NULL;
  g_autofree glong *vb = NULL;
  GArray *merged;
  Differ d;
  Region whole = { 0, old_length, 0, new_length };
  guint steps = 0;

  g_return_val_if_fail (old_chars != NULL || old_length == 0, NULL);
  g_return_val_if_fail (new_chars != NULL || new_length == 0, NULL);
  g_return_val_if_fail (old_length >= 0 && new_length >= 0, NULL);

  d.a = old_chars;
  d.b = new_chars;
  d.runs = runs;
  /* Each attempt keeps D ≤ budget / (n + m) and D ≤ n + m, so D never
   * passes the square root of the budget. */
  d.v_half = 1100;
  vf = g_new0 (glong, 2 * d.v_half + 3);
  vb = g_new0 (glong, 2 * d.v_half + 3);
  d.vf = vf;
  d.vb = vb;
  d.work_left = DIFF_TOTAL_BUDGET;

  g_array_append_val (stack, whole);
  while (stack->len > 0)
    {
      Region r = g_array_index (stack, Region, stack->len - 1);
      g_autoptr(GArray) anchors = NULL;
      glong n, m, max_d;
      glong x, y;

      g_array_set_size (stack, stack->len - 1);

      if ((++steps & 63) == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;

      trim (&d, &r);
      n = r.x1 - r.x0;
      m = r.y1 - r.y0;
      if (n == 0 || m == 0)
        continue;

      /* Once the total budget is spent, each region gets only a short
       * attempt, enough for the few edits of an updated paragraph. */
      max_d = d.work_left > 0 ? DIFF_BUDGET / (n + m) : 0;
      max_d = MIN (MAX (max_d, DIFF_MIN_D), n + m);
      d.work_left -= (n + m) * (gint64) max_d;
      if (myers_limited (&d, &r, max_d))
        continue;

      anchors = find_anchors (&d, &r, TRUE);
      if (anchors->len == 0)
        {
          g_clear_pointer (&anchors, g_array_unref);
          anchors = find_anchors (&d, &r, FALSE);
        }

      /* The gaps go on the stack in reverse so they come off in order;
       * the order does not matter for the result, only for locality. */
      x = r.x1;
      y = r.y1;
      for (guint i = anchors->len; i > 0; i--)
        {
          const FmDiffRun *a = &g_array_index (anchors, FmDiffRun, i - 1);
          Region gap = { a->old_start + a->length, x, a->new_start + a->length, y };

          g_array_append_val (stack, gap);
          emit (&d, a->old_start, a->new_start, a->length);
          x = a->old_start;
          y = a->new_start;
        }
      if (anchors->len > 0)
        {
          Region gap = { r.x0, x, r.y0, y };

          g_array_append_val (stack, gap);
        }
    }

  g_array_sort (runs, compare_runs);

  merged = g_array_sized_new (FALSE, FALSE, sizeof (FmDiffRun), runs->len);
  for (guint i = 0; i < runs->len; i++)
    {
      const FmDiffRun *run = &g_array_index (runs, FmDiffRun, i);

      if (merged->len > 0)
        {
          FmDiffRun *last = &g_array_index (merged, FmDiffRun, merged->len - 1);

          if (last->old_start + last->length == run->old_start
              && last->new_start + last->length == run->new_start)
            {
              last->length += run->length;
              continue;
            }
        }
      g_array_append_val (merged, *run);
    }

  return merged;
}

/**
 * fm_diff_texts:
 * @old_text: the old text, UTF-8
 * @new_text: the new text, UTF-8
 * @error: return location for an error
 *
 * Like fm_diff_ucs4() for UTF-8 strings; offsets are code points.
 *
 * Returns: (transfer full): the equal #FmDiffRun stretches, or %NULL
 *   with @error set if a text is not valid UTF-8
 */
GArray *
fm_diff_texts (const char  *old_text,
               const char  *new_text,
               GError     **error)
{
  g_autofree gunichar *a = NULL;
  g_autofree gunichar *b = NULL;
  glong n, m;

  g_return_val_if_fail (old_text != NULL, NULL);
  g_return_val_if_fail (new_text != NULL, NULL);

  if (!g_utf8_validate (old_text, -1, NULL) || !g_utf8_validate (new_text, -1, NULL))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_ENCODING,
                   _("The text to compare is not valid UTF-8"));
      return NULL;
    }

  a = g_utf8_to_ucs4_fast (old_text, -1, &n);
  b = g_utf8_to_ucs4_fast (new_text, -1, &m);
  return fm_diff_ucs4 (a, n, b, m, NULL);
}

/**
 * fm_diff_map_position:
 * @runs: (element-type FmDiffRun): the result of a diff
 * @old_position: a position between two code points of the old text
 * @new_length: the length of the new text
 * @after: where a position inside changed text goes
 *
 * Carries a position from the old text into the new one. A position inside
 * an equal stretch keeps its place. One in or next to changed text goes
 * after whatever the new text put there if @after is %TRUE (so a span's
 * start does not take in text inserted before it), or before it otherwise.
 *
 * Returns: the position in the new text
 */
glong
fm_diff_map_position (GArray   *runs,
                      glong     old_position,
                      glong     new_length,
                      gboolean  after)
{
  const FmDiffRun *r;
  guint lo = 0, hi;

  g_return_val_if_fail (runs != NULL, 0);

  r = (const FmDiffRun *) (gpointer) runs->data;
  hi = runs->len;
  /* The first run that ends after the position. */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (r[mid].old_start + r[mid].length > old_position)
        hi = mid;
      else
        lo = mid + 1;
    }

  if (lo < runs->len && r[lo].old_start < old_position)
    return r[lo].new_start + (old_position - r[lo].old_start);
  if (after)
    return lo < runs->len ? r[lo].new_start : new_length;
  return lo > 0 ? r[lo - 1].new_start + r[lo - 1].length : 0;
}
