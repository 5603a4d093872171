// SPDX-License-Identifier: BSD-2-Clause
/* GICv3: distributor MMIO, redistributor frames, ICC system registers */
#include <inmate.h>

#ifdef CONFIG_GIC_V3

#define GICD_CTLR	0x0000
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_IPRIORITYR 0x0400
#define GICD_IROUTER	0x6000
#define GICD_CTLR_RWP	(1U << 31)
#define GICD_CTLR_ARE	(1U << 4)
#define GICD_CTLR_GRP1	(1U << 1)

#define GICR_TYPER	  0x0008
#define GICR_WAKER	  0x0014
#define GICR_TYPER_VLPIS  (1UL << 1)
#define GICR_TYPER_LAST	  (1UL << 4)
#define GICR_WAKER_SLEEP  (1U << 1)
#define GICR_WAKER_ASLEEP (1U << 2)
#define GICR_SGI_BASE	  0x10000
#define GICR_FRAME	  0x20000

#define ICC_SRE_SRE (1UL << 0)

#define DEFAULT_PRIO 0xa0
/* redistributors remembered, by Aff0: CPUs started with cpu_start() */
#define MAX_REDISTS  16

static unsigned long gicd, gicr;
static struct {
	u32 aff;
	unsigned long base;
} redists[MAX_REDISTS];

unsigned long gic_dist_base(void)
{
	return gicd;
}

static void wait_rwp(void)
{
	while (mmio_read32(gicd + GICD_CTLR) & GICD_CTLR_RWP)
		cpu_relax();
}

static unsigned long find_redist(unsigned long gicr)
{
	u32 aff = cpu_affinity();
	u64 typer;

	do {
		typer = mmio_read64(gicr + GICR_TYPER);
		if ((typer >> 32) == aff)
			return gicr;
		/* GICv4 frames carry two extra VLPI pages */
		gicr += (typer & GICR_TYPER_VLPIS) ? 2 * GICR_FRAME :
						     GICR_FRAME;
	} while (!(typer & GICR_TYPER_LAST));
	return 0;
}

/* This CPU's redistributor frame (0: none), looked up again if `fresh` */
static unsigned long this_redist(bool fresh)
{
	u32 aff = cpu_affinity();
	unsigned int slot = aff % MAX_REDISTS;

	if (fresh || !redists[slot].base || redists[slot].aff != aff) {
		redists[slot].base = find_redist(gicr);
		redists[slot].aff = aff;
	}
	return redists[slot].base;
}

int gic_init(void)
{
	unsigned long gicr_this;

	gicd = inmate_board.gicd;
	gicr = inmate_board.gicr;
	if (!gicd || !gicr)
		return -1;

	gicr_this = this_redist(true);
	if (!gicr_this)
		return -1;

	/* The distributor is shared in a cell: it is the root cell's to set up */
	if (!comm_region) {
		mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE);
		wait_rwp();
		mmio_write32(gicd + GICD_CTLR, GICD_CTLR_ARE | GICD_CTLR_GRP1);
		wait_rwp();
	}

	mmio_write32(gicr_this + GICR_WAKER,
		     mmio_read32(gicr_this + GICR_WAKER) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(gicr_this + GICR_WAKER) & GICR_WAKER_ASLEEP)
		cpu_relax();

	write_sysreg(read_sysreg(icc_sre_el1) | ICC_SRE_SRE, icc_sre_el1);
	isb();
	write_sysreg(0xff, icc_pmr_el1);
	write_sysreg(0, icc_bpr1_el1);
	write_sysreg(0, icc_ctlr_el1); /* EOI drops priority and deactivates */
	write_sysreg(1, icc_igrpen1_el1);
	isb();
	return 0;
}

/* Banked registers of SGIs/PPIs live in this CPU's SGI frame */
static unsigned long reg_base(unsigned int intid)
{
	return intid < GIC_FIRST_SPI ? this_redist(false) + GICR_SGI_BASE :
				       gicd;
}

void gic_set_priority(unsigned int intid, u8 prio)
{
	mmio_write8(reg_base(intid) + GICD_IPRIORITYR + intid, prio);
}

/* IROUTER holds Aff3 at bits 39:32, unlike the packed affinity */
static u64 irouter_self(void)
{
	u32 aff = cpu_affinity();

	return (aff & 0xffffff) | (u64)(aff >> 24) << 32;
}

void gic_enable_irq(unsigned int intid)
{
	unsigned long base = reg_base(intid);
	unsigned long grp = base + GICD_IGROUPR + (intid / 32) * 4;
	u32 bit = 1U << (intid % 32);

	mmio_write32(grp, mmio_read32(grp) | bit);
	gic_set_priority(intid, DEFAULT_PRIO);
	if (intid >= GIC_FIRST_SPI)
		mmio_write64(gicd + GICD_IROUTER + intid * 8, irouter_self());
	mmio_write32(base + GICD_ISENABLER + (intid / 32) * 4, bit);
}

void gic_disable_irq(unsigned int intid)
{
	mmio_write32(reg_base(intid) + GICD_ICENABLER + (intid / 32) * 4,
		     1U << (intid % 32));
}

unsigned int gic_ack_irq(void)
{
	unsigned int intid = read_sysreg(icc_iar1_el1) & 0xffffff;

	dsb(sy);
	return intid;
}

void gic_eoi_irq(unsigned int iar)
{
	write_sysreg(iar, icc_eoir1_el1);
	isb();
}

void gic_send_sgi_self(unsigned int sgi)
{
	u64 mpidr = read_sysreg(mpidr_el1);
	u64 val = (1UL << (mpidr & 0xf)) |	  /* target list */
		  (((mpidr >> 8) & 0xff) << 16) | /* Aff1 */
		  ((u64)(sgi & 0xf) << 24) |
		  (((mpidr >> 16) & 0xff) << 32) | /* Aff2 */
		  (((mpidr >> 32) & 0xff) << 48);  /* Aff3 */

	write_sysreg(val, icc_sgi1r_el1);
	isb();
}

void gic_send_sgi(unsigned int sgi, unsigned int aff0)
{
	u64 mpidr = read_sysreg(mpidr_el1);
	u64 val = (1UL << (aff0 & 0xf)) | (((mpidr >> 8) & 0xff) << 16) |
		  ((u64)(sgi & 0xf) << 24) | (((mpidr >> 16) & 0xff) << 32) |
		  (((mpidr >> 32) & 0xff) << 48);

	write_sysreg(val, icc_sgi1r_el1);
	isb();
}

#endif /* CONFIG_GIC_V3 */
