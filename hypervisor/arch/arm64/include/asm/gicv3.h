/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the GICv3 files share, and only they: gicv3.c (the physical
 * driver), gicv3-rdist.c (the cells' redistributors) and gicv3-direct.c
 * (direct delivery).
 */
#ifndef _ASM_GICV3_H
#define _ASM_GICV3_H

#include <asm/gic.h>

#define GICR_FRAME_SIZE	 0x20000
#define GICR_CTLR	 0x0000
#define GICR_CTLR_RWP	 BIT(3)
#define GICR_TYPER	 0x0008
#define GICR_TYPER_LAST	 BIT(4)
#define GICR_WAKER	 0x0014
#define GICR_WAKER_SLEEP BIT(1)
#define GICR_SGI_BASE	 0x10000
#define GICR_IGROUPR0	 (GICR_SGI_BASE + 0x080)
#define GICR_ISENABLER0	 (GICR_SGI_BASE + 0x100)
#define GICR_ICENABLER0	 (GICR_SGI_BASE + 0x180)
#define GICR_ISPENDR0	 (GICR_SGI_BASE + 0x200)
#define GICR_ICPENDR0	 (GICR_SGI_BASE + 0x280)
#define GICR_ISACTIVER0	 (GICR_SGI_BASE + 0x300)
#define GICR_ICACTIVER0	 (GICR_SGI_BASE + 0x380)
#define GICR_IPRIORITYR0 (GICR_SGI_BASE + 0x400)
#define GICR_ICFGR1	 (GICR_SGI_BASE + 0xc04)
#define GICR_IGRPMODR0	 (GICR_SGI_BASE + 0xd00)
#define GICR_PIDR2	 0xffe8

/* our two banked interrupts */
#define HV_BANKED \
	((u32)(BIT(SGI_MGMT) | BIT(PPI_MAINTENANCE) | BIT(PPI_HYP_TIMER)))
#define HV_PRIORITY 0x80

#define ICC_CTLR_EOIMODE BIT(1)

/* the first redistributor frame, mapped 1:1 at EL2 */
extern vaddr_t gicr_base;

static inline void set_hv_priority(vaddr_t rd, u8 prio)
{
	*(volatile u8 *)(rd + GICR_IPRIORITYR0 + SGI_MGMT) = prio;
	*(volatile u8 *)(rd + GICR_IPRIORITYR0 + PPI_MAINTENANCE) = prio;
	*(volatile u8 *)(rd + GICR_IPRIORITYR0 + PPI_HYP_TIMER) = prio;
}

/* gicv3-rdist.c: a cell's access to the redistributors' frames */
enum mmio_result gicv3_rdist_access(struct cell *cell, void *arg,
				    struct mmio_access *acc);

/* gicv3-direct.c: a CPU of a direct cell comes in, and goes */
void gicv3_direct_enter(struct per_cpu *pcpu, vaddr_t rd);
void gicv3_direct_leave(struct per_cpu *pcpu, vaddr_t rd);

#endif
