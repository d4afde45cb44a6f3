/* fm-test-utils.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fm-store.h"

G_BEGIN_DECLS

/* A library of a test's own, in a temporary folder no other test sees. */
typedef struct
{
  /* The temporary folder, removed with everything in it. */
  char    *dir;
  /* library.db in that folder. */
  char    *path;
  /* Open on @path. */
  FmStore *store;
} FmTestLibrary;

void           fm_test_remove_tree        (const char     *path);

void           fm_test_library_setup      (FmTestLibrary  *library,
                                           gconstpointer   data);
void           fm_test_library_teardown   (FmTestLibrary  *library,
                                           gconstpointer   data);
FmTestLibrary *fm_test_library_new        (void) G_GNUC_WARN_UNUSED_RESULT;
void           fm_test_library_free       (FmTestLibrary  *library);
char          *fm_test_library_build_path (FmTestLibrary  *library,
                                           const char     *name) G_GNUC_WARN_UNUSED_RESULT;
FmStore       *fm_test_library_open       (FmTestLibrary  *library,
                                           const char     *name) G_GNUC_WARN_UNUSED_RESULT;

FmArticle     *fm_test_add_article        (FmStore        *store,
                                           const char     *title,
                                           const char     *text) G_GNUC_WARN_UNUSED_RESULT;
FmAnnotation  *fm_test_new_annotation     (FmArticle      *article,
                                           FmKind          kind,
                                           const char     *quote) G_GNUC_WARN_UNUSED_RESULT;
FmAnnotation  *fm_test_annotate           (FmStore        *store,
                                           FmArticle      *article,
                                           FmKind          kind,
                                           const char     *quote) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmTestLibrary, fm_test_library_free)

G_END_DECLS
