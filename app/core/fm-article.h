/* fm-article.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FM_TYPE_ARTICLE (fm_article_get_type ())

G_DECLARE_FINAL_TYPE (FmArticle, fm_article, FM, ARTICLE, GObject)

FmArticle  *fm_article_new            (void);
FmArticle  *fm_article_copy           (FmArticle  *self);
gint64      fm_article_get_id         (FmArticle  *self);
void        fm_article_set_id         (FmArticle  *self,
                                       gint64      id);
const char *fm_article_get_uuid       (FmArticle  *self);
void        fm_article_set_uuid       (FmArticle  *self,
                                       const char *uuid);
const char *fm_article_get_title      (FmArticle  *self);
const char *fm_article_get_display_title (FmArticle *self);
void        fm_article_set_title      (FmArticle  *self,
                                       const char *title);
const char *fm_article_get_url        (FmArticle  *self);
void        fm_article_set_url        (FmArticle  *self,
                                       const char *url);
const char *fm_article_get_outlet     (FmArticle  *self);
void        fm_article_set_outlet     (FmArticle  *self,
                                       const char *outlet);
const char *fm_article_get_author     (FmArticle  *self);
void        fm_article_set_author     (FmArticle  *self,
                                       const char *author);
const char *fm_article_get_published  (FmArticle  *self);
void        fm_article_set_published  (FmArticle  *self,
                                       const char *published);
const char *fm_article_get_lang       (FmArticle  *self);
void        fm_article_set_lang       (FmArticle  *self,
                                       const char *lang);
gint64      fm_article_get_imported   (FmArticle  *self);
void        fm_article_set_imported   (FmArticle  *self,
                                       gint64      imported);
const char *fm_article_get_text       (FmArticle  *self);
const char *fm_article_get_text_at    (FmArticle  *self,
                                       glong       offset);
void        fm_article_set_text       (FmArticle  *self,
                                       const char *text);
void        fm_article_set_stored_text (FmArticle *self,
                                       const char *text,
                                       const char *sha256,
                                       gint64      length);
const char *fm_article_get_sha256     (FmArticle  *self);
gint64      fm_article_get_length     (FmArticle  *self);
void        fm_article_set_digest     (FmArticle  *self,
                                       const char *sha256,
                                       gint64      length);
guint       fm_article_get_count      (FmArticle  *self,
                                       guint       kind);
void        fm_article_set_count      (FmArticle  *self,
                                       guint       kind,
                                       guint       count);
guint       fm_article_get_revision   (FmArticle  *self);
void        fm_article_set_revision   (FmArticle  *self,
                                       guint       revision);
char       *fm_article_dup_link_base  (FmArticle  *self);
char       *fm_article_dup_subtitle   (FmArticle  *self);

G_END_DECLS
