/* anchor-corpus.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "anchor-corpus.h"
#include "fm-text.h"

/* News-like prose from word lists and sentence shapes written for these
 * tests, with names in several scripts, accents, combining marks that have
 * no precomposed form, curly quotes and the odd emoji, so that code point
 * offsets are exercised. The edits are the kind a newsroom makes: words
 * swapped, inserted and cut, figures corrected, whitespace reflowed, typos
 * fixed, paragraphs moved. */

static const char * const subjects[] = {
  "The ministry", "Officials", "The regional council", "Police", "Witnesses",
  "The company", "Aid groups", "The prime minister", "Local residents", "The army",
  "Investigators", "Health authorities", "The opposition", "Union leaders",
  "The central bank", "Prosecutors", "The mayor", "Rescue teams", "The governor",
  "Hospital staff", "The electoral commission", "Farmers", "The coast guard",
  "Engineers at the plant", "The defence ministry", "A senior diplomat",
};

static const char * const says[] = {
  "said", "told reporters", "announced", "claimed", "confirmed", "denied",
  "reported", "estimated", "warned", "insisted", "acknowledged", "stated",
};

static const char * const numbers[] = {
  "3,000", "12", "4.5 million", "17%", "$2.3 billion", "€40 million", "1,250",
  "two dozen", "86", "9,400", "0.7%", "£310,000", "45", "a third", "600",
  "2.1 million", "14,000", "73%", "¥8 billion", "five", "1,900", "38", "250,000",
};

static const char * const units[] = {
  "people", "troops", "households", "jobs", "tonnes of grain", "civilians",
  "migrants", "doctors", "homes", "vehicles", "schools", "votes", "patients",
  "workers", "flights", "shipments", "acres of farmland", "students",
};

static const char * const participles[] = {
  "killed", "displaced", "evacuated", "hired", "arrested", "injured",
  "vaccinated", "relocated", "cut", "added", "destroyed", "rebuilt", "counted",
  "detained", "released", "cancelled", "delayed", "inspected",
};

static const char * const places[] = {
  "the northern province", "the capital", "São Lourenço", "Malmö", "Kraków",
  "the border town of Velmar", "Zürichberg", "the coastal district",
  "Ka\xCC\xB1" "duna", "the eastern suburbs", "Ørestad", "the river valley",
  "Nový Dvůr", "the old port", "Qaryat al-Nur", "the highland villages",
  "Tōhoku", "the industrial zone", "Puerto Añasco",
};

static const char * const times[] = {
  "on Monday", "last week", "since March", "by the end of the year", "overnight",
  "on Thursday evening", "earlier this month", "in the past 24 hours",
  "two years ago", "at dawn", "this spring", "after the storm",
};

static const char * const names[] = {
  "Ana Müller", "José Ibáñez", "Chidi Okafor", "Li Wei", "Søren Dahl",
  "Fatima Zahra", "Piotr Nowak", "Aiko Tanaka", "Olumide Adeyemi", "Elif Şahin",
  "Dmitri Volkov", "Maëlle Durand", "Nguyễn Văn An", "Rania Haddad",
  "Tomás Ó Briain", "Kwame Mensah", "Ingrid Lund", "Ravi Menon",
};

static const char * const orgs[] = {
  "the Red Cross", "the health ministry", "the UN refugee agency",
  "the national statistics office", "a local monitoring group",
  "the state broadcaster", "the port authority", "the teachers' union",
  "the World Bank", "an independent auditor", "the interior ministry",
  "the energy regulator", "a regional newspaper",
};

static const char * const quotes[] = {
  "We will not back down", "The numbers speak for themselves",
  "Nobody warned us this was coming", "This is only the beginning",
  "We have done everything we could", "The situation is under control",
  "People are afraid to go home", "There is no money left for repairs",
  "We were told to wait, and we waited", "The report is accurate in every detail",
  "It will take years to rebuild", "Our doors remain open",
};

static const char * const fillers[] = {
  "according to a statement", "in a briefing", "without giving details",
  "citing internal figures", "in a post on social media 📢",
  "speaking on condition of anonymity", "in a written reply",
  "after a closed-door meeting", "according to documents seen by reporters",
  "in an interview with local radio", "as protests continued outside",
};

