/* fm-import-html-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "fm-import-html.h"

G_BEGIN_DECLS

/* A reader view in three steps. First the page is parsed with libxml2's
 * tolerant HTML parser and the metadata is read from its head (meta tags,
 * JSON-LD, the title). Then the body is cleaned of what is never article
 * text (scripts, hidden parts, navigation, comments, share bars) and every
 * paragraph-like block gives points to the few elements above it, so the
 * element that holds most of the prose wins; its siblings that look like
 * more of the same are added. Last, the winner is laid out as plain text.
 *
 * When the winner holds too little text, the attempt is made again on a
 * fresh parse with one cleaning rule fewer, since a page whose article sits
 * in a block named "comments-wrapper" is better read whole than not at all.
 *
 * Every walk over the tree is iterative (libxml2 itself refuses to nest
 * deeper than 256 elements), and the work per node is bounded, so a large
 * page costs time in proportion to its size. */

/* Blocks of prose shorter than this give no points. */
#define MIN_PARAGRAPH_CHARS 25
/* An article shorter than this makes us try again with fewer rules. */
#define MIN_ARTICLE_CHARS 500
/* How many of the best-scoring elements are compared. */
#define N_TOP_CANDIDATES 5
/* How many levels above a paragraph receive its points. */
#define SCORE_LEVELS 5
/* A byline is a line, not a paragraph. */
#define MAX_BYLINE_CHARS 100

typedef enum
{
  RULE_STRIP_UNLIKELY = 1 << 0,
  RULE_WEIGHT_CLASSES = 1 << 1,
  RULE_CLEAN_BLOCKS   = 1 << 2,
  RULES_ALL           = RULE_STRIP_UNLIKELY | RULE_WEIGHT_CLASSES | RULE_CLEAN_BLOCKS,
} Rules;

/* What we remember about an element while scoring; it hangs off the
 * node's _private pointer, which libxml2 leaves to the application. */
typedef struct
{
  double   score;
  gboolean scored;
  gboolean data_table;
} NodeInfo;

typedef struct
{
  htmlDocPtr  doc;
  Rules       rules;
  GPtrArray  *infos;      /* NodeInfo, owned */
  GPtrArray  *removed;    /* unlinked subtrees, freed with the attempt */
  const char *title;      /* borrowed: the article title, to spot a heading repeating it */
  char      **byline;     /* borrowed: a byline found in the body in this attempt */
} Attempt;

typedef struct
{
  GHashTable *meta;       /* normalized meta name or property -> content */
  GHashTable *from_property; /* keys whose value came from a property attribute */
  char       *ld_title;
  char       *ld_name;
  char       *ld_author;
  char       *ld_published;
  char       *ld_publisher;
  char       *ld_url;
} PageMeta;

/* Measures text as fm_html_inner_text() would write it, without writing
 * it. */
typedef struct
{
  glong    chars;
  guint    commas;
  gboolean started;
  gboolean space;
} Counter;

extern GRegex *fm_html_re_unlikely;
extern GRegex *fm_html_re_maybe;
extern GRegex *fm_html_re_positive;
extern GRegex *fm_html_re_negative;
extern GRegex *fm_html_re_byline;
extern GRegex *fm_html_re_share;

extern const char *const fm_html_heading_tags[];
extern const char *const fm_html_scored_tags[];
extern const char *const fm_html_unlikely_roles[];

/* Walking, measuring and changing the tree (fm-import-html-tree.c). */
void        fm_html_init_once              (void);
gboolean    fm_html_name_in                (const char        *name,
                                            const char *const *set);
gboolean    fm_html_is_element             (xmlNode *node);
gboolean    fm_html_has_tag                (xmlNode    *node,
                                            const char *name);
gboolean    fm_html_tag_in                 (xmlNode           *node,
                                            const char *const *set);
const char *fm_html_attr                   (xmlNode    *node,
                                            const char *name);
