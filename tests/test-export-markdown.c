/* test-export-markdown.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Markdown fact sheet. */

#include "config.h"

#include <string.h>

#include "export-fixture.h"

static void
test_golden_markdown (void)
{
  check_golden (FM_EXPORT_FORMAT_MARKDOWN, "sample.md");
}

/* Returns @md without its code spans, whose content is shown literally. */
static char *
strip_code_spans (const char *md)
{
  GString *out = g_string_new (NULL);
  const char *p = md;

  while (*p != '\0')
    {
      gsize fence = strspn (p, "`");
      g_autofree char *closer = NULL;
      const char *end;

      if (fence == 0 || (p > md && p[-1] == '\\'))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      closer = g_strnfill (fence, '`');
      end = strstr (p + fence, closer);
      g_assert_nonnull (end);
      g_string_append (out, "CODE");
      p = end + fence;
    }
  return g_string_free (out, FALSE);
}

static void
test_markdown_escapes (void)
{
  g_autofree char *md = export_sample (FM_EXPORT_FORMAT_MARKDOWN, NULL);
  g_autofree char *prose = strip_code_spans (md);
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);

  /* Markup and Markdown from the article and notes arrive as text: outside
   * code spans, every "<" is escaped or opens an autolink to a web
   * address. */
  for (const char *p = strchr (prose, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      if (p > prose && p[-1] == '\\')
        continue;
      g_assert_true (g_str_has_prefix (p, "<https://") || g_str_has_prefix (p, "<http://"));
      g_assert_cmpint (strcspn (p, " >\n"), ==, strcspn (p, ">"));
    }
  g_assert_nonnull (strstr (md, "\\<b\\>"));
  g_assert_nonnull (strstr (md, "\\<script\\>"));
  g_assert_nonnull (strstr (md, "\\*Environment Agency\\*"));
  g_assert_nonnull (strstr (md, "\\$30 million"));

  /* The quote's lines stay in the block quote and cannot start a heading,
   * a list or an ordered list there. */
  g_assert_nonnull (strstr (md, "> \\# Not a heading\\\n> \\- not a list\\\n> 1998\\. The last"));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      /* Only the sheet's own headings start with "#". */
      if (line[0] == '#')
        g_assert_true (g_str_has_prefix (line, "# Fact sheet: ") || g_str_has_prefix (line, "## ")
                       || g_str_has_prefix (line, "### "));
      /* A note's second line is indented under its list item. */
      if (g_str_has_prefix (line, "- **Note:** Check the"))
        g_assert_cmpstr (lines[i + 1], ==, "  \"homes\" vs 'households' 🏠");
    }

  /* Only web addresses become links: the others are code, where neither
   * Markdown nor GitHub's autolinks can make a link of them. */
  g_assert_nonnull (strstr (md, "<https://example.org/flood-report.pdf> — Agency report, p. 4"));
  g_assert_nonnull (strstr (md, "  - `javascript:alert(document.cookie)`\n"));
  g_assert_nonnull (strstr (md, "  - `https://evil.example/\"><script>alert(1)</script>` — "));
  g_assert_null (strstr (md, "<javascript:"));
  g_assert_null (strstr (md, "](javascript:"));
  g_assert_null (strstr (md, "** \n"));
}

/* A changed entry says what it was, an orphan that it has no place: no
 * position and no link, and it comes after the placed claims. */
static void
test_markdown_states (void)
{
  g_autofree char *md = export_updated (FM_EXPORT_FORMAT_MARKDOWN, NULL, FM_ANCHOR_CHANGED);
  g_autofree char *moved = export_updated (FM_EXPORT_FORMAT_MARKDOWN, NULL, FM_ANCHOR_MOVED);
  const char *claim5 = strstr (md, "### Claim 5 · Mostly true\n");
  const char *claim6 = strstr (md, "### Claim 6 · False\n");
  const char *figures = strstr (md, "## Figures");
  g_autofree char *orphan = NULL;

  g_assert_nonnull (strstr (md, "## Claims (6)\n"));
  g_assert_nonnull (claim5);
  g_assert_nonnull (claim6);
  g_assert_nonnull (figures);
  g_assert_true (claim5 < claim6 && claim6 < figures);

  g_assert_true (g_str_has_prefix (claim5, "### Claim 5 · Mostly true\n\n> ends in 2027\n\n"
                                   "- **Changed, not yet confirmed** — was: “ends in 2026 \\& \"on budget\"”\n"
                                   "- **Position:** line 7, column 26 · "));

  orphan = g_strndup (claim6, figures - claim6);
  g_assert_cmpstr (orphan, ==,
                   "### Claim 6 · False\n\n"
                   "> \\=Half the homes are \\<b\\>already\\</b\\> \\| \"safe\"\n\n"
                   "- **Orphaned** — not found in the current text\n"
                   "- **Verdict:** False\n"
                   "- **Sources:** Mayor Jo Park\n"
                   "- **Note:** Cut in the update of 4 February.\n\n");

  /* Only the changed and orphaned entries are marked. */
  g_assert_null (strstr (claim6 + 1, "**Changed, not yet confirmed**"));
  g_assert_null (strstr (md, "**First marked as:**"));

  /* Found again by a later update, it is no longer marked as changed, but
   * still shows the words it was first made on. */
  g_assert_null (strstr (moved, "**Changed, not yet confirmed**"));
  g_assert_nonnull (strstr (moved, "> ends in 2027\n\n"
                                   "- **First marked as:** “ends in 2026 \\& \"on budget\"”\n"
                                   "- **Position:** line 7, column 26 · "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/golden/markdown", test_golden_markdown);
  g_test_add_func ("/export/markdown/escapes", test_markdown_escapes);
  g_test_add_func ("/export/markdown/states", test_markdown_states);

  return g_test_run ();
}
