/* fm-export.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fm-export.h"
#include "fm-export-pdf.h"
#include "fm-export-private.h"
#include "fm-factsheet.h"
#include "fm-file.h"
#include "fm-fragment.h"
#include "fm-text.h"
#include "fm-types.h"

/* Every export starts from the same context: the annotations in text order,
 * each with its line, column, number within its kind and RFC 5147 link, so
 * the formats cannot disagree about where an entry is. The JSON fact sheet
 * stays the reference; the others are views of what it holds. */

typedef struct
{
  const char        *name;
  const char        *label;
  const char        *extension;
  const char        *suffix;
  const char        *mime_type;
  FmExportWriteFunc  write;
  /* What the format writes for an entry besides its quote and note, and
   * whether it holds the article's text: enough to guess how long the
   * export will be. The bytes are a tenth over what each wrote for the
   * benchmark's fully filled-in entries. */
  gsize              entry_bytes;
  gboolean           has_text;
} FormatInfo;

/* One row per format, in FmExportFormat's order: a new format is a value
 * of the enum, a row here and its write function. */
static const FormatInfo formats[] = {
  { "json", N_("JSON fact sheet"), "json", ".json", "application/json", fm_factsheet_write,
    780, TRUE },
  { "markdown", N_("Markdown"), "md", ".md", "text/markdown", fm_export_markdown, 170, TRUE },
  { "html", N_("HTML page"), "html", ".html", "text/html", fm_export_html, 760, TRUE },
  { "csv", N_("CSV table"), "csv", ".csv", "text/csv", fm_export_csv, 150, FALSE },
  { "w3c", N_("W3C Web Annotations"), "jsonld", "-annotations.jsonld", "application/ld+json",
    fm_export_w3c, 1870, FALSE },
  { "claimreview", N_("ClaimReview (schema.org)"), "jsonld", "-claimreview.jsonld",
    "application/ld+json", fm_export_claimreview, 150, FALSE },
  /* The PDF is laid out page by page from its own context, so it has no
   * write function of this kind; export_to_gstring() calls it instead. */
  { "pdf", N_("PDF document"), "pdf", ".pdf", "application/pdf", NULL, 0, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (formats) == FM_N_EXPORT_FORMATS);

const char *
fm_export_format_to_string (FmExportFormat format)
{
  g_return_val_if_fail (format < FM_N_EXPORT_FORMATS, NULL);
  return formats[format].name;
}

gboolean
fm_export_format_from_string (const char     *str,
                              FmExportFormat *format)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < FM_N_EXPORT_FORMATS; i++)
    {
      if (g_str_equal (str, formats[i].name))
        {
          if (format != NULL)
            *format = (FmExportFormat) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
fm_export_format_to_label (FmExportFormat format)
{
  g_return_val_if_fail (format < FM_N_EXPORT_FORMATS, NULL);
  return _(formats[format].label);
}

/**
 * fm_export_format_get_extension:
 *
 * Returns: the file name extension, without the dot. The two JSON-LD formats
 *   share one; fm_export_dup_filename() tells their files apart.
 */
const char *
fm_export_format_get_extension (FmExportFormat format)
{
  g_return_val_if_fail (format < FM_N_EXPORT_FORMATS, NULL);
  return formats[format].extension;
}

const char *
fm_export_format_get_mime_type (FmExportFormat format)
{
  g_return_val_if_fail (format < FM_N_EXPORT_FORMATS, NULL);
  return formats[format].mime_type;
}

/**
 * fm_export_dup_filename:
 *
 * Returns: a file name to offer in a save dialog: the article's title in
 *   lower-case ASCII words joined by dashes, and the format's extension.
 */
char *
fm_export_dup_filename (FmExportFormat  format,
                        FmArticle      *article)
{
  g_autofree char *ascii = NULL;
  g_autoptr(GString) slug = g_string_new (NULL);
  const char *title;

  g_return_val_if_fail (format < FM_N_EXPORT_FORMATS, NULL);
  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);

  title = fm_article_get_title (article);
  /* Transliterate so "Wójcik" becomes "wojcik" rather than losing a letter;
   * a title in another script leaves nothing and falls back below. */
  ascii = g_str_to_ascii (title != NULL ? title : "", "C");
  for (const char *p = ascii; *p != '\0' && slug->len < 60; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "fact-sheet");

  g_string_append (slug, formats[format].suffix);
  return g_string_free (g_steal_pointer (&slug), FALSE);
}

FmExportRevision *
fm_export_revision_copy (const FmExportRevision *revision)
{
  FmExportRevision *copy;

  g_return_val_if_fail (revision != NULL, NULL);

  copy = g_new0 (FmExportRevision, 1);
  copy->number = revision->number;
  copy->created = revision->created;
  copy->origin = g_strdup (revision->origin);
  copy->sha256 = g_strdup (revision->sha256);
  copy->length = revision->length;
  copy->text = g_strdup (revision->text);
  return copy;
}

void
fm_export_revision_free (FmExportRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->origin);
  g_free (revision->sha256);
  g_free (revision->text);
  g_free (revision);
}

