/* fm-window-tracked.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window-tracked"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-after-frame.h"
#include "fm-similar-task.h"
#include "fm-tracked.h"
#include "fm-window-private.h"

/* A claim just marked, or imported, that says what a claim in another article says, so
 * surely that FM_SIMILAR_SAME is reached, is linked to it without asking,
 * as Meedan Check does above its upper threshold: it takes the verdict
 * already given. A toast says so and offers Unlink. Below that threshold
 * the editor only shows "Possibly checked before" and leaves it to the
 * user. The lookup runs in a thread; the window never waits for it. */

static void
link_repeated (FmWindow       *self,
               gint64          claim_id,
               FmSimilarClaim *best)
{
  FmStore *store = get_store (self);
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!fm_store_link_claims (store, fm_annotation_get_id (best->annotation), claim_id, &error))
    {
      _fm_window_report (self, _("Could not link the repeated claim"), error);
      return;
    }
  article = fm_store_get_article (store, fm_annotation_get_article_id (best->annotation), NULL);
  /* Translators: a claim just marked was linked to the same claim, already
   * checked in another article. */
  title = g_strdup_printf (_("Linked to the same claim in “%s”"),
                           article ? fm_article_get_display_title (article) : "");
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Unlink"));
  adw_toast_set_action_name (toast, "article.unlink-claim");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (claim_id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

typedef struct
{
  FmWindow *window;
  /* The library the claim is in, even if the window opens another. */
  char     *db_path;
  gint64    claim_id;
} Repeated;

static void
repeated_free (Repeated *r)
{
  g_clear_object (&r->window);
  g_free (r->db_path);
  g_free (r);
}

static void
repeated_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Repeated *r = user_data;
  g_autoptr(FmWindow) self = g_steal_pointer (&r->window);
  g_autoptr(GPtrArray) similar = fm_similar_lookup_finish (result, NULL);
  g_autoptr(FmAnnotation) claim = NULL;
  FmStore *store = get_store (self);
  gint64 claim_id = r->claim_id;

  repeated_free (r);
  /* The claim may be gone, or linked by hand, by the time the answer comes. */
  if (similar == NULL || similar->len == 0 || store == NULL
      || !(claim = fm_store_get_annotation (store, claim_id, NULL))
      || fm_annotation_get_tracked (claim) != NULL)
    return;
  link_repeated (self, claim_id, g_ptr_array_index (similar, 0));
}

static void
start_repeated_lookup (gpointer data)
{
  Repeated *r = data;

  fm_similar_lookup_async (r->db_path, r->claim_id, FM_SIMILAR_SAME, NULL, repeated_found_cb, r);
}

static void
unlink_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  FmStore *store = get_store (self);
  g_autoptr(GError) error = NULL;

  if (store != NULL && !fm_store_unlink_claim (store, g_variant_get_int64 (param), &error))
    _fm_window_report (self, _("Could not unlink the claim"), error);
}

/* _fm_window_link_repeated:
 *
 * Looks, in a thread, for the claim @claim repeats, and links the two if
 * it is sure. */
void
_fm_window_link_repeated (FmWindow     *self,
                          FmAnnotation *claim)
{
  FmStore *store = get_store (self);
  Repeated *r;

  g_assert (FM_IS_WINDOW (self));

  if (store == NULL || fm_store_get_path (store) == NULL
      || fm_annotation_get_kind (claim) != FM_KIND_CLAIM)
    return;
  r = g_new0 (Repeated, 1);
  r->window = g_object_ref (self);
  r->db_path = g_strdup (fm_store_get_path (store));
  r->claim_id = fm_annotation_get_id (claim);
  /* Once the new claim is on screen: the thread would slow its frame. */
  fm_after_frame (GTK_WIDGET (self), start_repeated_lookup, r, (GDestroyNotify) repeated_free);
}

static void
repeats_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GArray) pairs = fm_similar_lookup_best_finish (result, NULL);
  FmStore *store = get_store (self);
  guint linked = 0;

  for (guint i = 0; pairs != NULL && store != NULL && i + 1 < pairs->len; i += 2)
    {
      g_autoptr(GError) error = NULL;

      if (fm_store_link_claims (store, g_array_index (pairs, gint64, i),
                                g_array_index (pairs, gint64, i + 1), &error))
        linked++;
      else
        g_printerr ("factmark: %s\n", error->message);
    }
  if (linked > 0)
    {
      /* Translators: after importing annotations into an article. */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u claim linked to the same claim checked before",
                                                             "%u claims linked to the same claims checked before",
                                                             linked), linked);
      fm_window_show_toast (self, title);
    }
}

/* _fm_window_link_repeated_in_article:
 *
 * After annotations came into the article @article_id: links each of its
 * claims that stands alone to the claim elsewhere it surely repeats. */
void
_fm_window_link_repeated_in_article (FmWindow *self,
                                     gint64    article_id)
{
  FmStore *store = get_store (self);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GArray) claims = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert (FM_IS_WINDOW (self));

  if (store == NULL || fm_store_get_path (store) == NULL
      || !(annotations = fm_store_list_annotations (store, article_id, NULL)))
    return;
  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);
      gint64 id = fm_annotation_get_id (a);

      if (fm_annotation_get_kind (a) == FM_KIND_CLAIM && fm_annotation_get_tracked (a) == NULL)
        g_array_append_val (claims, id);
    }
  if (claims->len > 0)
    fm_similar_lookup_best_async (fm_store_get_path (store), claims, FM_SIMILAR_SAME, NULL,
                                  repeats_found_cb, g_object_ref (self));
}

void
_fm_window_class_init_tracked (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "article.unlink-claim", "x", unlink_action);
}
