/* fm-anchor.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-anchor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-anchor.h"
#include "fm-diff.h"
#include "fm-text.h"
#include "fm-types.h"

/* Re-anchoring carries annotations from one revision of a text to the next.
 *
 * 1. A diff of the two texts maps every position that lies in unchanged
 *    text. A quote that sits wholly inside one equal stretch is the same
 *    text at its mapped place, and it is taken there at once (for short
 *    quotes only if enough of their context agrees too, since a char diff
 *    can pair up a stray "3,000" in two unrelated sentences).
 * 2. The rest are looked for: around the mapped place by approximate
 *    alignment of prefix + quote + suffix, which is what lets a short
 *    figure that changed ("3,000" to "3,500") be found by its context; then
 *    everywhere by exact search for the quote; and where neither works, in
 *    the changed parts of the new text (where moved text must be) by
 *    approximate search. All approximate matching uses Myers' bit-vector
 *    algorithm, in 64-bit blocks, so quotes of any length are handled.
 * 3. Each candidate is scored by its errors in the quote and in each side
 *    of the context, and is only taken under rules that prefer an orphan to
 *    a wrong attachment. Near the mapped place the diff counts as evidence:
 *    a quote rewritten between two intact sides of context is still the
 *    annotated passage. Far from it (a move) the quote must carry the
 *    weight: short quotes may only move unchanged and with one side of
 *    their context, and the candidate must fit the annotation clearly better
 *    than look-alikes do, both those in the new text that the diff shows to
 *    be other old text and other places in the old text with the same
 *    words (which may have moved too). Never is a quote attached to text
 *    the diff pairs with another place of the old text. Near-ties between
 *    two places are orphans, unless nearness to the mapped place tells
 *    apart repeats in different parts of the text.
 *
 * Everything counts code points and is deterministic, and the work is
 * bounded even when the "revision" is a different text altogether. */

/* Context beyond this many code points says nothing more about a place. */
#define CONTEXT_MAX 64
/* Equal stretches shorter than this may pair unrelated text by chance. */
#define SOLID_RUN 12
/* Quotes at least this long are trusted at their mapped place on their own. */
#define LONG_QUOTE 16
/* Quotes at least this long may be found with their context gone. */
#define MOVABLE_QUOTE 24
#define QGRAM 3
#define INDEX_BITS 18
/* Exact occurrences scored in full, out of however many there are. */
#define MAX_EXACT_SCORED 8
/* Approximate hits per search scored in full. */
#define MAX_FUZZY_SCORED 8
/* Candidates closer than this in quality count as a tie. */
#define TIE_QUALITY 0.02
/* How much better, in errors, the context of a moved quote must fit than
 * that of a look-alike: on its better side, or in all. */
#define SIDE_MARGIN 4
#define TOTAL_MARGIN 10
/* The most work, in 64-bit block steps, spent looking for moved text. A
 * revision with even a few moved paragraphs needs a small part of it. */
#define SEARCH_BUDGET (G_GINT64_CONSTANT (1) << 26)
/* How close to the place the diff maps an annotation to counts as near. */
#define NEAR_SLACK 64
/* Other old places of a quote compared with a moved candidate. */
#define OLD_CHECKED 4

#define HIGH_BIT (G_GUINT64_CONSTANT (1) << 63)

static const char * const state_names[] = { "unchanged", "moved", "changed", "orphaned" };

/**
 * fm_anchor_state_to_string:
 * @state: a state
 *
 * Returns: the machine name of @state, as the store and exports write it
 */
const char *
fm_anchor_state_to_string (FmAnchorState state)
{
  g_return_val_if_fail (state < FM_N_ANCHOR_STATES, NULL);
  return state_names[state];
}

/**
 * fm_anchor_state_from_string:
 * @str: a machine name
 * @state: (out) (optional): the state it names
 *
 * Returns: %TRUE if @str names a state
 */
