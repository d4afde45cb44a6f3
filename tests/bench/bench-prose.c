/* bench-prose.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bench-prose.h"
#include "fm-text.h"

/* Local news prose, made up from word lists and sentence shapes written for
 * these benchmarks: officials quoted on budgets and projects, figures with
 * currencies, percentages and units, and the names of people and bodies.
 * While writing, the generator notes where its sentences, clauses, figures
 * and names fall, so annotations can be laid on real units of the text:
 * claims over sentences and clauses (some over two sentences, overlapping
 * their neighbours), figures and sources nested inside them. Accented names
 * and typographic quotes keep code points and bytes apart. */

#define PICK(r, list) ((list)[bench_rand_below ((r), G_N_ELEMENTS (list))])

static const char * const first_names[] = {
  "Amara", "Bastien", "Chioma", "Dmitri", "Elif", "Farid", "Greta", "Hiroshi",
  "Ingrid", "Jos\u00e9", "Kwame", "Leila", "Mateo", "Nadia", "Oskar", "Priya",
  "Quentin", "Rosa", "S\u00f8ren", "Tamsin", "Ulla", "Valeria", "Wendell",
  "Xiomara", "Yusuf", "Zo\u00eb", "Ana\u00efs", "Bronwen", "Cormac", "Dagny",
};

static const char * const last_names[] = {
  "Abernathy", "Brandt", "Castellanos", "Dufresne", "Eze", "Fairbairn",
  "Gallagher", "Horvath", "Iwu", "Jankowski", "Kerr", "Lindqvist",
  "M\u00fcller", "Nakamura", "O\u2019Doherty", "Pereira", "Quist", "Rahman",
  "Szab\u00f3", "Thorne", "Underwood", "Varga", "Whitlock", "Yilmaz",
  "Zieli\u0144ski", "Achterberg", "Bj\u00f6rk", "Coutinho", "Delacroix-Moss",
};

static const char * const roles[] = {
  "the city treasurer", "the deputy mayor", "a council member",
  "the transport minister", "a hospital administrator", "a union spokesperson",
  "the school board chair", "the port authority director", "the county auditor",
  "a housing official", "the police commissioner", "an energy analyst",
  "a local shopkeeper", "the chief engineer", "a retired planner",
};

static const char * const orgs[] = {
  "the Harbor Authority", "the Department of Transport", "the Regional Water Board",
  "Northfield Council", "the Audit Office", "the Teachers\u2019 Federation",
  "the Chamber of Commerce", "the Statistics Bureau", "Meridian Health Trust",
  "the Coastal Energy Cooperative", "the Fire Service", "the Tenants\u2019 Association",
  "the Ministry of Finance", "Kestrel Bay Hospital", "the Freight Drivers\u2019 Union",
};

static const char * const projects[] = {
  "bridge repair", "school budget", "water main replacement", "bus network",
  "housing plan", "hospital wing", "sea wall", "library renovation",
  "transit levy", "pension fund", "recycling contract", "tram extension",
  "flood barrier", "rent cap", "road resurfacing programme", "ferry terminal",
  "district heating scheme", "harbour dredging", "stadium lease", "night bus trial",
};

static const char * const groups[] = {
  "residents", "households", "commuters", "nurses", "small businesses",
  "first-time buyers", "pupils", "pensioners", "drivers", "tenants",
  "fishing crews", "carers", "cyclists", "landlords", "market traders",
};

static const char * const places[] = {
  "Northfield", "the old docks", "Riverside", "Ashcombe", "the eastern wards",
  "Kestrel Bay", "M\u00e4larholm", "the harbour district", "Upper Fenwick",
  "the ring road", "Cr\u00e9mieux Park", "the industrial estate",
};

static const char * const metrics[] = {
  "waiting list", "deficit", "ridership", "average rent", "repair backlog",
  "number of empty homes", "energy bill", "emergency response time",
  "class size", "tax take", "traffic count", "water loss",
};

static const char * const verbs_past[] = {
  "rose", "fell", "doubled", "stalled", "grew", "shrank", "recovered",
  "slipped", "climbed", "dropped", "halved", "levelled off",
};

static const char * const verbs_present[] = {
  "defends", "delays", "cuts", "doubles", "reviews", "scraps", "backs",
  "questions", "extends", "freezes", "audits", "rethinks",
};