/**
 * fm_export_list_revisions:
 * @store: the library
 * @article_id: the article whose revisions to read
 * @error: return location for an error
 *
 * Reads the article's revisions with their texts, for
 * FmExportOptions.revisions. The store keeps the current text as the last
 * revision once the article has been updated; it is listed too, so that
 * the sheet keeps when and from where that text came.
 *
 * Returns: (transfer container) (element-type FmExportRevision): the
 *   revisions, oldest first, empty for an article never updated; or %NULL
 *   with @error set
 */
GPtrArray *
fm_export_list_revisions (FmStore  *store,
                          gint64    article_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  listed = fm_store_list_revisions (store, article_id, error);
  if (listed == NULL)
    return NULL;

  revisions = g_ptr_array_new_full (listed->len, (GDestroyNotify) fm_export_revision_free);
  for (guint i = 0; i < listed->len; i++)
    {
      FmRevision *r = g_ptr_array_index (listed, i);
      g_autoptr(FmExportRevision) revision = g_new0 (FmExportRevision, 1);

      revision->text = fm_store_get_revision_text (store, r->id, error);
      if (revision->text == NULL)
        return NULL;
      revision->number = r->number;
      revision->created = r->created;
      revision->origin = g_strdup (r->origin);
      revision->sha256 = g_strdup (r->sha256);
      revision->length = r->length;
      g_ptr_array_add (revisions, g_steal_pointer (&revision));
    }
  return g_steal_pointer (&revisions);
}

/* Helpers the formats share. */

FmExportEntry *
fm_export_context_lookup (FmExportContext *ctx,
                          gint64           id)
{
  gpointer index;

  g_assert (ctx != NULL);

  if (!g_hash_table_lookup_extended (ctx->by_id, &id, NULL, &index))
    return NULL;
  return FM_EXPORT_ENTRY (ctx, GPOINTER_TO_UINT (index));
}

/**
 * fm_export_source_names:
 *
 * Returns: (transfer container): the names of the sources @annotation is
 *   attributed to, in the order they were attributed. A link to a source
 *   that is not among the exported annotations is skipped, as the JSON fact
 *   sheet skips it.
 */
GPtrArray *
fm_export_source_names (FmExportContext *ctx,
                        FmAnnotation    *annotation)
{
  GArray *sources = fm_annotation_get_sources (annotation);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *entry = fm_export_context_lookup (ctx, g_array_index (sources, gint64, i));

      if (entry != NULL)
        g_ptr_array_add (names, (gpointer) fm_annotation_get_display_name (entry->annotation));
    }
  return names;
}

/**
 * fm_export_format_value:
 *
 * Returns: a figure's value as a plain number whatever the locale, without
 *   an exponent for any amount a news story is likely to print.
 */
