/* test-anchor.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "anchor-corpus.h"
#include "fm-anchor.h"
#include "fm-diff.h"
#include "fm-text.h"
#include "fm-types.h"

/* Anchors the @occurrence-th (from 1) appearance of @quote in @old onto
 * @new, with the context read from @old, and returns its result. */
static FmAnchorResult
anchor_quote (const char *old,
              const char *new,
              const char *quote,
              guint       occurrence)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  FmAnchorResult res;
  FmAnchorSpan span = { 0 };

  g_assert_true (fm_text_find_quote (old, quote, occurrence, &span.start, &span.end, &error));
  g_assert_no_error (error);

  results = fm_anchor_spans (old, new, &span, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, 1);

  res = g_array_index (results, FmAnchorResult, 0);
  /* Take the strings out before the array frees them. */
  g_array_index (results, FmAnchorResult, 0).quote = NULL;
  g_array_index (results, FmAnchorResult, 0).prefix = NULL;
  g_array_index (results, FmAnchorResult, 0).suffix = NULL;
  return res;
}

static void
result_clear (FmAnchorResult *res)
{
  g_clear_pointer (&res->quote, g_free);
  g_clear_pointer (&res->prefix, g_free);
  g_clear_pointer (&res->suffix, g_free);
}

/* Checks that the result sits on @expected, the @occurrence-th one in @new. */
static void
assert_placed (const FmAnchorResult *res,
               const char           *new,
               const char           *expected,
               guint                 occurrence,
               FmAnchorState         state)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  glong start, end;

  g_assert_true (fm_text_find_quote (new, expected, occurrence, &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fm_anchor_state_to_string (res->state), ==, fm_anchor_state_to_string (state));
  g_assert_cmpint (res->start, ==, start);
  g_assert_cmpint (res->end, ==, end);
  g_assert_cmpstr (res->quote, ==, expected);
  at = fm_text_substring (new, res->start, res->end);
  g_assert_cmpstr (at, ==, res->quote);
  g_assert_cmpfloat (res->score, >, 0.0);
  g_assert_cmpfloat (res->score, <=, 1.0);
}

static const char *story =
  "Officials in the northern province said on Monday that 3,000 troops had been "
  "sent to the border. The ministry did not say when they would return.\n\n"
  "Aid groups said the number of displaced families had doubled since March, "
  "and that food stocks would last two more weeks at most.\n\n"
  "The governor told reporters that the bridge would reopen by the end of the "
  "year, a promise he has made before.\n";

static void
test_insert_before (void)
{
  g_autofree char *new = g_strconcat ("UPDATED 14:05. ", story, NULL);
  FmAnchorResult res = anchor_quote (story, new, "3,000 troops", 0);

  assert_placed (&res, new, "3,000 troops", 0, FM_ANCHOR_UNCHANGED);
  g_assert_cmpfloat (res.score, ==, 1.0);
  result_clear (&res);
}

static void
test_insert_inside (void)
{
  g_autoptr(GString) new = g_string_new (story);
  FmAnchorResult res;

  g_string_replace (new, "troops had been sent", "troops had reportedly been sent", 1);
  res = anchor_quote (story, new->str, "3,000 troops had been sent to the border", 0);
  assert_placed (&res, new->str, "3,000 troops had reportedly been sent to the border", 0,
                 FM_ANCHOR_CHANGED);
  result_clear (&res);

  /* Right at the start of the quote, the inserted words stay outside. */
  g_string_assign (new, story);
  g_string_replace (new, "that 3,000", "that at least 3,000", 1);
  res = anchor_quote (story, new->str, "3,000 troops", 0);
  assert_placed (&res, new->str, "3,000 troops", 0, FM_ANCHOR_UNCHANGED);
  result_clear (&res);
}

static void
test_delete_span (void)
{
  g_autoptr(GString) new = g_string_new (story);
  FmAnchorResult res;

  g_string_replace (new, " The ministry did not say when they would return.", "", 1);
  res = anchor_quote (story, new->str, "The ministry did not say when they would return", 0);
  g_assert_cmpint (res.state, ==, FM_ANCHOR_ORPHANED);
  g_assert_cmpint (res.start, ==, -1);
  g_assert_cmpint (res.end, ==, -1);
  g_assert_null (res.quote);
  result_clear (&res);

  /* A figure cut from an otherwise intact sentence is gone too. */
  g_string_assign (new, story);
  g_string_replace (new, "that 3,000 troops", "that troops", 1);
  res = anchor_quote (story, new->str, "3,000", 0);
  g_assert_cmpint (res.state, ==, FM_ANCHOR_ORPHANED);
  result_clear (&res);
}

