/* test-suggest.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "fm-suggest.h"

/* Each detector rule and each exclusion, on a sentence written for it. */

static GPtrArray *
kind_only (const char *text,
           FmKind      kind)
{
  return fm_suggest_text (text, FM_SUGGEST_KIND_BIT (kind));
}

static gboolean
has_text (GPtrArray  *list,
          const char *text)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((FmSuggestion *) g_ptr_array_index (list, i))->text, text))
      return TRUE;
  return FALSE;
}

static void
assert_figures (const char *text,
                const char * const *expected)
{
  g_autoptr(GPtrArray) list = kind_only (text, FM_KIND_FIGURE);
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < n; i++)
    if (!has_text (list, expected[i]))
      g_error ("“%s”: no figure “%s”", text, expected[i]);
  if (list->len != n)
    {
      for (guint i = 0; i < list->len; i++)
        g_printerr ("  got “%s”\n", ((FmSuggestion *) g_ptr_array_index (list, i))->text);
      g_error ("“%s”: %u figures, expected %u", text, list->len, n);
    }
}

static void
test_figures (void)
{
  const char * const money[] = { "$4.8 billion", NULL };
  const char * const percent[] = { "45 percent", "12%", "a year", NULL };
  const char * const words[] = { "a dozen", "five-day", "34-year-old", NULL };
  const char * const counts[] = { "3,000", "two", NULL };
  const char * const ratio[] = { "one in five", NULL };
  const char * const range[] = { "10 to 15 percent", NULL };
  const char * const rank[] = { "No. 2", NULL };
  const char * const periods[] = { "a fortnight", "decade", "quarter-century", "one-tenth", "double", NULL };
  const char * const amounts[] = { "$24", "$28", "1800 x 1920", NULL };
  const char * const none[] = { NULL };

  assert_figures ("The plan costs $4.8 billion.", money);
  assert_figures ("Turnout rose 45 percent, and prices 12% in a year.", percent);
  assert_figures ("They sent a dozen staff to a five-day summit with a 34-year-old envoy.", words);
  assert_figures ("He sent 3,000 troops and two generals.", counts);
  assert_figures ("Now one in five adults smoke.", ratio);
  assert_figures ("Rents rose 10 to 15 percent.", range);
  assert_figures ("She is ranked No. 2 in the world.", rank);
  assert_figures ("It passes in a fortnight, after the last decade and a quarter-century of growth, "
                  "at one-tenth the cost and double the staff.", periods);
  assert_figures ("Fillets sell for $24 to $28 on screens of 1800 x 1920.", amounts);
  /* Chart ticks alone on their lines, a span of years, idioms. */
  assert_figures ("Interest\n\n$900\n\nbillion\n\n600\n\n’17\n\n8\n\n%", none);
  assert_figures ("Since 2008-9, a one-two punch and a day of reckoning.", none);
  /* Dates, years, times, phone numbers, addresses, models, sections, vague amounts. */
  assert_figures ("The talks ended on December 27 in 2019 at 5:32 PM.", none);
  assert_figures ("Call 555-0100 or visit 10 Downing Street.", none);
  assert_figures ("He flew a Boeing 737 and uses an iPhone 7 under section 230.", none);
  assert_figures ("Dozens of people and hundreds of cars, many of them new; no one came.", none);
  assert_figures ("The attacks of 9/11 changed it.", none);
  /* An abbreviated year, and a relative date that only "a" counts. */
  assert_figures ("The mill closed in ’87 and the pier a month ago.", none);
  {
    const char * const ago[] = { "a decade", "6 weeks", NULL };

    /* A long period ago measures time; a unit after a name's number is a measure. */
    assert_figures ("The dam failed a decade ago, the Senate 6 weeks ago.", ago);
  }
}

static void
test_figure_values (void)
{
  g_autoptr(GPtrArray) list = kind_only ("It cost $4.8 billion and took 45 percent of five years.",
                                         FM_KIND_FIGURE);
  FmSuggestion *s;

  g_assert_cmpuint (list->len, ==, 3);
  s = g_ptr_array_index (list, 0);
  g_assert_true (s->has_value);
  g_assert_cmpfloat_with_epsilon (s->value, 4.8e9, 1);
  g_assert_cmpstr (s->unit, ==, "USD");
  s = g_ptr_array_index (list, 1);
  g_assert_cmpfloat_with_epsilon (s->value, 45, 1e-9);
  g_assert_cmpstr (s->unit, ==, "percent");
  s = g_ptr_array_index (list, 2);
  g_assert_cmpfloat_with_epsilon (s->value, 5, 1e-9);
  g_assert_cmpstr (s->unit, ==, "years");
}

