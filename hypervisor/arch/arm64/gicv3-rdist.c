// SPDX-License-Identifier: GPL-2.0
/*
 * The redistributors as a cell sees them: its own CPUs' frames, less what
 * keeps our interrupts ours; any other frame only for its layout.
 */
#include <asm/gicv3.h>
#include <hv/arch.h>

/* The redistributor frame of one of the cell's CPUs, or of any CPU. */
static bool frame_of(const struct cell *cell, vaddr_t frame)
{
	unsigned int cpu;

	for (cpu = 0; cpu < CONFIG_HV_MAX_CPUS; cpu++)
		if ((!cell || cell->cpu_set & BIT_ULL(cpu)) &&
		    per_cpu(cpu)->arch.gicr_base == frame)
			return true;
	return false;
}

/* Keep the priority bytes of our two interrupts in a priority write. */
static bool keep_hv_priorities(struct mmio_access *acc, u64 offset)
{
	unsigned int first = offset - GICR_IPRIORITYR0, n;
	struct mmio_access cur = *acc;
	u64 keep = 0;

	for (n = 0; n < acc->size; n++)
		if (irq_is_hypervisors(first + n))
			keep |= 0xffULL << (8 * n);
	if (!keep)
		return true;
	cur.is_write = false;
	if (!mmio_perform(&cur, cur.address))
		return false;
	acc->value = (acc->value & ~keep) | (cur.value & keep);
	return true;
}

/*
 * The writes a cell may make to its own CPUs' redistributors; every other
 * write is dropped.  Our two interrupts are the only way back into EL2 on
 * that CPU, so no cell may disable, end, pend or reprioritise them (the
 * set/clear registers take whole words only: a byte write could not be
 * masked), nor put the redistributor to sleep.  Grouping stays as set up
 * (a group-0 interrupt would be an FIQ to EL2 that nobody acknowledges);
 * LPIs stay off (their tables would be in memory anyone can point at).
 * False: drop the write.
 */
static bool allow_gicr_write(struct mmio_access *acc, u64 offset)
{
	switch (offset) {
	case GICR_ISENABLER0:
	case GICR_ICENABLER0:
	case GICR_ISPENDR0:
	case GICR_ICPENDR0:
	case GICR_ISACTIVER0:
	case GICR_ICACTIVER0:
		acc->value &= ~(u64)HV_BANKED;
		return acc->size == 4;
	case GICR_WAKER:
		acc->value &= ~(u64)GICR_WAKER_SLEEP;
		return acc->size == 4;
	case GICR_ICFGR1:
		return acc->size == 4;
	}
	if (offset >= GICR_IPRIORITYR0 && offset < GICR_IPRIORITYR0 + 32 &&
	    (acc->size == 1 || acc->size == 4)) {
		acc->value = gic_cap_priorities(acc->value, acc->size);
		return keep_hv_priorities(acc, offset);
	}
	return false;
}

enum mmio_result gicv3_rdist_access(struct cell *cell, void *arg,
				    struct mmio_access *acc)
{
	u64 offset = (acc->address - gicr_base) % GICR_FRAME_SIZE;
	vaddr_t frame = acc->address - offset;
	bool id_reg = offset == GICR_TYPER || offset == GICR_TYPER + 4 ||
		      offset == GICR_PIDR2;

	(void)arg;
	if (!frame_of(cell, frame)) {
		/*
		 * Any CPU may discover the layout, nothing more; past the
		 * last CPU there may be no redistributor at all.
		 */
		if (acc->is_write || !id_reg || !frame_of(NULL, frame))
			return MMIO_DENIED;
		return mmio_pass(acc, acc->address);
	}
	if (acc->is_write && !allow_gicr_write(acc, offset))
		return MMIO_HANDLED;
	if (!mmio_perform(acc, acc->address))
		return MMIO_FAULTED;
	/*
	 * A cell's redistributors end at its highest CPU's: Linux walks the
	 * frames of its DT region until it reads Last, and maps no more.
	 */
	if (offset == GICR_TYPER && !acc->is_write &&
	    per_cpu(63 - __builtin_clzll(cell->cpu_set))->arch.gicr_base ==
		    frame)
		acc->value |= GICR_TYPER_LAST;
	return MMIO_HANDLED;
}