/* The annotated sentence is cut, and the same sentence stands elsewhere in
 * the text, as it did before: that copy is some other passage, and the
 * annotation is an orphan rather than attached to it. */
static void
test_deleted_not_copied (void)
{
  const char *line = "The ministry did not respond to a request for comment.";
  g_autofree char *old = g_strdup_printf ("Police said two people were arrested at the port. %s\n\n"
                                          "A second protest is planned for Friday, organisers said. %s\n",
                                          line, line);
  g_autofree char *new = g_strdup_printf ("Police said two people were arrested at the port.\n\n"
                                          "A second protest is planned for Friday, organisers said. %s\n",
                                          line);
  FmAnchorResult res = anchor_quote (old, new, line, 1);

  g_assert_cmpint (res.state, ==, FM_ANCHOR_ORPHANED);
  result_clear (&res);

  /* The copy that stayed is still found where it was. */
  res = anchor_quote (old, new, line, 2);
  assert_placed (&res, new, line, 0, FM_ANCHOR_UNCHANGED);
  result_clear (&res);
}

/* Three paragraphs with the same quote; the annotated one moves to the end
 * so its place says nothing, and only its context tells it apart. */
static void
test_repeated_quote_context (void)
{
  const char *p1 = "Asked about the strike, the minister said the talks had failed and that "
                   "no new date was set.\n\n";
  const char *p2 = "On the budget, the minister said the money would arrive in April, "
                   "two months late.\n\n";
  const char *p3 = "Later, at the port, the minister said the ferries would run again "
                   "within a week.\n";
  const char *p3_moved = "Later, at the port, the minister said the ferries would run again "
                         "within a week.\n\n";
  g_autofree char *old = g_strconcat (p1, p2, p3, NULL);
  g_autofree char *new = g_strconcat (p2, p3_moved, p1, NULL);
  g_autoptr(GArray) results = NULL;
  g_autoptr(GError) error = NULL;
  FmAnchorSpan spans[2] = { { 0 } };
  const FmAnchorResult *r;
  glong start, end;
  FmAnchorResult res;

  res = anchor_quote (old, new, "the minister said", 1);
  g_assert_true (res.state == FM_ANCHOR_MOVED || res.state == FM_ANCHOR_UNCHANGED);
  g_assert_true (fm_text_find_quote (new, "the minister said the talks", 0, &start, &end, &error));
  g_assert_cmpint (res.start, ==, start);
  g_assert_cmpint (res.end, ==, start + 17);
  result_clear (&res);

  /* Without any place in the old text (an orphan tried again), the quote
   * and its context alone find the right one of the three. */
  spans[0].start = spans[0].end = -1;
  spans[0].quote = "the minister said";
  spans[0].prefix = "On the budget, ";
  spans[0].suffix = " the money would arrive";
  /* And with only a quote that occurs three times, there is no telling. */
  spans[1].start = spans[1].end = -1;
  spans[1].quote = "the minister said";
  spans[1].prefix = "";
  spans[1].suffix = "";
  results = fm_anchor_spans (old, new, spans, 2, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  r = &g_array_index (results, FmAnchorResult, 0);
  g_assert_true (fm_text_find_quote (new, "the minister said the money", 0, &start, &end, &error));
  g_assert_cmpint (r->start, ==, start);
  g_assert_cmpint (r->state, ==, FM_ANCHOR_MOVED);
  r = &g_array_index (results, FmAnchorResult, 1);
  g_assert_cmpint (r->state, ==, FM_ANCHOR_ORPHANED);
}

static void
test_whitespace_only (void)
{
  const char *old = "The council voted on Tuesday to close the\nold library and move its books "
                    "to the school, a decision that angered parents.\n";
  const char *new = "The council voted on Tuesday to close the old library and move its  books "
                    "to the school,\na decision that angered parents.\n";
  FmAnchorResult res = anchor_quote (old, new, "close the\nold library and move its books", 0);

  g_assert_cmpint (res.state, ==, FM_ANCHOR_UNCHANGED);
  g_assert_cmpstr (res.quote, ==, "close the old library and move its  books");
  g_assert_cmpint (res.start, ==, 32);
  result_clear (&res);
}

static void
test_moved_paragraph (void)
{
  g_autoptr(GString) old = g_string_new (NULL);
  g_autoptr(GString) new = g_string_new (NULL);
  const char *moved = "Rescue teams reached the village of Ka\xCC\xB1" "duna late on Friday, "
                      "finding 14 people alive under the rubble.\n\n";
  FmAnchorResult res;
  glong start, end;

  /* The moved paragraph is short next to what it jumps over, so the diff
   * keeps the rest in place and the annotation has to be found. */
  g_string_append (old, moved);
  for (guint i = 0; i < 6; i++)
    {
      g_string_append_printf (old, "Paragraph %u of the report describes the damage to the "
                                   "roads and the power lines in district %u.\n\n", i, i * 7);
      g_string_append_printf (new, "Paragraph %u of the report describes the damage to the "
                                   "roads and the power lines in district %u.\n\n", i, i * 7);
    }
  g_string_append (new, moved);

  res = anchor_quote (old->str, new->str, "finding 14 people alive", 0);
  assert_placed (&res, new->str, "finding 14 people alive", 0, FM_ANCHOR_MOVED);
  result_clear (&res);

  /* "district 14" stays put; the figure in the moved paragraph goes. */
  res = anchor_quote (old->str, new->str, "14", 1);
  g_assert_true (fm_text_find_quote (new->str, "finding 14", 0, &start, &end, NULL));
  g_assert_cmpint (res.state, ==, FM_ANCHOR_MOVED);
  g_assert_cmpint (res.start, ==, start + 8);
  g_assert_cmpint (res.end, ==, start + 10);
  result_clear (&res);
}

/* 3,000 becomes 3,500: a short quote is found by its context, not fuzziness,
 * and is changed, not orphaned; while the same figure in a sentence it does
 * not belong to is no home for it. */
static void
test_figure_changed (void)
{
  g_autoptr(GString) new = g_string_new (story);
  FmAnchorResult res;

  g_string_replace (new, "that 3,000 troops", "that 3,500 troops", 1);
  g_string_replace (new, "last two more weeks", "feed 3,000 people for two more weeks", 1);
  res = anchor_quote (story, new->str, "3,000", 0);
  assert_placed (&res, new->str, "3,500", 0, FM_ANCHOR_CHANGED);
  g_assert_cmpfloat (res.score, >, 0.9);
  result_clear (&res);

  /* A larger correction of the figure, context still intact. */
  g_string_assign (new, story);
  g_string_replace (new, "that 3,000 troops", "that 12,500 troops", 1);
  res = anchor_quote (story, new->str, "3,000", 0);
  assert_placed (&res, new->str, "12,500", 0, FM_ANCHOR_CHANGED);
  result_clear (&res);

  /* With its sentence rewritten around it, a bare figure is not trusted to
   * a look-alike: orphaned, never attached to the wrong number. */
  g_string_assign (new, story);
  g_string_replace (new, "Officials in the northern province said on Monday that 3,000 troops had "
                    "been sent to the border.",
                    "A convoy of 3,500 vehicles crossed into the region overnight.", 1);
  res = anchor_quote (story, new->str, "3,000", 0);
  g_assert_cmpint (res.state, ==, FM_ANCHOR_ORPHANED);
  result_clear (&res);
}

static void
test_emoji_and_combining (void)
{
  /* U+1F44D U+1F3FD is one thumbs-up with a skin tone: two code points.
   * "n" + U+0308 has no precomposed form, so it stays two code points. */
  const char *old = "Fans of Spin\xCC\x88" "al Tap posted 👍🏽 and 🎸 all night; "
                    "the band said 1,200 tickets were sold in Malmö.\n";
  const char *new = "🔥 Fans of Spin\xCC\x88" "al Tap posted 👍🏽👍🏽 and 🎸 all night; "
                    "the band said 1,250 tickets were sold in Malmö.\n";
  FmAnchorResult res;

  res = anchor_quote (old, new, "Spin\xCC\x88" "al Tap posted 👍🏽 and 🎸", 0);
  assert_placed (&res, new, "Spin\xCC\x88" "al Tap posted 👍🏽👍🏽 and 🎸", 0, FM_ANCHOR_CHANGED);
  /* 🔥, a space, then "Fans of ": the quote starts at code point 10. */
  g_assert_cmpint (res.start, ==, 10);
  g_assert_cmpint (res.end, ==, 10 + 29);
  result_clear (&res);

  res = anchor_quote (old, new, "sold in Malmö", 0);
  assert_placed (&res, new, "sold in Malmö", 0, FM_ANCHOR_UNCHANGED);
  result_clear (&res);

  res = anchor_quote (old, new, "1,200", 0);
  assert_placed (&res, new, "1,250", 0, FM_ANCHOR_CHANGED);
  result_clear (&res);
}

static void
test_long_quote (void)
{
  const char *quote = "the committee found that the contractor had billed the city for "
                      "roughly 4,000 hours of work that no inspector could account for, "
                      "and that the invoices were approved by the same two officials";
  const char *edited = "the committee found that the contractor had billed the town for "
                       "roughly 4,000 hours of work that no auditor could account for, "
                       "and that the invoices were approved by the same two officials";
  g_autofree char *old = g_strdup_printf ("In a report released on Wednesday, %s, "
                                          "both of whom have since resigned.\n", quote);
  g_autofree char *new = g_strdup_printf ("In a report released on Wednesday, %s, "
                                          "both of whom have since resigned.\n", edited);
  FmAnchorResult res;

  g_assert_cmpint (g_utf8_strlen (quote, -1), >, 128);
  res = anchor_quote (old, new, quote, 0);
  assert_placed (&res, new, edited, 0, FM_ANCHOR_CHANGED);
  g_assert_cmpfloat (res.score, >, 0.9);
  result_clear (&res);
}

static void
test_states (void)
{
  for (guint i = 0; i < FM_N_ANCHOR_STATES; i++)
    {
      FmAnchorState state;

      g_assert_true (fm_anchor_state_from_string (fm_anchor_state_to_string (i), &state));
      g_assert_cmpuint (state, ==, i);
    }
  g_assert_cmpstr (fm_anchor_state_to_string (FM_ANCHOR_ORPHANED), ==, "orphaned");
  g_assert_false (fm_anchor_state_from_string ("lost", NULL));
  g_assert_false (fm_anchor_state_from_string (NULL, NULL));
}

static void
test_bad_input (void)
{
  struct {
    FmAnchorSpan span;
    const char  *old;
    int          code;
  } cases[] = {
    { { 5, 100, NULL, NULL, NULL }, "short text", FM_ERROR_INVALID },
    { { 4, 2, NULL, NULL, NULL }, "short text", FM_ERROR_INVALID },
    { { 0, 5, "other", NULL, NULL }, "short text", FM_ERROR_INVALID },
    { { -1, -1, NULL, NULL, NULL }, "short text", FM_ERROR_INVALID },
    { { -1, -1, "", NULL, NULL }, "short text", FM_ERROR_INVALID },
    { { -1, -1, "caf\xE9", NULL, NULL }, "short text", FM_ERROR_ENCODING },
    { { 0, 5, NULL, NULL, NULL }, "bad \xC3\x28 text", FM_ERROR_ENCODING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) results = fm_anchor_spans (cases[i].old, "short text",
                                                   &cases[i].span, 1, NULL, NULL,
                                                   NULL, &error);

      g_assert_null (results);
      g_assert_error (error, FM_ERROR, cases[i].code);
    }

  /* No spans is not an error. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) results = fm_anchor_spans ("a", "b", NULL, 0, NULL, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (results->len, ==, 0);
  }
}

static void
check_runs (const char *old,
            const char *new,
            GArray     *runs)
{
  g_autofree gunichar *a = g_utf8_to_ucs4_fast (old, -1, NULL);
  g_autofree gunichar *b = g_utf8_to_ucs4_fast (new, -1, NULL);
  glong x = 0, y = 0;

  for (guint i = 0; i < runs->len; i++)
    {
      const FmDiffRun *r = &g_array_index (runs, FmDiffRun, i);

      g_assert_cmpint (r->length, >, 0);
      g_assert_cmpint (r->old_start, >=, x);
      g_assert_cmpint (r->new_start, >=, y);
      /* Adjacent runs would have been merged. */
      g_assert_true (i == 0 || r->old_start > x || r->new_start > y);
      g_assert_true (memcmp (a + r->old_start, b + r->new_start,
                             r->length * sizeof (gunichar)) == 0);
      x = r->old_start + r->length;
      y = r->new_start + r->length;
    }
}

