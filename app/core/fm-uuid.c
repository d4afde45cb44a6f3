/* fm-uuid.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-uuid"

#include "config.h"

#include "fm-uuid.h"

#include <string.h>

/**
 * fm_uuid_v5:
 * @namespace_uuid: the 16 bytes of the namespace's uuid
 * @name: the name, UTF-8
 *
 * Gives the name-based (version 5) uuid of @name in a namespace: the same
 * name always gives the same uuid, so what has no uuid of its own keeps
 * one from one run to the next.
 *
 * Returns: (transfer full): the uuid, in lower case
 */
char *
fm_uuid_v5 (const guint8  namespace_uuid[16],
            const char   *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 d[20];
  gsize len = sizeof d;

  g_return_val_if_fail (namespace_uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  /* RFC 4122, section 4.3: SHA-1 of namespace and name, then the version
   * and variant bits. */
  g_checksum_update (checksum, namespace_uuid, 16);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_get_digest (checksum, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}
