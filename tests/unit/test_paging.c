// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of hypervisor/paging.c and hypervisor/page_alloc.c.
 *
 * The page tables live in a pool carved from aligned_alloc() memory.  The
 * host's pointers serve as the "physical" addresses of the tables (as on
 * the identity-mapped EL2), so the tests walk and check the raw
 * descriptors themselves as well as through paging_virt2phys().
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <asm/paging.h>
#include <hv/page_alloc.h>

#define KIB	   0x400ULL
#define MIB	   0x100000ULL
#define GIB	   0x40000000ULL
#define POOL_PAGES 64
#define POOL_ALIGN (64 * KIB)

struct fixture {
	void *mem;
	u64 bitmap[POOL_PAGES / 64];
	struct page_pool pool;
	struct page_table pt;
	u64 start_used; /* pool use with only the root allocated */
};

/* Flush callback record */
static unsigned int flushes;
static u64 flushed[64];

static void record_flush(struct page_table *pt, u64 virt)
{
	(void)pt;
	if (flushes < ARRAY_SIZE(flushed))
		flushed[flushes] = virt;
	flushes++;
}

static struct fixture *fixture_new(enum paging_stage stage,
				   unsigned int root_entries, u64 pages)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_true(pages <= POOL_PAGES);
	f->mem = aligned_alloc(POOL_ALIGN, POOL_PAGES * PAGE_SIZE);
	assert_non_null(f->mem);
	/* garbage in fresh pages must not matter */
	memset(f->mem, 0xa5, POOL_PAGES * PAGE_SIZE);
	page_pool_init(&f->pool, (vaddr_t)f->mem, pages, f->bitmap);
	assert_int_equal(f->pool.used, 0);
	if (root_entries) {
		assert_int_equal(paging_init(&f->pt, stage, root_entries,
					     &f->pool),
				 0);
		f->start_used = f->pool.used;
		assert_int_equal(f->start_used, root_entries / PT_ENTRIES);
	}
	flushes = 0;
	return f;
}

static int setup_hyp(void **state)
{
	*state = fixture_new(PAGING_HYP, PT_ENTRIES, POOL_PAGES);
	return 0;
}

static int setup_guest(void **state)
{
	*state = fixture_new(PAGING_GUEST, PT_ENTRIES, POOL_PAGES);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f->pt.root) {
		paging_destroy(&f->pt);
		/* destroy gives every table back */
		assert_int_equal(f->pool.used, 0);
	}
	free(f->mem);
	free(f);
	return 0;
}

/* Raw walk: the descriptor mapping virt and the level it sits at (or 0). */
static u64 leaf(const struct page_table *pt, u64 virt, unsigned int *level)
{
	const u64 *table = pt->root;
	unsigned int lvl = PT_FIRST_LEVEL;
	unsigned int entries = pt->root_entries;
	u64 pte;

	for (;;) {
		pte = table[(virt >> pt_level_shift(lvl)) & (entries - 1)];
		if (!(pte & PTE_VALID)) {
			*level = 0;
			return 0;
		}
		if (lvl == PT_LAST_LEVEL || !(pte & PTE_TABLE))
			break;
		table = (const u64 *)(uintptr_t)(pte & PTE_ADDR_MASK);
		entries = PT_ENTRIES;
		lvl++;
	}
	*level = lvl;
	return pte;
}

static unsigned int level_of(const struct page_table *pt, u64 virt)
{
	unsigned int level;

	leaf(pt, virt, &level);
	return level;
}

static void assert_maps(const struct page_table *pt, u64 virt, u64 phys,
			unsigned int flags)
{
	unsigned int got = 0;

	assert_int_equal(paging_virt2phys(pt, virt, &got), phys);
	assert_int_equal(got, flags);
}

static void assert_unmapped(const struct page_table *pt, u64 virt)
{
	assert_int_equal(paging_virt2phys(pt, virt, NULL), PAGING_INVALID);
}

/* ---- page_alloc ---------------------------------------------------------- */