/* The length of a longest common subsequence, by the textbook table. */
static glong
lcs_length (const char *old,
            const char *new)
{
  glong n, m;
  g_autofree gunichar *a = g_utf8_to_ucs4_fast (old, -1, &n);
  g_autofree gunichar *b = g_utf8_to_ucs4_fast (new, -1, &m);
  g_autofree glong *row = g_new0 (glong, m + 1);

  for (glong i = 1; i <= n; i++)
    {
      glong diag = 0;

      for (glong j = 1; j <= m; j++)
        {
          glong up = row[j];

          row[j] = a[i - 1] == b[j - 1] ? diag + 1 : MAX (row[j], row[j - 1]);
          diag = up;
        }
    }
  return row[m];
}

static void
test_diff (void)
{
  GRand *rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = NULL;

  runs = fm_diff_texts ("abcabba", "cbabac", &error);
  g_assert_no_error (error);
  check_runs ("abcabba", "cbabac", runs);

  /* Small texts get a shortest edit script: as much kept as an LCS. */
  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) a = g_string_new (NULL);
      g_autoptr(GString) b = g_string_new (NULL);
      g_autoptr(GArray) r = NULL;
      guint n = g_rand_int_range (rand, 0, 60);
      glong kept = 0;

      static const gunichar alphabet[] = { 'a', 'b', 'c', 0xE9, 0x1F600, ' ' };

      for (guint i = 0; i < n; i++)
        g_string_append_unichar (a, alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))]);
      for (const char *p = a->str; *p; p = g_utf8_next_char (p))
        {
          gint32 roll = g_rand_int_range (rand, 0, 10);

          if (roll == 0)
            continue;
          if (roll == 1)
            g_string_append (b, "x");
          g_string_append_unichar (b, g_utf8_get_char (p));
        }

      r = fm_diff_texts (a->str, b->str, &error);
      g_assert_no_error (error);
      check_runs (a->str, b->str, r);
      for (guint i = 0; i < r->len; i++)
        kept += g_array_index (r, FmDiffRun, i).length;
      g_assert_cmpint (kept, ==, lcs_length (a->str, b->str));
    }
  g_rand_free (rand);

  g_assert_null (fm_diff_texts ("ok", "\xC3\x28", &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_ENCODING);
}

