/* fuzz-article.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-article.h"
#include "fm-text.h"
#include "fuzz-common.h"

/* What any imported article must be, whatever the input: canonical text
 * that the store accepts, a length that counts its code points, and
 * metadata that is UTF-8 on one line. */
static inline void
fuzz_check_article (FmArticle *article)
{
  const char *text = fm_article_get_text (article);

  g_assert_nonnull (text);
  g_assert_true (fm_text_is_canonical (text));
  g_assert_true (*text != '\0');
  g_assert_cmpint (fm_article_get_length (article), ==, g_utf8_strlen (text, -1));
  g_assert_cmpuint (strlen (text), <=, FM_MAX_TEXT_BYTES);
  fuzz_check_field (fm_article_get_title (article), TRUE);
  fuzz_check_field (fm_article_get_author (article), TRUE);
  fuzz_check_field (fm_article_get_published (article), TRUE);
  fuzz_check_field (fm_article_get_outlet (article), TRUE);
  fuzz_check_field (fm_article_get_url (article), TRUE);
  fuzz_check_field (fm_article_get_lang (article), TRUE);
}
