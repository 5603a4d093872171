// SPDX-License-Identifier: BSD-2-Clause
/* GICv2 (GIC-400): distributor and CPU interface, all MMIO */
#include <inmate.h>

#ifdef CONFIG_GIC_V2

#define GICD_CTLR	0x000
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR	0x800
#define GICD_SGIR	0xf00

#define GICC_CTLR 0x000
#define GICC_PMR  0x004
#define GICC_BPR  0x008
#define GICC_IAR  0x00c
#define GICC_EOIR 0x010

#define DEFAULT_PRIO 0xa0

static unsigned long gicd, gicc;

unsigned long gic_dist_base(void)
{
	return gicd;
}

int gic_init(void)
{
	gicd = inmate_board.gicd;
	gicc = inmate_board.gicc;
	if (!gicd || !gicc)
		return -1;

	/* The distributor is shared in a cell: it is the root cell's to set up */
	if (!comm_region)
		mmio_write32(gicd + GICD_CTLR, 3);
	mmio_write32(gicc + GICC_PMR, 0xf0);
	mmio_write32(gicc + GICC_BPR, 0);
	mmio_write32(gicc + GICC_CTLR, 1);
	return 0;
}

void gic_set_priority(unsigned int intid, u8 prio)
{
	mmio_write8(gicd + GICD_IPRIORITYR + intid, prio);
}

void gic_enable_irq(unsigned int intid)
{
	gic_set_priority(intid, DEFAULT_PRIO);
	if (intid >= GIC_FIRST_SPI) {
		/* ITARGETSR0 reads back this CPU's own interface bit */
		u8 self = mmio_read32(gicd + GICD_ITARGETSR) & 0xff;

		mmio_write8(gicd + GICD_ITARGETSR + intid, self);
	}
	mmio_write32(gicd + GICD_ISENABLER + (intid / 32) * 4,
		     1U << (intid % 32));
}

void gic_disable_irq(unsigned int intid)
{
	mmio_write32(gicd + GICD_ICENABLER + (intid / 32) * 4,
		     1U << (intid % 32));
}

unsigned int gic_ack_irq(void)
{
	/* Keep the whole IAR value: EOIR wants the source CPU bits back */
	return mmio_read32(gicc + GICC_IAR) & 0x1fff;
}

void gic_eoi_irq(unsigned int iar)
{
	mmio_write32(gicc + GICC_EOIR, iar);
}

void gic_send_sgi_self(unsigned int sgi)
{
	/* TargetListFilter = 0b10: this CPU only */
	mmio_write32(gicd + GICD_SGIR, (2U << 24) | (sgi & 0xf));
}

void gic_send_sgi(unsigned int sgi, unsigned int aff0)
{
	/* TargetListFilter = 0: the CPU interfaces in the target list */
	mmio_write32(gicd + GICD_SGIR, (1U << (16 + (aff0 & 7))) | (sgi & 0xf));
}

#endif /* CONFIG_GIC_V2 */
