/* fm-progress-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-progress-dialog"

#include "config.h"

#include "fm-progress-dialog.h"

/* Work the user waits for, such as an import or an update of the text:
 * what is being done, how far along it is, and a Cancel button that
 * cancels the work's GCancellable. The work, not the user, decides when
 * it ends, so the caller destroys the dialog when the work is done; Cancel
 * closes it at once, and the work then ends as cancelled. */

struct _FmProgressDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkProgressBar   *bar;

  /* Owned references */
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (FmProgressDialog, fm_progress_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_CANCELLABLE,
  PROP_FRACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fm_progress_dialog_response (AdwMessageDialog *dialog,
                             const char       *response)
{
  FmProgressDialog *self = FM_PROGRESS_DIALOG (dialog);

  /* Cancel is the only button, and closing the dialog any other way
   * (Escape) means the same: stop the work. */
  g_cancellable_cancel (self->cancellable);
}

static void
fm_progress_dialog_dispose (GObject *object)
{
  FmProgressDialog *self = FM_PROGRESS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_PROGRESS_DIALOG);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (fm_progress_dialog_parent_class)->dispose (object);
}

static void
fm_progress_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FmProgressDialog *self = FM_PROGRESS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CANCELLABLE:
      g_value_set_object (value, self->cancellable);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, fm_progress_dialog_get_fraction (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_progress_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  FmProgressDialog *self = FM_PROGRESS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CANCELLABLE:
      self->cancellable = g_value_dup_object (value);
      break;
    case PROP_FRACTION:
      fm_progress_dialog_set_fraction (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_progress_dialog_class_init (FmProgressDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_progress_dialog_dispose;
  object_class->get_property = fm_progress_dialog_get_property;
  object_class->set_property = fm_progress_dialog_set_property;
  dialog_class->response = fm_progress_dialog_response;

  /**
   * FmProgressDialog:cancellable:
   *
   * Cancelled when the user presses Cancel or closes the dialog.
   */
  properties[PROP_CANCELLABLE] =
    g_param_spec_object ("cancellable", NULL, NULL, G_TYPE_CANCELLABLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FmProgressDialog:fraction:
   *
   * How much of the work is done, from 0 to 1.
   */
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-progress-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FmProgressDialog, bar);
}

static void
fm_progress_dialog_init (FmProgressDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_progress_dialog_new:
 * @parent: the window the work is for
 * @heading: what is being done, such as “Importing”
 * @body: more about it, such as the file being read
 * @cancellable: the work's cancellable, cancelled by the Cancel button
 *
 * Makes a dialog showing the progress of work, for the caller to present
 * and, once the work is done, destroy.
 *
 * Returns: (transfer none): the dialog, owned by GTK as windows are
 */
FmProgressDialog *
fm_progress_dialog_new (GtkWindow    *parent,
                        const char   *heading,
                        const char   *body,
                        GCancellable *cancellable)
{
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  return g_object_new (FM_TYPE_PROGRESS_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       "body", body,
                       "cancellable", cancellable,
                       NULL);
}

/**
 * fm_progress_dialog_get_cancellable:
 *
 * Returns: (transfer none): the cancellable the Cancel button cancels
 */
GCancellable *
fm_progress_dialog_get_cancellable (FmProgressDialog *self)
{
  g_return_val_if_fail (FM_IS_PROGRESS_DIALOG (self), NULL);

  return self->cancellable;
}

double
fm_progress_dialog_get_fraction (FmProgressDialog *self)
{
  g_return_val_if_fail (FM_IS_PROGRESS_DIALOG (self), 0.0);

  return gtk_progress_bar_get_fraction (self->bar);
}

/**
 * fm_progress_dialog_set_fraction:
 * @fraction: how much of the work is done, from 0 to 1
 *
 * Shows how far along the work is, for work that knows.
 */
void
fm_progress_dialog_set_fraction (FmProgressDialog *self,
                                 double            fraction)
{
  g_return_if_fail (FM_IS_PROGRESS_DIALOG (self));

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction == gtk_progress_bar_get_fraction (self->bar))
    return;
  gtk_progress_bar_set_fraction (self->bar, fraction);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

/**
 * fm_progress_dialog_pulse:
 *
 * Moves the bar to and fro, for work that cannot say how far along it is;
 * call it every so often while the work goes on.
 */
void
fm_progress_dialog_pulse (FmProgressDialog *self)
{
  g_return_if_fail (FM_IS_PROGRESS_DIALOG (self));

  gtk_progress_bar_pulse (self->bar);
}
