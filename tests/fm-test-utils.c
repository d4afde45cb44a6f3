/* fm-test-utils.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-test-utils"

#include "config.h"

#include <glib/gstdio.h>

#include "fm-test-utils.h"
#include "fm-text.h"

/**
 * fm_test_remove_tree:
 * @path: a file or a folder
 *
 * Deletes @path and, for a folder, everything below it: a test's temporary
 * library with its WAL files and the backups the store makes beside it.
 * What cannot be deleted is left, as a test's cleanup should not fail it.
 */
void
fm_test_remove_tree (const char *path)
{
  g_return_if_fail (path != NULL);

  /* A link to a folder is removed, not followed. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          fm_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}

/**
 * fm_test_library_setup:
 * @library: the library to fill in
 * @data: unused, so that this can be a g_test_add() setup function
 *
 * Makes a temporary folder named after the test program and opens a new
 * library.db in it. A fixture that is only a library can pass this to
 * g_test_add() as is; a larger one embeds an #FmTestLibrary and calls
 * this from its own setup.
 */
void
fm_test_library_setup (FmTestLibrary *library,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *program = NULL;
  g_autofree char *template = NULL;

  g_return_if_fail (library != NULL);

  /* The program's name in the folder's says which test left it behind, if
   * one ever does; g_get_prgname() may be the path it was run by. */
  program = g_path_get_basename (g_get_prgname () ? g_get_prgname () : "test");
  template = g_strdup_printf ("factmark-%s-XXXXXX", program);
  library->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  library->path = g_build_filename (library->dir, "library.db", NULL);
  library->store = fm_store_open (library->path, &error);
  g_assert_no_error (error);
}

/**
 * fm_test_library_teardown:
 * @library: a library from fm_test_library_setup()
 * @data: unused, so that this can be a g_test_add() teardown function
 *
 * Closes the store and deletes the folder with all that is in it: the
 * library, its WAL files, backups and whatever else the test wrote there.
 */
void
fm_test_library_teardown (FmTestLibrary *library,
                          gconstpointer  data)
{
  g_return_if_fail (library != NULL);

  g_clear_object (&library->store);
  if (library->dir != NULL)
    fm_test_remove_tree (library->dir);
  g_clear_pointer (&library->path, g_free);
  g_clear_pointer (&library->dir, g_free);
}

/**
 * fm_test_library_new:
 *
 * The same as fm_test_library_setup(), for a test that is not a fixture.
 *
 * Returns: (transfer full): a new temporary library
 */
FmTestLibrary *
fm_test_library_new (void)
{
  FmTestLibrary *library = g_new0 (FmTestLibrary, 1);

  fm_test_library_setup (library, NULL);
  return library;
}

/**
 * fm_test_library_free:
 * @library: (nullable): a library from fm_test_library_new()
 *
 * Tears @library down, as fm_test_library_teardown() does, and frees it.
 */
void
fm_test_library_free (FmTestLibrary *library)
{
  if (library == NULL)
    return;
  fm_test_library_teardown (library, NULL);
  g_free (library);
}

/**
 * fm_test_library_build_path:
 * @library: a library
 * @name: a file name
 *
 * Returns: (transfer full): the path of @name in the library's folder, so
 *   that what a test writes there is removed with it
 */
char *
fm_test_library_build_path (FmTestLibrary *library,
                            const char    *name)
{
  g_return_val_if_fail (library != NULL && library->dir != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_build_filename (library->dir, name, NULL);
}

/**
 * fm_test_library_open:
 * @library: a library
 * @name: a file name
 *
 * Opens a second library, @name in the same folder, for the tests that
 * carry annotations from one library to another.
 *
 * Returns: (transfer full): the store, which the caller closes before
 *   the teardown
 */
FmStore *
fm_test_library_open (FmTestLibrary *library,
                      const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  FmStore *store;

  g_return_val_if_fail (library != NULL && library->dir != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  path = fm_test_library_build_path (library, name);
  store = fm_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

/* Adds an article with @title and @text to @store; fails the test if it
 * cannot. */
FmArticle *
fm_test_add_article (FmStore    *store,
                     const char *title,
                     const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  FmArticle *stored;

  fm_article_set_title (article, title);
  fm_article_set_text (article, text);
  stored = fm_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);
  return stored;
}

/* A new annotation of @kind on the first @quote in @article, not stored. */
FmAnnotation *
fm_test_new_annotation (FmArticle  *article,
                        FmKind      kind,
                        const char *quote)
{
  g_autoptr(GError) error = NULL;
  FmAnnotation *annotation = fm_annotation_new (kind);
  glong start, end;

  g_assert_true (fm_text_find_quote (fm_article_get_text (article), quote, 1, &start, &end, NULL));
  fm_annotation_set_article_id (annotation, fm_article_get_id (article));
  g_assert_true (fm_annotation_anchor (annotation, fm_article_get_text (article),
                                       fm_article_get_length (article), start, end, &error));
  g_assert_no_error (error);
  return annotation;
}

/* Marks the first @quote in @article as @kind, in @store. */
FmAnnotation *
fm_test_annotate (FmStore    *store,
                  FmArticle  *article,
                  FmKind      kind,
                  const char *quote)
{
  g_autoptr(GError) error = NULL;
  FmAnnotation *annotation = fm_test_new_annotation (article, kind, quote);

  g_assert_true (fm_store_add_annotation (store, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}