static void test_pool_alloc_free(void **state)
{
	struct fixture *f = fixture_new(PAGING_HYP, 0, 8);
	u8 *a, *b, *c, *d;

	a = page_alloc(&f->pool, 1);
	b = page_alloc(&f->pool, 2);
	assert_ptr_equal(a, f->mem);
	assert_ptr_equal(b, (u8 *)f->mem + PAGE_SIZE);
	assert_int_equal(f->pool.used, 3);
	/* aligned: 4 pages on a 4-page boundary skip the hole at page 3 */
	c = page_alloc_aligned(&f->pool, 4, 4);
	assert_ptr_equal(c, (u8 *)f->mem + 4 * PAGE_SIZE);
	assert_int_equal(f->pool.used, 7);
	d = page_zalloc(&f->pool, 1);
	assert_ptr_equal(d, (u8 *)f->mem + 3 * PAGE_SIZE);
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		assert_int_equal(d[i], 0);
	/* full */
	assert_null(page_alloc(&f->pool, 1));
	assert_int_equal(f->pool.used, 8);
	/* freed pages come back, first fit */
	page_free(&f->pool, b, 2);
	assert_int_equal(f->pool.used, 6);
	assert_null(page_alloc(&f->pool, 3));
	assert_ptr_equal(page_alloc(&f->pool, 2), b);
	/* freeing twice or NULL changes nothing */
	page_free(&f->pool, a, 1);
	page_free(&f->pool, a, 1);
	page_free(&f->pool, NULL, 1);
	assert_int_equal(f->pool.used, 7);
	*state = f;
	teardown(state);
}

/* ---- map / virt2phys round trips ------------------------------------------ */

static void test_map_page(void **state)
{
	struct fixture *f = *state;
	u64 virt = 0x40001000, phys = 0x80005000;

	assert_int_equal(paging_map(&f->pt, virt, phys, PAGE_SIZE, PAGING_RW),
			 0);
	assert_maps(&f->pt, virt, phys, PAGING_RW);
	assert_maps(&f->pt, virt + 0x123, phys + 0x123, PAGING_RW);
	assert_maps(&f->pt, virt + 0xfff, phys + 0xfff, PAGING_RW);
	assert_unmapped(&f->pt, virt - 1);
	assert_unmapped(&f->pt, virt + PAGE_SIZE);
	assert_int_equal(level_of(&f->pt, virt), 3);
	/* one level-2 and one level-3 table */
	assert_int_equal(f->pool.used, f->start_used + 2);
	/* the flush callback only runs for live entries: none here */
	assert_int_equal(flushes, 0);
}

static void test_map_pages_range(void **state)
{
	struct fixture *f = *state;
	u64 virt = 0x40000000 + 5 * PAGE_SIZE,
	    phys = 0x91000000 + 9 * PAGE_SIZE;
	u64 size = 700 * PAGE_SIZE; /* crosses a 2 MiB boundary */
	u64 off;

	f->pt.flush = record_flush;
	assert_int_equal(paging_map(&f->pt, virt, phys, size, PAGING_RWX), 0);
	for (off = 0; off < size; off += PAGE_SIZE)
		assert_maps(&f->pt, virt + off, phys + off, PAGING_RWX);
	assert_unmapped(&f->pt, virt + size);
	assert_unmapped(&f->pt, virt - PAGE_SIZE);
	/* virt and phys are not 2 MiB congruent: pages only, L2 + 2 x L3 */
	assert_int_equal(level_of(&f->pt, virt + 2 * MIB), 3);
	assert_int_equal(f->pool.used, f->start_used + 3);
	assert_int_equal(flushes, 0);
}

static void test_map_2m_block(void **state)
{
	struct fixture *f = *state;
	u64 virt = 0x40200000, phys = 0x60400000;

	assert_int_equal(paging_map(&f->pt, virt, phys, 2 * MIB, PAGING_RW), 0);
	assert_int_equal(level_of(&f->pt, virt), 2);
	assert_maps(&f->pt, virt, phys, PAGING_RW);
	assert_maps(&f->pt, virt + 0x1ff123, phys + 0x1ff123, PAGING_RW);
	assert_unmapped(&f->pt, virt + 2 * MIB);
	assert_unmapped(&f->pt, virt - 1);
	/* a single level-2 table, no level 3 */
	assert_int_equal(f->pool.used, f->start_used + 1);
}

static void test_map_1g_block(void **state)
{
	struct fixture *f = *state;
	u64 virt = 3 * GIB, phys = 0x800000000ULL;

	assert_int_equal(paging_map(&f->pt, virt, phys, GIB, PAGING_RW), 0);
	assert_int_equal(level_of(&f->pt, virt), 1);
	assert_maps(&f->pt, virt + 0x3fffffff, phys + 0x3fffffff, PAGING_RW);
	assert_maps(&f->pt, virt + 0x12345678, phys + 0x12345678, PAGING_RW);
	assert_unmapped(&f->pt, virt + GIB);
	/* no table at all below the root */
	assert_int_equal(f->pool.used, f->start_used);
}