gboolean
fm_anchor_state_from_string (const char    *str,
                             FmAnchorState *state)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < FM_N_ANCHOR_STATES; i++)
    {
      if (strcmp (str, state_names[i]) == 0)
        {
          if (state)
            *state = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* Bit-vector approximate matching (Myers 1999, in the block form Hyyrö
 * describes). Column j of the edit-distance table is kept as vertical
 * deltas, +1 in pv and −1 in mv, one bit per pattern character, 64 to a
 * block; each text character updates all blocks, carrying the horizontal
 * delta of the top row of one block into the next. In search mode the top
 * row is all zeros (a match may start anywhere); in anchored mode it counts
 * up (the alignment starts at the first text character). */
typedef struct
{
  guint     m;
  guint     nb;
  guint64   last;
  guint     nb_cap;
  guint     other_cap;
  guint64  *ascii;
  gunichar *keys;
  guint64  *masks;
  guint    *used;
  guint     n_used;
  guint64  *pv;
  guint64  *mv;
  guint64  *zero;
  const gunichar *pat;
  gboolean  reversed;
} Bv;

static inline guint
char_hash (gunichar c)
{
  return (guint) (c * 2654435761u);
}

static void
bv_clear (Bv *bv)
{
  for (guint i = 0; i < bv->m; i++)
    {
      gunichar c = bv->pat[i];

      if (c < 128)
        memset (bv->ascii + (gsize) c * bv->nb, 0, bv->nb * sizeof (guint64));
    }
  for (guint i = 0; i < bv->n_used; i++)
    {
      bv->keys[bv->used[i]] = 0;
      memset (bv->masks + (gsize) bv->used[i] * bv->nb, 0, bv->nb * sizeof (guint64));
    }
  bv->n_used = 0;
  bv->m = 0;
}

static void
bv_free (Bv *bv)
{
  g_free (bv->ascii);
  g_free (bv->keys);
  g_free (bv->masks);
  g_free (bv->used);
  g_free (bv->pv);
  g_free (bv->mv);
  g_free (bv->zero);
}

/* Loads a pattern, read backwards if @reversed. The pattern must outlive
 * the matching, and bv_clear() must be called before the next one. */
static void
bv_set (Bv             *bv,
        const gunichar *pat,
        guint           m,
        gboolean        reversed)
{
  guint nb = (m + 63) / 64;

  g_assert (m > 0);
  g_assert (bv->m == 0);

  if (nb > bv->nb_cap || 2 * m > bv->other_cap)
    {
      guint nb_cap = MAX (nb, bv->nb_cap);
      guint other_cap = MAX (bv->other_cap, 16);

      while (other_cap < 2 * m)
        other_cap <<= 1;
      g_free (bv->ascii);
      g_free (bv->keys);
      g_free (bv->masks);
      g_free (bv->used);
      g_free (bv->pv);
      g_free (bv->mv);
      g_free (bv->zero);
      bv->ascii = g_new0 (guint64, 128 * (gsize) nb_cap);
      bv->keys = g_new0 (gunichar, other_cap);
      bv->masks = g_new0 (guint64, (gsize) other_cap * nb_cap);
      bv->used = g_new0 (guint, other_cap);
      bv->pv = g_new0 (guint64, nb_cap);
      bv->mv = g_new0 (guint64, nb_cap);
      bv->zero = g_new0 (guint64, nb_cap);
      bv->nb_cap = nb_cap;
      bv->other_cap = other_cap;
    }

  bv->m = m;
  bv->nb = nb;
  bv->last = G_GUINT64_CONSTANT (1) << ((m - 1) % 64);
  bv->pat = pat;
  bv->reversed = reversed;

  for (guint i = 0; i < m; i++)
    {
      gunichar c = reversed ? pat[m - 1 - i] : pat[i];
      guint64 *row;

      if (c < 128)
        row = bv->ascii + (gsize) c * nb;
      else
        {
          guint slot = char_hash (c) & (bv->other_cap - 1);

          while (bv->keys[slot] != 0 && bv->keys[slot] != c)
            slot = (slot + 1) & (bv->other_cap - 1);
          if (bv->keys[slot] == 0)
            {
              bv->keys[slot] = c;
              bv->used[bv->n_used++] = slot;
            }
          row = bv->masks + (gsize) slot * nb;
        }
      row[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
    }
}

static inline const guint64 *
bv_peq (const Bv *bv,
        gunichar  c)
{
  guint slot;

  if (c < 128)
    return bv->ascii + (gsize) c * bv->nb;
  if (bv->n_used == 0)
    return bv->zero;
  slot = char_hash (c) & (bv->other_cap - 1);
  while (bv->keys[slot] != 0)
    {
      if (bv->keys[slot] == c)
        return bv->masks + (gsize) slot * bv->nb;
      slot = (slot + 1) & (bv->other_cap - 1);
    }
  return bv->zero;
}

/* One block of one column. @hin is the horizontal delta entering the top
 * of the block; the one leaving its bit @top is returned. */
static inline int
bv_block (guint64 *pv,
          guint64 *mv,
          guint64  eq,
          int      hin,
          guint64  top)
{
  guint64 p = *pv;
  guint64 n = *mv;
  guint64 xv = eq | n;
  guint64 xh, ph, mh;
  int hout;

  if (hin < 0)
    eq |= 1;
  xh = (((eq & p) + p) ^ p) | eq;
  ph = n | ~(xh | p);
  mh = p & xh;
  hout = (ph & top) ? 1 : ((mh & top) ? -1 : 0);
  ph <<= 1;
  mh <<= 1;
  if (hin < 0)
    mh |= 1;
  else if (hin > 0)
    ph |= 1;
  *pv = mh | ~(xv | ph);
  *mv = ph & xv;
  return hout;
}

/* Matches the loaded pattern against @n text characters starting at @from
 * and going in direction @dir (+1 or −1). @out[t] is the edit distance of
 * the whole pattern after t + 1 characters: in search mode, to the best
 * substring ending there; in anchored mode, to all the characters read. */
static void
bv_run (Bv             *bv,
        const gunichar *text,
        glong           from,
        glong           n,
        int             dir,
        gboolean        anchored,
        guint          *out)
{
  guint nb = bv->nb;
  int score = bv->m;
  int hin = anchored ? 1 : 0;

  for (guint b = 0; b < nb; b++)
    {
      bv->pv[b] = ~G_GUINT64_CONSTANT (0);
      bv->mv[b] = 0;
    }

  if (nb == 1)
    {
      guint64 pv = bv->pv[0];
      guint64 mv = bv->mv[0];

      for (glong t = 0; t < n; t++)
        {
          score += bv_block (&pv, &mv, bv_peq (bv, text[from + dir * t])[0], hin, bv->last);
          out[t] = score;
        }
      return;
    }

  for (glong t = 0; t < n; t++)
    {
      const guint64 *eq = bv_peq (bv, text[from + dir * t]);
      int h = hin;

      for (guint b = 0; b + 1 < nb; b++)
        h = bv_block (&bv->pv[b], &bv->mv[b], eq[b], h, HIGH_BIT);
      score += bv_block (&bv->pv[nb - 1], &bv->mv[nb - 1], eq[nb - 1], h, bv->last);
      out[t] = score;
    }
}

/* One annotation being placed. */
typedef struct
{
  guint     index;
  gunichar *q;
  glong     m;
  gunichar *p;
  glong     lp;
  gunichar *s;
  glong     ls;
  gunichar *pq;     /* prefix + quote */
  glong     old_start;
  glong     old_end;
  glong     exp_start;
  glong     exp_end;
  gboolean  start_boundary;  /* The old quote did not start or end */
  gboolean  end_boundary;    /* inside a word. */
} Query;

typedef struct
{
  glong    s;
  glong    e;
  guint    qcost;
  guint    pcost;
  guint    scost;
  double   quality;
  glong    dist;
  gboolean near;
  gboolean other;
  gboolean ok;
} Candidate;

typedef struct
{
  guint32 *start;
  guint32 *pos;
} QgramIndex;

typedef struct
{
  gunichar     *a;
  glong         na;
  gunichar     *b;
  glong         nb;
  GArray       *runs;
  const FmDiffRun *r;
  guint         n_runs;
  /* Parts of the new text outside solid equal stretches: where inserted
   * and moved text is. Pairs of start, end. */
  GArray       *changed;
  QgramIndex    old_index;
  QgramIndex    new_index;
  /* Block steps the search for moved text may still take: a text that
   * was rewritten rather than updated would otherwise have it search
   * everything for every quote. Spent in span order, so deterministic. */
  gint64        search_budget;
  Bv            bv;
  guint        *buf[4];
  gsize         buf_len[4];
} Anchorer;

static guint *
scratch (Anchorer *an,
         guint     which,
         gsize     len)
{
  if (an->buf_len[which] < len)
    {
      g_free (an->buf[which]);
      an->buf_len[which] = MAX (len, 2 * an->buf_len[which]);
      an->buf[which] = g_new (guint, an->buf_len[which]);
    }
  return an->buf[which];
}

static inline guint
qgram_hash (const gunichar *s)
{
  guint h = s[0] * 2654435761u;

  h = (h ^ s[1]) * 2246822519u;
  h = (h ^ s[2]) * 3266489917u;
  return h >> (32 - INDEX_BITS);
}

/* A q-gram index of a text: pos lists the positions of each hash bucket
 * in increasing order. Built on first need. */
static void
ensure_index (QgramIndex     *index,
              const gunichar *text,
              glong           len)
{
  gsize n_buckets = (gsize) 1 << INDEX_BITS;
  g_autofree guint32 *fill = NULL;

  if (index->start != NULL)
    return;

  index->start = g_new0 (guint32, n_buckets + 1);
  index->pos = g_new (guint32, MAX (len, 1));
  for (glong i = 0; i + QGRAM <= len; i++)
    index->start[qgram_hash (text + i) + 1]++;
  for (gsize h = 0; h < n_buckets; h++)
    index->start[h + 1] += index->start[h];
  fill = g_memdup2 (index->start, n_buckets * sizeof (guint32));
  for (glong i = 0; i + QGRAM <= len; i++)
    index->pos[fill[qgram_hash (text + i)]++] = (guint32) i;
}

/* All places where @pat occurs exactly in a text, in order. */
static GArray *
find_exact (QgramIndex     *index,
            const gunichar *text,
            glong           len,
            const gunichar *pat,
            glong           m)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (glong));
  gsize bytes = m * sizeof (gunichar);
  glong best = 0;
  guint32 best_size = G_MAXUINT32;
  guint h;

  if (m < QGRAM)
    {
      for (glong i = 0; i + m <= len; i++)
        if (text[i] == pat[0] && memcmp (text + i, pat, bytes) == 0)
          g_array_append_val (found, i);
      return found;
    }

  ensure_index (index, text, len);

  /* Go through the rarest q-gram of the quote. */
  for (glong i = 0; i + QGRAM <= m; i++)
    {
      guint32 size;

      h = qgram_hash (pat + i);
      size = index->start[h + 1] - index->start[h];
      if (size < best_size)
        {
          best_size = size;
          best = i;
        }
    }

  h = qgram_hash (pat + best);
  for (guint32 k = index->start[h]; k < index->start[h + 1]; k++)
    {
      glong at = (glong) index->pos[k] - best;

      if (at >= 0 && at + m <= len && memcmp (text + at, pat, bytes) == 0)
        g_array_append_val (found, at);
    }
  return found;
}

/* The cost of a prefix @p ending exactly at @s of the new text (free where
 * it starts), and of a suffix @x starting exactly at @e. */
static guint
prefix_cost (Anchorer       *an,
             const gunichar *p,
             glong           lp,
             glong           s)
{
  glong steps;
  guint *out;
  guint best = lp;

  if (lp == 0)
    return 0;
  steps = MIN (s, lp + lp / 2 + 8);
  if (steps == 0)
    return lp;
  out = scratch (an, 3, steps);
  bv_set (&an->bv, p, lp, TRUE);
  bv_run (&an->bv, an->b, s - 1, steps, -1, TRUE, out);
  bv_clear (&an->bv);
  for (glong t = 0; t < steps; t++)
    best = MIN (best, out[t]);
  return best;
}

static guint
suffix_cost (Anchorer       *an,
             const gunichar *x,
             glong           ls,
             glong           e)
{
  glong steps;
  guint *out;
  guint best = ls;

  if (ls == 0)
    return 0;
  steps = MIN (an->nb - e, ls + ls / 2 + 8);
  if (steps == 0)
    return ls;
  out = scratch (an, 3, steps);
  bv_set (&an->bv, x, ls, FALSE);
  bv_run (&an->bv, an->b, e, steps, 1, TRUE, out);
  bv_clear (&an->bv);
  for (glong t = 0; t < steps; t++)
    best = MIN (best, out[t]);
  return best;
}

static void
finish_candidate (const Query *q,
                  Candidate   *c)
{
  double total = q->m + q->lp + q->ls;

  c->quality = 1.0 - (c->qcost + c->pcost + c->scost) / total;
  if (c->quality < 0)
    c->quality = 0;
  c->dist = q->exp_start >= 0 ? ABS (c->s - q->exp_start) : G_MAXLONG;
}

/* Scores the quote placed exactly on new[s, e), which holds it unchanged. */
static void
score_exact (Anchorer    *an,
             const Query *q,
             glong        s,
             Candidate   *c)
{
  memset (c, 0, sizeof *c);
  c->s = s;
  c->e = s + q->m;
  c->pcost = prefix_cost (an, q->p, q->lp, s);
  c->scost = suffix_cost (an, q->s, q->ls, c->e);
  finish_candidate (q, c);
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
boundary_between (gunichar before,
                  gunichar after)
{
  return before == 0 || after == 0 || !is_word_char (before) || !is_word_char (after);
}

/* Whether position @i of the new text is not inside a word. */
static gboolean
at_boundary (Anchorer *an,
             glong     i)
{
  return boundary_between (i > 0 ? an->b[i - 1] : 0, i < an->nb ? an->b[i] : 0);
}

/* Finds the best place for the quote within new[w0, w1): the end where
 * prefix + quote and suffix together align best, then the start where
 * prefix and quote do. Returns FALSE if the window is too small. */
static gboolean
place_in_window (Anchorer    *an,
                 const Query *q,
                 glong        w0,
                 glong        w1,
                 glong        hint_end,
                 Candidate   *c)
{
  glong w = w1 - w0;
  guint *f, *bk, *h, *g;
  glong e = -1, s = -1;
  guint best = G_MAXUINT;
  glong best_dist = G_MAXLONG;
  guint best_qc = G_MAXUINT;
  glong reach;

  if (w <= 0)
    return FALSE;

  /* f[t]: prefix + quote ending at w0 + t + 1. */
  f = scratch (an, 0, w);
  bv_set (&an->bv, q->pq, q->lp + q->m, FALSE);
  bv_run (&an->bv, an->b, w0, w, 1, FALSE, f);
  bv_clear (&an->bv);

  /* bk[t]: suffix starting at w1 − 1 − t. */
  bk = scratch (an, 1, w);
  if (q->ls > 0)
    {
      bv_set (&an->bv, q->s, q->ls, TRUE);
      bv_run (&an->bv, an->b, w1 - 1, w, -1, FALSE, bk);
      bv_clear (&an->bv);
    }

  /* Costs are doubled so that an end (or start) that falls between words
   * as the old one did wins a tie over one that splits a word. Among ends
   * that still tie, the earliest of a cluster wins, so that text inserted
   * right after the quote is left out of it; between clusters (the quote
   * twice in the window), the one nearer the expected end. */
  for (glong j = w0 + 1; j <= w1; j++)
    {
      guint back = q->ls == 0 ? 0 : (j == w1 ? (guint) q->ls : bk[w1 - 1 - j]);
      guint cost = 2 * (f[j - w0 - 1] + back) + (at_boundary (an, j) != q->end_boundary);
      glong dist = hint_end >= 0 ? ABS (j - hint_end) : 0;

      if (cost < best || (cost == best && j - e > q->m && dist < best_dist))
        {
          best = cost;
          best_dist = dist;
          e = j;
        }
    }

  /* h[t]: the quote against new[e − 1 − t, e). */
  reach = MIN (e - w0, 2 * q->m + 16);
  h = scratch (an, 2, reach + 1);
  bv_set (&an->bv, q->q, q->m, TRUE);
  bv_run (&an->bv, an->b, e - 1, reach, -1, TRUE, h);
  bv_clear (&an->bv);

  /* g[t]: the prefix ending at w0 + t + 1. */
  g = scratch (an, 3, e - w0);
  if (q->lp > 0)
    {
      bv_set (&an->bv, q->p, q->lp, FALSE);
      bv_run (&an->bv, an->b, w0, e - w0, 1, FALSE, g);
      bv_clear (&an->bv);
    }

  best = G_MAXUINT;
  /* Of starts that tie, the one that leaves the quote fewer errors wins,
   * since it is the quote being placed and the context only helps; then the
   * latest, so the quote does not take in text inserted in front of it. */
  for (glong j = e; j >= e - reach; j--)
    {
      guint qc = j == e ? (guint) q->m : h[e - 1 - j];
      guint pc = q->lp == 0 ? 0 : (j == w0 ? (guint) q->lp : g[j - w0 - 1]);
      guint cost = 2 * (qc + pc) + (at_boundary (an, j) != q->start_boundary);

      if (cost < best || (cost == best && qc < best_qc))
        {
          best = cost;
          best_qc = qc;
          s = j;
        }
    }

  memset (c, 0, sizeof *c);
  c->s = s;
  c->e = e;
  c->qcost = s == e ? (guint) q->m : h[e - 1 - s];
  c->pcost = q->lp == 0 ? 0 : (s == w0 ? (guint) q->lp : g[s - w0 - 1]);
  c->scost = q->ls == 0 ? 0 : (e == w1 ? (guint) q->ls : bk[w1 - 1 - e]);
  finish_candidate (q, c);
  return TRUE;
}

static gboolean
same_but_space (const gunichar *a,
                glong           na,
                const gunichar *b,
                glong           nb)
{
  glong i = 0, j = 0;

  for (;;)
    {
      gboolean sa = i < na && g_unichar_isspace (a[i]);
      gboolean sb = j < nb && g_unichar_isspace (b[j]);

      if (sa != sb)
        return FALSE;
      while (i < na && g_unichar_isspace (a[i]))
        i++;
      while (j < nb && g_unichar_isspace (b[j]))
        j++;
      if (i == na || j == nb)
        return i == na && j == nb;
      if (a[i] != b[j])
        return FALSE;
      i++;
      j++;
    }
}

/* Whether the candidate is text that the diff pairs with some other place
 * of the old text than the annotation's own: then it is another passage
 * that was there all along, and attaching to it would be wrong however
 * alike it looks. That is so if the diff pairs the candidate whole with
 * another place, or most of it by stretches too long to be chance. Its
 * context does not count: after a move, other text around is normal. */
static gboolean
is_other_text (Anchorer        *an,
               const Query     *q,
               const Candidate *c)
{
  guint lo = 0, hi = an->n_runs;
  glong other = 0;

  if (q->old_start < 0)
    return FALSE;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (an->r[mid].new_start + an->r[mid].length > c->s)
        hi = mid;
      else
        lo = mid + 1;
    }
  for (guint i = lo; i < an->n_runs && an->r[i].new_start < c->e; i++)
    {
      const FmDiffRun *r = &an->r[i];
      glong from = MAX (c->s, r->new_start);
      glong to = MIN (c->e, r->new_start + r->length);
      glong old_from = r->old_start + (from - r->new_start);
      glong old_to = r->old_start + (to - r->new_start);

      if (to <= from || !(old_to <= q->old_start || old_from >= q->old_end))
        continue;
      if (from == c->s && to == c->e)
        return TRUE;
      if (r->length >= SOLID_RUN)
        other += to - from;
    }
  return 2 * other > c->e - c->s;
}

/* The rules that decide whether a candidate may be taken at all. Near the
 * place the diff maps the annotation to, the diff itself is evidence; far
 * from it (a move), the quote must carry the weight: a short quote may only
 * move unchanged, and with its context. @n_exact is how many times the
 * quote occurs exactly in the new text. */
static gboolean
acceptable (Anchorer    *an,
            const Query *q,
            Candidate   *c,
            guint        n_exact)
{
  glong ctx_len = q->lp + q->ls;
  double ctx_err = ctx_len > 0 ? (double) (c->pcost + c->scost) / ctx_len : 0.0;
  double qerr = (double) c->qcost / q->m;
  double perr = q->lp > 0 ? (double) c->pcost / q->lp : 1.0;
  double serr = q->ls > 0 ? (double) c->scost / q->ls : 1.0;
  gboolean p_ok = q->lp == 0 || perr <= 0.25;
  gboolean s_ok = q->ls == 0 || serr <= 0.25;
  /* Text that differs only in its spaces and line breaks is the same. */
  gboolean same = c->qcost == 0
                  || same_but_space (q->q, q->m, an->b + c->s, c->e - c->s);

  c->near = q->exp_start >= 0
            && c->s <= q->exp_end + NEAR_SLACK && c->e >= q->exp_start - NEAR_SLACK;
  c->other = c->e > c->s && is_other_text (an, q, c);
  if (c->e <= c->s || c->other)
    return FALSE;

  if (!c->near)
    {
      /* A move keeps the context on at least one side, unless it is of a
       * sentence or less; then only a long quote tells. */
      if (same)
        return (n_exact == 1 && q->m >= MOVABLE_QUOTE - 4) || ctx_err <= 0.35
               || (MIN (perr, serr) <= 0.1 && ctx_err <= 0.5);
      return q->m >= LONG_QUOTE && qerr <= 0.2 && (ctx_err <= 0.5 || q->m >= MOVABLE_QUOTE);
    }

  /* The diff put it here or close by, so only a stray pairing of a short
   * quote needs ruling out. */
  if (same)
    return q->m >= LONG_QUOTE || ctx_err <= 0.6;

  /* With both sides of the context in place the text between them is the
   * annotated passage, however much of it was rewritten. */
  if (p_ok && s_ok && ctx_len >= 8)
    {
      double limit = q->m < LONG_QUOTE ? MAX (2.0, 0.6 * q->m) : 0.5 * q->m;

      return c->qcost <= limit;
    }

  if (q->m < LONG_QUOTE)
    return qerr <= 0.25 && ctx_err <= 0.3;
  /* An edit across the quote's edge can cost more than what it changed
   * inside the quote, so allow a little more than a fifth. */
  return qerr <= 0.3 && (ctx_err <= 0.5 || qerr <= 0.2);
}

/* The changed parts of the new text: outside every solid equal stretch. */
static void
find_changed (Anchorer *an)
{
  glong pos = 0;

  an->changed = g_array_new (FALSE, FALSE, sizeof (glong));
  for (guint i = 0; i <= an->n_runs; i++)
    {
      glong start = i < an->n_runs ? an->r[i].new_start : an->nb;

      if (i < an->n_runs && an->r[i].length < SOLID_RUN)
        continue;
      if (start > pos)
        {
          g_array_append_val (an->changed, pos);
          g_array_append_val (an->changed, start);
        }
      if (i < an->n_runs)
        pos = an->r[i].new_start + an->r[i].length;
    }
}

static gint
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const glong *ha = a;
  const glong *hb = b;

  /* Lower score first, then earlier position: fully ordered. */
  if (ha[1] != hb[1])
    return ha[1] < hb[1] ? -1 : 1;
  return (ha[0] > hb[0]) - (ha[0] < hb[0]);
}

