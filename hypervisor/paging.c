// SPDX-License-Identifier: GPL-2.0
/*
 * Page tables for the hypervisor's own address space and for each cell's
 * stage 2.  Mappings use the largest blocks alignment allows; unmapping part
 * of a block splits it, and mapping a table's whole range again folds it back
 * into a block, so a cell created and destroyed leaves no tables behind.
 */
#include <asm/paging.h>
#include <hv/string.h>

#define ENOMEM_RET (-BH_ENOMEM)

static u64 *table_of(u64 pte)
{
	return (u64 *)(uintptr_t)pte_addr(pte);
}

static unsigned int entries_at(const struct page_table *pt, unsigned int level)
{
	return level == PT_FIRST_LEVEL ? pt->root_entries : PT_ENTRIES;
}

static void free_table(struct page_table *pt, u64 *table, unsigned int level)
{
	unsigned int n, entries = entries_at(pt, level);

	for (n = 0; n < entries; n++)
		if (pte_is_table(table[n], level))
			free_table(pt, table_of(table[n]), level + 1);
	page_free(pt->pool, table, entries / PT_ENTRIES);
}

/* Break before make: a live entry is invalidated and flushed first. */
static void set_entry(struct page_table *pt, u64 *entry, u64 pte, u64 virt)
{
	if (pte_is_valid(*entry) && pt->flush) {
		WRITE_ONCE(*entry, 0);
		pt->flush(pt, virt);
	}
	WRITE_ONCE(*entry, pte);
}

static u64 leaf_at(u64 attrs, unsigned int level, u64 phys)
{
	u64 pte = phys | (attrs & PTE_ATTRS_MASK) | PTE_VALID;

	return level == PT_LAST_LEVEL ? pte | PTE_TABLE : pte;
}

static int split_block(struct page_table *pt, u64 *entry, unsigned int level,
		       u64 virt)
{
	u64 child = 1ULL << pt_level_shift(level + 1);
	u64 old = *entry, *table;
	unsigned int n;

	table = page_alloc(pt->pool, 1);
	if (!table)
		return ENOMEM_RET;
	for (n = 0; n < PT_ENTRIES; n++)
		table[n] = leaf_at(old, level + 1, pte_addr(old) + n * child);
	set_entry(pt, entry, pte_make_table((uintptr_t)table), virt);
	return 0;
}

/* Fold a table whose entries map one contiguous, uniform block. */
static void try_merge(struct page_table *pt, u64 *entry, unsigned int level,
		      u64 virt)
{
	u64 child = 1ULL << pt_level_shift(level + 1);
	u64 *table = table_of(*entry);
	u64 first = table[0];
	unsigned int n;

	if (!pt_level_has_blocks(level) || !pte_is_valid(first) ||
	    pte_is_table(first, level + 1) ||
	    !IS_ALIGNED(pte_addr(first), 1ULL << pt_level_shift(level)))
		return;
	for (n = 1; n < PT_ENTRIES; n++) {
		if (table[n] != (first + n * child))
			return;
	}
	set_entry(pt, entry, leaf_at(first, level, pte_addr(first)), virt);
	page_free(pt->pool, table, 1);
}

static int map_level(struct page_table *pt, u64 *table, unsigned int level,
		     u64 virt, u64 phys, u64 size, unsigned int flags)
{
	u64 bsize = 1ULL << pt_level_shift(level);
	unsigned int entries = entries_at(pt, level);
	int err;

	while (size) {
		u64 *entry =
			&table[(virt >> pt_level_shift(level)) & (entries - 1)];
		u64 chunk = MIN(size, bsize - (virt & (bsize - 1)));

		if (chunk == bsize && IS_ALIGNED(phys, bsize) &&
		    pt_level_has_blocks(level)) {
			u64 old = *entry;

			set_entry(pt, entry,
				  pte_make_leaf(pt->stage, level, phys, flags),
				  virt);
			if (pte_is_table(old, level))
				free_table(pt, table_of(old), level + 1);
		} else {
			if (!pte_is_valid(*entry)) {
				u64 *t = page_zalloc(pt->pool, 1);

				if (!t)
					return ENOMEM_RET;
				*entry = pte_make_table((uintptr_t)t);
			} else if (!pte_is_table(*entry, level)) {
				err = split_block(pt, entry, level, virt);
				if (err)
					return err;
			}
			err = map_level(pt, table_of(*entry), level + 1, virt,
					phys, chunk, flags);
			if (err)
				return err;
			try_merge(pt, entry, level, virt & ~(bsize - 1));
		}
		virt += chunk;
		phys += chunk;
		size -= chunk;
	}
	return 0;
}

