/* fm-desk-sync.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  FM_DESK_STATUS_CONNECTING,
  FM_DESK_STATUS_SYNCED,
  FM_DESK_STATUS_OFFLINE,
  FM_DESK_STATUS_CONFLICTS,
} FmDeskStatus;

#define FM_TYPE_DESK_SYNC (fm_desk_sync_get_type ())

G_DECLARE_FINAL_TYPE (FmDeskSync, fm_desk_sync, FM, DESK_SYNC, GObject)

FmDeskSync   *fm_desk_sync_new         (const char *library_path);
void          fm_desk_sync_kick        (FmDeskSync *self);
void          fm_desk_sync_stop        (FmDeskSync *self);
FmDeskStatus  fm_desk_sync_get_status  (FmDeskSync *self);
guint         fm_desk_sync_get_waiting (FmDeskSync *self);
guint         fm_desk_sync_get_issues  (FmDeskSync *self);
const char   *fm_desk_sync_get_summary (FmDeskSync *self);
const char   *fm_desk_sync_get_message (FmDeskSync *self);

G_END_DECLS