/* Approximate search over the changed parts of the new text, for quotes
 * that moved (and maybe changed) too far for the local search. Moved text
 * is inserted text to the diff, so only changed parts at least half as long
 * as the quote can hold one; and only quotes long enough to be moved and
 * changed at once (see acceptable()) are looked for, with the errors that
 * allows. */
static void
search_changed (Anchorer    *an,
                const Query *q,
                GArray      *cands)
{
  glong k = q->m / 5;
  glong pad = q->m + k;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, 2 * sizeof (glong));
  glong i = 0;

  if (q->m < LONG_QUOTE || an->search_budget <= 0)
    return;

  bv_set (&an->bv, q->q, q->m, FALSE);
  while (i < (glong) an->changed->len)
    {
      glong from, to;
      guint *out;
      glong run_best = -1;

      if (g_array_index (an->changed, glong, i + 1) - g_array_index (an->changed, glong, i)
          < q->m / 2)
        {
          i += 2;
          continue;
        }
      from = MAX (0, g_array_index (an->changed, glong, i) - pad);
      to = MIN (an->nb, g_array_index (an->changed, glong, i + 1) + pad);

      /* Merge the parts whose padded ranges touch. */
      i += 2;
      while (i < (glong) an->changed->len
             && g_array_index (an->changed, glong, i) - pad <= to)
        {
          to = MIN (an->nb, g_array_index (an->changed, glong, i + 1) + pad);
          i += 2;
        }
      if (to - from < q->m - k)
        continue;

      out = scratch (an, 0, to - from);
      bv_run (&an->bv, an->b, from, to - from, 1, FALSE, out);
      an->search_budget -= (to - from) * (gint64) an->bv.nb;
      /* Keep the best end of each stretch of ends within k errors. */
      for (glong t = 0; t <= to - from; t++)
        {
          if (t < to - from && out[t] <= (guint) k)
            {
              if (run_best < 0 || out[t] < out[run_best])
                run_best = t;
              continue;
            }
          if (run_best >= 0)
            {
              glong hit[2] = { from + run_best + 1, out[run_best] };

              g_array_append_val (hits, hit);
              run_best = -1;
            }
        }
    }
  bv_clear (&an->bv);

  g_array_sort (hits, compare_hits);
  for (guint h = 0; h < hits->len && h < MAX_FUZZY_SCORED; h++)
    {
      glong end = ((glong *) (gpointer) hits->data)[2 * h];
      glong w0 = MAX (0, end - q->m - k - q->lp - 8);
      glong w1 = MIN (an->nb, end + q->ls + 8);
      Candidate c;

      if (place_in_window (an, q, w0, w1, end, &c))
        g_array_append_val (cands, c);
    }
}

