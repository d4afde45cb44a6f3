/* test-export-csv.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The CSV export: RFC 4180 rows, and no formulas for a spreadsheet to run. */

#include "config.h"

#include <string.h>

#include "export-fixture.h"

static void
test_golden_csv (void)
{
  check_golden (FM_EXPORT_FORMAT_CSV, "sample.csv");
}

static void
test_csv_rows (void)
{
  g_autofree char *csv = export_sample (FM_EXPORT_FORMAT_CSV, NULL);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  char **header = g_ptr_array_index (rows, 0);
  static const char * const columns[] = {
    "id", "kind", "start", "end", "line", "column", "quote", "verdict", "value", "unit",
    "name", "source_type", "sources", "note", "evidence", "state", "original_quote",
    "confirmed",
  };

  g_assert_cmpuint (rows->len, ==, 1 + N_SAMPLE);
  g_assert_cmpuint (g_strv_length (header), ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpstr (header[i], ==, columns[i]);

  /* Each row is where the hand-worked offsets, line and column say, and
   * its quote survives the quoting. */
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      guint index = (guint) g_ascii_strtoull (row[0] + strlen ("00000000-0000-4000-8000-"),
                                              NULL, 10) - 1;
      const SampleSpan *s;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autofree char *line = NULL;
      g_autofree char *column = NULL;
      const char *quote = row[column_index (header, "quote")];

      g_assert_cmpuint (g_strv_length (row), ==, G_N_ELEMENTS (columns));
      /* The orphan has no hand-worked place; /export/csv/states checks it. */
      if (index == ORPHAN_INDEX)
        continue;
      g_assert_cmpuint (index, <, G_N_ELEMENTS (sample_spans));
      s = &sample_spans[index];
      start = g_strdup_printf ("%ld", s->start);
      end = g_strdup_printf ("%ld", s->end);
      line = g_strdup_printf ("%u", s->line);
      column = g_strdup_printf ("%u", s->column);
      g_assert_cmpstr (row[column_index (header, "kind")], ==, fm_kind_to_string (s->kind));
      g_assert_cmpstr (row[column_index (header, "start")], ==, start);
      g_assert_cmpstr (row[column_index (header, "end")], ==, end);
      g_assert_cmpstr (row[column_index (header, "line")], ==, line);
      g_assert_cmpstr (row[column_index (header, "column")], ==, column);
      if (s->quote[0] == '=')
        g_assert_cmpstr (quote + 1, ==, s->quote);
      else
        g_assert_cmpstr (quote, ==, s->quote);
    }

  /* Text order: the figure "9 to 4" comes first. */
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[6], ==, "9 to 4");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[12], ==, "Mayor Jo Park");
}

/* An orphan's row has no position at all, its state says why, and both new
 * columns obey the quoting and the neutralising of formulas. */
static void
test_csv_states (void)
{
  g_autofree char *csv = export_updated (FM_EXPORT_FORMAT_CSV, NULL, FM_ANCHOR_CHANGED);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  char **header = g_ptr_array_index (rows, 0);
  char **changed = NULL;
  char **orphan = NULL;
  static const char * const position[] = { "start", "end", "line", "column" };

  g_assert_cmpuint (rows->len, ==, 1 + N_SAMPLE);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      const char *state = row[column_index (header, "state")];

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
      g_assert_true (fm_anchor_state_from_string (state, NULL));
      if (g_str_has_suffix (row[0], "000000000011"))
        changed = row;
      else if (g_str_has_suffix (row[0], "000000000012"))
        orphan = row;
      else
        {
          g_assert_cmpstr (state, ==, "unchanged");
          g_assert_cmpstr (row[column_index (header, "original_quote")], ==, "");
          g_assert_cmpstr (row[column_index (header, "confirmed")], ==, "true");
        }
    }

  /* The orphan is the last row, after every placed annotation. */
  g_assert_true (orphan == g_ptr_array_index (rows, rows->len - 1));
  g_assert_nonnull (changed);
  g_assert_cmpstr (changed[column_index (header, "state")], ==, "changed");
  g_assert_cmpstr (changed[column_index (header, "original_quote")], ==, changed_original);
  g_assert_cmpstr (changed[column_index (header, "confirmed")], ==, "false");
  g_assert_cmpstr (changed[column_index (header, "start")], ==, "333");

  g_assert_cmpstr (orphan[column_index (header, "state")], ==, "orphaned");
  g_assert_cmpstr (orphan[column_index (header, "original_quote")], ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (position); i++)
    g_assert_cmpstr (orphan[column_index (header, position[i])], ==, "");
  /* Its quote starts with "=", so it is neutralised. */
  g_assert_cmpstr (orphan[column_index (header, "quote")] + 1, ==, orphan_quote);
  g_assert_cmpint (orphan[column_index (header, "quote")][0], ==, '\'');
  g_assert_cmpstr (orphan[column_index (header, "sources")], ==, "Mayor Jo Park");
  g_assert_cmpstr (orphan[column_index (header, "verdict")], ==, "false");
}

