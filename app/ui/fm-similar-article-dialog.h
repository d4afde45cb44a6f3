/* fm-similar-article-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-article.h"

G_BEGIN_DECLS

/**
 * FmSimilarArticleChoice:
 * @FM_SIMILAR_ARTICLE_CANCEL: import nothing
 * @FM_SIMILAR_ARTICLE_ADD_NEW: add the imported text as an article of its own
 * @FM_SIMILAR_ARTICLE_UPDATE: make the imported text the new text of the
 *   article already in the library
 *
 * What to do with an imported article when a version of it is already in
 * the library.
 */
typedef enum
{
  FM_SIMILAR_ARTICLE_CANCEL,
  FM_SIMILAR_ARTICLE_ADD_NEW,
  FM_SIMILAR_ARTICLE_UPDATE,
} FmSimilarArticleChoice;

#define FM_TYPE_SIMILAR_ARTICLE_DIALOG (fm_similar_article_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmSimilarArticleDialog, fm_similar_article_dialog, FM, SIMILAR_ARTICLE_DIALOG,
                      AdwMessageDialog)

void                   fm_similar_article_dialog_run_async  (GtkWindow            *parent,
                                                             FmArticle            *existing,
                                                             FmArticle            *imported,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
FmSimilarArticleChoice fm_similar_article_dialog_run_finish (GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