static const char * const adjectives[] = {
  "higher", "lower", "far higher", "slightly lower", "much smaller", "larger",
  "roughly similar", "well above", "below",
};

static const char * const nouns[] = {
  "bridge", "budget", "inquiry", "ceasefire", "strike", "harvest", "ferry service",
  "vaccination campaign", "recount", "curfew", "reservoir", "trial", "power grid",
  "evacuation", "audit", "water supply", "shipyard", "election",
};

static const char * const verbs[] = {
  "collapsed", "resumed", "was suspended", "was extended", "was approved",
  "stalled", "ended abruptly", "was postponed", "restarted", "was expanded",
  "came under review", "was halted",
};

static const char * const actions[] = {
  "hire", "compensate", "relocate", "vaccinate", "release", "inspect",
  "rehouse", "train", "evacuate", "count",
};

static const char * const extra_words[] = {
  "reportedly", "officially", "at least", "nearly", "more than", "about",
  "again", "also", "now", "still", "already", "quietly", "partly", "formally",
  "newly", "widely", "later", "initially", "separately", "in total",
};

/* splitmix64: small, fast and the same everywhere. */
typedef struct
{
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (rng_next (rng) % n);
}

#define PICK(rng, list) (list[rng_below ((rng), G_N_ELEMENTS (list))])

static void
append_sentence (GString *s,
                 Rng     *rng)
{
  switch (rng_below (rng, 9))
    {
    case 0:
      g_string_append_printf (s, "%s %s %s that %s %s had been %s in %s.",
                              PICK (rng, subjects), PICK (rng, says), PICK (rng, times),
                              PICK (rng, numbers), PICK (rng, units),
                              PICK (rng, participles), PICK (rng, places));
      break;
    case 1:
      g_string_append_printf (s, "“%s,” %s, a spokesperson for %s, %s.",
                              PICK (rng, quotes), PICK (rng, names), PICK (rng, orgs),
                              PICK (rng, says));
      break;
    case 2:
      g_string_append_printf (s, "%s %s the figure was %s than the %s %s reported %s.",
                              PICK (rng, names), PICK (rng, says), PICK (rng, adjectives),
                              PICK (rng, numbers), PICK (rng, units), PICK (rng, times));
      break;
    case 3:
      g_string_append_printf (s, "The %s in %s %s %s, %s.",
                              PICK (rng, nouns), PICK (rng, places), PICK (rng, verbs),
                              PICK (rng, times), PICK (rng, fillers));
      break;
    case 4:
      g_string_append_printf (s, "%s %s it would %s %s %s %s.",
                              PICK (rng, subjects), PICK (rng, says), PICK (rng, actions),
                              PICK (rng, numbers), PICK (rng, units), PICK (rng, times));
      break;
    case 5:
      g_string_append_printf (s, "According to %s, %s %s were %s in %s %s.",
                              PICK (rng, orgs), PICK (rng, numbers), PICK (rng, units),
                              PICK (rng, participles), PICK (rng, places), PICK (rng, times));
      break;
    case 6:
      g_string_append_printf (s, "%s, who %s the %s %s, said the cost had reached %s.",
                              PICK (rng, names), PICK (rng, says), PICK (rng, nouns),
                              PICK (rng, verbs), PICK (rng, numbers));
      break;
    case 7:
      g_string_append_printf (s, "“%s.” That was how %s described the %s in %s.",
                              PICK (rng, quotes), PICK (rng, names), PICK (rng, nouns),
                              PICK (rng, places));
      break;
    default:
      g_string_append_printf (s, "%s %s %s %s %s, %s.",
                              PICK (rng, subjects), PICK (rng, extra_words),
                              PICK (rng, says), PICK (rng, numbers), PICK (rng, units),
                              PICK (rng, fillers));
      break;
    }
}