char *
fm_export_format_value (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Most figures are whole numbers, which "%.15g" writes as their digits
   * below 10^15; writing those directly spares a printf per figure. Minus
   * zero keeps its sign, as printf writes it. */
  if (fabs (value) < 1e15 && value == floor (value) && !(value == 0 && signbit (value)))
    {
      guint64 digits = (guint64) fabs (value);
      char *p = buf + sizeof buf;

      *--p = '\0';
      do
        {
          *--p = '0' + digits % 10;
          digits /= 10;
        }
      while (digits > 0);
      if (value < 0)
        *--p = '-';
      return g_strdup (p);
    }
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

/**
 * fm_export_append_uint:
 *
 * Appends @value in decimal, as "%" G_GUINT64_FORMAT would, without the
 * cost of a printf for each of the many numbers a large export writes.
 */
void
fm_export_append_uint (GString *out,
                       guint64  value)
{
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = end;

  do
    {
      *--p = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  g_string_append_len (out, p, end - p);
}

/* The badge an entry of a fact sheet gets after an update of the article's
 * text, or NULL when there is nothing for the reader to look at. A changed
 * entry says whether someone has read its new words and confirmed that the
 * annotation still holds, since a verdict given on other words may no
 * longer be about what the article says. */
const char *
fm_export_state_label (FmAnnotation *annotation)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (annotation), NULL);

  switch (fm_annotation_get_state (annotation))
    {
    case FM_ANCHOR_CHANGED:
      if (fm_annotation_get_confirmed (annotation))
        /* Translators: a badge on an entry of an exported fact sheet whose
         * words changed when the article's text was updated, and which
         * someone has since read again and confirmed. */
        return _("Changed, confirmed");
      /* Translators: a badge on an entry of an exported fact sheet whose
       * words changed when the article's text was updated, and which no
       * one has read again yet. */
      return _("Changed, not yet confirmed");
    case FM_ANCHOR_ORPHANED:
      /* Translators: a badge on an entry of an exported fact sheet that
       * could not be found again when the article's text was updated. */
      return _("Orphaned");
    case FM_ANCHOR_UNCHANGED:
    case FM_ANCHOR_MOVED:
    default:
      return NULL;
    }
}

static inline gboolean
is_refused_in_url (guchar c)
{
  switch (c)
    {
    case '"': case '<': case '>': case '\\': case '^': case '`': case '{': case '|': case '}':
    case 0x7f:
      return TRUE;
    default:
      return c <= ' ';
    }
}

/**
 * fm_export_is_web_url:
 *
 * Returns: whether @url is an absolute http or https URL with a host and
 *   nothing in it that a browser would strip or reinterpret; only those
 *   become links in an export.
 */
gboolean
fm_export_is_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL)
    return FALSE;

  /* Browsers drop tabs and newlines inside URLs and trim spaces around
   * them, which is how "java\nscript:" slips past a scheme check; the other
   * characters RFC 3986 never allows unencoded are refused too, so a URL
   * that is really markup never becomes a link. */
  for (const char *p = url; *p != '\0'; p++)
    if (is_refused_in_url ((guchar) *p))
      return FALSE;

  /* The scheme is what comes before the first colon, so this is
   * g_uri_parse_scheme() compared with both, without its copy. */
  if (g_ascii_strncasecmp (url, "http:", 5) != 0 && g_ascii_strncasecmp (url, "https:", 6) != 0)
    return FALSE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  host = g_uri_get_host (uri);
  return host != NULL && *host != '\0';
}

static int
compare_annotations (gconstpointer a,
                     gconstpointer b)
{
  FmAnnotation *x = *(FmAnnotation **) a;
  FmAnnotation *y = *(FmAnnotation **) b;
  gboolean xo = fm_annotation_is_orphan (x), yo = fm_annotation_is_orphan (y);
  glong xs = fm_annotation_get_start (x), ys = fm_annotation_get_start (y);
  glong xe = fm_annotation_get_end (x), ye = fm_annotation_get_end (y);
  gint64 xi = fm_annotation_get_id (x), yi = fm_annotation_get_id (y);

  /* Orphans go after every placed annotation, so each comes after the
   * placed ones of its kind and numbering them does not shift the numbers
   * of the others. An orphan keeps nothing of where it was, so orphans are
   * ordered by their quote (code point order, the same in every locale). */
  if (xo != yo)
    return xo ? 1 : -1;
  if (xo)
    {
      int by_quote = g_strcmp0 (fm_annotation_get_quote (x), fm_annotation_get_quote (y));

      if (by_quote != 0)
        return by_quote;
    }

  /* The store's order: by start, the longer span first so it encloses the
   * shorter, then by id; the uuid settles ties between unsaved ones. */
  if (xs != ys)
    return xs < ys ? -1 : 1;
  if (xe != ye)
    return xe > ye ? -1 : 1;
  if (xi != yi)
    return xi < yi ? -1 : 1;
  return g_strcmp0 (fm_annotation_get_uuid (x), fm_annotation_get_uuid (y));
}