static void
test_csv_injection (void)
{
  static const char * const dangerous[] = {
    "=HYPERLINK(\"http://x.example\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
  };
  static const char * const harmless[] = { "1+1", "'=x", " =x", "a=b", "" };
  const char *text = "=HYPERLINK is a quote here. @handle -5 degrees +3 points.";
  g_autoptr(FmArticle) article = build_article (text);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char **header;
  FmAnnotation *figure;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dangerous); i++)
    {
      FmAnnotation *a = new_annotation (text, n++, FM_KIND_SOURCE, i, i + 1);

      fm_annotation_set_name (a, dangerous[i]);
      fm_annotation_set_note (a, dangerous[i]);
      g_ptr_array_add (annotations, a);
    }
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      FmAnnotation *a = new_annotation (text, n++, FM_KIND_CLAIM, 20 + i, 21 + i);

      fm_annotation_set_note (a, *harmless[i] ? harmless[i] : NULL);
      g_ptr_array_add (annotations, a);
    }
  /* Quotes from the text: "=HYPERLINK", "@handle", "-5 degrees". */
  g_ptr_array_add (annotations, new_annotation (text, n++, FM_KIND_CLAIM, 0, 10));
  g_ptr_array_add (annotations, new_annotation (text, n++, FM_KIND_SOURCE, 28, 35));
  figure = new_annotation (text, n++, FM_KIND_FIGURE, 36, 46);
  fm_annotation_set_value (figure, TRUE, -5);
  fm_annotation_set_unit (figure, "=degrees");
  fm_annotation_add_evidence (figure, "=cmd|' /C calc'!A0", NULL);
  /* An update of the text changed its words; the first ones start a
   * formula too. */
  fm_annotation_set_state (figure, FM_ANCHOR_CHANGED);
  fm_annotation_set_original_quote (figure, "@SUM(A1:A9)");
  g_ptr_array_add (annotations, figure);

  csv = fm_export_to_string (FM_EXPORT_FORMAT_CSV, article, annotations, NULL, &error);
  g_assert_no_error (error);
  rows = parse_csv (csv);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (rows->len, ==, 1 + n);

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      guint index = (guint) g_ascii_strtoull (row[0] + strlen ("00000000-0000-4000-8000-"),
                                              NULL, 10) - 1;

      /* No cell in the file can start a formula. */
      for (guint c = 0; row[c] != NULL; c++)
        {
          if (c == column_index (header, "value"))
            continue;
          if (row[c][0] != '\0' && strchr ("=+-@\t\r", row[c][0]) != NULL)
            g_error ("row %u column %s starts a formula: %s", r, header[c], row[c]);
        }

      if (index < G_N_ELEMENTS (dangerous))
        {
          g_autofree char *expected = g_strconcat ("'", dangerous[index], NULL);

          g_assert_cmpstr (row[column_index (header, "name")], ==, expected);
          g_assert_cmpstr (row[column_index (header, "note")], ==, expected);
        }
      else if (index < G_N_ELEMENTS (dangerous) + G_N_ELEMENTS (harmless))
        g_assert_cmpstr (row[column_index (header, "note")], ==,
                         harmless[index - G_N_ELEMENTS (dangerous)]);
    }

  /* The quotes from the text are neutralised too; the value is a number. */
  g_assert_nonnull (strstr (csv, ",'=HYPERLINK,unverified,"));
  g_assert_nonnull (strstr (csv, ",'@handle,"));
  g_assert_nonnull (strstr (csv, ",'-5 degrees,unverified,-5,'=degrees,"));
  g_assert_nonnull (strstr (csv, ",'=cmd|' /C calc'!A0,changed,'@SUM(A1:A9),"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/golden/csv", test_golden_csv);
  g_test_add_func ("/export/csv/rows", test_csv_rows);
  g_test_add_func ("/export/csv/states", test_csv_states);
  g_test_add_func ("/export/csv/injection", test_csv_injection);

  return g_test_run ();
}