static char *
make_article (Rng   *rng,
              glong  n_chars)
{
  GString *s = g_string_new ("Officials revise figures as the recovery drags on\n\n");
  glong length = g_utf8_strlen (s->str, -1);

  while (length < n_chars)
    {
      guint n = 2 + rng_below (rng, 5);
      gsize from = s->len;

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (s, ' ');
          append_sentence (s, rng);
        }
      g_string_append (s, "\n\n");
      length += g_utf8_strlen (s->str + from, s->len - from);
    }
  g_string_truncate (s, s->len - 2);
  g_string_append_c (s, '\n');
  return g_string_free (s, FALSE);
}

typedef struct
{
  glong     o1;
  glong     o2;
  gunichar *text;
  glong     len;
  glong     src;    /* For a moved paragraph: where its text came from. */
  gboolean  move;
} Op;

static gint
compare_ops (gconstpointer a,
             gconstpointer b)
{
  const Op *x = a;
  const Op *y = b;

  if (x->o1 != y->o1)
    return x->o1 < y->o1 ? -1 : 1;
  return (x->o2 > y->o2) - (x->o2 < y->o2);
}

static gboolean
claim (guint8 *used,
       glong   len,
       glong   from,
       glong   to)
{
  /* Edits keep a character of untouched text between them. */
  glong a = MAX (0, from - 1);
  glong b = MIN (len, to + 1);

  for (glong i = a; i < b; i++)
    if (used[i])
      return FALSE;
  for (glong i = a; i < b; i++)
    used[i] = 1;
  return TRUE;
}

static gunichar *
to_chars (const char *str,
          glong      *len)
{
  return g_utf8_to_ucs4_fast (str, -1, len);
}

