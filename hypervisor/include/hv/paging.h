/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_PAGING_H
#define _HV_PAGING_H

#include <hv/page_alloc.h>

/* What a mapping allows; the arch turns it into descriptor bits. */
#define PAGING_READ   0x01
#define PAGING_WRITE  0x02
#define PAGING_EXEC   0x04
#define PAGING_DEVICE 0x08 /* device memory, else normal write-back */
#define PAGING_RW     (PAGING_READ | PAGING_WRITE)
#define PAGING_RWX    (PAGING_RW | PAGING_EXEC)

enum paging_stage {
	PAGING_HYP,   /* the hypervisor's own (EL2 stage 1) */
	PAGING_GUEST, /* a cell's stage 2 */
};

struct page_table {
	u64 *root;
	unsigned int root_entries; /* > 512: concatenated root tables */
	enum paging_stage stage;
	struct page_pool *pool;
	/* called after a live entry changed, before its replacement */
	void (*flush)(struct page_table *pt, u64 virt);
};

#define PAGING_INVALID (~0ULL)

int paging_init(struct page_table *pt, enum paging_stage stage,
		unsigned int root_entries, struct page_pool *pool);
void paging_destroy(struct page_table *pt);
int paging_map(struct page_table *pt, u64 virt, u64 phys, u64 size,
	       unsigned int flags);
int paging_unmap(struct page_table *pt, u64 virt, u64 size);
u64 paging_virt2phys(const struct page_table *pt, u64 virt, unsigned int *flags);

#endif
