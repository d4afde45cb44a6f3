/* fm-application.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-desk-sync.h"
#include "fm-history.h"
#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_APPLICATION (fm_application_get_type ())

G_DECLARE_FINAL_TYPE (FmApplication, fm_application, FM, APPLICATION, AdwApplication)

FmApplication *fm_application_new       (const char        *application_id,
                                         GApplicationFlags  flags);
FmStore       *fm_application_get_store (FmApplication     *self);
GSettings     *fm_application_get_settings (FmApplication  *self);
FmHistory     *fm_application_get_history  (FmApplication  *self);
FmDeskSync    *fm_application_get_desk_sync (FmApplication *self);
void           fm_application_follow_desk  (FmApplication  *self);

G_END_DECLS
