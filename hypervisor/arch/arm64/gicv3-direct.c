// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 direct delivery.  A cell with BH_CELL_DIRECT_IRQ gets its group-1
 * interrupts straight at EL1 (HCR_EL2.IMO clear): no exit at all.
 * HCR_EL2.FMO stays set, so its SGI writes still trap and group 0 still
 * comes to EL2, as an FIQ the cell cannot mask: on its CPUs our management
 * SGI is moved to group 0.
 */
#include <asm/gicv3.h>
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/printk.h>

/* group 0 on a direct CPU: above any priority a cell can give its IRQs */
#define DIRECT_MGMT_PRIORITY 0x00

#define ICC_CTLR_PRIBITS(c) ((((c) >> 8) & 7) + 1)

static void rdist_wait_rwp(vaddr_t rd)
{
	unsigned int spins = 1000000;

	while (mmio_read32(rd + GICR_CTLR) & GICR_CTLR_RWP && --spins)
		asm volatile("yield" ::: "memory");
}

/*
 * Direct delivery: the cell acknowledges and ends its interrupts on the
 * physical interface itself.  Its EOIR1 must also deactivate (EOImode 0:
 * with FMO set its DIR writes only reach the virtual interface), and our
 * two interrupts go to group 0, which FMO still routes to EL2.
 */
void gicv3_direct_enter(struct per_cpu *pcpu, vaddr_t rd)
{
	/* a sender that sees SGI 15 in group 0 must see the flag too */
	WRITE_ONCE(pcpu->arch.direct_irq, true);
	dsb(ish);
	/* nothing left behind may fire into the cell: it enables its own */
	mmio_write32(rd + GICR_ICENABLER0, ~HV_BANKED);
	rdist_wait_rwp(rd);
	mmio_write32(rd + GICR_ICACTIVER0, ~HV_BANKED);
	mmio_write32(rd + GICR_IGRPMODR0, 0);
	mmio_write32(rd + GICR_IGROUPR0, ~HV_BANKED);
	set_hv_priority(rd, DIRECT_MGMT_PRIORITY);
	dsb(ish);
	write_sysreg(S3_0_C12_C8_3, 0);	 /* BPR0: FIQ preempts */
	write_sysreg(S3_0_C12_C12_4, 0); /* CTLR: EOImode 0 */
	write_sysreg(S3_0_C12_C12_6, 1); /* IGRPEN0 */
}

/* The cell's SPIs still active on this CPU: nobody else would end them. */
static void end_active_spis(struct per_cpu *pcpu)
{
	const struct cell *cell = pcpu->cell;
	unsigned int word, bit;

	for (word = 1; word < BH_IRQ_BITMAP_WORDS; word++) {
		u32 active = mmio_read32(gicd_base + GICD_ISACTIVER + word * 4) &
			     cell->irq_bitmap[word];

		for (bit = 0; active && bit < 32; bit++) {
			unsigned int irq = word * 32 + bit;
			u64 route = mmio_read64(gicd_base + GICD_IROUTER +
						irq * 8);

			if (!(active & BIT(bit)) ||
			    (route & MPIDR_AFF_MASK) != pcpu->mpidr)
				continue;
			mmio_write32(gicd_base + GICD_ICACTIVER + word * 4,
				     BIT(bit));
		}
	}
}

/* As Linux does at boot: an interrupt ended by force drops no priority. */
static void clear_active_priorities(void)
{
	unsigned int bits = ICC_CTLR_PRIBITS(read_sysreg(S3_0_C12_C12_4));

	write_sysreg(S3_0_C12_C9_0, 0); /* AP1R0 */
	if (bits >= 6)
		write_sysreg(S3_0_C12_C9_1, 0);
	if (bits >= 7) {
		write_sysreg(S3_0_C12_C9_2, 0);
		write_sysreg(S3_0_C12_C9_3, 0);
	}
}

/*
 * The CPU leaves a direct cell (shut down, destroyed, failed, or powering
 * itself off): whoever gets it next, Linux or the cell restarted, must
 * find the interface as the root set-up has it, with none of the cell's
 * interrupts enabled, pending or active.
 */
void gicv3_direct_leave(struct per_cpu *pcpu, vaddr_t rd)
{
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	mmio_write32(rd + GICR_ICENABLER0, ~HV_BANKED);
	rdist_wait_rwp(rd);
	mmio_write32(rd + GICR_ICPENDR0, ~HV_BANKED);
	mmio_write32(rd + GICR_ICACTIVER0, ~HV_BANKED);
	end_active_spis(pcpu);
	clear_active_priorities();
	write_sysreg(S3_0_C12_C12_6, 0); /* IGRPEN0 */
	mmio_write32(rd + GICR_IGROUPR0, ~0U);
	set_hv_priority(rd, HV_PRIORITY);
	write_sysreg(S3_0_C12_C12_4, ICC_CTLR_EOIMODE);
	isb();
	dsb(ish);
	WRITE_ONCE(pcpu->arch.direct_irq, false);
}

/*
 * Group 0 is ours alone.  Only a direct CPU enables it: there our SGI (and
 * the maintenance PPI) come as FIQs, ended with EOIR0, which deactivates
 * too under EOImode 0.  Elsewhere an FIQ is looked at as an IRQ, as always.
 */
void irqchip_handle_fiq(struct per_cpu *pcpu)
{
	if (!pcpu->arch.direct_irq) {
		irqchip_handle_irq(pcpu);
		return;
	}
	for (;;) {
		u32 irq = read_sysreg(S3_0_C12_C8_0) & 0xffffff; /* IAR0 */

		if (irq >= IRQ_SPURIOUS_FIRST && irq < 1024)
			break;
		write_sysreg(S3_0_C12_C8_1, irq); /* EOIR0 */
		if (irq == SGI_MGMT)
			pcpu->stats[BH_EXIT_SGI]++;
		else if (irq == PPI_MAINTENANCE)
			pcpu->stats[BH_EXIT_MAINTENANCE]++;
		else if (irq == PPI_HYP_TIMER)
			health_timer_irq(pcpu);
		else
			printk("CPU %u: unexpected group-0 interrupt %u\n",
			       pcpu->cpu_id, irq);
	}
}