static FmSuggestion *
only_direct (GPtrArray *list,
             guint      n)
{
  guint found = 0;
  FmSuggestion *first = NULL;

  for (guint i = 0; i < list->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (list, i);

      if (s->kind == FM_KIND_CLAIM && s->form == FM_SUGGESTION_FORM_DIRECT)
        {
          if (found++ == 0)
            first = s;
        }
    }
  g_assert_cmpuint (found, ==, n);
  return first;
}

static void
test_quotes (void)
{
  {
    g_autoptr(GPtrArray) list = kind_only ("“We will not back down,” said Maria Lopez, the mayor.",
                                           FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->text, ==, "We will not back down,");
    g_assert_cmpstr (q->speaker_text, ==, "Maria Lopez");
    g_assert_cmpstr (q->rule, ==, "quote-verb-speaker");
  }
  {
    /* Straight marks, split by "he said", the speaker a pronoun. */
    g_autoptr(GPtrArray) list = kind_only ("John Smith spoke last. \"The money is gone,\" he said. "
                                           "\"Nobody knows where it went.\"", FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 2);

    g_assert_cmpstr (q->speaker_text, ==, "he");
    g_assert_cmpstr (q->speaker_name, ==, "John Smith");
  }
  {
    /* Before the quote, and mixed marks as pages mix them. */
    g_autoptr(GPtrArray) list = kind_only ("The minister told reporters: “this will cost us dearly\".",
                                           FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->text, ==, "this will cost us dearly");
    g_assert_cmpstr (q->speaker_text, ==, "The minister");
  }
  {
    /* An initial's dot ends no sentence, so the next quote keeps the speaker. */
    g_autoptr(GPtrArray) list = kind_only ("“It is very much a worry,” said C. Eugene Steuerle, a fellow. "
                                           "“Everything else is getting squeezed.”", FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 2);

    g_assert_cmpstr (q->speaker_text, ==, "C. Eugene Steuerle");
  }
  {
    /* "Mr." inside the attribution; a name particle kept. */
    g_autoptr(GPtrArray) list = kind_only ("“The car is already going too slowly,” Mr. Frankel said. "
                                           "“Neon lights have seen it all,” de Miranda writes.",
                                           FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 2);

    g_assert_cmpstr (q->speaker_text, ==, "Mr. Frankel");
    q = g_ptr_array_index (list, list->len - 1);
    g_assert_cmpstr (q->speaker_text, ==, "de Miranda");
  }
  {
    /* Introduced by the sentence before, with a colon or without. */
    g_autoptr(GPtrArray) list = kind_only ("Bob Alverson summed up the journey: “It is old school meets "
                                           "new school.” Charles Schultze once put it with a metaphor. "
                                           "“It is termites in the woodwork.”", FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 2);

    g_assert_cmpstr (q->speaker_text, ==, "Bob Alverson");
    q = g_ptr_array_index (list, list->len - 1);
    g_assert_cmpstr (q->speaker_text, ==, "Charles Schultze");
  }
  {
    /* A title of several words before the name and its reporting verb. */
    g_autoptr(GPtrArray) list = kind_only ("“The harbour will reopen next spring,” city port director "
                                           "Elena Varga told reporters on the quay.", FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->speaker_text, ==, "Elena Varga");
    g_assert_cmpstr (q->rule, ==, "quote-speaker-verb");
  }
  {
    /* The quote runs on into unquoted words; the attribution closes the sentence. */
    g_autoptr(GPtrArray) list = kind_only ("Tom Reed arrived late. “Nobody can force the growers” to "
                                           "sell their land this year, Mara Quinn said.", FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->speaker_text, ==, "Mara Quinn");
    g_assert_cmpstr (q->rule, ==, "quote-speaker-ends-sentence");
  }
  {
    /* The speaker of a relative clause is the phrase before ", which". */
    g_autoptr(GPtrArray) list = kind_only ("Turnout fell after warnings from the Green party, which "
                                           "tried to rally young voters by saying that the polls were "
                                           "“far too close to call.”", FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->speaker_text, ==, "Green party");
    g_assert_cmpstr (q->rule, ==, "quote-relative-subject");
  }
  {
    /* A name before an organisation's common noun modifies it, and the
     * determiner is no part of the phrase. */
    g_autoptr(GPtrArray) list = kind_only ("The Lindqvist government, after weeks of talks, said "
                                           "in a statement “we will sign the deal in May.”", FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->speaker_text, ==, "Lindqvist government");
  }
  {
    /* The dot of initials ends no sentence: the verb before them counts. */
    g_autoptr(GPtrArray) list = kind_only ("Ana Ruiz told the U.N. Security Council last year that she "
                                           "would seek “a full ceasefire along the whole border.”",
                                           FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->speaker_text, ==, "Ana Ruiz");
  }
  {
    /* "has pointed out" reports as "has said" does. */
    g_autoptr(GPtrArray) list = kind_only ("But, as the Harbour Board has pointed out, the tunnel would be "
                                           "used “for moving freight at night and on weekends”.",
                                           FM_KIND_CLAIM);
    FmSuggestion *q = only_direct (list, 1);

    g_assert_cmpstr (q->speaker_text, ==, "the Harbour Board");
  }
  {
    /* Scare quotes, terms and titles are no quotes. */
    g_autoptr(GPtrArray) list = kind_only ("The “reform” was called a “win” in the book "
                                           "“The Art of the Deal” by its author.", FM_KIND_CLAIM);

    only_direct (list, 0);
  }
}

