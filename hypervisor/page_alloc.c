// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's memory pool.  First fit over a bitmap: allocations are
 * rare (enable, cell create/destroy) and small, so simple wins.  They come
 * from any CPU (the root's management and looking calls, a cell's restart),
 * so the bitmap has its own lock, held only for the search.
 */
#include <hv/page_alloc.h>
#include <hv/string.h>

struct page_pool mem_pool;

static bool page_used(const struct page_pool *pool, u64 n)
{
	return pool->bitmap[n / 64] & (1ULL << (n % 64));
}

static void page_mark(struct page_pool *pool, u64 n, bool used)
{
	if (used)
		pool->bitmap[n / 64] |= 1ULL << (n % 64);
	else
		pool->bitmap[n / 64] &= ~(1ULL << (n % 64));
}

void page_pool_init(struct page_pool *pool, vaddr_t base, u64 pages, u64 *bitmap)
{
	pool->base = base;
	pool->pages = pages;
	pool->used = 0;
	pool->lock = 0;
	pool->bitmap = bitmap;
	memset(bitmap, 0, ALIGN_UP(pages, 64) / 8);
}

static void pool_lock(struct page_pool *pool)
{
	while (__atomic_exchange_n(&pool->lock, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&pool->lock, __ATOMIC_RELAXED))
			;
}

static void pool_unlock(struct page_pool *pool)
{
	__atomic_store_n(&pool->lock, 0, __ATOMIC_RELEASE);
}

static void *alloc_locked(struct page_pool *pool, u64 count, u64 align)
{
	u64 start, n;

	for (start = 0; start + count <= pool->pages;
	     start = ALIGN_UP(n + 1, align)) {
		for (n = start; n < start + count; n++)
			if (page_used(pool, n))
				break;
		if (n == start + count) {
			for (n = start; n < start + count; n++)
				page_mark(pool, n, true);
			pool->used += count;
			return (void *)(pool->base + start * PAGE_SIZE);
		}
	}
	return NULL;
}

/* align: in pages, a power of two; the pool base is assumed aligned to it */
void *page_alloc_aligned(struct page_pool *pool, u64 count, u64 align)
{
	void *p;

	pool_lock(pool);
	p = alloc_locked(pool, count, align);
	pool_unlock(pool);
	return p;
}

void *page_alloc(struct page_pool *pool, u64 count)
{
	return page_alloc_aligned(pool, count, 1);
}

void *page_zalloc(struct page_pool *pool, u64 count)
{
	void *p = page_alloc(pool, count);

	if (p)
		memset(p, 0, count * PAGE_SIZE);
	return p;
}

void page_free(struct page_pool *pool, void *addr, u64 count)
{
	u64 first = ((vaddr_t)addr - pool->base) / PAGE_SIZE;
	u64 n;

	if (!addr)
		return;
	pool_lock(pool);
	for (n = first; n < first + count && n < pool->pages; n++) {
		if (page_used(pool, n)) {
			page_mark(pool, n, false);
			pool->used--;
		}
	}
	pool_unlock(pool);
}
