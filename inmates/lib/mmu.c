// SPDX-License-Identifier: BSD-2-Clause
/*
 * Identity map with 1 GiB blocks: the gigabyte holding the image is normal
 * write-back memory, everything else is device memory, so unaligned and
 * exclusive accesses work in RAM and device accesses stay ordered.
 * A cell only sees what its stage-2 tables give it, so mapping more here is
 * harmless: touching foreign memory still faults in the hypervisor.
 */
#include <inmate.h>

#define VA_BITS	   39
#define L1_ENTRIES 512
#define L1_SHIFT   30

#define MAIR_IDX_DEVICE 0
#define MAIR_IDX_NORMAL 1
#define MAIR_VALUE \
	((0x04UL << (8 * MAIR_IDX_DEVICE)) | (0xffUL << (8 * MAIR_IDX_NORMAL)))

#define PTE_BLOCK     0x1UL
#define PTE_ATTR(idx) ((u64)(idx) << 2)
#define PTE_SH_INNER  (3UL << 8)
#define PTE_AF	      (1UL << 10)
#define PTE_PXN	      (1UL << 53)
#define PTE_UXN	      (1UL << 54)

#define TCR_T0SZ       (64 - VA_BITS)
#define TCR_IRGN0_WBWA (1UL << 8)
#define TCR_ORGN0_WBWA (1UL << 10)
#define TCR_SH0_INNER  (3UL << 12)
#define TCR_EPD1       (1UL << 23)
#define TCR_IPS_SHIFT  32

#define SCTLR_M (1UL << 0)
#define SCTLR_C (1UL << 2)
#define SCTLR_I (1UL << 12)

static u64 l1_table[L1_ENTRIES] __aligned(4096);
static bool mmu_on;

bool mmu_enabled(void)
{
	return mmu_on;
}

static void fill_table(void)
{
	unsigned long ram_gb = CONFIG_INMATE_BASE >> L1_SHIFT;
	unsigned long i;

	for (i = 0; i < L1_ENTRIES; i++) {
		u64 pa = (u64)i << L1_SHIFT;

		if (i == ram_gb)
			l1_table[i] = pa | PTE_BLOCK | PTE_AF | PTE_SH_INNER |
				      PTE_ATTR(MAIR_IDX_NORMAL);
		else
			l1_table[i] = pa | PTE_BLOCK | PTE_AF | PTE_PXN |
				      PTE_UXN | PTE_ATTR(MAIR_IDX_DEVICE);
	}
}

/*
 * Everything so far was written with the caches off; drop any stale lines
 * for the image so the first cached reads see memory.
 */
static void invalidate_image(void)
{
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long addr = (unsigned long)__image_start & ~(line - 1);

	for (; addr < (unsigned long)__image_end; addr += line)
		asm volatile("dc ivac, %0" ::"r"(addr) : "memory");
	dsb(sy);
}

/*
 * Make the gigabyte holding addr normal memory: what a hostile inmate does
 * to reach a device with unaligned or exclusive accesses.
 */
void mmu_map_normal(unsigned long addr)
{
	unsigned long i = (addr >> L1_SHIFT) % L1_ENTRIES;

	/* already normal (the image's own gigabyte stays executable) */
	if ((l1_table[i] & PTE_ATTR(7)) == PTE_ATTR(MAIR_IDX_NORMAL))
		return;
	l1_table[i] = ((u64)i << L1_SHIFT) | PTE_BLOCK | PTE_AF | PTE_SH_INNER |
		      PTE_PXN | PTE_UXN | PTE_ATTR(MAIR_IDX_NORMAL);
	dsb(ishst);
	asm volatile("tlbi vmalle1" ::: "memory");
	dsb(ish);
	isb();
}

/* Translation on, with the table in l1_table, on this CPU */
static void mmu_enable(void)
{
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0x7;

	if (parange > 5)
		parange = 5;
	write_sysreg(MAIR_VALUE, mair_el1);
	write_sysreg(TCR_T0SZ | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
			     TCR_EPD1 | (parange << TCR_IPS_SHIFT),
		     tcr_el1);
	write_sysreg((unsigned long)l1_table, ttbr0_el1);
	isb();
	asm volatile("tlbi vmalle1" ::: "memory");
	dsb(ish);
	asm volatile("ic iallu" ::: "memory");
	dsb(ish);
	isb();
	write_sysreg(read_sysreg(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I,
		     sctlr_el1);
	isb();
}

void mmu_init(void)
{
	fill_table();
	invalidate_image();
	mmu_enable();
	mmu_on = true;
}

/* A CPU started by cpu_start(): the same map as the first one's */
void mmu_init_secondary(void)
{
	mmu_enable();
}
