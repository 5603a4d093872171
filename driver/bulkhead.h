/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bulkhead driver: internal interfaces between its files.
 */
#ifndef _BULKHEAD_DRIVER_H
#define _BULKHEAD_DRIVER_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <bulkhead/abi.h>

/* What a CPU's EL2 holds, as seen from EL1 */
enum bh_el2_owner {
	BH_EL2_UNKNOWN,
	BH_EL2_HYP_STUB,	/* Linux's stub: free for Bulkhead */
	BH_EL2_BULKHEAD,
	BH_EL2_OTHER,		/* KVM or firmware: not ours to take */
};

struct bh_state {
	struct mutex lock;	/* serialises every state change */
	bool enabled;
	char last_error[256];
};

extern struct bh_state bh;

/* el2.c */
enum bh_el2_owner bh_el2_probe(unsigned int cpu);
const char *bh_el2_owner_name(enum bh_el2_owner owner);

/* sysfs.c */
int bh_sysfs_init(void);
void bh_sysfs_exit(void);

__printf(1, 2) void bh_set_error(const char *fmt, ...);

#endif