/* Adds the exact occurrences of the quote that are worth scoring: those
 * with the most context agreeing character for character, and the nearest
 * to where the annotation is expected. */
static guint
add_exact (Anchorer    *an,
           const Query *q,
           GArray      *cands)
{
  g_autoptr(GArray) found = find_exact (&an->new_index, an->b, an->nb, q->q, q->m);
  g_autofree glong *keys = NULL;
  glong chosen[MAX_EXACT_SCORED + 2];
  guint n_chosen = 0;

  if (found->len == 0)
    return 0;

  keys = g_new (glong, found->len);
  for (guint i = 0; i < found->len; i++)
    {
      glong at = g_array_index (found, glong, i);
      glong cl = 0, cr = 0;

      while (cl < q->lp && at - cl - 1 >= 0 && an->b[at - cl - 1] == q->p[q->lp - 1 - cl])
        cl++;
      while (cr < q->ls && at + q->m + cr < an->nb && an->b[at + q->m + cr] == q->s[cr])
        cr++;
      keys[i] = cl + cr;
    }

  /* Selection by repeated maximum keeps the choice deterministic and is
   * cheap for the few picks made. */
  for (guint pick = 0; pick < MAX_EXACT_SCORED + 2 && pick < found->len; pick++)
    {
      gboolean by_distance = pick >= MAX_EXACT_SCORED && q->exp_start >= 0;
      glong best = -1;

      for (guint i = 0; i < found->len; i++)
        {
          glong at = g_array_index (found, glong, i);

          if (keys[i] < 0)
            continue;
          if (best < 0)
            best = i;
          else if (by_distance)
            {
              if (ABS (at - q->exp_start) < ABS (g_array_index (found, glong, best) - q->exp_start))
                best = i;
            }
          else if (keys[i] > keys[best])
            best = i;
        }
      if (best < 0)
        break;
      chosen[n_chosen++] = g_array_index (found, glong, best);
      keys[best] = -1;
    }

  for (guint c = 0; c < n_chosen; c++)
    {
      Candidate cand;

      score_exact (an, q, chosen[c], &cand);
      g_array_append_val (cands, cand);
    }
  return found->len;
}