static const char * const units[] = {
  "tonnes", "kilometres", "megawatts", "beds", "homes", "jobs", "litres a day",
  "passengers a day", "classrooms", "hectares", "buses", "streetlights",
};

static const char * const periods[] = {
  "year", "quarter", "month", "winter", "financial year", "decade", "summer",
};

static const char * const bodies[] = {
  "council", "finance committee", "planning board", "public inquiry",
  "select committee", "annual meeting", "residents\u2019 forum",
};

static const char * const weekdays[] = {
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
};

static const char * const hedges[] = {
  "well", "far", "slightly", "nearly twice as much", "a little", "considerably",
};

static const char * const outlets[] = {
  "The Northfield Courier", "Harbour Evening News", "Kestrel Bay Gazette",
  "The Riverside Ledger",
};

static const char * const currencies[] = { "$", "\u20ac", "\u00a3" };

static const char * const scales[] = { "thousand", "million", "million", "billion" };

static const char * const note_openers[] = {
  "Checked against the annual report; the number matches the table on page",
  "Asked the press office for the underlying data; reply promised by page",
  "The budget line was revised mid-year, so this may be the older figure; see page",
  "Second source needed. Minutes of the meeting, item",
  "Matches the spreadsheet the council published, row",
  "Speaker corrected this on the radio the next day; transcript at minute",
  "Original document is a scanned PDF; figure read by hand from page",
};

static const char * const note_closers[] = {
  "", " Flagged for the desk.", " Confirmed by phone.", " Numbers rounded by the speaker.",
  " Disputed by the opposition.", " \u2014 ask the statistician.",
};

static const char * const slugs[] = {
  "budget", "minutes", "audit", "census", "transport", "housing", "health",
  "water", "energy", "schools", "planning", "contracts",
};

typedef struct
{
  GString   *text;
  glong      cp;
  GArray    *spans;
  BenchRand *rand;
} Builder;

typedef struct
{
  glong cp;
  gsize byte;
} Mark;

static void
put (Builder    *b,
     const char *s)
{
  g_string_append (b->text, s);
  b->cp += g_utf8_strlen (s, -1);
}

G_GNUC_PRINTF (2, 3)
static void
putf (Builder    *b,
      const char *format,
      ...)
{
  g_autofree char *s = NULL;
  va_list args;

  va_start (args, format);
  s = g_strdup_vprintf (format, args);
  va_end (args);
  put (b, s);
}

static Mark
mark (Builder *b)
{
  Mark m = { b->cp, b->text->len };

  return m;
}

static void
close_span (Builder       *b,
            Mark           m,
            BenchSpanType  type)
{
  BenchSpan span = { m.cp, b->cp, m.byte, b->text->len, type };

  g_assert (b->cp > m.cp);
  g_array_append_val (b->spans, span);
}

static void
put_person (Builder *b)
{
  Mark m = mark (b);

  putf (b, "%s %s", PICK (b->rand, first_names), PICK (b->rand, last_names));
  close_span (b, m, BENCH_SPAN_NAME);
}

static void
put_person_with_role (Builder *b)
{
  put_person (b);
  putf (b, ", %s,", PICK (b->rand, roles));
}

static void
put_org (Builder  *b,
         gboolean  capital)
{
  const char *org = PICK (b->rand, orgs);
  Mark m;

  /* "the Harbor Authority" is named without its article. */
  if (g_str_has_prefix (org, "the "))
    {
      put (b, capital ? "The " : "the ");
      org += 4;
    }
  m = mark (b);
  put (b, org);
  close_span (b, m, BENCH_SPAN_ORG);
}