static void test_map_mixed_sizes(void **state)
{
	struct fixture *f = *state;
	/* 4 KiB .. 1 GiB + 2 MiB + 4 KiB: pages, 2 MiB blocks, a 1 GiB block */
	u64 virt = GIB - 2 * MIB - PAGE_SIZE,
	    size = GIB + 4 * MIB + 2 * PAGE_SIZE;
	u64 phys = 0x100000000ULL - 2 * MIB - PAGE_SIZE;

	assert_int_equal(paging_map(&f->pt, virt, phys, size, PAGING_READ), 0);
	assert_int_equal(level_of(&f->pt, virt), 3);
	assert_int_equal(level_of(&f->pt, GIB - 2 * MIB), 2);
	assert_int_equal(level_of(&f->pt, GIB), 1);
	assert_int_equal(level_of(&f->pt, 2 * GIB), 2);
	assert_int_equal(level_of(&f->pt, 2 * GIB + 2 * MIB), 3);
	assert_maps(&f->pt, virt, phys, PAGING_READ);
	assert_maps(&f->pt, GIB + 0xabcde, phys + (GIB - virt) + 0xabcde,
		    PAGING_READ);
	assert_maps(&f->pt, virt + size - 1, phys + size - 1, PAGING_READ);
	assert_unmapped(&f->pt, virt + size);
}

/* ---- descriptor attributes ------------------------------------------------ */

static u64 map_and_get(struct fixture *f, u64 virt, u64 size, unsigned int flags)
{
	unsigned int level;
	u64 pte;

	assert_int_equal(paging_map(&f->pt, virt, virt, size, flags), 0);
	pte = leaf(&f->pt, virt, &level);
	assert_true(level != 0);
	assert_true(pte & PTE_AF);
	assert_int_equal(pte & PTE_ADDR_MASK,
			 virt & ~((1ULL << pt_level_shift(level)) - 1));
	/* page descriptors have bit 1 set, blocks not */
	assert_int_equal(!!(pte & PTE_TABLE), level == PT_LAST_LEVEL);
	return pte;
}

static void test_attrs_hyp(void **state)
{
	struct fixture *f = *state;
	u64 pte;

	/* normal RW, not executable */
	pte = map_and_get(f, 0x40000000, PAGE_SIZE, PAGING_RW);
	assert_int_equal(pte & (7ULL << 2), S1_ATTR_NORMAL);
	assert_int_equal(pte & (3ULL << 8), PTE_SH_INNER);
	assert_int_equal(pte & S1_AP_RO, 0);
	assert_true(pte & S1_XN);
	assert_maps(&f->pt, 0x40000000, 0x40000000, PAGING_RW);

	/* read-only, executable code */
	pte = map_and_get(f, 0x40200000, 2 * MIB, PAGING_READ | PAGING_EXEC);
	assert_true(pte & S1_AP_RO);
	assert_int_equal(pte & S1_XN, 0);
	assert_maps(&f->pt, 0x40200000, 0x40200000, PAGING_READ | PAGING_EXEC);

	/* device: MAIR index 1, never shareable-normal, never executable */
	pte = map_and_get(f, 0x09000000, PAGE_SIZE, PAGING_RW | PAGING_DEVICE);
	assert_int_equal(pte & (7ULL << 2), S1_ATTR_DEVICE);
	assert_int_equal(pte & (3ULL << 8), 0);
	assert_true(pte & S1_XN);
	assert_maps(&f->pt, 0x09000000, 0x09000000, PAGING_RW | PAGING_DEVICE);
}

static void test_attrs_guest(void **state)
{
	struct fixture *f = *state;
	u64 pte;

	pte = map_and_get(f, 0x40000000, 2 * MIB, PAGING_RWX);
	assert_int_equal(pte & (0xfULL << 2), S2_MEMATTR_NORMAL);
	assert_int_equal(pte & (3ULL << 6), S2_AP_READ | S2_AP_WRITE);
	assert_int_equal(pte & S2_XN, 0);
	assert_int_equal(pte & (3ULL << 8), PTE_SH_INNER);
	assert_maps(&f->pt, 0x40000000, 0x40000000, PAGING_RWX);

	/* read-only, not executable */
	pte = map_and_get(f, 0x50000000, PAGE_SIZE, PAGING_READ);
	assert_int_equal(pte & (3ULL << 6), S2_AP_READ);
	assert_int_equal(pte & S2_XN, S2_XN);
	assert_maps(&f->pt, 0x50000000, 0x50000000, PAGING_READ);

	/* write-only exists at stage 2 */
	pte = map_and_get(f, 0x50001000, PAGE_SIZE, PAGING_WRITE);
	assert_int_equal(pte & (3ULL << 6), S2_AP_WRITE);
	assert_maps(&f->pt, 0x50001000, 0x50001000, PAGING_WRITE);

	/* device nGnRE, not shareable-normal */
	pte = map_and_get(f, 0x08000000, 64 * KIB, PAGING_RW | PAGING_DEVICE);
	assert_int_equal(pte & (0xfULL << 2), S2_MEMATTR_DEVICE);
	assert_int_equal(pte & (3ULL << 8), 0);
	assert_true(pte & S2_XN);
	assert_maps(&f->pt, 0x0800f000, 0x0800f000, PAGING_RW | PAGING_DEVICE);
}

