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
 * fm_uuid_v5_format:
 * @checksum: a SHA-1 checksum to reuse; it is reset first
 * @namespace_uuid: the 16 bytes of the namespace's uuid
 * @name: the name, UTF-8
 * @uuid: where to write the 36 characters and a NUL
 *
 * Writes the name-based (version 5) uuid of @name, in lower case, without
 * allocating: an export names thousands of links this way.
 */
void
fm_uuid_v5_format (GChecksum    *checksum,
                   const guint8  namespace_uuid[16],
                   const char   *name,
                   char          uuid[37])
{
  static const char hex[] = "0123456789abcdef";
  guint8 d[20];
  gsize len = sizeof d;

  g_return_if_fail (checksum != NULL);
  g_return_if_fail (namespace_uuid != NULL);
  g_return_if_fail (name != NULL);

  /* RFC 4122, section 4.3: SHA-1 of namespace and name, then the version
   * and variant bits. */
  g_checksum_reset (checksum);
  g_checksum_update (checksum, namespace_uuid, 16);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_get_digest (checksum, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;

  for (guint i = 0, o = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        uuid[o++] = '-';
      uuid[o++] = hex[d[i] >> 4];
      uuid[o++] = hex[d[i] & 0xf];
    }
  uuid[36] = '\0';
}

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
  char uuid[37];

  g_return_val_if_fail (namespace_uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  fm_uuid_v5_format (checksum, namespace_uuid, name, uuid);
  return g_strdup (uuid);
}