/* A thousands-separated integer: 12,400 */
static char *
grouped (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

static void
put_money (Builder *b)
{
  BenchRand *r = b->rand;
  const char *currency = PICK (r, currencies);
  Mark m = mark (b);

  if (bench_rand_chance (r, 0.6))
    {
      guint whole = 1 + bench_rand_below (r, 900);

      if (bench_rand_chance (r, 0.4))
        putf (b, "%s%u.%u %s", currency, whole, bench_rand_below (r, 10), PICK (r, scales));
      else
        putf (b, "%s%u %s", currency, whole, PICK (r, scales));
    }
  else
    {
      g_autofree char *n = grouped (1000 + bench_rand_below (r, 9000000));

      putf (b, "%s%s", currency, n);
    }
  close_span (b, m, BENCH_SPAN_FIGURE);
}

static void
put_percent (Builder *b)
{
  BenchRand *r = b->rand;
  Mark m = mark (b);

  if (bench_rand_chance (r, 0.5))
    putf (b, "%u.%u%%", 1 + bench_rand_below (r, 80), bench_rand_below (r, 10));
  else if (bench_rand_chance (r, 0.5))
    putf (b, "%u per cent", 1 + bench_rand_below (r, 95));
  else
    putf (b, "%u%%", 1 + bench_rand_below (r, 95));
  close_span (b, m, BENCH_SPAN_FIGURE);
}

static void
put_count (Builder *b)
{
  BenchRand *r = b->rand;
  g_autofree char *n = grouped (2 + bench_rand_below (r, 250000));
  Mark m = mark (b);

  putf (b, "%s %s", n, PICK (r, units));
  close_span (b, m, BENCH_SPAN_FIGURE);
}

static void
put_year (Builder *b)
{
  putf (b, "%u", 1989 + bench_rand_below (b->rand, 37));
}

/* A claim one could check, as a clause without its final stop. */
static void
put_clause (Builder  *b,
            gboolean  capital)
{
  BenchRand *r = b->rand;
  Mark m = mark (b);

  switch (bench_rand_below (r, 7))
    {
    case 0:
      putf (b, "%s %s is ", capital ? "The" : "the", PICK (r, projects));
      put_percent (b);
      put (b, " over budget");
      break;
    case 1:
      {
        g_autofree char *group = g_strdup (PICK (r, groups));

        if (capital)
          group[0] = g_ascii_toupper (group[0]);
        putf (b, "%s in %s pay more for the %s than anywhere else in the region",
              group, PICK (r, places), PICK (r, projects));
      }
      break;
    case 2:
      putf (b, "%s %s will be finished before ", capital ? "The" : "the", PICK (r, projects));
      put_year (b);
      break;
    case 3:
      putf (b, "%so council has spent less on the %s since ", capital ? "N" : "n",
            PICK (r, projects));
      put_year (b);
      break;
    case 4:
      putf (b, "%s %s has %s by ", capital ? "The" : "the", PICK (r, metrics),
            PICK (r, verbs_past));
      put_percent (b);
      putf (b, " since the %s began", PICK (r, projects));
      break;
    case 5:
      putf (b, "%sore than ", capital ? "M" : "m");
      put_count (b);
      putf (b, " were lost when the %s was cancelled", PICK (r, projects));
      break;
    default:
      putf (b, "%sach of the %s costs ", capital ? "E" : "e", PICK (r, groups));
      put_money (b);
      putf (b, " a %s", PICK (r, periods));
      break;
    }
  close_span (b, m, BENCH_SPAN_CLAUSE);
}

static void
put_sentence (Builder *b)
{
  BenchRand *r = b->rand;
  Mark m = mark (b);

  switch (bench_rand_below (r, 11))
    {
    case 0:
      put_person_with_role (b);
      putf (b, " said the %s would cost ", PICK (r, projects));
      put_money (b);
      put (b, " and take ");
      {
        Mark f = mark (b);

        putf (b, "%u months", 3 + bench_rand_below (r, 60));
        close_span (b, f, BENCH_SPAN_FIGURE);
      }
      put (b, ".");
      break;
    case 1:
      put (b, "According to ");
      put_org (b, FALSE);
      put (b, ", ");
      put_percent (b);
      putf (b, " of %s %s their spending on the %s last %s.", PICK (r, groups),
            PICK (r, verbs_past), PICK (r, projects), PICK (r, periods));
      break;
    case 2:
      put (b, "\u201c");
      put_clause (b, TRUE);
      put (b, ",\u201d said ");
      put_person (b);
      putf (b, ", who has followed the %s since ", PICK (r, projects));
      put_year (b);
      put (b, ".");
      break;
    case 3:
      putf (b, "The %s %s by ", PICK (r, metrics), PICK (r, verbs_past));
      put_percent (b);
      put (b, " to ");
      put_count (b);
      put (b, ", figures from ");
      put_org (b, FALSE);
      put (b, " show.");
      break;
    case 4:
      put_org (b, TRUE);
      putf (b, " did not respond to a request for comment on the %s.", PICK (r, projects));
      break;
    case 5:
      put (b, "Critics, among them ");
      put_person (b);
      put (b, ", argue that ");
      put_clause (b, FALSE);
      put (b, ".");
      break;
    case 6:
      put (b, "In ");
      put_year (b);
      put (b, ", ");
      put_org (b, FALSE);
      put (b, " set aside ");
      put_money (b);
      putf (b, " for the %s, %s more than it had planned.", PICK (r, projects),
            PICK (r, hedges));
      break;
    case 7:
      put_person (b);
      putf (b, " told the %s on %s that %s would pay ", PICK (r, bodies), PICK (r, weekdays),
            PICK (r, groups));
      put_money (b);
      putf (b, " a year under the new %s \u2014 ", PICK (r, projects));
      put_percent (b);
      put (b, " more than now.");
      break;
    case 8:
      put (b, "There were ");
      put_count (b);
      putf (b, " in %s at the end of ", PICK (r, places));
      put_year (b);
      put (b, ", up from ");
      put_count (b);
      put (b, " a decade earlier.");
      break;
    case 9:
      put_clause (b, TRUE);
      put (b, ", ");
      put_org (b, FALSE);
      put (b, " said in a statement.");
      break;
    default:
      put (b, "Asked about the ");
      putf (b, "%s, ", PICK (r, projects));
      put_person (b);
      put (b, " said: \u2018We will publish the numbers when they are final.\u2019");
      break;
    }
  close_span (b, m, BENCH_SPAN_SENTENCE);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const BenchSpan *x = a;
  const BenchSpan *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->type - (int) y->type;
}

char *
bench_headline (BenchRand *rand)
{
  const char *org = PICK (rand, orgs);
  g_autofree char *project = g_strdup (PICK (rand, projects));

  if (g_str_has_prefix (org, "the "))
    org += 4;
  switch (bench_rand_below (rand, 4))
    {
    case 0:
      return g_strdup_printf ("%s %s %s as costs climb", org, PICK (rand, verbs_present), project);
    case 1:
      return g_strdup_printf ("What the %s means for %s in %s", project, PICK (rand, groups),
                              PICK (rand, places));
    case 2:
      project[0] = g_ascii_toupper (project[0]);
      return g_strdup_printf ("%s: %s %s after %s review", project, org,
                              PICK (rand, verbs_present), PICK (rand, bodies));
    default:
      return g_strdup_printf ("%s %s the %s, %s says", PICK (rand, places),
                              PICK (rand, verbs_present), project, PICK (rand, last_names));
    }
}

void
bench_uuid (BenchRand *rand,
            char       out[37])
{
  guint64 hi = bench_rand_next (rand);
  guint64 lo = bench_rand_next (rand);

  /* Version 4, variant 10, like a random uuid, but determined by the seed. */
  g_snprintf (out, 37, "%08x-%04x-4%03x-%04x-%012" G_GINT64_MODIFIER "x",
              (guint) (hi >> 32), (guint) ((hi >> 16) & 0xffff), (guint) (hi & 0xfff),
              (guint) (0x8000 | (lo >> 48 & 0x3fff)), lo & G_GUINT64_CONSTANT (0xffffffffffff));
}

/* The uuid bench_store_article() gives the article made from @seed, so a
 * benchmark can find it again in a cached library. */
void
bench_article_uuid (guint64 seed,
                    char    out[37])
{
  BenchRand rand;

  bench_rand_init (&rand, seed ^ G_GUINT64_CONSTANT (0xa271c1e5a271c1e5));
  bench_uuid (&rand, out);
}

/**
 * bench_article_generate:
 * @target_bytes: the text stops at the first paragraph end past this
 */
BenchArticle *
bench_article_generate (guint64 seed,
                        gsize   target_bytes)
{
  BenchArticle *article = g_new0 (BenchArticle, 1);
  BenchRand rand;
  Builder b;
  guint paragraph = 0;

  bench_rand_init (&rand, seed);
  b.text = g_string_sized_new (target_bytes + 4096);
  b.cp = 0;
  b.spans = g_array_new (FALSE, FALSE, sizeof (BenchSpan));
  b.rand = &rand;

  while (b.text->len < target_bytes)
    {
      guint n = 2 + bench_rand_below (&rand, 5);

      if (paragraph > 0)
        put (&b, "\n\n");
      /* A subheading every dozen paragraphs or so, as long reports have. */
      if (paragraph > 0 && bench_rand_chance (&rand, 0.08))
        {
          g_autofree char *project = g_strdup (PICK (&rand, projects));

          project[0] = g_ascii_toupper (project[0]);
          putf (&b, "%s: what the numbers say\n\n", project);
        }
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            put (&b, " ");
          put_sentence (&b);
        }
      paragraph++;
    }

  g_array_sort (b.spans, compare_spans);
  article->n_bytes = b.text->len;
  article->length = b.cp;
  article->text = g_string_free (b.text, FALSE);
  article->spans = b.spans;
  article->title = bench_headline (&rand);
  article->author = g_strdup_printf ("%s %s", PICK (&rand, first_names), PICK (&rand, last_names));
  article->outlet = g_strdup (PICK (&rand, outlets));
  g_assert (fm_text_is_canonical (article->text));
  g_assert (fm_text_length (article->text) == article->length);
  return article;
}