/* Where an offset is: the line and column fm_text_walker_seek() gives, for
 * offsets that never go back, in one quick pass over the text. */
typedef struct
{
  const guchar *p;
  glong         offset;
  guint         line;
  guint         column;
} Walker;

static void
walker_seek (Walker *walker,
             glong   offset)
{
  const guchar *p = walker->p;
  glong at = walker->offset;
  guint line = walker->line;
  guint column = walker->column;

  g_assert (offset >= at);

  for (; at < offset; at++)
    {
      if (*p == '\n')
        {
          line++;
          column = 1;
          p++;
        }
      else
        {
          column++;
          p += g_utf8_skip[*p];
        }
    }
  walker->p = p;
  walker->offset = at;
  walker->line = line;
  walker->column = column;
}

static void
clear_entry (FmExportEntry *entry)
{
  g_clear_object (&entry->annotation);
  g_clear_pointer (&entry->link, g_free);
}

static void
context_clear (FmExportContext *ctx)
{
  g_clear_pointer (&ctx->entries, g_array_unref);
  g_clear_pointer (&ctx->by_id, g_hash_table_unref);
  g_clear_pointer (&ctx->link_base, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FmExportContext, context_clear)

static gboolean
context_init (FmExportContext        *ctx,
              FmArticle              *article,
              GPtrArray              *annotations,
              const FmExportOptions  *options,
              GError                **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (annotations->len);
  g_autoptr(GString) link = g_string_new (NULL);
  gboolean in_order = TRUE;
  glong length;
  Walker walker;

  g_assert (FM_IS_ARTICLE (article));

  memset (ctx, 0, sizeof *ctx);
  ctx->article = article;
  ctx->text = fm_article_get_text (article);
  ctx->options = options;
  ctx->entries = g_array_sized_new (FALSE, TRUE, sizeof (FmExportEntry), annotations->len);
  g_array_set_clear_func (ctx->entries, (GDestroyNotify) clear_entry);
  ctx->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx->link_base = fm_article_dup_link_base (article);
  for (guint k = 0; k < FM_N_KINDS; k++)
    ctx->kind_labels[k] = fm_kind_to_label ((FmKind) k);
  for (guint v = 0; v < FM_N_VERDICTS; v++)
    ctx->verdict_labels[v] = fm_verdict_to_label ((FmVerdict) v);
  for (guint t = 0; t < FM_N_SOURCE_TYPES; t++)
    ctx->source_type_labels[t] = fm_source_type_to_label ((FmSourceType) t);

  if (ctx->text == NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The article “%s” has no text to export"),
                   fm_article_get_display_title (article));
      return FALSE;
    }

  length = fm_text_count (ctx->text, strlen (ctx->text));
  /* A plain copy: it borrows the caller's references. */
  for (guint i = 0; i < annotations->len; i++)
    {
      g_ptr_array_add (sorted, g_ptr_array_index (annotations, i));
      if (i > 0 && in_order)
        in_order = compare_annotations (&sorted->pdata[i - 1], &sorted->pdata[i]) <= 0;
    }
  /* The store lists them in this order already, but for orphans; checking
   * costs a tenth of sorting. */
  if (!in_order)
    g_ptr_array_sort (sorted, compare_annotations);
  walker = (Walker) { (const guchar *) ctx->text, 0, 1, 1 };

  for (guint i = 0; i < sorted->len; i++)
    {
      FmAnnotation *annotation = g_ptr_array_index (sorted, i);
      FmKind kind = fm_annotation_get_kind (annotation);
      glong start = fm_annotation_get_start (annotation);
      glong end = fm_annotation_get_end (annotation);
      FmExportEntry entry = { 0 };
      gint64 id = fm_annotation_get_id (annotation);

      /* An annotation that no longer fits its text would put a mark or a
       * selector in the wrong place; say so rather than export it. An
       * orphan has no place at all, and is exported by its quote alone. */
      if (!fm_annotation_is_orphan (annotation)
          && !fm_text_check_span (ctx->text, length, start, end, error))
        {
          g_prefix_error (error, _("Cannot export annotation %s: "),
                          fm_annotation_get_uuid (annotation));
          return FALSE;
        }
      if (fm_annotation_get_uuid (annotation) == NULL)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("Cannot export the annotation at %ld–%ld: it has no uuid"),
                       start, end);
          return FALSE;
        }

      /* Its quote is all that is left of an orphan: every format shows it,
       * and the W3C export selects by it. */
      if (fm_annotation_is_orphan (annotation)
          && (fm_annotation_get_quote (annotation) == NULL
              || *fm_annotation_get_quote (annotation) == '\0'))
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("Cannot export annotation %s: it has neither a place in the text "
                         "nor a quote"),
                       fm_annotation_get_uuid (annotation));
          return FALSE;
        }

      entry.annotation = g_object_ref (annotation);
      entry.number = ++ctx->counts[kind];
      if (!fm_annotation_is_orphan (annotation))
        {
          walker_seek (&walker, start);
          entry.line = walker.line;
          entry.column = walker.column;
          g_string_assign (link, ctx->link_base);
          fm_fragment_append_char (link, start, end);
          entry.link = g_strndup (link->str, link->len);
        }
      g_array_append_val (ctx->entries, entry);

      if (id != 0)
        g_hash_table_insert (ctx->by_id, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i));
    }

  return TRUE;
}