/* Whether a place whose context costs @p1 and @s1 is clearly more like
 * the annotation's than one with @p2 and @s2: much better on its better
 * side (a move keeps at most one side), or much better in all. */
static gboolean
clearly_better (guint p1,
                guint s1,
                guint p2,
                guint s2)
{
  return MIN (p1, s1) + SIDE_MARGIN <= MIN (p2, s2) || p1 + s1 + TOTAL_MARGIN <= p2 + s2;
}

/* For a candidate far from the annotation's mapped place: whether it fits
 * the annotation (its quote and old context) clearly better than it fits
 * any other place where the old text had the candidate's very text. If not,
 * the candidate may just as well be that other passage, moved. */
static gboolean
fits_ours_best (Anchorer        *an,
                const Query     *q,
                const Candidate *c)
{
  g_autoptr(GArray) found = NULL;
  glong picked[OLD_CHECKED];
  glong keys[OLD_CHECKED];
  guint n_picked = 0;
  glong len = c->e - c->s;

  if (q->old_start < 0)
    return TRUE;

  found = find_exact (&an->old_index, an->a, an->na, an->b + c->s, len);
  for (guint i = 0; i < found->len; i++)
    {
      glong o = g_array_index (found, glong, i);
      glong key = 0;
      guint slot;

      if (o == q->old_start)
        continue;
      /* Rank by characters of context that agree exactly. */
      while (key < CONTEXT_MAX && o - key - 1 >= 0 && c->s - key - 1 >= 0
             && an->a[o - key - 1] == an->b[c->s - key - 1])
        key++;
      for (glong k = 0; k < CONTEXT_MAX && o + len + k < an->na && c->e + k < an->nb
                        && an->a[o + len + k] == an->b[c->e + k]; k++)
        key++;
      if (n_picked < OLD_CHECKED)
        slot = n_picked++;
      else
        {
          slot = 0;
          for (guint j = 1; j < n_picked; j++)
            if (keys[j] < keys[slot])
              slot = j;
          if (keys[slot] >= key)
            continue;
        }
      picked[slot] = o;
      keys[slot] = key;
    }

  for (guint i = 0; i < n_picked; i++)
    {
      glong o = picked[i];
      glong from = MAX (0, o - CONTEXT_MAX);
      glong to = MIN (an->na, o + len + CONTEXT_MAX);
      guint p = prefix_cost (an, an->a + from, o - from, c->s);
      guint x = suffix_cost (an, an->a + o + len, to - o - len, c->e);

      if (!clearly_better (c->pcost + c->qcost, c->scost + c->qcost, p, x))
        return FALSE;
    }
  return TRUE;
}