void
bench_article_free (BenchArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->text);
  g_free (article->title);
  g_free (article->author);
  g_free (article->outlet);
  g_array_unref (article->spans);
  g_free (article);
}

/* Anchors @annotation on @span. fm_annotation_anchor() walks the text from
 * the pointer it is given; handing it a pointer just before the span, with
 * as much context as it would take, gives the same quote, prefix and suffix
 * without walking megabytes for each of 50,000 annotations. */
static void
anchor_on (FmAnnotation    *annotation,
           BenchArticle    *article,
           const BenchSpan *span)
{
  g_autoptr(GError) error = NULL;
  const char *base = article->text + span->start_byte;
  glong back = 0;

  while (back < FM_CONTEXT_LENGTH && base > article->text)
    {
      base = g_utf8_prev_char (base);
      back++;
    }
  if (!fm_annotation_anchor (annotation, base, article->length - (span->start - back), back,
                             back + (span->end - span->start), &error))
    g_error ("Cannot anchor a generated span: %s", error->message);
  fm_annotation_set_span (annotation, span->start, span->end);
}

static char *
make_note (BenchRand *rand)
{
  return g_strdup_printf ("%s %u.%s", PICK (rand, note_openers), 1 + bench_rand_below (rand, 240),
                          PICK (rand, note_closers));
}

