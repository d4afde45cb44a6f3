/* fm-delete-article-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-article.h"

G_BEGIN_DECLS

#define FM_TYPE_DELETE_ARTICLE_DIALOG (fm_delete_article_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmDeleteArticleDialog, fm_delete_article_dialog, FM, DELETE_ARTICLE_DIALOG,
                      AdwMessageDialog)

void   fm_delete_article_dialog_run_async  (GtkWindow            *parent,
                                            FmArticle            *article,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gint64 fm_delete_article_dialog_run_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
