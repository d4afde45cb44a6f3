/* fm-desk-server.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-store-desk.h"
#include "fm-types.h"

G_BEGIN_DECLS

/* The schema version of the desk this build writes, in factmark.meta. */
#define FM_DESK_SCHEMA_VERSION 1

/* One connection to a desk's PostgreSQL server. Only this file's .c sees
 * libpq; it is used from one thread at a time. */
typedef struct _FmDeskServer FmDeskServer;

FmDeskServer *fm_desk_server_connect      (const char    *url,
                                           GError       **error);
void          fm_desk_server_free         (FmDeskServer  *self);
gboolean      fm_desk_server_init_schema  (FmDeskServer  *self,
                                           GError       **error);
gboolean      fm_desk_server_check_schema (FmDeskServer  *self,
                                           GError       **error);
gboolean      fm_desk_server_add_person   (FmDeskServer  *self,
                                           const char    *name,
                                           const char    *role,
                                           GError       **error);
const char   *fm_desk_server_get_user     (FmDeskServer  *self);
const char   *fm_desk_server_get_role     (FmDeskServer  *self);
gboolean      fm_desk_server_begin_push   (FmDeskServer  *self,
                                           GError       **error);
gboolean      fm_desk_server_commit       (FmDeskServer  *self,
                                           GError       **error);
void          fm_desk_server_rollback     (FmDeskServer  *self);
FmDeskRow    *fm_desk_server_fetch        (FmDeskServer  *self,
                                           FmDeskEntity   entity,
                                           const char    *uuid,
                                           GError       **error);
gboolean      fm_desk_server_write        (FmDeskServer  *self,
                                           FmDeskRow     *row,
                                           gboolean       exists,
                                           char         **refused,
                                           char         **known_as,
                                           GError       **error);
GPtrArray    *fm_desk_server_pull         (FmDeskServer  *self,
                                           gint64         since,
                                           guint          limit,
                                           GError       **error);
gboolean      fm_desk_server_listen       (FmDeskServer  *self,
                                           GError       **error);
int           fm_desk_server_get_socket   (FmDeskServer  *self);
gboolean      fm_desk_server_take_notifies (FmDeskServer *self,
                                           GError       **error);

/* The password for @url kept in the GNOME keyring, or NULL. */
char         *fm_desk_secret_lookup       (const char    *url);
void          fm_desk_secret_remember     (const char    *url,
                                           const char    *password);
gboolean      fm_desk_secret_store        (const char    *url,
                                           const char    *password,
                                           GError       **error);

G_END_DECLS
