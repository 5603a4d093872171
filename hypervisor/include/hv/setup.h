/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_SETUP_H
#define _HV_SETUP_H

#include <hv/paging.h>
#include <asm/traps.h>

struct hv_global {
	bool ready;	/* the first CPU finished global set-up */
	bool disabling; /* CPUs leave for good on CPU_OFF */
	int error;
	u64 pool_used_at_enable;
};

extern struct hv_global hv;
/* first in the image; the driver fills in config_offset before we run */
extern struct bh_image_header image_header;
extern struct page_table hv_paging;

int root_cell_init(void);
void hv_entry(struct trap_frame *frame);
void hv_cpu_on_entry(unsigned int cpu, struct trap_frame *frame);

#endif
