/* SPDX-License-Identifier: MIT */
/*
 * How many kmap_local slots each CPU has. KM_MAX_DEPTH mappings may nest.
 * In debug builds (CONFIG_KMAP_DEBUG, include/config.h) every live slot has
 * a guard slot on each side that is never mapped, so a slot stack of depth 16 spans 33 slots, as in Linux's
 * CONFIG_DEBUG_KMAP_LOCAL.
 */
#ifndef HM386_ARCH_X86_KMAP_SIZE_H
#define HM386_ARCH_X86_KMAP_SIZE_H

#include <config.h>

#define KM_MAX_DEPTH	16

#if CONFIG_KMAP_DEBUG
#define KM_INCR		2	/* a guard slot below each live one */
#define KM_MAX_IDX	(KM_MAX_DEPTH * KM_INCR + 1)
#else
#define KM_INCR		1
#define KM_MAX_IDX	KM_MAX_DEPTH
#endif

#endif
