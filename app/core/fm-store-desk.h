/* fm-store-desk.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-store.h"

G_BEGIN_DECLS

/* The library's side of a desk: what it knows of the server it is joined
 * to, the outbox of changes to push, and the writes of what was pulled.
 * Things travel as JSON objects of their fields (FmDeskRow.fields), so the
 * sync engine can merge them field by field without knowing the tables. */

typedef struct
{
  char   *url;
  char   *user_name;
  char   *role;
  gint64  joined;
  gint64  pulled_version;
  gint64  last_sync;
  guint   waiting;
  guint   issues;
} FmDeskInfo;

void fm_desk_info_free (FmDeskInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmDeskInfo, fm_desk_info_free)

typedef enum
{
  FM_DESK_ENTITY_ARTICLE,
  FM_DESK_ENTITY_ANNOTATION,
} FmDeskEntity;

/* One thing as a desk sees it. In the outbox: outbox_id, the fields as the
 * library holds them now (NULL once deleted here), and base_version and
 * base, what the server held when this library last saw it (0 and NULL if
 * never pushed). From the server: version, fields (NULL when deleted) and
 * who made and changed it. */
typedef struct
{
  FmDeskEntity  entity;
  char         *uuid;
  char         *fields;
  gint64        outbox_id;
  gint64        base_version;
  char         *base;
  gint64        version;
  char         *marked_by;
  gint64        marked_at;
  char         *verdict_by;
  gint64        verdict_at;
  char         *changed_by;
  gint64        changed_at;
} FmDeskRow;

FmDeskRow *fm_desk_row_new  (FmDeskEntity  entity,
                             const char   *uuid);
void       fm_desk_row_free (FmDeskRow    *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmDeskRow, fm_desk_row_free)

typedef enum
{
  FM_DESK_ISSUE_CONFLICT,  /* One field changed here and on the server. */
  FM_DESK_ISSUE_REFUSED,   /* The server refused the change. */
  FM_DESK_ISSUE_KEPT,      /* A delete lost to an edit made elsewhere. */
} FmDeskIssueKind;

typedef struct
{
  FmDeskIssueKind  kind;
  FmDeskEntity     entity;
  char            *uuid;
  char            *field;
  char            *mine;
  char            *theirs;
  char            *author;
  char            *reason;
  gint64           created;
} FmDeskIssue;

void fm_desk_issue_free (FmDeskIssue *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmDeskIssue, fm_desk_issue_free)

/* What a push did to one outbox row, for fm_store_desk_finish_push(). */
typedef struct
{
  FmDeskRow *row;        /* The outbox row pushed. */
  gint64     version;    /* The server's version now (0: not on the server). */
  char      *server;     /* The server's fields at that version. */
  gboolean   apply;      /* Write @server into the library (a merge, a kept edit). */
  char      *rekey;      /* An article the server knows under this uuid. */
  GPtrArray *issues;     /* FmDeskIssue, to record. */
} FmDeskPushed;

void fm_desk_pushed_free (FmDeskPushed *pushed);

FmDeskInfo *fm_store_desk_get_info      (FmStore     *self,
                                         GError     **error);
gboolean    fm_store_desk_join          (FmStore     *self,
                                         const char  *url,
                                         const char  *user_name,
                                         const char  *role,
                                         GError     **error);
gboolean    fm_store_desk_leave         (FmStore     *self,
                                         GError     **error);
GPtrArray  *fm_store_desk_list_outbox   (FmStore     *self,
                                         guint        limit,
                                         GError     **error);
gboolean    fm_store_desk_finish_push   (FmStore     *self,
                                         GPtrArray   *pushed,
                                         GError     **error);
gboolean    fm_store_desk_apply_pulled  (FmStore     *self,
                                         GPtrArray   *rows,
                                         gint64       pulled_version,
                                         guint       *applied,
                                         GError     **error);
GPtrArray  *fm_store_desk_list_issues   (FmStore     *self,
                                         GError     **error);
gboolean    fm_store_desk_resolve       (FmStore     *self,
                                         const char  *uuid,
                                         gboolean     keep_mine,
                                         GError     **error);
FmDeskRow  *fm_store_desk_get_authors   (FmStore     *self,
                                         const char  *uuid,
                                         GError     **error);

G_END_DECLS