xmlNode *   fm_html_walk_next              (xmlNode  *node,
                                            xmlNode  *root,
                                            gboolean descend);
xmlNode *   fm_html_next_element           (xmlNode  *node,
                                            gboolean skip_children);
guint       fm_html_count_element_children (xmlNode *node);
gboolean    fm_html_has_ancestor           (xmlNode    *node,
                                            const char *name,
                                            gboolean   data_table_only);
gboolean    fm_html_is_space               (gunichar c);
gboolean    fm_html_is_invisible           (gunichar c);
gboolean    fm_html_is_ascii_space         (char c);
void        fm_html_measure                (xmlNode *root,
                                            Counter *counter);
glong       fm_html_text_length            (xmlNode *root);
char *      fm_html_inner_text             (xmlNode *root);
char *      fm_html_collapse               (const char *s);
double      fm_html_link_density           (xmlNode *root);
gboolean    fm_html_is_whitespace_node     (xmlNode *node);
char *      fm_html_class_and_id           (xmlNode *node);
gboolean    fm_html_regex_match            (GRegex     *re,
                                            const char *str);
guint       fm_html_count_words            (const char *text);
double      fm_html_text_similarity        (const char *a,
                                            const char *b);
void        fm_html_remove_node            (Attempt *at,
                                            xmlNode *node);
xmlNode *   fm_html_remove_and_next        (Attempt *at,
                                            xmlNode *node);
void        fm_html_rename_node            (xmlNode    *node,
                                            const char *name);
NodeInfo *  fm_html_info_of                (Attempt *at,
                                            xmlNode *node);
void        fm_html_attempt_clear          (Attempt *at);
gboolean    fm_html_is_visible             (xmlNode *node);
gboolean    fm_html_is_phrasing            (xmlNode *node);
gboolean    fm_html_has_block_descendant   (xmlNode *root);
gboolean    fm_html_holds_paragraphs       (xmlNode *root);
xmlNode *   fm_html_single_child_with_tag  (xmlNode    *node,
                                            const char *name);
gboolean    fm_html_is_empty_element       (xmlNode *node);
int         fm_html_class_weight           (Attempt *at,
                                            xmlNode *node);
void        fm_html_init_score             (Attempt *at,
                                            xmlNode *node);
double      fm_html_score_of               (xmlNode *node);
gboolean    fm_html_is_scored              (xmlNode *node);

/* Cleaning the page before and after the article is found (fm-import-html-clean.c). */
void     fm_html_replace_break_runs    (Attempt *at,
                                        xmlNode *body);
void     fm_html_remove_non_content    (Attempt *at,
                                        xmlNode *root);
gboolean fm_html_take_byline           (Attempt    *at,
                                        xmlNode    *node,
                                        const char *match);
gboolean fm_html_heading_repeats_title (Attempt *at,
                                        xmlNode *node);
void     fm_html_wrap_inline_runs      (Attempt *at,
                                        xmlNode *div);
void     fm_html_prepare_article       (Attempt *at,
                                        xmlNode *article);

/* The article as reading text (fm-import-html-layout.c). */
char *fm_html_layout_article (xmlNode *root);

/* What the page says about itself (fm-import-html-metadata.c). */
void        fm_html_page_meta_clear (PageMeta *pm);
const char *fm_html_meta_get        (PageMeta   *pm,
                                     const char *key);
void        fm_html_read_page_meta  (PageMeta *pm,
                                     xmlNode  *root,
                                     char     **doc_title,
                                     char     **canonical,
                                     char     **published_tag);
gboolean    fm_html_is_url          (const char *s);
char *      fm_html_clean_doc_title (const char *title,
                                     const char *site,
                                     xmlNode    *body);
const char *fm_html_first_of        (const char *a,
                                     const char *b,
                                     const char *c,
                                     const char *d);
char *      fm_html_tidy_byline     (const char *byline);
gboolean    fm_html_has_tag_named   (const char *data,
                                     gsize      len,
                                     const char *name);

G_END_DECLS