/* ---- split and fold ------------------------------------------------------- */

static void test_unmap_splits_1g_block(void **state)
{
	struct fixture *f = *state;
	u64 virt = GIB, phys = 4 * GIB, hole = GIB + 0x200000 + 0x3000;

	assert_int_equal(paging_map(&f->pt, virt, phys, GIB, PAGING_RW), 0);
	assert_int_equal(f->pool.used, f->start_used);
	assert_int_equal(paging_unmap(&f->pt, hole, PAGE_SIZE), 0);
	assert_unmapped(&f->pt, hole);
	assert_unmapped(&f->pt, hole + 0xfff);
	/* split 1 GiB -> 2 MiB blocks -> pages around the hole only */
	assert_int_equal(f->pool.used, f->start_used + 2);
	assert_int_equal(level_of(&f->pt, virt), 2);
	assert_int_equal(level_of(&f->pt, hole - PAGE_SIZE), 3);
	assert_int_equal(level_of(&f->pt, hole + 2 * MIB), 2);
	/* everything else still maps where it did, with the same rights */
	assert_maps(&f->pt, virt, phys, PAGING_RW);
	assert_maps(&f->pt, hole - 1, phys + (hole - virt) - 1, PAGING_RW);
	assert_maps(&f->pt, hole + PAGE_SIZE, phys + (hole - virt) + PAGE_SIZE,
		    PAGING_RW);
	assert_maps(&f->pt, virt + GIB - 1, phys + GIB - 1, PAGING_RW);
	for (u64 a = hole & ~(2 * MIB - 1); a < (hole | (2 * MIB - 1));
	     a += PAGE_SIZE)
		if (a != hole)
			assert_maps(&f->pt, a, phys + (a - virt), PAGING_RW);
}

static void test_unmap_splits_2m_block(void **state)
{
	struct fixture *f = *state;
	u64 virt = 0x40200000, phys = 0x60400000;

	assert_int_equal(paging_map(&f->pt, virt, phys, 4 * MIB,
				    PAGING_RW | PAGING_EXEC),
			 0);
	assert_int_equal(paging_unmap(&f->pt, virt + MIB, 2 * MIB), 0);
	assert_maps(&f->pt, virt + MIB - 1, phys + MIB - 1, PAGING_RWX);
	assert_unmapped(&f->pt, virt + MIB);
	assert_unmapped(&f->pt, virt + 3 * MIB - 1);
	assert_maps(&f->pt, virt + 3 * MIB, phys + 3 * MIB, PAGING_RWX);
	assert_int_equal(level_of(&f->pt, virt), 3);
	assert_int_equal(f->pool.used, f->start_used + 3);
}

static void test_remap_folds_back(void **state)
{
	struct fixture *f = *state;
	u64 virt = GIB, phys = 4 * GIB, hole = GIB + 0x200000 + 0x3000;

	assert_int_equal(paging_map(&f->pt, virt, phys, GIB, PAGING_RW), 0);
	assert_int_equal(paging_unmap(&f->pt, hole, PAGE_SIZE), 0);
	assert_int_equal(f->pool.used, f->start_used + 2);
	/* mapping the hole again as it was makes the 1 GiB block whole */
	assert_int_equal(paging_map(&f->pt, hole, phys + (hole - virt),
				    PAGE_SIZE, PAGING_RW),
			 0);
	assert_int_equal(level_of(&f->pt, virt), 1);
	assert_int_equal(level_of(&f->pt, hole), 1);
	assert_maps(&f->pt, hole, phys + (hole - virt), PAGING_RW);
	assert_int_equal(f->pool.used, f->start_used);

	/* again, now folding by mapping the whole range over the split */
	assert_int_equal(paging_unmap(&f->pt, hole, 3 * PAGE_SIZE), 0);
	assert_int_equal(paging_unmap(&f->pt, virt + 512 * MIB, 4 * MIB), 0);
	assert_true(f->pool.used > f->start_used);
	assert_int_equal(paging_map(&f->pt, virt, phys, GIB, PAGING_RW), 0);
	assert_int_equal(level_of(&f->pt, hole), 1);
	assert_int_equal(f->pool.used, f->start_used);
}