/* The bytes of an entry's own words, which every format but the CSV
 * table escapes more or less as they are. */
static gsize
entry_strings (FmExportContext *ctx)
{
  gsize bytes = 0;

  for (guint i = 0; i < ctx->entries->len; i++)
    {
      FmAnnotation *annotation = FM_EXPORT_ENTRY (ctx, i)->annotation;
      const char *note = fm_annotation_get_note (annotation);

      bytes += strlen (fm_annotation_get_quote (annotation));
      if (note != NULL)
        bytes += strlen (note);
    }
  return bytes;
}

/* A guess at the export's length, a little over for a typical sheet; a
 * guess under it only costs the copies it was meant to spare. */
static gsize
estimate_size (const FormatInfo *info,
               FmExportContext  *ctx)
{
  gsize size = 4096 + entry_strings (ctx) + ctx->entries->len * info->entry_bytes;

  if (info->has_text && ctx->options->with_text)
    size += strlen (ctx->text);
  return size;
}

static GString *
pdf_to_gstring (FmArticle              *article,
                GPtrArray              *annotations,
                const FmExportOptions  *options,
                GError                **error)
{
  g_autoptr(GBytes) pdf = fm_export_pdf_to_bytes (article, annotations, options, error);
  GString *out;
  gsize len;
  const char *data;

  if (pdf == NULL)
    return NULL;
  data = g_bytes_get_data (pdf, &len);
  out = g_string_sized_new (len);
  g_string_append_len (out, data, len);
  return out;
}

/* Writes the export into a new GString, whose length counts every byte of
 * it, so a format that is not text could be written as well. */