/* A large text with edits everywhere goes through the anchored path; the
 * runs must still be sound and keep nearly everything. */
static void
test_diff_large (void)
{
  AnchorCorpusParams params = { 7, 400000, 0, 0.03, 4 };
  AnchorCorpus *c = anchor_corpus_new (&params);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = fm_diff_texts (c->old_text, c->new_text, &error);
  glong kept = 0;

  g_assert_no_error (error);
  check_runs (c->old_text, c->new_text, runs);
  for (guint i = 0; i < runs->len; i++)
    kept += g_array_index (runs, FmDiffRun, i).length;
  g_assert_cmpint (kept, >, c->old_length - 2 * c->edited_chars);

  g_assert_cmpint (fm_diff_map_position (runs, 0, c->new_length, TRUE), >=, 0);
  g_assert_cmpint (fm_diff_map_position (runs, c->old_length, c->new_length, FALSE), <=,
                   c->new_length);
  anchor_corpus_free (c);
}

static void
run_accuracy (const AnchorCorpusParams *params)
{
  AnchorCorpus *c = anchor_corpus_new (params);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) results = NULL;
  AnchorScore s;
  guint wrong = 0;

  results = fm_anchor_spans (c->old_text, c->new_text, c->spans, c->n_spans,
                             NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  anchor_corpus_score (c, results, &s);

  g_test_message ("seed %" G_GUINT64_FORMAT ": %ld characters, %u spans, %u edits "
                  "(%.1f%% of the text)", params->seed, c->old_length, c->n_spans,
                  c->n_edits, 100.0 * c->edited_chars / c->old_length);
  if (g_test_verbose ())
    anchor_score_print (&s, "# ");
  for (guint k = 0; k < 4; k++)
    {
      g_test_message ("kind %u: %u spans, %u placed right, %u loose, %u orphaned, %u wrong",
                      k, s.n[k], s.on_edited[k], s.sloppy[k], s.orphaned[k], s.wrong[k]);
      wrong += s.wrong[k];
    }

  /* Enough of each kind for the figures to mean something. */
  g_assert_cmpuint (s.n[TRUTH_UNTOUCHED], >, 1000);
  g_assert_cmpuint (s.n[TRUTH_LIGHT], >, 100);

  g_assert_cmpuint (s.exact, ==, s.n[TRUTH_UNTOUCHED]);
  g_assert_cmpuint (s.on_edited[TRUTH_LIGHT] * 100, >=, s.n[TRUTH_LIGHT] * 95);
  g_assert_cmpuint (wrong, ==, 0);
  anchor_corpus_free (c);
}