static void test_no_fold_when_not_uniform(void **state)
{
	struct fixture *f = *state;
	u64 virt = 0x40000000, last;

	assert_int_equal(paging_map(&f->pt, virt, virt, 2 * MIB, PAGING_RW), 0);
	assert_int_equal(paging_unmap(&f->pt, virt + PAGE_SIZE, PAGE_SIZE), 0);
	/* the same page back, but read-only: must stay a table */
	assert_int_equal(paging_map(&f->pt, virt + PAGE_SIZE, virt + PAGE_SIZE,
				    PAGE_SIZE, PAGING_READ),
			 0);
	assert_int_equal(level_of(&f->pt, virt), 3);
	assert_maps(&f->pt, virt + PAGE_SIZE, virt + PAGE_SIZE, PAGING_READ);
	assert_maps(&f->pt, virt, virt, PAGING_RW);
	/* pointing elsewhere: not contiguous, stays a table */
	assert_int_equal(paging_map(&f->pt, virt + PAGE_SIZE, 0x70000000,
				    PAGE_SIZE, PAGING_RW),
			 0);
	assert_int_equal(level_of(&f->pt, virt), 3);
	assert_maps(&f->pt, virt + PAGE_SIZE, 0x70000000, PAGING_RW);
	/* and back to contiguous: folds */
	assert_int_equal(paging_map(&f->pt, virt + PAGE_SIZE, virt + PAGE_SIZE,
				    PAGE_SIZE, PAGING_RW),
			 0);
	assert_int_equal(level_of(&f->pt, virt), 2);
	assert_int_equal(f->pool.used, f->start_used + 1);
	/* the same with the table's last entry the odd one out */
	last = virt + 2 * MIB - PAGE_SIZE;
	assert_int_equal(paging_unmap(&f->pt, last, PAGE_SIZE), 0);
	assert_int_equal(paging_map(&f->pt, last, 0x70000000, PAGE_SIZE,
				    PAGING_RW),
			 0);
	assert_int_equal(level_of(&f->pt, virt), 3);
	assert_maps(&f->pt, last, 0x70000000, PAGING_RW);
	assert_maps(&f->pt, last - PAGE_SIZE, last - PAGE_SIZE, PAGING_RW);
}

static void test_unmap_everything_frees_tables(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(paging_map(&f->pt, 0x40001000, 0x40001000, 3 * MIB,
				    PAGING_RW),
			 0);
	assert_int_equal(paging_map(&f->pt, 5 * GIB + PAGE_SIZE, 0x100000000ULL,
				    8 * PAGE_SIZE, PAGING_RW | PAGING_DEVICE),
			 0);
	assert_true(f->pool.used > f->start_used);
	assert_int_equal(paging_unmap(&f->pt, 0x40001000, 3 * MIB), 0);
	assert_int_equal(paging_unmap(&f->pt, 5 * GIB + PAGE_SIZE,
				      8 * PAGE_SIZE),
			 0);
	assert_unmapped(&f->pt, 0x40001000);
	assert_unmapped(&f->pt, 5 * GIB + PAGE_SIZE);
	assert_int_equal(f->pool.used, f->start_used);
	/* unmapping what is not mapped is fine */
	assert_int_equal(paging_unmap(&f->pt, 7 * GIB, GIB + 2 * MIB), 0);
	assert_int_equal(f->pool.used, f->start_used);
}

static void test_block_over_tables_frees_them(void **state)
{
	struct fixture *f = *state;
	u64 a;

	/* scattered pages with their own attributes under one 1 GiB range */
	for (a = GIB; a < 2 * GIB; a += 128 * MIB)
		assert_int_equal(paging_map(&f->pt, a + PAGE_SIZE, 0x90000000,
					    PAGE_SIZE, PAGING_READ),
				 0);
	assert_int_equal(f->pool.used, f->start_used + 1 + 8);
	assert_int_equal(paging_map(&f->pt, GIB, 2 * GIB, GIB, PAGING_RW), 0);
	assert_int_equal(level_of(&f->pt, GIB + PAGE_SIZE), 1);
	assert_maps(&f->pt, GIB + PAGE_SIZE, 2 * GIB + PAGE_SIZE, PAGING_RW);
	assert_int_equal(f->pool.used, f->start_used);
}

