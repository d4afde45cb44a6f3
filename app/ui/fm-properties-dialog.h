/* fm-properties-dialog.h
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
 * FmArticleProperties:
 * @article_id: the article the dialog was opened for
 * @title: (nullable): the new title, or %NULL when the row was left empty
 * @url: (nullable): the new address
 * @outlet: (nullable): the new outlet
 * @author: (nullable): the new author
 * @published: (nullable): the new publication date, valid when set
 *
 * What the user saved in the Article Properties dialog, each value trimmed.
 */
typedef struct
{
  gint64  article_id;
  char   *title;
  char   *url;
  char   *outlet;
  char   *author;
  char   *published;
} FmArticleProperties;

void fm_article_properties_free (FmArticleProperties *properties);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmArticleProperties, fm_article_properties_free)

#define FM_TYPE_PROPERTIES_DIALOG (fm_properties_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmPropertiesDialog, fm_properties_dialog, FM, PROPERTIES_DIALOG,
                      AdwMessageDialog)

void                 fm_properties_dialog_run_async  (GtkWindow            *parent,
                                                      FmArticle            *article,
                                                      gboolean              after_import,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
FmArticleProperties *fm_properties_dialog_run_finish (GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