static bool table_empty(const u64 *table)
{
	unsigned int n;

	for (n = 0; n < PT_ENTRIES; n++)
		if (pte_is_valid(table[n]))
			return false;
	return true;
}

static int unmap_level(struct page_table *pt, u64 *table, unsigned int level,
		       u64 virt, u64 size)
{
	u64 bsize = 1ULL << pt_level_shift(level);
	unsigned int entries = entries_at(pt, level);
	int err;

	while (size) {
		u64 *entry =
			&table[(virt >> pt_level_shift(level)) & (entries - 1)];
		u64 chunk = MIN(size, bsize - (virt & (bsize - 1)));
		u64 old = *entry;

		if (!pte_is_valid(old)) {
			/* nothing mapped here */
		} else if (chunk == bsize) {
			set_entry(pt, entry, 0, virt);
			if (pte_is_table(old, level))
				free_table(pt, table_of(old), level + 1);
		} else {
			if (!pte_is_table(old, level)) {
				err = split_block(pt, entry, level, virt);
				if (err)
					return err;
			}
			err = unmap_level(pt, table_of(*entry), level + 1, virt,
					  chunk);
			if (err)
				return err;
			if (table_empty(table_of(*entry))) {
				u64 *t = table_of(*entry);

				set_entry(pt, entry, 0, virt);
				page_free(pt->pool, t, 1);
			}
		}
		virt += chunk;
		size -= chunk;
	}
	return 0;
}

static bool range_ok(const struct page_table *pt, u64 virt, u64 size)
{
	u64 limit = (u64)pt->root_entries << pt_level_shift(PT_FIRST_LEVEL);

	return IS_ALIGNED(virt | size, PAGE_SIZE) && size &&
	       virt + size > virt && virt + size <= limit;
}

int paging_map(struct page_table *pt, u64 virt, u64 phys, u64 size,
	       unsigned int flags)
{
	if (!range_ok(pt, virt, size) || !IS_ALIGNED(phys, PAGE_SIZE) ||
	    (phys & ~PTE_ADDR_MASK))
		return -BH_EINVAL;
	return map_level(pt, pt->root, PT_FIRST_LEVEL, virt, phys, size, flags);
}

int paging_unmap(struct page_table *pt, u64 virt, u64 size)
{
	if (!range_ok(pt, virt, size))
		return -BH_EINVAL;
	return unmap_level(pt, pt->root, PT_FIRST_LEVEL, virt, size);
}

u64 paging_virt2phys(const struct page_table *pt, u64 virt, unsigned int *flags)
{
	unsigned int level = PT_FIRST_LEVEL;
	u64 *table = pt->root;
	u64 pte, mask;

	if (!range_ok(pt, virt & PAGE_MASK, PAGE_SIZE))
		return PAGING_INVALID;
	for (;;) {
		pte = table[(virt >> pt_level_shift(level)) &
			    (entries_at(pt, level) - 1)];
		if (!pte_is_valid(pte))
			return PAGING_INVALID;
		if (!pte_is_table(pte, level))
			break;
		table = table_of(pte);
		level++;
	}
	if (flags)
		*flags = pte_flags(pt->stage, pte);
	mask = (1ULL << pt_level_shift(level)) - 1;
	return pte_addr(pte) + (virt & mask);
}

int paging_init(struct page_table *pt, enum paging_stage stage,
		unsigned int root_entries, struct page_pool *pool)
{
	unsigned int pages = root_entries / PT_ENTRIES;

	pt->stage = stage;
	pt->pool = pool;
	pt->root_entries = root_entries;
	pt->flush = NULL;
	/* concatenated root tables must be aligned to their total size */
	pt->root = page_alloc_aligned(pool, pages, pages);
	if (!pt->root)
		return -BH_ENOMEM;
	memset(pt->root, 0, pages * PAGE_SIZE);
	return 0;
}

void paging_destroy(struct page_table *pt)
{
	if (pt->root)
		free_table(pt, pt->root, PT_FIRST_LEVEL);
	pt->root = NULL;
}
