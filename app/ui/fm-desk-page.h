/* fm-desk-page.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-application.h"

G_BEGIN_DECLS

#define FM_TYPE_DESK_PAGE (fm_desk_page_get_type ())

G_DECLARE_FINAL_TYPE (FmDeskPage, fm_desk_page, FM, DESK_PAGE, AdwPreferencesPage)

FmDeskPage *fm_desk_page_new (FmApplication *app);

G_END_DECLS