/* Picks the best acceptable candidate. Two that do not overlap and score
 * within a hair of each other are told apart by nearness to where the
 * annotation is expected; without an expected place that is a tie, and a
 * tie is an orphan. A far candidate must also stand clearly above every
 * look-alike that is known to be other text: if it does not, the quote and
 * its context do not single it out. */
static const Candidate *
choose (Anchorer    *an,
        const Query *q,
        GArray      *cands,
        guint        n_exact)
{
  const Candidate *best = NULL;

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *c = &g_array_index (cands, Candidate, i);

      c->ok = acceptable (an, q, c, n_exact);
      if (!c->ok)
        continue;
      if (best == NULL || c->quality > best->quality
          || (c->quality == best->quality && (c->dist < best->dist
                                               || (c->dist == best->dist && c->s < best->s))))
        best = c;
    }
  if (best == NULL)
    return NULL;

  for (guint i = 0; i < cands->len && !best->near; i++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, i);

      if (c->other && !clearly_better (best->pcost + best->qcost, best->scost + best->qcost,
                                       c->pcost + c->qcost, c->scost + c->qcost))
        return NULL;
    }
  if (!best->near && !fits_ours_best (an, q, best))
    return NULL;

  for (guint i = 0; i < cands->len; i++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, i);

      if (!c->ok || c == best || (c->s < best->e && best->s < c->e))
        continue;
      if (c->quality < best->quality - TIE_QUALITY)
        continue;
      /* Nearness tells apart repeats in different parts of the text, not
       * two places next to each other. */
      if (q->exp_start < 0 || ABS (c->dist - best->dist) < NEAR_SLACK)
        return NULL;
      if (c->dist < best->dist)
        best = c;
    }
  return best;
}

static char *
chars_to_utf8 (const gunichar *s,
               glong           len)
{
  char *str = g_ucs4_to_utf8 (s, len, NULL, NULL, NULL);

  /* The input was validated, so this cannot fail; keep a string anyway. */
  return str != NULL ? str : g_strdup ("");
}

static void
fill_result (Anchorer        *an,
             const Query     *q,
             const Candidate *c,
             FmAnchorResult  *res)
{
  glong ps = MAX (0, c->s - FM_CONTEXT_LENGTH);
  glong se = MIN (an->nb, c->e + FM_CONTEXT_LENGTH);
  const gunichar *now = an->b + c->s;
  glong len = c->e - c->s;

  res->start = c->s;
  res->end = c->e;
  res->quote = chars_to_utf8 (now, len);
  res->prefix = chars_to_utf8 (an->b + ps, c->s - ps);
  res->suffix = chars_to_utf8 (an->b + c->e, se - c->e);
  res->score = c->quality;

  if ((len == q->m && memcmp (now, q->q, len * sizeof (gunichar)) == 0)
      || same_but_space (q->q, q->m, now, len))
    {
      gboolean at_mapped = q->exp_start >= 0
                           && c->s <= q->exp_end && c->e >= q->exp_start;

      res->state = at_mapped ? FM_ANCHOR_UNCHANGED : FM_ANCHOR_MOVED;
    }
  else
    res->state = FM_ANCHOR_CHANGED;
}

/* The equal stretch that holds all of old[start, end), if one does. */
static const FmDiffRun *
run_holding (Anchorer *an,
             glong     start,
             glong     end)
{
  guint lo = 0, hi = an->n_runs;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (an->r[mid].old_start + an->r[mid].length > start)
        hi = mid;
      else
        lo = mid + 1;
    }
  if (lo < an->n_runs && an->r[lo].old_start <= start
      && an->r[lo].old_start + an->r[lo].length >= end)
    return &an->r[lo];
  return NULL;
}