/* ---- argument checks ------------------------------------------------------ */

static void test_rejects_bad_ranges(void **state)
{
	struct fixture *f = *state;
	u64 limit = (u64)PT_ENTRIES << pt_level_shift(PT_FIRST_LEVEL);

	assert_int_equal(limit, 512 * GIB);
	/* misaligned virt, phys, size */
	assert_int_equal(paging_map(&f->pt, 0x40000800, 0x40000000, PAGE_SIZE,
				    PAGING_RW),
			 -BH_EINVAL);
	assert_int_equal(paging_map(&f->pt, 0x40000000, 0x40000010, PAGE_SIZE,
				    PAGING_RW),
			 -BH_EINVAL);
	assert_int_equal(paging_map(&f->pt, 0x40000000, 0x40000000, 0x1800,
				    PAGING_RW),
			 -BH_EINVAL);
	/* empty */
	assert_int_equal(paging_map(&f->pt, 0x40000000, 0x40000000, 0,
				    PAGING_RW),
			 -BH_EINVAL);
	/* overflowing the address space, and past the root's reach */
	assert_int_equal(paging_map(&f->pt, ~0ULL & PAGE_MASK, 0, 2 * PAGE_SIZE,
				    PAGING_RW),
			 -BH_EINVAL);
	assert_int_equal(paging_map(&f->pt, limit - PAGE_SIZE, 0, 2 * PAGE_SIZE,
				    PAGING_RW),
			 -BH_EINVAL);
	assert_int_equal(paging_map(&f->pt, limit, 0, PAGE_SIZE, PAGING_RW),
			 -BH_EINVAL);
	/* physical address beyond 48 bits */
	assert_int_equal(paging_map(&f->pt, 0, 1ULL << 48, PAGE_SIZE, PAGING_RW),
			 -BH_EINVAL);
	/* unmap takes the same checks */
	assert_int_equal(paging_unmap(&f->pt, 0x40000800, PAGE_SIZE),
			 -BH_EINVAL);
	assert_int_equal(paging_unmap(&f->pt, 0x40000000, 0x10), -BH_EINVAL);
	assert_int_equal(paging_unmap(&f->pt, 0x40000000, 0), -BH_EINVAL);
	assert_int_equal(paging_unmap(&f->pt, ~0ULL & PAGE_MASK, 2 * PAGE_SIZE),
			 -BH_EINVAL);
	assert_int_equal(paging_unmap(&f->pt, limit, GIB), -BH_EINVAL);
	assert_unmapped(&f->pt, limit);
	assert_unmapped(&f->pt, ~0ULL);
	/* nothing was touched */
	assert_int_equal(f->pool.used, f->start_used);
	for (unsigned int i = 0; i < PT_ENTRIES; i++)
		assert_int_equal(f->pt.root[i], 0);
	/* the last page below the limit is fine */
	assert_int_equal(paging_map(&f->pt, limit - PAGE_SIZE, 0, PAGE_SIZE,
				    PAGING_RW),
			 0);
	assert_maps(&f->pt, limit - 1, PAGE_SIZE - 1, PAGING_RW);
}

/* ---- concatenated root tables --------------------------------------------- */

static void test_concatenated_root(void **state)
{
	struct fixture *f = fixture_new(PAGING_GUEST, 2 * PT_ENTRIES,
					POOL_PAGES);
	u64 limit = 1024 * GIB;

	*state = f;
	/* 2 pages, aligned to their size */
	assert_int_equal(f->pool.used, 2);
	assert_true(IS_ALIGNED((uintptr_t)f->pt.root, 2 * PAGE_SIZE));
	assert_int_equal(paging_map(&f->pt, 600 * GIB, 0x800000000ULL, GIB,
				    PAGING_RW),
			 0);
	assert_int_equal(paging_map(&f->pt, limit - 2 * MIB, 0x40000000,
				    2 * MIB, PAGING_RW),
			 0);
	assert_int_equal(paging_map(&f->pt, 3 * GIB, 0x40000000, PAGE_SIZE,
				    PAGING_RW),
			 0);
	/* entries beyond the first 512 live in the second root page */
	assert_true(f->pt.root[600] & PTE_VALID);
	assert_true(f->pt.root[1023] & PTE_VALID);
	assert_true(f->pt.root[3] & PTE_VALID);
	assert_int_equal(f->pt.root[600 - 512], 0);
	assert_int_equal(f->pt.root[1023 - 512], 0);
	assert_maps(&f->pt, 600 * GIB + 0x1234, 0x800001234ULL, PAGING_RW);
	assert_maps(&f->pt, limit - 1, 0x40000000 + 2 * MIB - 1, PAGING_RW);
	assert_unmapped(&f->pt, 88 * GIB);
	assert_unmapped(&f->pt, 511 * GIB);
	assert_int_equal(paging_map(&f->pt, limit, 0, PAGE_SIZE, PAGING_RW),
			 -BH_EINVAL);
	assert_unmapped(&f->pt, limit);
	assert_int_equal(paging_unmap(&f->pt, 600 * GIB, GIB), 0);
	assert_int_equal(paging_unmap(&f->pt, limit - 2 * MIB, 2 * MIB), 0);
	assert_int_equal(paging_unmap(&f->pt, 3 * GIB, PAGE_SIZE), 0);
	assert_int_equal(f->pool.used, 2);
	teardown(state);
}

