/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMSAv8-64 descriptors, 4 KiB granule, translation starting at level 1.
 * Pure encoding, no hardware access: host unit tests use it as is.
 */
#ifndef _ASM_PAGING_H
#define _ASM_PAGING_H

#include <hv/paging.h>

#define PT_ENTRIES     512
#define PT_FIRST_LEVEL 1
#define PT_LAST_LEVEL  3

#define PTE_VALID      (1ULL << 0)
#define PTE_TABLE      (1ULL << 1) /* table at L1-2, page at L3 */
#define PTE_ADDR_MASK  0x0000fffffffff000ULL
#define PTE_AF	       (1ULL << 10)
#define PTE_SH_INNER   (3ULL << 8)
#define PTE_ATTRS_MASK (~PTE_ADDR_MASK & ~3ULL)

/* EL2 stage 1: MAIR_EL2 index 0 normal WB, 1 device nGnRE */
#define MAIR_EL2_VALUE 0x04ffULL
#define S1_ATTR_NORMAL (0ULL << 2)
#define S1_ATTR_DEVICE (1ULL << 2)
#define S1_AP_RO       (2ULL << 6)
#define S1_XN	       (1ULL << 54)

/* Stage 2 */
#define S2_MEMATTR_NORMAL (0xfULL << 2)
#define S2_MEMATTR_DEVICE (0x1ULL << 2)
#define S2_AP_READ	  (1ULL << 6)
#define S2_AP_WRITE	  (2ULL << 6)
#define S2_XN		  (2ULL << 53)

static inline unsigned int pt_level_shift(unsigned int level)
{
	return 12 + 9 * (3 - level);
}

static inline bool pte_is_valid(u64 pte)
{
	return pte & PTE_VALID;
}

static inline bool pte_is_table(u64 pte, unsigned int level)
{
	return level < PT_LAST_LEVEL &&
	       (pte & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE);
}

static inline u64 pte_addr(u64 pte)
{
	return pte & PTE_ADDR_MASK;
}

static inline bool pt_level_has_blocks(unsigned int level)
{
	return level >= 1;
}

static inline u64 pte_make_table(u64 table_phys)
{
	return table_phys | PTE_TABLE | PTE_VALID;
}

static inline u64 pte_make_leaf(enum paging_stage stage, unsigned int level,
				u64 phys, unsigned int flags)
{
	u64 pte = phys | PTE_VALID | PTE_AF;

	if (level == PT_LAST_LEVEL)
		pte |= PTE_TABLE;
	if (stage == PAGING_HYP) {
		pte |= flags & PAGING_DEVICE ? S1_ATTR_DEVICE : S1_ATTR_NORMAL;
		if (!(flags & PAGING_WRITE))
			pte |= S1_AP_RO;
		if (!(flags & PAGING_EXEC))
			pte |= S1_XN;
	} else {
		pte |= flags & PAGING_DEVICE ? S2_MEMATTR_DEVICE :
					       S2_MEMATTR_NORMAL;
		if (flags & PAGING_READ)
			pte |= S2_AP_READ;
		if (flags & PAGING_WRITE)
			pte |= S2_AP_WRITE;
		if (!(flags & PAGING_EXEC))
			pte |= S2_XN;
	}
	if (!(flags & PAGING_DEVICE))
		pte |= PTE_SH_INNER;
	return pte;
}

static inline unsigned int pte_flags(enum paging_stage stage, u64 pte)
{
	unsigned int flags = PAGING_READ;

	if (stage == PAGING_HYP) {
		if ((pte & (7ULL << 2)) == S1_ATTR_DEVICE)
			flags |= PAGING_DEVICE;
		if (!(pte & S1_AP_RO))
			flags |= PAGING_WRITE;
		if (!(pte & S1_XN))
			flags |= PAGING_EXEC;
		return flags;
	}
	flags = 0;
	if ((pte & (0xfULL << 2)) == S2_MEMATTR_DEVICE)
		flags |= PAGING_DEVICE;
	if (pte & S2_AP_READ)
		flags |= PAGING_READ;
	if (pte & S2_AP_WRITE)
		flags |= PAGING_WRITE;
	if (!(pte & S2_XN))
		flags |= PAGING_EXEC;
	return flags;
}

#endif
