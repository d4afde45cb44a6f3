/* fm-library-view.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-library-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-library-view.h"

/* The library sidebar: every article, newest first, filtered by title as
 * the user types. A GtkListView over a GListStore that follows the store's
 * signals, so thousands of articles cost a screenful of rows. */

struct _FmLibraryView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkFilterListModel *filter_model;
  GtkStringFilter    *filter;

  /* Owned references */
  FmStore            *store;
  GSignalGroup       *store_signals;
  GListStore         *articles;

  gint64              current_id;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  ARTICLE_ACTIVATED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmLibraryView, fm_library_view, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
find_article (FmLibraryView *self,
              gint64         id,
              guint         *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->articles));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FmArticle) article = g_list_model_get_item (G_LIST_MODEL (self->articles), i);

      if (fm_article_get_id (article) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static void
sync_selection (FmLibraryView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FmArticle) article = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

      if (fm_article_get_id (article) == self->current_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
update_stack (FmLibraryView *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
article_added_cb (FmLibraryView *self,
                  FmArticle     *article,
                  FmStore       *store)
{
  g_autoptr(FmArticle) copy = fm_article_copy (article);

  /* The list does not need the text; keep memory to the metadata. */
  fm_article_set_text (copy, NULL);
  fm_article_set_digest (copy, fm_article_get_sha256 (article), fm_article_get_length (article));
  g_list_store_insert (self->articles, 0, copy);
  sync_selection (self);
}

/* Whether @article differs from @shown in more than its counts. */
static gboolean
differs_beyond_counts (FmArticle *shown,
                       FmArticle *article)
{
  return g_strcmp0 (fm_article_get_title (shown), fm_article_get_title (article)) != 0
         || g_strcmp0 (fm_article_get_url (shown), fm_article_get_url (article)) != 0
         || g_strcmp0 (fm_article_get_outlet (shown), fm_article_get_outlet (article)) != 0
         || g_strcmp0 (fm_article_get_author (shown), fm_article_get_author (article)) != 0
         || g_strcmp0 (fm_article_get_published (shown), fm_article_get_published (article)) != 0
         || g_strcmp0 (fm_article_get_lang (shown), fm_article_get_lang (article)) != 0
         || g_strcmp0 (fm_article_get_sha256 (shown), fm_article_get_sha256 (article)) != 0
         || fm_article_get_length (shown) != fm_article_get_length (article)
         || fm_article_get_revision (shown) != fm_article_get_revision (article);
}

static void
article_changed_cb (FmLibraryView *self,
                    FmArticle     *article,
                    FmStore       *store)
{
  g_autoptr(FmArticle) shown = NULL;
  guint position;

  if (!find_article (self, fm_article_get_id (article), &position))
    return;

  /* Marking changes only the counts: the row's counts label follows the
   * properties it is bound to, and nothing else of the list is touched.
   * Any other change replaces the item, so the filter sees it again. */
  shown = g_list_model_get_item (G_LIST_MODEL (self->articles), position);
  if (!differs_beyond_counts (shown, article))
    {
      for (guint k = 0; k < FM_N_KINDS; k++)
        fm_article_set_count (shown, k, fm_article_get_count (article, k));
      return;
    }

  {
    g_autoptr(FmArticle) copy = fm_article_copy (article);

    g_list_store_splice (self->articles, position, 1, (gpointer *) &copy, 1);
    sync_selection (self);
  }
}

static void
article_removed_cb (FmLibraryView *self,
                    gint64         id,
                    FmStore       *store)
{
  guint position;

  if (find_article (self, id, &position))
    g_list_store_remove (self->articles, position);
}

static void
activate_cb (FmLibraryView *self,
             guint          position,
             GtkListView   *list_view)
{
  g_autoptr(FmArticle) article = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (article != NULL)
    g_signal_emit (self, signals[ARTICLE_ACTIVATED], 0, fm_article_get_id (article));
}

static void
search_changed_cb (FmLibraryView  *self,
                   GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  sync_selection (self);
}

static void
stop_search_cb (FmLibraryView  *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
items_changed_cb (FmLibraryView *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  update_stack (self);
}

/* Bound from the row template: "3 claims · 1 figure · 2 sources". */
static char *
format_counts (gpointer unused,
               guint    claims,
               guint    figures,
               guint    sources)
{
  g_autofree char *c = g_strdup_printf (ngettext ("%u claim", "%u claims", claims), claims);
  g_autofree char *f = g_strdup_printf (ngettext ("%u figure", "%u figures", figures), figures);
  g_autofree char *s = g_strdup_printf (ngettext ("%u source", "%u sources", sources), sources);

  return g_strdup_printf ("%s · %s · %s", c, f, s);
}

static void
fm_library_view_dispose (GObject *object)
{
  FmLibraryView *self = (FmLibraryView *)object;

  g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);
  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_LIBRARY_VIEW);
  g_clear_object (&self->articles);

  G_OBJECT_CLASS (fm_library_view_parent_class)->dispose (object);
}

static void
fm_library_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FmLibraryView *self = FM_LIBRARY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_library_view_class_init (FmLibraryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_library_view_dispose;
  object_class->get_property = fm_library_view_get_property;

  /**
   * FmLibraryView:store:
   *
   * The library listed, followed through a signal group as articles are
   * added, changed and removed.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FM_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FmLibraryView::article-activated:
   * @id: the article the user chose
   */
  signals[ARTICLE_ACTIVATED] =
    g_signal_new ("article-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-library-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FmLibraryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FmLibraryView, stack);
  gtk_widget_class_bind_template_child (widget_class, FmLibraryView, list_view);
  gtk_widget_class_bind_template_child (widget_class, FmLibraryView, selection);
  gtk_widget_class_bind_template_child (widget_class, FmLibraryView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, FmLibraryView, filter);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);

  g_type_ensure (FM_TYPE_ARTICLE);
}

static void
fm_library_view_init (FmLibraryView *self)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->articles = g_list_store_new (FM_TYPE_ARTICLE);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->articles));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_builder_cscope_add_callback_symbol (GTK_BUILDER_CSCOPE (scope), "format_counts",
                                          G_CALLBACK (format_counts));
  factory = gtk_builder_list_item_factory_new_from_resource (scope,
                                                             RESOURCE_PATH "/ui/fm-library-row.ui");
  gtk_list_view_set_factory (self->list_view, factory);
  update_stack (self);

  self->store_signals = g_signal_group_new (FM_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "article-added",
                                 G_CALLBACK (article_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "article-changed",
                                 G_CALLBACK (article_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "article-removed",
                                 G_CALLBACK (article_removed_cb), self, G_CONNECT_SWAPPED);
}

void
fm_library_view_set_store (FmLibraryView *self,
                           FmStore       *store)
{
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FM_IS_LIBRARY_VIEW (self));
  g_return_if_fail (FM_IS_STORE (store));

  /* Called again with the same store when another program changed the
   * library: the list is read anew either way. */
  if (g_set_object (&self->store, store))
    {
      g_signal_group_set_target (self->store_signals, store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }

  articles = fm_store_list_articles (store, &error);
  if (articles == NULL)
    {
      g_warning ("Cannot list the library: %s", error->message);
      g_list_store_remove_all (self->articles);
      return;
    }
  g_list_store_splice (self->articles, 0, g_list_model_get_n_items (G_LIST_MODEL (self->articles)),
                       articles->pdata, articles->len);
  sync_selection (self);
}

void
fm_library_view_set_current (FmLibraryView *self,
                             gint64         article_id)
{
  g_return_if_fail (FM_IS_LIBRARY_VIEW (self));

  self->current_id = article_id;
  sync_selection (self);
}

void
fm_library_view_focus_search (FmLibraryView *self)
{
  g_return_if_fail (FM_IS_LIBRARY_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
fm_library_view_set_filter (FmLibraryView *self,
                            const char    *text)
{
  g_return_if_fail (FM_IS_LIBRARY_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  gtk_string_filter_set_search (self->filter, text);
}

/**
 * fm_library_view_get_model:
 *
 * Returns: (transfer none): the articles as shown, after filtering
 */
GListModel *
fm_library_view_get_model (FmLibraryView *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_VIEW (self), NULL);
  return G_LIST_MODEL (self->filter_model);
}

guint
fm_library_view_get_n_articles (FmLibraryView *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->articles));
}