static GString *
export_to_gstring (FmExportFormat          format,
                   FmArticle              *article,
                   GPtrArray              *annotations,
                   const FmExportOptions  *options,
                   GError                **error)
{
  static const FmExportOptions defaults = FM_EXPORT_OPTIONS_INIT;
  g_auto(FmExportContext) ctx = { 0 };
  g_autoptr(GString) out = NULL;

  if (options == NULL)
    options = &defaults;

  if (format == FM_EXPORT_FORMAT_PDF)
    return pdf_to_gstring (article, annotations, options, error);

  if (!context_init (&ctx, article, annotations, options, error))
    return NULL;

  /* GString doubles as it grows, copying all it holds each time; starting
   * near the export's size spares those copies. */
  out = g_string_sized_new (estimate_size (&formats[format], &ctx));
  if (!formats[format].write (&ctx, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * fm_export_to_string:
 * @format: the format to write
 * @article: the article, with its text
 * @annotations: (element-type FmAnnotation): its annotations, in any order
 * @options: (nullable): the options, or %NULL for FM_EXPORT_OPTIONS_INIT
 * @error: return location for an error
 *
 * Writes the fact sheet of @article in @format. It touches neither the
 * article nor the annotations, so it may run in a thread on copies of them.
 *
 * Returns: (transfer full): the fact sheet as UTF-8 text, or %NULL with
 *   @error set when an annotation does not fit the text or an option is
 *   not usable.
 */
char *
fm_export_to_string (FmExportFormat          format,
                     FmArticle              *article,
                     GPtrArray              *annotations,
                     const FmExportOptions  *options,
                     GError                **error)
{
  GString *out;

  g_return_val_if_fail (format < FM_N_EXPORT_FORMATS, NULL);
  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (annotations != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* A PDF holds binary streams, which a string would cut at a NUL. */
  if (format == FM_EXPORT_FORMAT_PDF)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("A PDF is not text; write it to a file instead"));
      return NULL;
    }

  out = export_to_gstring (format, article, annotations, options, error);
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

/* The context outside this file: the print layout builds on it too. */
gboolean
fm_export_context_init (FmExportContext        *ctx,
                        FmArticle              *article,
                        GPtrArray              *annotations,
                        const FmExportOptions  *options,
                        GError                **error)
{
  return context_init (ctx, article, annotations, options, error);
}

void
fm_export_context_clear (FmExportContext *ctx)
{
  context_clear (ctx);
}

/**
 * fm_export_write:
 * @file: where to write; a local file is replaced atomically
 *
 * Exports as fm_export_to_string() does and writes the result to @file. On
 * failure the file keeps what it held before.
 *
 * Returns: whether the file was written
 */
gboolean
fm_export_write (FmExportFormat          format,
                 FmArticle              *article,
                 GPtrArray              *annotations,
                 const FmExportOptions  *options,
                 GFile                  *file,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(GString) data = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (format < FM_N_EXPORT_FORMATS, FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = export_to_gstring (format, article, annotations, options, error);
  if (data == NULL)
    return FALSE;

  /* Building a large sheet takes a while; a cancel during it must not
   * still replace the file. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path != NULL)
    return fm_file_write_atomic (path, data->str, data->len, error);

  /* A file without a local path (a remote location from the file chooser)
   * goes through GIO, which also writes a temporary file and renames it
   * where the backend allows. */
  return g_file_replace_contents (file, data->str, data->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                  cancellable, error);
}

typedef struct
{
  FmExportFormat  format;
  FmArticle      *article;
  GPtrArray      *annotations;
  gboolean        with_text;
  char           *organization;
  char           *base_url;
  GPtrArray      *revisions;
  GFile          *file;
} WriteData;

static void
write_data_free (WriteData *data)
{
  g_clear_object (&data->article);
  g_clear_pointer (&data->annotations, g_ptr_array_unref);
  g_clear_pointer (&data->organization, g_free);
  g_clear_pointer (&data->base_url, g_free);
  g_clear_pointer (&data->revisions, g_ptr_array_unref);
  g_clear_object (&data->file);
  g_free (data);
}

static gpointer
copy_revision (gconstpointer revision,
               gpointer      user_data)
{
  return fm_export_revision_copy (revision);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  FmExportOptions options = {
    data->with_text, data->organization, data->base_url, data->revisions,
  };
  GError *error = NULL;

  if (fm_export_write (data->format, data->article, data->annotations, &options, data->file,
                       cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * fm_export_write_async:
 *
 * Exports and writes in a worker thread, as fm_export_write() does, so a
 * large sheet never blocks the main loop. The article, annotations and
 * revisions are copied before this returns, so the caller may go on
 * changing them.
 */
void
fm_export_write_async (FmExportFormat          format,
                       FmArticle              *article,
                       GPtrArray              *annotations,
                       const FmExportOptions  *options,
                       GFile                  *file,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data;

  g_return_if_fail (format < FM_N_EXPORT_FORMATS);
  g_return_if_fail (FM_IS_ARTICLE (article));
  g_return_if_fail (annotations != NULL);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (WriteData, 1);
  data->format = format;
  data->article = fm_article_copy (article);
  data->annotations = g_ptr_array_new_full (annotations->len, g_object_unref);
  for (guint i = 0; i < annotations->len; i++)
    g_ptr_array_add (data->annotations,
                     fm_annotation_copy (g_ptr_array_index (annotations, i)));
  data->with_text = options != NULL ? options->with_text : TRUE;
  data->organization = options != NULL ? g_strdup (options->organization) : NULL;
  data->base_url = options != NULL ? g_strdup (options->base_url) : NULL;
  if (options != NULL && options->revisions != NULL)
    data->revisions = g_ptr_array_copy (options->revisions, copy_revision, NULL);
  data->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_export_write_async);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

gboolean
fm_export_write_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fm_export_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