static void test_concatenated_root_alignment(void **state)
{
	/* one page taken first: the 2-page root must skip to page 2 */
	struct fixture *f = fixture_new(PAGING_GUEST, 0, POOL_PAGES);
	void *first = page_alloc(&f->pool, 1);

	*state = f;
	assert_ptr_equal(first, f->mem);
	assert_int_equal(paging_init(&f->pt, PAGING_GUEST, 2 * PT_ENTRIES,
				     &f->pool),
			 0);
	assert_ptr_equal(f->pt.root, (u8 *)f->mem + 2 * PAGE_SIZE);
	for (unsigned int i = 0; i < 2 * PT_ENTRIES; i++)
		assert_int_equal(f->pt.root[i], 0);
	paging_destroy(&f->pt);
	assert_int_equal(f->pool.used, 1);
	page_free(&f->pool, first, 1);
	f->pt.root = NULL;
	teardown(state);
}

/* ---- running out of pool -------------------------------------------------- */

static void test_pool_exhaustion(void **state)
{
	/* root + one table: a page mapping needs two */
	struct fixture *f = fixture_new(PAGING_GUEST, PT_ENTRIES, 2);
	struct page_table other;

	*state = f;
	assert_int_equal(paging_map(&f->pt, GIB, GIB, GIB, PAGING_RW), 0);
	assert_int_equal(paging_map(&f->pt, 0x1000, 0x1000, PAGE_SIZE,
				    PAGING_RW),
			 -BH_ENOMEM);
	assert_unmapped(&f->pt, 0x1000);
	assert_true(f->pool.used <= f->pool.pages);
	/* splitting the block down to a page needs two tables as well */
	assert_int_equal(paging_unmap(&f->pt, GIB + PAGE_SIZE, PAGE_SIZE),
			 -BH_ENOMEM);
	assert_true(f->pool.used <= f->pool.pages);
	/* what was mapped still is, except at worst the failed range */
	assert_maps(&f->pt, GIB, GIB, PAGING_RW);
	assert_maps(&f->pt, 2 * GIB - 1, 2 * GIB - 1, PAGING_RW);
	/* a full pool refuses a second table tree */
	if (f->pool.used == f->pool.pages)
		assert_int_equal(paging_init(&other, PAGING_GUEST, PT_ENTRIES,
					     &f->pool),
				 -BH_ENOMEM);
	/* unmapping gives back what the failed attempts kept */
	assert_int_equal(paging_unmap(&f->pt, 0, 2 * GIB), 0);
	assert_int_equal(f->pool.used, f->start_used);
	/* with its table back, a 2 MiB block (one table) fits again */
	assert_int_equal(paging_map(&f->pt, 2 * MIB, 2 * MIB, 2 * MIB,
				    PAGING_RW),
			 0);
	assert_maps(&f->pt, 2 * MIB, 2 * MIB, PAGING_RW);
	teardown(state);
}

static void test_init_without_pool(void **state)
{
	struct fixture *f = fixture_new(PAGING_HYP, 0, 1);
	struct page_table pt;

	*state = f;
	assert_int_equal(paging_init(&pt, PAGING_GUEST, 2 * PT_ENTRIES,
				     &f->pool),
			 -BH_ENOMEM);
	assert_int_equal(f->pool.used, 0);
	teardown(state);
}

/* ---- the flush callback --------------------------------------------------- */