static void
add_evidence (FmAnnotation *annotation,
              BenchRand    *rand)
{
  g_autofree char *url = NULL;

  if (bench_rand_chance (rand, 0.5))
    url = g_strdup_printf ("https://records.example.org/%s/%u", PICK (rand, slugs),
                           100 + bench_rand_below (rand, 90000));
  else
    url = g_strdup_printf ("https://archive.example.net/%u/%s-%u.pdf",
                           1995 + bench_rand_below (rand, 31), PICK (rand, slugs),
                           1 + bench_rand_below (rand, 400));
  fm_annotation_add_evidence (annotation, url,
                              bench_rand_chance (rand, 0.5) ? "Table 3, second column" : NULL);
}

static FmVerdict
random_verdict (BenchRand *rand,
                FmKind     kind)
{
  for (;;)
    {
      /* Most are still open, as on a real desk. */
      FmVerdict v = bench_rand_chance (rand, 0.4) ? FM_VERDICT_UNVERIFIED
                    : (FmVerdict) bench_rand_below (rand, FM_N_VERDICTS);

      if (fm_verdict_allowed_for_kind (v, kind))
        return v;
    }
}

typedef struct
{
  glong  start;
  gint64 id;
} PlacedSource;

static int
compare_placed (gconstpointer a,
                gconstpointer b)
{
  const PlacedSource *x = a;
  const PlacedSource *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* The index of the last source starting at or before @offset, or -1. */
static int
source_before (GArray *sources,
               glong   offset)
{
  int lo = 0, hi = (int) sources->len;

  while (lo < hi)
    {
      int mid = (lo + hi) / 2;

      if (g_array_index (sources, PlacedSource, mid).start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo - 1;
}

static void
shuffle (GArray    *indices,
         BenchRand *rand)
{
  for (guint i = indices->len; i > 1; i--)
    {
      guint j = bench_rand_below (rand, i);
      guint t = g_array_index (indices, guint, i - 1);

      g_array_index (indices, guint, i - 1) = g_array_index (indices, guint, j);
      g_array_index (indices, guint, j) = t;
    }
}

/* Up to @n spans from @pool (indices into the article's spans), drawn
 * without repeats while the pool lasts and with repeats after. */
static GArray *
draw (GArray    *pool,
      guint      n,
      BenchRand *rand)
{
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);

  if (pool->len == 0)
    return out;
  shuffle (pool, rand);
  for (guint i = 0; i < n; i++)
    {
      guint k = i < pool->len ? g_array_index (pool, guint, i)
                              : g_array_index (pool, guint, bench_rand_below (rand, pool->len));
      g_array_append_val (out, k);
    }
  return out;
}

static gboolean
store_one (FmStore       *store,
           FmAnnotation  *annotation,
           BenchRand     *rand,
           gint64        *clock,
           GError       **error)
{
  char uuid[37];

  bench_uuid (rand, uuid);
  fm_annotation_set_uuid (annotation, uuid);
  *clock += 20 + bench_rand_below (rand, 4000);
  fm_annotation_set_times (annotation, *clock * G_USEC_PER_SEC,
                           (*clock + bench_rand_below (rand, 86400)) * G_USEC_PER_SEC);
  return fm_store_add_annotation (store, annotation, error);
}

/**
 * bench_store_article:
 *
 * Adds @article to @store with @n_annotations on it, about a quarter
 * sources, a third figures and the rest claims; claims and figures mostly
 * attributed to a source nearby, half of them with a note, some with
 * evidence. Everything goes through FmStore's public API.
 *
 * Returns: the article's id, or 0 on error
 */
gint64
bench_store_article (FmStore       *store,
                     BenchArticle  *article,
                     guint64        seed,
                     guint          n_annotations,
                     GError       **error)
{
  g_autoptr(FmArticle) input = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) claims = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sources = g_array_new (FALSE, FALSE, sizeof (PlacedSource));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (BenchSpan));
  g_autoptr(GArray) chosen_sources = NULL;
  g_autoptr(GArray) chosen_figures = NULL;
  g_autoptr(GArray) chosen_claims = NULL;
  guint n_sources = n_annotations / 4;
  guint n_figures = n_annotations * 35 / 100;
  guint n_claims = n_annotations - n_sources - n_figures;
  gint64 clock = 1767225600;  /* 2026-01-01, in seconds */
  gint64 article_id;
  char uuid[37];
  BenchRand rand;
  glong last_sentence = -1;

  bench_rand_init (&rand, seed ^ G_GUINT64_CONSTANT (0x5eed5eed5eed5eed));

  bench_article_uuid (seed, uuid);
  fm_article_set_uuid (input, uuid);
  fm_article_set_text (input, article->text);
  fm_article_set_title (input, article->title);
  fm_article_set_author (input, article->author);
  fm_article_set_outlet (input, article->outlet);
  fm_article_set_lang (input, "en");
  fm_article_set_published (input, "2025-11-04");
  {
    g_autofree char *url = g_strdup_printf ("https://news.example.com/local/%s", uuid);
    fm_article_set_url (input, url);
  }
  fm_article_set_imported (input, (clock - 86400 * (gint64) bench_rand_below (&rand, 3000))
                                  * G_USEC_PER_SEC);
  stored = fm_store_add_article (store, input, NULL, error);
  if (stored == NULL)
    return 0;
  article_id = fm_article_get_id (stored);

  /* Sort the spans into pools by what they can be annotated as; a claim may
   * also run over two sentences, overlapping the claims on either. */
  for (guint i = 0; i < article->spans->len; i++)
    {
      const BenchSpan *span = &g_array_index (article->spans, BenchSpan, i);

      if (span->type == BENCH_SPAN_FIGURE)
        g_array_append_val (figures, i);
      if (span->type == BENCH_SPAN_NAME || span->type == BENCH_SPAN_ORG)
        g_array_append_val (names, i);
      if (span->type == BENCH_SPAN_SENTENCE || span->type == BENCH_SPAN_CLAUSE)
        g_array_append_val (claims, i);
      if (span->type == BENCH_SPAN_SENTENCE)
        {
          if (last_sentence >= 0 && bench_rand_chance (&rand, 0.15))
            {
              BenchSpan pair = g_array_index (article->spans, BenchSpan, last_sentence);

              pair.end = span->end;
              pair.end_byte = span->end_byte;
              pair.type = BENCH_SPAN_SENTENCE;
              g_array_append_val (pairs, pair);
            }
          last_sentence = i;
        }
    }

  /* Sources first, so claims and figures can point at them. */
  chosen_sources = draw (names, n_sources, &rand);
  g_array_sort (chosen_sources, compare_uints);
  for (guint i = 0; i < chosen_sources->len; i++)
    {
      const BenchSpan *span = &g_array_index (article->spans, BenchSpan,
                                              g_array_index (chosen_sources, guint, i));
      g_autoptr(FmAnnotation) a = fm_annotation_new (FM_KIND_SOURCE);

      fm_annotation_set_article_id (a, article_id);
      anchor_on (a, article, span);
      fm_annotation_set_source_type (a, span->type == BENCH_SPAN_NAME
                                        ? (bench_rand_chance (&rand, 0.8) ? FM_SOURCE_TYPE_PERSON
                                                                           : FM_SOURCE_TYPE_ANONYMOUS)
                                        : (FmSourceType) (1 + bench_rand_below (&rand, 5)));
      if (bench_rand_chance (&rand, 0.3))
        fm_annotation_set_name (a, fm_annotation_get_quote (a));
      if (bench_rand_chance (&rand, 0.5))
        {
          g_autofree char *note = make_note (&rand);
          fm_annotation_set_note (a, note);
        }
      if (!store_one (store, a, &rand, &clock, error))
        return 0;
      {
        PlacedSource placed = { span->start, fm_annotation_get_id (a) };
        g_array_append_val (sources, placed);
      }
    }
  g_array_sort (sources, compare_placed);

  chosen_figures = draw (figures, n_figures, &rand);
  chosen_claims = draw (claims, n_claims, &rand);

  for (guint i = 0; i < n_figures + n_claims; i++)
    {
      gboolean figure = i < n_figures;
      FmKind kind = figure ? FM_KIND_FIGURE : FM_KIND_CLAIM;
      g_autoptr(FmAnnotation) a = fm_annotation_new (kind);
      const BenchSpan *span;
      guint n_links;

      if (figure)
        span = &g_array_index (article->spans, BenchSpan, g_array_index (chosen_figures, guint, i));
      else if (pairs->len > 0 && bench_rand_chance (&rand, 0.1))
        span = &g_array_index (pairs, BenchSpan, bench_rand_below (&rand, pairs->len));
      else
        span = &g_array_index (article->spans, BenchSpan,
                               g_array_index (chosen_claims, guint, i - n_figures));

      fm_annotation_set_article_id (a, article_id);
      anchor_on (a, article, span);
      fm_annotation_apply_defaults (a);
      fm_annotation_set_verdict (a, random_verdict (&rand, kind));

      /* Attribute to the nearest sources before it, as a reporter would. */
      n_links = bench_rand_chance (&rand, 0.7) ? 1 + bench_rand_chance (&rand, 0.2) : 0;
      for (int j = source_before (sources, span->start); n_links > 0 && j >= 0; j--, n_links--)
        fm_annotation_add_source (a, g_array_index (sources, PlacedSource, j).id);

      if (bench_rand_chance (&rand, 0.5))
        {
          g_autofree char *note = make_note (&rand);
          fm_annotation_set_note (a, note);
        }
      if (bench_rand_chance (&rand, 0.3))
        add_evidence (a, &rand);
      if (bench_rand_chance (&rand, 0.1))
        add_evidence (a, &rand);
      if (!store_one (store, a, &rand, &clock, error))
        return 0;
    }

  return article_id;
}

