/* fm-store-figures.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include "fm-figure-conflicts.h"
#include "fm-store-private.h"

/* Every figure of the library in one query, with the text around it for
 * fm-figure-conflicts.c to find its subject in. The figures come article by
 * article in the order of their spans, so each article's text is read once
 * and walked once from start to end. */

/* Characters of text kept on each side of a figure: more than most
 * sentences need, fewer than would copy whole paragraphs. */
#define WINDOW 240

/* Titles and dates come with the join; the text, stored after them in the
 * row, is read once per article by its own statement. */
static const char SQL_LIST_FIGURES[] =
  "SELECT a.id, a.article_id, a.value, a.unit, a.quote, a.start, a.\"end\", ar.title,"
  "  ar.published, a.suffix"
  " FROM annotations a JOIN articles ar ON ar.id = a.article_id"
  " WHERE a.kind = 'figure' AND a.start IS NOT NULL"
  " ORDER BY a.article_id, a.start";
static const char SQL_ARTICLE_TEXT[] = "SELECT text FROM articles WHERE id = ?1";

static void
figure_clear (FmFigure *figure)
{
  g_free (figure->unit);
  g_free (figure->quote);
  g_free (figure->article_title);
  g_free (figure->published);
  g_free (figure->before);
  g_free (figure->after);
}

FmFigure *
fm_figure_ref (FmFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);
  return g_rc_box_acquire (figure);
}

void
fm_figure_unref (FmFigure *figure)
{
  if (figure != NULL)
    g_rc_box_release_full (figure, (GDestroyNotify) figure_clear);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup (fm_store_column_text (stmt, i));
}

static char *
read_text (FmStore  *self,
           gint64    article_id,
           GError  **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_ARTICLE_TEXT, error);
  char *text;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  text = rc == SQLITE_ROW ? dup_column (stmt, 0) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    fm_store_set_sqlite_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
  return text;
}

/* Where a text is read up to, in bytes and code points; figures come in
 * the order of their starts, so it only moves forward. */
typedef struct
{
  const char *text;
  const char *p;
  glong       offset;
} Cursor;

static void
cursor_seek (Cursor *cursor,
             glong   offset)
{
  if (offset < cursor->offset)
    {
      cursor->p = cursor->text;
      cursor->offset = 0;
    }
  for (; cursor->offset < offset && *cursor->p; cursor->offset++)
    cursor->p = g_utf8_next_char (cursor->p);
}

/* Up to WINDOW characters on either side of the figure's span, which the
 * cursor has reached the start of. */
static void
take_window (FmFigure *figure,
             Cursor   *cursor)
{
  const char *start = cursor->p, *end = cursor->p, *p;
  guint n;

  for (glong i = figure->start; i < figure->end && *end; i++)
    end = g_utf8_next_char (end);
  for (p = start, n = 0; n < WINDOW && p > cursor->text; n++)
    p = g_utf8_prev_char (p);
  figure->before = g_strndup (p, start - p);
  for (p = end, n = 0; n < WINDOW && *p; n++)
    p = g_utf8_next_char (p);
  g_free (figure->after);
  figure->after = g_strndup (end, p - end);
}

static FmFigure *
figure_from_row (sqlite3_stmt *stmt)
{
  FmFigure *figure = g_rc_box_new0 (FmFigure);

  figure->annotation_id = sqlite3_column_int64 (stmt, 0);
  figure->article_id = sqlite3_column_int64 (stmt, 1);
  figure->has_value = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  figure->value = sqlite3_column_double (stmt, 2);
  figure->unit = dup_column (stmt, 3);
  figure->quote = dup_column (stmt, 4);
  figure->start = sqlite3_column_int64 (stmt, 5);
  figure->end = sqlite3_column_int64 (stmt, 6);
  figure->article_title = dup_column (stmt, 7);
  figure->published = dup_column (stmt, 8);
  /* The stored context, until the text's own is read: enough for what
   * the figure counts. */
  figure->after = dup_column (stmt, 9);
  return figure;
}

/**
 * fm_store_list_figures_matching:
 * @func: (nullable): keeps a figure when it returns %TRUE; it sees the
 *   figure with only the stored context after its span, not yet the text
 *   around it
 *
 * Returns: (transfer container) (element-type FmFigure): the figures with
 *   a place in their article's text that @func keeps, article by article in
 *   text order; only their articles' texts are read
 */
GPtrArray *
fm_store_list_figures_matching (FmStore        *self,
                                FmFigureFilter  func,
                                gpointer        user_data,
                                GError        **error)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_figure_unref);
  g_autofree char *text = NULL;
  gint64 text_id = 0;
  Cursor cursor = { 0 };
  sqlite3_stmt *stmt;
  int rc;
  gboolean failed = FALSE;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_LIST_FIGURES, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FmFigure *figure = figure_from_row (stmt);

      if (func != NULL && !func (figure, user_data))
        {
          fm_figure_unref (figure);
          continue;
        }
      g_ptr_array_add (figures, figure);
      if (figure->article_id != text_id)
        {
          g_free (text);
          if ((failed = !(text = read_text (self, figure->article_id, error))))
            break;
          text_id = figure->article_id;
          cursor = (Cursor) { text, text, 0 };
        }
      cursor_seek (&cursor, figure->start);
      take_window (figure, &cursor);
    }
  sqlite3_reset (stmt);
  if (failed)
    return NULL;
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&figures);
}

/**
 * fm_store_list_figures:
 *
 * Returns: (transfer container) (element-type FmFigure): every figure with
 *   a place in its article's text, article by article in text order
 */
GPtrArray *
fm_store_list_figures (FmStore  *self,
                       GError  **error)
{
  return fm_store_list_figures_matching (self, NULL, NULL, error);
}
