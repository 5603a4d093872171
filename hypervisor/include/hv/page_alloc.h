/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_PAGE_ALLOC_H
#define _HV_PAGE_ALLOC_H

#include <hv/types.h>

/* A run of pages handed out one or several at a time, tracked by a bitmap. */
struct page_pool {
	vaddr_t base;
	u64 pages;
	u64 used;
	u64 *bitmap;	   /* one bit per page, set: in use */
	unsigned int lock; /* any CPU may allocate: see page_alloc.c */
};

void page_pool_init(struct page_pool *pool, vaddr_t base, u64 pages,
		    u64 *bitmap);
void *page_alloc(struct page_pool *pool, u64 count);
void *page_alloc_aligned(struct page_pool *pool, u64 count, u64 align);
void *page_zalloc(struct page_pool *pool, u64 count);
void page_free(struct page_pool *pool, void *addr, u64 count);

extern struct page_pool mem_pool;

#endif