static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (out, escaped);
}

/**
 * bench_html_page:
 *
 * Returns: a saved news page of about @target_bytes: a head with styles and
 *   scripts, navigation, the article's paragraphs with the bodies it names
 *   linked, a promotion box and a table now and then, and a footer
 */
char *
bench_html_page (guint64 seed,
                 gsize   target_bytes)
{
  /* Markup adds about a sixth to the text. */
  g_autoptr(BenchArticle) article = bench_article_generate (seed, target_bytes * 5 / 6);
  GString *out = g_string_sized_new (target_bytes + 65536);
  BenchRand rand;
  const char *text = article->text;
  gsize pos = 0;
  guint span_index = 0;
  guint paragraph = 0;

  bench_rand_init (&rand, seed + 1);
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
  g_string_append (out, "<title>");
  append_escaped (out, article->title, -1);
  g_string_append (out, " | ");
  append_escaped (out, article->outlet, -1);
  g_string_append (out, "</title>\n<meta name=\"viewport\" content=\"width=device-width\">\n"
                        "<meta property=\"og:type\" content=\"article\">\n"
                        "<style>body{font-family:serif;max-width:40em;margin:auto}"
                        ".promo{border:1px solid #ccc;padding:1em}nav a{margin-right:1em}</style>\n"
                        "<script>window.dataLayer=window.dataLayer||[];"
                        "function track(e){window.dataLayer.push(e)}</script>\n</head>\n<body>\n"
                        "<header><nav>");
  for (guint i = 0; i < 24; i++)
    g_string_append_printf (out, "<a href=\"/section/%s\">%s</a>", PICK (&rand, slugs),
                            PICK (&rand, slugs));
  g_string_append (out, "</nav></header>\n<main>\n<article>\n<h1>");
  append_escaped (out, article->title, -1);
  g_string_append (out, "</h1>\n<p class=\"byline\">By ");
  append_escaped (out, article->author, -1);
  g_string_append (out, " &middot; <time datetime=\"2025-11-04T08:30\">4 November 2025</time></p>\n<p>");

  while (pos < article->n_bytes)
    {
      const char *brk = strstr (text + pos, "\n\n");
      gsize end = brk ? (gsize) (brk - text) : article->n_bytes;

      /* Link the bodies named in this paragraph, as news sites do. */
      while (pos < end)
        {
          const BenchSpan *span = NULL;

          while (span_index < article->spans->len)
            {
              const BenchSpan *s = &g_array_index (article->spans, BenchSpan, span_index);

              if (s->start_byte >= pos && s->type == BENCH_SPAN_ORG)
                {
                  span = s;
                  break;
                }
              span_index++;
            }
          if (span == NULL || span->start_byte >= end)
            {
              append_escaped (out, text + pos, end - pos);
              pos = end;
              break;
            }
          append_escaped (out, text + pos, span->start_byte - pos);
          g_string_append_printf (out, "<a href=\"https://www.example.org/bodies/%u\">",
                                  bench_rand_below (&rand, 5000));
          append_escaped (out, text + span->start_byte, span->end_byte - span->start_byte);
          g_string_append (out, "</a>");
          pos = span->end_byte;
          span_index++;
        }
      g_string_append (out, "</p>\n");
      paragraph++;
      if (paragraph % 40 == 0)
        g_string_append (out, "<aside class=\"promo\"><h3>Get the morning briefing</h3>"
                              "<p>Local news in your inbox before 7am.</p>"
                              "<a href=\"/newsletters\">Sign up</a></aside>\n");
      if (paragraph % 60 == 0)
        {
          g_string_append (out, "<table><caption>Spending by year</caption>"
                                "<tr><th>Year</th><th>Budget</th><th>Spent</th></tr>");
          for (guint y = 0; y < 5; y++)
            g_string_append_printf (out, "<tr><td>%u</td><td>&pound;%u,%03u</td>"
                                         "<td>&pound;%u,%03u</td></tr>",
                                    2019 + y, 100 + bench_rand_below (&rand, 900),
                                    bench_rand_below (&rand, 1000), 100 + bench_rand_below (&rand, 900),
                                    bench_rand_below (&rand, 1000));
          g_string_append (out, "</table>\n");
        }
      if (pos < article->n_bytes)
        {
          pos += 2;
          g_string_append (out, "<p>");
        }
    }

  g_string_append (out, "</article>\n</main>\n<footer><p>&copy; 2025 ");
  append_escaped (out, article->outlet, -1);
  g_string_append (out, ". All rights reserved.</p><ul><li><a href=\"/about\">About us</a></li>"
                        "<li><a href=\"/privacy\">Privacy</a></li></ul></footer>\n"
                        "<script>track({page:'article'})</script>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}

/**
 * bench_plain_text:
 *
 * Returns: an article of about @target_bytes as a filed text: a title
 *   line, then paragraphs hard-wrapped at 72 columns
 */
char *
bench_plain_text (guint64 seed,
                  gsize   target_bytes)
{
  g_autoptr(BenchArticle) article = bench_article_generate (seed, target_bytes);
  GString *out = g_string_sized_new (target_bytes + 4096);
  const char *p = article->text;
  guint column = 0;

  g_string_append_printf (out, "%s\n\n", article->title);
  while (*p)
    {
      const char *word_end;

      if (p[0] == '\n')
        {
          g_string_append_c (out, '\n');
          column = 0;
          p++;
          continue;
        }
      if (p[0] == ' ')
        {
          p++;
          continue;
        }
      word_end = p;
      while (*word_end && *word_end != ' ' && *word_end != '\n')
        word_end++;
      if (column > 0 && column + 1 + g_utf8_strlen (p, word_end - p) > 72)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append_len (out, p, word_end - p);
      column += g_utf8_strlen (p, word_end - p);
      p = word_end;
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}