static void
anchor_one (Anchorer       *an,
            const Query    *q,
            FmAnchorResult *res)
{
  g_autoptr(GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  const Candidate *best;
  guint n_exact;

  res->state = FM_ANCHOR_ORPHANED;
  res->start = -1;
  res->end = -1;
  res->score = 0;

  if (q->old_start >= 0)
    {
      const FmDiffRun *run = run_holding (an, q->old_start, q->old_end);

      if (run != NULL)
        {
          Candidate c;

          score_exact (an, q, run->new_start + (q->old_start - run->old_start), &c);
          c.ok = acceptable (an, q, &c, 0);
          if (c.ok)
            {
              fill_result (an, q, &c, res);
              return;
            }
          g_array_append_val (cands, c);
        }
    }

  if (q->exp_start >= 0)
    {
      Candidate c;
      glong pad = 16 + q->m / 4;
      glong w0 = MAX (0, q->exp_start - q->lp - pad);
      glong w1 = MIN (an->nb, q->exp_end + q->ls + pad);

      if (place_in_window (an, q, w0, w1, q->exp_end, &c))
        {
          c.ok = acceptable (an, q, &c, 0);
          /* A clear local match needs no search of the whole text. */
          if (c.ok && c.quality >= 0.85)
            {
              fill_result (an, q, &c, res);
              return;
            }
          g_array_append_val (cands, c);
        }
    }

  n_exact = add_exact (an, q, cands);
  best = choose (an, q, cands, n_exact);
  if (best == NULL)
    {
      search_changed (an, q, cands);
      best = choose (an, q, cands, n_exact);
    }
  if (best != NULL)
    fill_result (an, q, best, res);
}

static void
query_clear (Query *q)
{
  g_free (q->q);
  g_free (q->p);
  g_free (q->s);
  g_free (q->pq);
}

/* Decodes a caller's string: NULL stays NULL, bad UTF-8 is an error. */
static gboolean
decode (const char  *str,
        guint        index,
        const char  *what,
        gunichar   **out,
        glong       *len,
        GError     **error)
{
  *out = NULL;
  *len = 0;
  if (str == NULL)
    return TRUE;
  if (!g_utf8_validate (str, -1, NULL))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_ENCODING,
                   /* Translators: the second %s is "quote", "prefix" or "suffix". */
                   _("Annotation %u: its %s is not valid UTF-8"), index + 1, what);
      return FALSE;
    }
  *out = g_utf8_to_ucs4_fast (str, -1, len);
  return TRUE;
}

static gboolean
query_init (Anchorer            *an,
            const FmAnchorSpan  *span,
            guint                index,
            Query               *q,
            GError             **error)
{
  gboolean placed = span->start >= 0 || span->end >= 0;
  gunichar *tmp;
  glong len;

  memset (q, 0, sizeof *q);
  q->index = index;
  q->old_start = q->old_end = q->exp_start = q->exp_end = -1;

  if (placed && (span->start < 0 || span->end > an->na || span->start >= span->end))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("Annotation %u: the span %ld–%ld is not inside the old text (%ld characters)"),
                   index + 1, span->start, span->end, an->na);
      return FALSE;
    }

  if (!decode (span->quote, index, _("quote"), &q->q, &q->m, error))
    return FALSE;
  if (q->q == NULL)
    {
      if (!placed)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("Annotation %u has neither a quote nor a place in the old text"),
                       index + 1);
          return FALSE;
        }
      q->m = span->end - span->start;
      q->q = g_memdup2 (an->a + span->start, q->m * sizeof (gunichar));
    }
  if (q->m == 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("Annotation %u has an empty quote"), index + 1);
      return FALSE;
    }
  if (placed && (q->m != span->end - span->start
                 || memcmp (an->a + span->start, q->q, q->m * sizeof (gunichar)) != 0))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("Annotation %u: its quote is not the old text at %ld–%ld"),
                   index + 1, span->start, span->end);
      return FALSE;
    }

  /* The old text around a placed span is the best context there is, and
   * longer than what is stored; the given one is for spans without a place. */
  if (!decode (placed ? NULL : span->prefix, index, _("prefix"), &tmp, &len, error))
    return FALSE;
  if (placed)
    {
      glong from = MAX (0, span->start - CONTEXT_MAX);

      q->lp = span->start - from;
      q->p = g_memdup2 (an->a + from, q->lp * sizeof (gunichar));
    }
  else
    {
      glong keep = MIN (len, CONTEXT_MAX);

      q->lp = keep;
      q->p = g_new (gunichar, keep + 1);
      if (keep > 0)
        memcpy (q->p, tmp + len - keep, keep * sizeof (gunichar));
      g_free (tmp);
    }

  if (!decode (placed ? NULL : span->suffix, index, _("suffix"), &tmp, &len, error))
    return FALSE;
  if (placed)
    {
      glong to = MIN (an->na, span->end + CONTEXT_MAX);

      q->ls = to - span->end;
      q->s = g_memdup2 (an->a + span->end, q->ls * sizeof (gunichar));
    }
  else
    {
      q->ls = MIN (len, CONTEXT_MAX);
      q->s = g_new (gunichar, q->ls + 1);
      if (q->ls > 0)
        memcpy (q->s, tmp, q->ls * sizeof (gunichar));
      g_free (tmp);
    }

  q->pq = g_new (gunichar, q->lp + q->m);
  /* A span at the very start has no prefix, and g_memdup2() gives NULL for
   * no bytes; memcpy() from NULL is undefined even for a length of 0 (found
   * by UBSan in make test-sanitize). */
  if (q->lp > 0)
    memcpy (q->pq, q->p, q->lp * sizeof (gunichar));
  memcpy (q->pq + q->lp, q->q, q->m * sizeof (gunichar));

  q->start_boundary = boundary_between (q->lp > 0 ? q->p[q->lp - 1] : 0, q->q[0]);
  q->end_boundary = boundary_between (q->q[q->m - 1], q->ls > 0 ? q->s[0] : 0);

  if (placed)
    {
      q->old_start = span->start;
      q->old_end = span->end;
      /* Widest reading: take in text that replaced the span's ends. */
      q->exp_start = fm_diff_map_position (an->runs, span->start, an->nb, FALSE);
      q->exp_end = fm_diff_map_position (an->runs, span->end, an->nb, TRUE);
      if (q->exp_end < q->exp_start)
        q->exp_end = q->exp_start;
    }
  return TRUE;
}

static void
result_clear (gpointer data)
{
  FmAnchorResult *res = data;

  g_clear_pointer (&res->quote, g_free);
  g_clear_pointer (&res->prefix, g_free);
  g_clear_pointer (&res->suffix, g_free);
}

static gboolean
decode_text (const char  *text,
             gunichar   **out,
             glong       *len,
             GError     **error)
{
  gsize bytes = strlen (text);

  if (bytes > FM_MAX_TEXT_BYTES)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("The text is larger than the limit of %d MB"),
                   FM_MAX_TEXT_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (!g_utf8_validate_len (text, bytes, NULL))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_ENCODING,
                   _("The text is not valid UTF-8"));
      return FALSE;
    }
  *out = g_utf8_to_ucs4_fast (text, bytes, len);
  return TRUE;
}

/**
 * fm_anchor_spans:
 * @old_text: the text the spans were made on
 * @new_text: the text to carry them to
 * @spans: (array length=n_spans): the annotations
 * @n_spans: how many
 * @progress: (nullable) (scope call): told the fraction done now and then
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the work early
 * @error: return location for an error
 *
 * Re-anchors every span on the new text. Runs in the calling thread; see
 * fm_anchor_spans_async() for big articles.
 *
 * Returns: (transfer full) (element-type FmAnchorResult): one result per
 *   span, in order (freeing the array frees their strings), or %NULL with
 *   @error set on bad input or cancellation
 */
