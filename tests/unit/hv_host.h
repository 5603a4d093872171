/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forced-included (-include) before hypervisor sources built for the host.
 *
 * hv/types.h defines NULL, offsetof and bool itself, as a freestanding
 * build needs; the host's <stddef.h> (which cmocka needs) defines the first
 * two differently spelled.  Pull it in first and drop its definitions so
 * hv/types.h's take over without a redefinition error.  Never include
 * <stdbool.h> after this: hv/types.h typedefs bool.
 */
#ifndef _TESTS_HV_HOST_H
#define _TESTS_HV_HOST_H

#include <stddef.h>
#include <stdint.h>
#undef NULL
#undef offsetof

/* What the board's autoconf.h would say; unused by paging and page_alloc. */
#define CONFIG_HV_MAX_CPUS 8
#define CONFIG_GIC_V3	   1

#include <hv/types.h>

#endif