static void test_flush_on_live_change(void **state)
{
	struct fixture *f = *state;
	u64 virt = 0x40000000;

	f->pt.flush = record_flush;
	/* fresh mappings: nothing was live, nothing to flush */
	assert_int_equal(paging_map(&f->pt, virt, virt, PAGE_SIZE, PAGING_RW),
			 0);
	assert_int_equal(paging_map(&f->pt, 2 * GIB, 2 * GIB, GIB, PAGING_RW),
			 0);
	assert_int_equal(flushes, 0);
	/* changing rights of a live page */
	assert_int_equal(paging_map(&f->pt, virt, virt, PAGE_SIZE, PAGING_READ),
			 0);
	assert_int_equal(flushes, 1);
	assert_int_equal(flushed[0], virt);
	assert_maps(&f->pt, virt, virt, PAGING_READ);
	/* unmapping it */
	flushes = 0;
	assert_int_equal(paging_unmap(&f->pt, virt, PAGE_SIZE), 0);
	assert_true(flushes >= 1);
	assert_int_equal(flushed[0], virt);
	/* splitting a live block flushes the block's address */
	flushes = 0;
	assert_int_equal(paging_unmap(&f->pt, 2 * GIB + 5 * PAGE_SIZE,
				      PAGE_SIZE),
			 0);
	assert_true(flushes >= 2);
	for (unsigned int i = 0; i < flushes && i < ARRAY_SIZE(flushed); i++)
		assert_true(flushed[i] >= 2 * GIB && flushed[i] < 3 * GIB);
	/* unmapping nothing flushes nothing */
	flushes = 0;
	assert_int_equal(paging_unmap(&f->pt, 8 * GIB, GIB), 0);
	assert_int_equal(flushes, 0);
	/* the entry is invalid when the callback runs (break before make) */
}

static u64 *watched;
static int watched_valid_in_flush = -1;

static void check_break_before_make(struct page_table *pt, u64 virt)
{
	(void)pt;
	(void)virt;
	watched_valid_in_flush = (int)(*watched & PTE_VALID);
	flushes++;
}

static void test_flush_break_before_make(void **state)
{
	struct fixture *f = *state;
	u64 virt = 5 * GIB;

	assert_int_equal(paging_map(&f->pt, virt, virt, GIB, PAGING_RW), 0);
	watched = &f->pt.root[5];
	assert_true(*watched & PTE_VALID);
	f->pt.flush = check_break_before_make;
	assert_int_equal(paging_map(&f->pt, virt, virt, GIB, PAGING_READ), 0);
	assert_int_equal(flushes, 1);
	assert_int_equal(watched_valid_in_flush, 0);
	assert_true(*watched & PTE_VALID);
	assert_maps(&f->pt, virt, virt, PAGING_READ);
}

#define T(fn, setup) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest pool[] = {
		cmocka_unit_test(test_pool_alloc_free),
		cmocka_unit_test(test_init_without_pool),
		cmocka_unit_test(test_pool_exhaustion),
	};
	const struct CMUnitTest hyp[] = {
		T(test_map_page, setup_hyp),
		T(test_map_pages_range, setup_hyp),
		T(test_map_2m_block, setup_hyp),
		T(test_map_1g_block, setup_hyp),
		T(test_map_mixed_sizes, setup_hyp),
		T(test_attrs_hyp, setup_hyp),
		T(test_unmap_splits_1g_block, setup_hyp),
		T(test_remap_folds_back, setup_hyp),
		T(test_rejects_bad_ranges, setup_hyp),
		T(test_flush_on_live_change, setup_hyp),
	};
	const struct CMUnitTest guest[] = {
		T(test_map_page, setup_guest),
		T(test_map_2m_block, setup_guest),
		T(test_map_1g_block, setup_guest),
		T(test_attrs_guest, setup_guest),
		T(test_unmap_splits_1g_block, setup_guest),
		T(test_unmap_splits_2m_block, setup_guest),
		T(test_remap_folds_back, setup_guest),
		T(test_no_fold_when_not_uniform, setup_guest),
		T(test_unmap_everything_frees_tables, setup_guest),
		T(test_block_over_tables_frees_them, setup_guest),
		T(test_rejects_bad_ranges, setup_guest),
		cmocka_unit_test(test_concatenated_root),
		cmocka_unit_test(test_concatenated_root_alignment),
		T(test_flush_on_live_change, setup_guest),
		T(test_flush_break_before_make, setup_guest),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("page_alloc", pool, NULL, NULL);
	failed += cmocka_run_group_tests_name("paging: EL2 stage 1", hyp, NULL,
					      NULL);
	failed += cmocka_run_group_tests_name("paging: stage 2", guest, NULL,
					      NULL);
	return failed ? 1 : 0;
}
