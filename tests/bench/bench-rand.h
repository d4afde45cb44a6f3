/* bench-rand.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small, fast and fully determined random source (splitmix64): the same
 * seed gives the same inputs on every machine and every run. Header-only, so
 * the plain baseline programs need nothing but GTK. */
typedef struct
{
  guint64 state;
} BenchRand;

static inline void
bench_rand_init (BenchRand *rand,
                 guint64    seed)
{
  rand->state = seed;
}

static inline guint64
bench_rand_next (BenchRand *rand)
{
  guint64 z = (rand->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static inline guint
bench_rand_below (BenchRand *rand,
                  guint      n)
{
  g_assert (n > 0);
  return (guint) (bench_rand_next (rand) % n);
}

static inline double
bench_rand_unit (BenchRand *rand)
{
  return (bench_rand_next (rand) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
bench_rand_chance (BenchRand *rand,
                   double     p)
{
  return bench_rand_unit (rand) < p;
}

G_END_DECLS
