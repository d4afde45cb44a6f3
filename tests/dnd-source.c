/* dnd-source.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

/* A window that offers the files named on its command line as a drag, the
 * way a file manager does (a GdkFileList, which GTK also offers as
 * text/uri-list), so the tests can drop real files on Factmark through
 * XDND with xdotool. Used by the tests only; it quits when the drag ends
 * or after a minute. */

static GSList *files;
static gboolean done;

static GdkContentProvider *
prepare_cb (GtkDragSource *source,
            double         x,
            double         y,
            gpointer       user_data)
{
  return gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
}

static void
drag_end_cb (GtkDragSource *source,
             GdkDrag       *drag,
             gboolean       delete_data,
             gpointer       user_data)
{
  g_print ("drag-end\n");
  done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  done = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  GtkWidget *window;
  GtkWidget *label;
  GtkDragSource *source;

  gtk_init ();
  for (int i = argc - 1; i >= 1; i--)
    files = g_slist_prepend (files, g_file_new_for_commandline_arg (argv[i]));

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "dnd-source");
  gtk_window_set_default_size (GTK_WINDOW (window), 200, 120);
  label = gtk_label_new (argc > 2 ? "Drag these files" : "Drag this file");
  gtk_window_set_child (GTK_WINDOW (window), label);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (prepare_cb), NULL);
  g_signal_connect (source, "drag-end", G_CALLBACK (drag_end_cb), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));

  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add_seconds (60, timeout_cb, NULL);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_slist_free_full (files, g_object_unref);
  return 0;
}