static void
test_reported (void)
{
  g_autoptr(GPtrArray) list = kind_only ("Anna Berg said that the bridge would close next year.",
                                         FM_KIND_CLAIM);
  FmSuggestion *s;

  g_assert_cmpuint (list->len, ==, 1);
  s = g_ptr_array_index (list, 0);
  g_assert_cmpint (s->form, ==, FM_SUGGESTION_FORM_REPORTED);
  g_assert_cmpstr (s->text, ==, "the bridge would close next year");
  g_assert_cmpstr (s->speaker_text, ==, "Anna Berg");
}

static void
test_sources (void)
{
  g_autoptr(GPtrArray) list = kind_only ("A report by the Congressional Budget Office (CBO) came out. "
                                         "“It is far worse than we feared,” said President Jane Doe. "
                                         "The CBO disagreed. Doe said that she would wait.",
                                         FM_KIND_SOURCE);
  gboolean cbo = FALSE, doe = FALSE;

  for (guint i = 0; i < list->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (list, i);

      if (g_str_equal (s->name, "Congressional Budget Office"))
        {
          cbo = TRUE;
          g_assert_cmpuint (s->mentions->len, ==, 3);
        }
      if (g_str_equal (s->name, "Jane Doe"))
        {
          doe = TRUE;
          g_assert_cmpuint (s->mentions->len, ==, 2);
        }
    }
  g_assert_true (cbo);
  g_assert_true (doe);
}

static gboolean
has_source (GPtrArray  *list,
            const char *name)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (((FmSuggestion *) g_ptr_array_index (list, i))->name, name))
      return TRUE;
  return FALSE;
}

static void
test_cited_sources (void)
{
  g_autoptr(GPtrArray) list = kind_only ("The Press Council is concerned about the laws. The Joint "
                                         "Committee has pointed out the risk. It follows, according "
                                         "to the explanatory notes of the British Bill, a code.",
                                         FM_KIND_SOURCE);

  g_assert_true (has_source (list, "Press Council"));
  g_assert_true (has_source (list, "Joint Committee"));
  g_assert_true (has_source (list, "British Bill"));
}

static void
test_described_sources (void)
{
  g_autoptr(GPtrArray) list = kind_only ("The dam will open, a senior regional source told Reuters. "
                                         "The army said it was ready. A source said the talks failed, "
                                         "and the source said more later. Most experts say it will hold. "
                                         "Rome officials said nothing. She told the U.N. Assembly so.",
                                         FM_KIND_SOURCE);

  g_assert_true (has_source (list, "senior regional source"));
  g_assert_true (has_source (list, "Reuters"));
  g_assert_true (has_source (list, "army"));
  g_assert_false (has_source (list, "experts"));
  g_assert_false (has_source (list, "officials"));
  g_assert_false (has_source (list, "U.N"));
  for (guint i = 0; i < list->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (list, i);

      /* "A source" and "the source" are one. */
      if (g_str_equal (s->name, "source"))
        g_assert_cmpuint (s->mentions->len, ==, 2);
    }
}