GArray *
fm_anchor_spans (const char          *old_text,
                 const char          *new_text,
                 const FmAnchorSpan  *spans,
                 guint                n_spans,
                 FmAnchorProgress     progress,
                 gpointer             progress_data,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(GArray) results = NULL;
  Anchorer an = { 0 };
  GArray *ret = NULL;
  Query *queries = NULL;
  guint n_queries = 0;
  guint last_step = 0;

  g_return_val_if_fail (old_text != NULL, NULL);
  g_return_val_if_fail (new_text != NULL, NULL);
  g_return_val_if_fail (spans != NULL || n_spans == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!decode_text (old_text, &an.a, &an.na, error)
      || !decode_text (new_text, &an.b, &an.nb, error))
    goto out;

  if (progress)
    progress (0.0, progress_data);

  an.runs = fm_diff_ucs4 (an.a, an.na, an.b, an.nb, cancellable);
  if (an.runs == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      goto out;
    }
  an.r = (const FmDiffRun *) (gpointer) an.runs->data;
  an.n_runs = an.runs->len;
  an.search_budget = SEARCH_BUDGET;
  find_changed (&an);

  queries = g_new0 (Query, MAX (n_spans, 1));
  for (; n_queries < n_spans; n_queries++)
    if (!query_init (&an, &spans[n_queries], n_queries, &queries[n_queries], error))
      {
        query_clear (&queries[n_queries]);
        goto out;
      }

  if (progress)
    progress (0.2, progress_data);

  results = g_array_sized_new (FALSE, TRUE, sizeof (FmAnchorResult), n_spans);
  g_array_set_clear_func (results, result_clear);
  g_array_set_size (results, n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      /* A hundred steps of progress are plenty for a bar. */
      guint step = (guint) ((guint64) i * 100 / n_spans);

      if ((i & 63) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress && step != last_step)
        {
          last_step = step;
          progress (0.2 + 0.8 * step / 100.0, progress_data);
        }
      anchor_one (&an, &queries[i], &g_array_index (results, FmAnchorResult, i));
    }

  if (progress)
    progress (1.0, progress_data);
  ret = g_steal_pointer (&results);

out:
  for (guint i = 0; i < n_queries; i++)
    query_clear (&queries[i]);
  g_free (queries);
  g_free (an.a);
  g_free (an.b);
  g_clear_pointer (&an.runs, g_array_unref);
  g_clear_pointer (&an.changed, g_array_unref);
  g_free (an.old_index.start);
  g_free (an.old_index.pos);
  g_free (an.new_index.start);
  g_free (an.new_index.pos);
  bv_free (&an.bv);
  for (guint i = 0; i < G_N_ELEMENTS (an.buf); i++)
    g_free (an.buf[i]);
  return ret;
}

/* The work of an asynchronous call, with private copies of its input. The
 * progress callback and its data are shared with the progress messages sent
 * to the caller's main context, so the whole is reference counted. */
typedef struct
{
  char             *old_text;
  char             *new_text;
  FmAnchorSpan     *spans;
  guint             n_spans;
  FmAnchorProgress  progress;
  gpointer          progress_data;
  GDestroyNotify    progress_data_destroy;
  GMainContext     *context;
} Job;

static void
job_clear (gpointer data)
{
  Job *job = data;

  g_free (job->old_text);
  g_free (job->new_text);
  for (guint i = 0; i < job->n_spans; i++)
    {
      g_free ((char *) job->spans[i].quote);
      g_free ((char *) job->spans[i].prefix);
      g_free ((char *) job->spans[i].suffix);
    }
  g_free (job->spans);
  if (job->progress_data_destroy)
    job->progress_data_destroy (job->progress_data);
  g_main_context_unref (job->context);
}

static void
job_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, job_clear);
}

typedef struct
{
  Job    *job;
  double  fraction;
} ProgressMessage;

static gboolean
deliver_progress (gpointer data)
{
  ProgressMessage *msg = data;

  msg->job->progress (msg->fraction, msg->job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
free_progress (gpointer data)
{
  ProgressMessage *msg = data;

  job_unref (msg->job);
  g_free (msg);
}

static void
forward_progress (double   fraction,
                  gpointer data)
{
  Job *job = data;
  ProgressMessage *msg = g_new (ProgressMessage, 1);

  msg->job = g_atomic_rc_box_acquire (job);
  msg->fraction = fraction;
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT,
                              deliver_progress, msg, free_progress);
}

static void
anchor_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GArray *results;

  results = fm_anchor_spans (job->old_text, job->new_text, job->spans, job->n_spans,
                             job->progress ? forward_progress : NULL, job,
                             cancellable, &error);
  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_array_unref);
}

/**
 * fm_anchor_spans_async:
 * @old_text: the text the spans were made on
 * @new_text: the text to carry them to
 * @spans: (array length=n_spans): the annotations; copied
 * @n_spans: how many
 * @progress: (nullable) (scope notified): told the fraction done now and
 *   then, in the thread-default main context of this call
 * @progress_data: for @progress
 * @progress_data_destroy: (nullable): frees @progress_data when done
 * @cancellable: (nullable): stops the work early
 * @callback: called when done
 * @user_data: for @callback
 *
 * Like fm_anchor_spans() but in a worker thread. The texts and spans are
 * copied, so the caller may free them at once.
 */
void
fm_anchor_spans_async (const char          *old_text,
                       const char          *new_text,
                       const FmAnchorSpan  *spans,
                       guint                n_spans,
                       FmAnchorProgress     progress,
                       gpointer             progress_data,
                       GDestroyNotify       progress_data_destroy,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (old_text != NULL);
  g_return_if_fail (new_text != NULL);
  g_return_if_fail (spans != NULL || n_spans == 0);

  job = g_atomic_rc_box_new0 (Job);
  job->old_text = g_strdup (old_text);
  job->new_text = g_strdup (new_text);
  job->spans = g_new0 (FmAnchorSpan, MAX (n_spans, 1));
  job->n_spans = n_spans;
  for (guint i = 0; i < n_spans; i++)
    {
      job->spans[i].start = spans[i].start;
      job->spans[i].end = spans[i].end;
      job->spans[i].quote = g_strdup (spans[i].quote);
      job->spans[i].prefix = g_strdup (spans[i].prefix);
      job->spans[i].suffix = g_strdup (spans[i].suffix);
    }
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_data_destroy = progress_data_destroy;
  job->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_anchor_spans_async);
  g_task_set_task_data (task, job, job_unref);
  g_task_run_in_thread (task, anchor_thread);
}

/**
 * fm_anchor_spans_finish:
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FmAnchorResult): as
 *   fm_anchor_spans() does
 */
GArray *
fm_anchor_spans_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fm_anchor_spans_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