static void
test_accuracy (void)
{
  AnchorCorpusParams params = { 20260601, 500000, 6000, 0.02, 4 };

  run_accuracy (&params);
}

static void
test_accuracy_dense (void)
{
  /* More edits, so many more quotes are touched by them. */
  AnchorCorpusParams params = { 99, 300000, 4000, 0.06, 6 };

  run_accuracy (&params);
}

typedef struct
{
  GMainLoop *loop;
  GArray    *results;
  GError    *error;
  guint      n_progress;
  double     last_fraction;
  gboolean   monotonic;
  gint       freed;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer data)
{
  AsyncState *st = data;

  if (fraction < st->last_fraction)
    st->monotonic = FALSE;
  st->last_fraction = fraction;
  st->n_progress++;
}

static void
on_freed (gpointer data)
{
  AsyncState *st = data;

  /* The task may let go of its data in the worker thread. */
  g_atomic_int_set (&st->freed, 1);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  AsyncState *st = data;

  st->results = fm_anchor_spans_finish (result, &st->error);
  g_main_loop_quit (st->loop);
}

static void
test_async (void)
{
  AnchorCorpusParams params = { 3, 200000, 2000, 0.02, 1 };
  AnchorCorpus *c = anchor_corpus_new (&params);
  g_autoptr(GArray) sync = NULL;
  AsyncState st = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  st.loop = g_main_loop_new (NULL, FALSE);
  st.monotonic = TRUE;
  fm_anchor_spans_async (c->old_text, c->new_text, c->spans, c->n_spans,
                         on_progress, &st, on_freed, NULL, on_done, &st);
  g_main_loop_run (st.loop);
  g_assert_no_error (st.error);
  g_assert_nonnull (st.results);
  g_assert_cmpuint (st.results->len, ==, c->n_spans);
  g_assert_cmpuint (st.n_progress, >, 2);
  g_assert_true (st.monotonic);
  g_assert_cmpfloat (st.last_fraction, ==, 1.0);
  /* The task drops its data, and the progress data with it, once done. */
  for (guint i = 0; i < 10000 && !g_atomic_int_get (&st.freed); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (g_atomic_int_get (&st.freed));

  /* The thread gives the same answers as the synchronous call. */
  sync = fm_anchor_spans (c->old_text, c->new_text, c->spans, c->n_spans,
                          NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < c->n_spans; i++)
    {
      const FmAnchorResult *x = &g_array_index (sync, FmAnchorResult, i);
      const FmAnchorResult *y = &g_array_index (st.results, FmAnchorResult, i);

      g_assert_cmpint (x->state, ==, y->state);
      g_assert_cmpint (x->start, ==, y->start);
      g_assert_cmpint (x->end, ==, y->end);
      g_assert_cmpstr (x->quote, ==, y->quote);
    }
  g_clear_pointer (&st.results, g_array_unref);

  /* Cancelled before it starts: an error, no results. */
  g_cancellable_cancel (cancellable);
  fm_anchor_spans_async (c->old_text, c->new_text, c->spans, c->n_spans,
                         NULL, NULL, NULL, cancellable, on_done, &st);
  g_main_loop_run (st.loop);
  g_assert_null (st.results);
  g_assert_error (st.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&st.error);

  g_main_loop_unref (st.loop);
  anchor_corpus_free (c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/states", test_states);
  g_test_add_func ("/anchor/bad-input", test_bad_input);
  g_test_add_func ("/anchor/insert-before", test_insert_before);
  g_test_add_func ("/anchor/insert-inside", test_insert_inside);
  g_test_add_func ("/anchor/delete-span", test_delete_span);
  g_test_add_func ("/anchor/deleted-not-copied", test_deleted_not_copied);
  g_test_add_func ("/anchor/repeated-quote", test_repeated_quote_context);
  g_test_add_func ("/anchor/whitespace", test_whitespace_only);
  g_test_add_func ("/anchor/moved-paragraph", test_moved_paragraph);
  g_test_add_func ("/anchor/figure-changed", test_figure_changed);
  g_test_add_func ("/anchor/emoji-combining", test_emoji_and_combining);
  g_test_add_func ("/anchor/long-quote", test_long_quote);
  g_test_add_func ("/anchor/async", test_async);
  g_test_add_func ("/anchor/accuracy", test_accuracy);
  g_test_add_func ("/anchor/accuracy-dense", test_accuracy_dense);
  g_test_add_func ("/diff/small", test_diff);
  g_test_add_func ("/diff/large", test_diff_large);

  return g_test_run ();
}
