/* window-fixture.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-application.h"
#include "fm-test-gtk-utils.h"
#include "fm-test-utils.h"
#include "fm-window.h"

G_BEGIN_DECLS

/* The window tests drive the real window under Xvfb: they select text in
 * the article's buffer, activate the same actions the buttons and
 * shortcuts do, and check what reached the store. Each test has a library,
 * an application and a window of its own, and settings as they are on a
 * first start, so none depends on another having run before it. */

typedef struct _WindowFixture WindowFixture;

typedef void (*WindowTest) (WindowFixture *f);

struct _WindowFixture
{
  /* Its store is closed: the application opens the library itself. */
  FmTestLibrary  lib;
  FmApplication *app;
  /* The window the test drives, while the application runs. */
  FmWindow      *window;
  /* The article window_fixture_show_marked() made, or 0. */
  gint64         article_id;
  WindowTest     test;
};

/* The article the tests mark, and the quotes window_fixture_mark_sample()
 * marks in it. */
extern const char window_article_text[];
#define WINDOW_CLAIM  "the bridge repair will cost $48 million"
#define WINDOW_FIGURE "$48 million"
#define WINDOW_SOURCE "The mayor"

void          window_fixture_setup          (WindowFixture *f,
                                             gconstpointer  data);
void          window_fixture_teardown       (WindowFixture *f,
                                             gconstpointer  data);
void          window_fixture_run            (WindowFixture *f,
                                             WindowTest     test);

FmStore      *window_fixture_get_store      (WindowFixture *f);
void          window_fixture_wait_opened    (FmWindow      *window);
void          window_fixture_wait_painted   (FmWindow      *window);
void          window_fixture_wait_n_items_full (GListModel *model,
                                                guint       n_items,
                                                const char *file,
                                                int         line,
                                                const char *func);
void          window_fixture_show           (FmWindow      *window,
                                             gint64         article_id);
gint64        window_fixture_add_article    (WindowFixture *f,
                                             const char    *text);
void          window_fixture_select_quote   (WindowFixture *f,
                                             const char    *quote,
                                             int            pad);
void          window_fixture_mark_sample    (WindowFixture *f);
gint64        window_fixture_show_marked    (WindowFixture *f);
void          window_fixture_judge_claim    (WindowFixture *f);
FmAnnotation *window_fixture_find           (WindowFixture *f,
                                             gint64         article_id,
                                             const char    *quote);
guint         window_fixture_count          (WindowFixture *f,
                                             gint64         article_id);

/* Runs the main loop until @model holds @n_items, failing the test at the
 * caller's line if it does not in time. */
#define window_fixture_wait_n_items(model, n_items) \
  window_fixture_wait_n_items_full ((model), (n_items), __FILE__, __LINE__, G_STRFUNC)

/* Adds a test that runs @func in the window of a fixture of its own. */
#define window_test(path, func) \
  g_test_add ((path), WindowFixture, NULL, window_fixture_setup, (func), window_fixture_teardown)

G_END_DECLS