static gboolean
has_digit (const gunichar *s,
           glong           from,
           glong           to)
{
  for (glong i = from; i < to; i++)
    if (g_unichar_isdigit (s[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_trailing_punct (gunichar c)
{
  return c == ',' || c == '.' || c == ';' || c == ':' || c == 0x201D || c == ')';
}

static char *
chars_utf8 (const gunichar *s,
            glong           len)
{
  return g_ucs4_to_utf8 (s, len, NULL, NULL, NULL);
}

AnchorCorpus *
anchor_corpus_new (const AnchorCorpusParams *params)
{
  AnchorCorpus *c = g_new0 (AnchorCorpus, 1);
  Rng rng = { params->seed };
  g_autofree gunichar *a = NULL;
  g_autofree guint8 *used = NULL;
  g_autofree glong *map = NULL;
  g_autoptr(GArray) tok_s = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autoptr(GArray) tok_e = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autoptr(GArray) paras = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autoptr(GArray) ops = g_array_new (FALSE, FALSE, sizeof (Op));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (gunichar));
  g_autofree glong *op_new = NULL;
  g_autofree glong *op_new_end = NULL;
  glong na;
  glong target;
  guint attempts = 0;

  c->old_text = make_article (&rng, params->n_chars);
  a = to_chars (c->old_text, &na);
  c->old_length = na;

  for (glong i = 0; i < na; i++)
    {
      if (!g_unichar_isspace (a[i]) && (i == 0 || g_unichar_isspace (a[i - 1])))
        g_array_append_val (tok_s, i);
      if (!g_unichar_isspace (a[i]) && (i + 1 == na || g_unichar_isspace (a[i + 1])))
        {
          glong end = i + 1;
          g_array_append_val (tok_e, end);
        }
      /* Paragraph starts: the first character after a blank line. */
      if (i == 0 || (i >= 2 && a[i - 1] == '\n' && a[i - 2] == '\n' && a[i] != '\n'))
        g_array_append_val (paras, i);
    }

  used = g_new0 (guint8, na + 1);

  /* Moves: cut a whole paragraph (with the blank line after it) and put it
   * back in front of another paragraph. Nothing else edits either place. */
  for (guint mv = 0; mv < params->n_moves && paras->len > 4; mv++)
    {
      guint pi = 1 + rng_below (&rng, paras->len - 2);
      guint pj = 1 + rng_below (&rng, paras->len - 2);
      glong ps = g_array_index (paras, glong, pi);
      glong pe = g_array_index (paras, glong, pi + 1);
      glong at = g_array_index (paras, glong, pj);
      Op del = { ps, pe, NULL, 0, -1, TRUE };
      Op ins = { at, at, NULL, 0, ps, TRUE };

      if (pi == pj || pi + 1 == pj || (at >= ps - 1 && at <= pe + 1))
        continue;
      if (!claim (used, na, ps, pe) || !claim (used, na, at, at))
        continue;
      ins.text = g_memdup2 (a + ps, (pe - ps) * sizeof (gunichar));
      ins.len = pe - ps;
      g_array_append_val (ops, del);
      g_array_append_val (ops, ins);
    }

  target = (glong) (params->edit_fraction * na);
  while (c->edited_chars < target && attempts++ < 1000000)
    {
      guint t = rng_below (&rng, tok_s->len);
      glong ts = g_array_index (tok_s, glong, t);
      glong te = g_array_index (tok_e, glong, t);
      guint kind = rng_below (&rng, 100);
      Op op = { 0, 0, NULL, 0, -1, FALSE };
      GString *repl = g_string_new (NULL);

      if (kind < 35)
        {
          /* Replace one to three words. */
          guint n = 1 + rng_below (&rng, 3);
          guint last = MIN (t + n - 1, tok_e->len - 1);

          op.o1 = ts;
          op.o2 = g_array_index (tok_e, glong, last);
          for (guint i = 0; i < n; i++)
            g_string_append_printf (repl, "%s%s", i ? " " : "",
                                    rng_below (&rng, 2) ? PICK (&rng, extra_words)
                                                        : PICK (&rng, units));
          if (op.o2 < na && is_trailing_punct (a[op.o2 - 1]))
            g_string_append_unichar (repl, a[op.o2 - 1]);
        }
      else if (kind < 55)
        {
          /* Cut one to five words and the space before them. */
          guint n = 1 + rng_below (&rng, 5);
          guint last = MIN (t + n - 1, tok_e->len - 1);

          op.o1 = ts > 0 ? ts - 1 : ts;
          op.o2 = g_array_index (tok_e, glong, last);
          if (has_digit (a, op.o1, op.o2) && rng_below (&rng, 2))
            op.o2 = op.o1;
        }
      else if (kind < 80)
        {
          /* Insert words before a word. */
          guint n = 1 + rng_below (&rng, 6);

          op.o1 = op.o2 = ts;
          for (guint i = 0; i < n; i++)
            g_string_append_printf (repl, "%s ", rng_below (&rng, 3) ? PICK (&rng, extra_words)
                                                                      : PICK (&rng, units));
        }
      else if (kind < 90)
        {
          /* Correct a figure: change a digit or two of the next number. */
          guint k = t;

          while (k < tok_s->len && !has_digit (a, g_array_index (tok_s, glong, k),
                                              g_array_index (tok_e, glong, k)))
            k++;
          if (k == tok_s->len)
            {
              g_string_free (repl, TRUE);
              continue;
            }
          ts = g_array_index (tok_s, glong, k);
          te = g_array_index (tok_e, glong, k);
          op.o1 = -1;
          for (glong i = ts; i < te; i++)
            if (g_unichar_isdigit (a[i]))
              {
                if (op.o1 < 0)
                  op.o1 = i;
                op.o2 = i + 1;
              }
          for (glong i = op.o1; i < op.o2; i++)
            {
              if (g_unichar_isdigit (a[i]) && rng_below (&rng, 2))
                g_string_append_c (repl, '0' + (a[i] - '0' + 1 + rng_below (&rng, 8)) % 10);
              else
                g_string_append_unichar (repl, a[i]);
            }
          if (rng_below (&rng, 4) == 0)
            g_string_append_c (repl, '0');
        }
      else if (kind < 95)
        {
          /* Reflow: a space becomes two, or a line break. */
          if (te >= na || a[te] != ' ')
            {
              g_string_free (repl, TRUE);
              continue;
            }
          op.o1 = te;
          op.o2 = te + 1;
          g_string_append (repl, rng_below (&rng, 2) ? "  " : "\n");
        }
      else
        {
          /* Fix a typo: one character of a word. */
          glong at;

          if (te - ts < 3)
            {
              g_string_free (repl, TRUE);
              continue;
            }
          at = ts + 1 + rng_below (&rng, te - ts - 2);
          op.o1 = at;
          op.o2 = at + 1;
          g_string_append_c (repl, 'a' + rng_below (&rng, 26));
        }

      if (op.o2 < op.o1 || (op.o1 == op.o2 && repl->len == 0)
          || !claim (used, na, op.o1, op.o2))
        {
          g_string_free (repl, TRUE);
          continue;
        }
      op.text = g_utf8_to_ucs4_fast (repl->str, -1, &op.len);
      g_string_free (repl, TRUE);
      c->edited_chars += MAX (op.o2 - op.o1, op.len);
      g_array_append_val (ops, op);
    }
  c->n_edits = ops->len;

  /* Apply the edits in order, noting where each old character went. */
  g_array_sort (ops, compare_ops);
  map = g_new (glong, na + 1);
  op_new = g_new (glong, ops->len);
  op_new_end = g_new (glong, ops->len);
  {
    glong i = 0;

    for (guint k = 0; k <= ops->len; k++)
      {
        glong stop = k < ops->len ? g_array_index (ops, Op, k).o1 : na;

        for (; i < stop; i++)
          {
            map[i] = b->len;
            g_array_append_val (b, a[i]);
          }
        if (k == ops->len)
          break;
        {
          Op *op = &g_array_index (ops, Op, k);

          for (glong j = op->o1; j < op->o2; j++)
            if (!op->move)
              map[j] = -1;
          op_new[k] = b->len;
          for (glong j = 0; j < op->len; j++)
            {
              if (op->move && op->src >= 0)
                map[op->src + j] = b->len;
              g_array_append_val (b, op->text[j]);
            }
          op_new_end[k] = b->len;
          i = op->o2;
        }
      }
    map[na] = b->len;
  }
  c->new_text = chars_utf8 ((gunichar *) (gpointer) b->data, b->len);
  c->new_length = b->len;

  /* Annotations: figures, short names and phrases, clauses and long
   * passages, each inside one paragraph, cut at word boundaries. */
  c->n_spans = params->n_spans;
  c->spans = g_new0 (FmAnchorSpan, c->n_spans);
  c->truth = g_new0 (AnchorTruth, c->n_spans);
  for (guint n = 0; n < c->n_spans; n++)
    {
      FmAnchorSpan *sp = &c->spans[n];
      AnchorTruth *tr = &c->truth[n];
      guint t = rng_below (&rng, tok_s->len);
      guint roll = rng_below (&rng, 100);
      guint words;
      glong s, e;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;
      double deleted = 0, inserted = 0;
      glong m;

      if (roll < 20)
        {
          while (t + 1 < tok_s->len && !has_digit (a, g_array_index (tok_s, glong, t),
                                                   g_array_index (tok_e, glong, t)))
            t++;
          words = 1;
        }
      else if (roll < 45)
        words = 1 + rng_below (&rng, 3);
      else if (roll < 80)
        words = 4 + rng_below (&rng, 8);
      else
        words = 12 + rng_below (&rng, 25);

      s = g_array_index (tok_s, glong, t);
      e = g_array_index (tok_e, glong, t);
      for (guint w = 1; w < words && t + w < tok_s->len; w++)
        {
          glong ns = g_array_index (tok_s, glong, t + w);
          gboolean para_break = FALSE;

          for (glong i = e; i < ns; i++)
            para_break |= a[i] == '\n';
          if (para_break)
            break;
          e = g_array_index (tok_e, glong, t + w);
        }
      while (e - s > 1 && is_trailing_punct (a[e - 1]))
        e--;
      if (s > 0 && a[s] == 0x201C && e - s > 1)
        s++;

      sp->start = s;
      sp->end = e;
      sp->quote = chars_utf8 (a + s, e - s);
      sp->prefix = chars_utf8 (a + MAX (0, s - FM_CONTEXT_LENGTH), s - MAX (0, s - FM_CONTEXT_LENGTH));
      sp->suffix = chars_utf8 (a + e, MIN (na, e + FM_CONTEXT_LENGTH) - e);

      /* The truth: where the surviving characters went, and the text of
       * the edits that touched the quote. */
      m = e - s;
      tr->core_start = tr->core_end = -1;
      for (glong i = s; i < e; i++)
        if (map[i] >= 0)
          {
            if (tr->core_start < 0)
              tr->core_start = map[i];
            tr->core_end = map[i] + 1;
          }
      tr->outer_start = tr->core_start;
      tr->outer_end = tr->core_end;
      for (guint k = 0; k < ops->len; k++)
        {
          const Op *op = &g_array_index (ops, Op, k);
          glong lo = MAX (op->o1, s);
          glong hi = MIN (op->o2, e);
          gboolean touches;

          if (op->move)
            continue;
          touches = op->o1 == op->o2 ? (op->o1 > s && op->o1 < e) : hi > lo;
          if (!touches)
            continue;
          deleted += MAX (0, hi - lo);
          if (op->o1 == op->o2 || (op->o1 >= s && op->o2 <= e))
            inserted += op->len;
          else
            inserted += (double) op->len * (hi - lo) / (op->o2 - op->o1);
          if (op->len > 0)
            {
              tr->outer_start = tr->outer_start < 0 ? op_new[k] : MIN (tr->outer_start, op_new[k]);
              tr->outer_end = MAX (tr->outer_end, op_new_end[k]);
            }
        }
      tr->edited = MAX (deleted, inserted) / m;
      if (deleted == 0 && inserted == 0)
        tr->kind = TRUTH_UNTOUCHED;
      else if (tr->edited <= 0.2)
        tr->kind = TRUTH_LIGHT;
      else if (tr->outer_start >= 0)
        tr->kind = TRUTH_HEAVY;
      else
        tr->kind = TRUTH_DELETED;
    }

  for (guint k = 0; k < ops->len; k++)
    g_free (g_array_index (ops, Op, k).text);
  return c;
}

void
anchor_corpus_free (AnchorCorpus *c)
{
  for (guint i = 0; i < c->n_spans; i++)
    {
      g_free ((char *) c->spans[i].quote);
      g_free ((char *) c->spans[i].prefix);
      g_free ((char *) c->spans[i].suffix);
    }
  g_free (c->spans);
  g_free (c->truth);
  g_free (c->old_text);
  g_free (c->new_text);
  g_free (c);
}

void
anchor_corpus_score (const AnchorCorpus *c,
                     GArray             *results,
                     AnchorScore        *score)
{
  memset (score, 0, sizeof *score);
  for (guint i = 0; i < c->n_spans; i++)
    {
      const AnchorTruth *tr = &c->truth[i];
      const FmAnchorResult *r = &g_array_index (results, FmAnchorResult, i);
      glong m = c->spans[i].end - c->spans[i].start;
      glong tol = MAX (2, m / 10);

      score->n[tr->kind]++;
      if (r->state == FM_ANCHOR_ORPHANED)
        {
          score->orphaned[tr->kind]++;
          continue;
        }
      if (tr->kind == TRUTH_UNTOUCHED)
        {
          if (r->start == tr->core_start && r->end == tr->core_end)
            {
              score->exact++;
              score->on_edited[tr->kind]++;
            }
          else if (r->start < tr->core_end && tr->core_start < r->end)
            score->sloppy[tr->kind]++;
          else
            score->wrong[tr->kind]++;
          continue;
        }
      if (tr->outer_start < 0 || r->end <= tr->outer_start || r->start >= tr->outer_end)
        score->wrong[tr->kind]++;
      else if (r->start >= tr->outer_start - tol && r->end <= tr->outer_end + tol)
        score->on_edited[tr->kind]++;
      else
        score->sloppy[tr->kind]++;
    }
}

void
anchor_score_print (const AnchorScore *s,
                    const char        *prefix)
{
  static const char * const kinds[] = { "untouched", "light", "heavy", "deleted" };

  for (guint k = 0; k < 4; k++)
    printf ("%s%-9s %5u: placed right %5u, loose %4u, orphaned %5u, wrong %3u\n",
            prefix, kinds[k], s->n[k], s->on_edited[k], s->sloppy[k],
            s->orphaned[k], s->wrong[k]);
}