static void
test_said_sources (void)
{
  g_autoptr(GPtrArray) list = kind_only ("The bridge is closed. Mayor Ines Ortega strongly warned "
                                         "against delay. Senator Paul Brandt has called for an inquiry. "
                                         "The Halvorsen Institute’s first statement came late. By noon, Acme "
                                         "officials said little, and Governor Lea Marsh revealed a plan.",
                                         FM_KIND_SOURCE);

  g_assert_true (has_source (list, "Ines Ortega"));
  g_assert_true (has_source (list, "Paul Brandt"));
  g_assert_true (has_source (list, "Halvorsen Institute"));
  g_assert_true (has_source (list, "Acme"));
  g_assert_true (has_source (list, "Lea Marsh"));

  {
    /* A title opening the sentence makes the one word after it a name. */
    g_autoptr(GPtrArray) titled = kind_only ("Roads are due. Dr. Okafor has called for a review.",
                                             FM_KIND_SOURCE);

    g_assert_true (has_source (titled, "Okafor"));
  }

  {
    /* The plural of a proper adjective is a group, no source. */
    g_autoptr(GPtrArray) groups = kind_only ("Zorvian farmers rallied. Later, Zorvians said the tax was "
                                             "unfair.", FM_KIND_SOURCE);

    g_assert_false (has_source (groups, "Zorvians"));
  }
}

static void
test_appositive_source (void)
{
  g_autoptr(GPtrArray) list = kind_only ("The toll was reported by Norland's state news agency, the "
                                         "Norland Press Service (NPS), on Monday. Later NPS said more. "
                                         "Japanese Minister Ada Moen said nothing.", FM_KIND_SOURCE);

  /* The agency in apposition is cited, not the country possessing it. */
  g_assert_true (has_source (list, "Norland Press Service"));
  g_assert_false (has_source (list, "Norland"));
  /* A name before the body it leads names that body. */
  {
    g_autoptr(GPtrArray) body = kind_only ("On Monday the Halden administration said that taxes would "
                                           "rise. Mayor Ivo Halden was away.", FM_KIND_SOURCE);

    g_assert_true (has_source (body, "Halden administration"));
  }
  /* A nationality before a title is no part of the name. */
  g_assert_true (has_source (list, "Ada Moen"));
}

static void
test_document_sources (void)
{
  g_autoptr(GPtrArray) list = kind_only ("Rail budget memos seen by the Courier show a gap. "
                                         "Norland and Vestland assessments reportedly indicate a delay. "
                                         "He keeps his files in order.", FM_KIND_SOURCE);

  /* Documents cited, from the start of their sentence. */
  g_assert_true (has_source (list, "Rail budget memos"));
  g_assert_true (has_source (list, "Norland and Vestland assessments"));
  g_assert_false (has_source (list, "files"));
}

static void
test_definite_title (void)
{
  const char *text = "“We will build the road,” said Premier Tomas Adler. He met Gulf envoys later. "
                     "The Vestlandic leader said that the road would open in May.";
  g_autoptr(GPtrArray) sources = kind_only (text, FM_KIND_SOURCE);
  g_autoptr(GPtrArray) claims = kind_only (text, FM_KIND_CLAIM);
  FmSuggestion *reported = NULL;

  /* The title stands for the person quoted before, not for an adjective
   * or the nearest capitalised word. */
  g_assert_true (has_source (sources, "Tomas Adler"));
  g_assert_false (has_source (sources, "Vestlandic"));
  g_assert_false (has_source (sources, "Gulf"));
  for (guint i = 0; i < claims->len; i++)
    if (((FmSuggestion *) g_ptr_array_index (claims, i))->form == FM_SUGGESTION_FORM_REPORTED)
      reported = g_ptr_array_index (claims, i);
  g_assert_nonnull (reported);
  g_assert_cmpstr (reported->speaker_name, ==, "Tomas Adler");
}

static void
test_offsets_are_code_points (void)
{
  const char *text = "Ünïcödé “fïrst” — “Café prices rose by 10 percent,” Zoë Ålund said.";
  g_autoptr(GPtrArray) list = fm_suggest_text (text, FM_SUGGEST_ALL_KINDS);

  for (guint i = 0; i < list->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (list, i);
      g_autofree char *sub = g_utf8_substring (text, s->start, s->end);

      g_assert_cmpstr (sub, ==, s->text);
    }
  g_assert_true (has_text (list, "10 percent"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/suggest/figures", test_figures);
  g_test_add_func ("/suggest/figure-values", test_figure_values);
  g_test_add_func ("/suggest/quotes", test_quotes);
  g_test_add_func ("/suggest/cited-sources", test_cited_sources);
  g_test_add_func ("/suggest/reported", test_reported);
  g_test_add_func ("/suggest/sources", test_sources);
  g_test_add_func ("/suggest/described-sources", test_described_sources);
  g_test_add_func ("/suggest/said-sources", test_said_sources);
  g_test_add_func ("/suggest/definite-title", test_definite_title);
  g_test_add_func ("/suggest/appositive-source", test_appositive_source);
  g_test_add_func ("/suggest/document-sources", test_document_sources);
  g_test_add_func ("/suggest/offsets", test_offsets_are_code_points);
  return g_test_run ();
}
