/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_GIC_H
#define _ASM_GIC_H

#include <asm/traps.h>
#include <hv/cell.h>
#include <hv/health.h>
#include <hv/percpu.h>

#define GICD_CTLR	0x0000
#define GICD_TYPER	0x0004
#define GICD_IIDR	0x0008
#define GICD_IGROUPR	0x0080
#define GICD_ISENABLER	0x0100
#define GICD_ICENABLER	0x0180
#define GICD_ISPENDR	0x0200
#define GICD_ICPENDR	0x0280
#define GICD_ISACTIVER	0x0300
#define GICD_ICACTIVER	0x0380
#define GICD_IPRIORITYR 0x0400
#define GICD_ITARGETSR	0x0800
#define GICD_ICFGR	0x0c00
#define GICD_IGRPMODR	0x0d00
#define GICD_SGIR	0x0f00
#define GICD_CPENDSGIR	0x0f10
#define GICD_SPENDSGIR	0x0f20
#define GICD_IROUTER	0x6000
#define GICD_ID_START	0xffd0
#define GICD_SIZE	0x10000

/* The hypervisor's own interrupts: never a cell's */
#define SGI_MGMT	  15
#define PPI_MAINTENANCE	  25
#define PPI_HYP_TIMER	  26 /* the cells' watchdogs */
#define LR_PRIORITY	  0xa0
#define SPI_PRIORITY	  0xa0 /* Linux's default for every SPI */
/*
 * The highest priority a cell may give an interrupt: 0x00 is the
 * management FIQ's on a direct CPU, which must preempt whatever the cell
 * has active (with 4 priority bits, the next level down is 0x10).
 */
#define CELL_PRIORITY_MAX 0x10

#define IRQ_SPURIOUS_FIRST 1020

static inline bool irq_is_hypervisors(unsigned int irq)
{
	return irq == SGI_MGMT || irq == PPI_MAINTENANCE ||
	       irq == PPI_HYP_TIMER;
}

/* Per-version pieces the shared distributor emulation calls */
bool gic_dist_sgir_write(struct cell *cell, u32 value); /* GICv2 only */
void gic_filter_targets(const struct cell *cell,	/* GICv2 only */
			struct mmio_access *acc);
void gic_route_spi(unsigned int irq, const struct cell *owner);
u64 gic_cap_priorities(u64 value, unsigned int bytes);
int gic_check_platform(const struct bh_platform *plat);

enum mmio_result gic_dist_access(struct cell *cell, void *arg,
				 struct mmio_access *acc);
extern vaddr_t gicd_base;

/* injection queue shared by both versions */
void gic_inject(struct per_cpu *pcpu, unsigned int irq, bool hw,
		unsigned int source);
void gic_retry_pending(struct per_cpu *pcpu);

/* version-specific list-register access */
int gic_lr_find_free(struct per_cpu *pcpu, unsigned int irq);
int gic_lr_first_free(struct per_cpu *pcpu);
void gic_lr_write(struct per_cpu *pcpu, unsigned int lr, unsigned int irq,
		  bool hw, unsigned int source);
void gic_set_underflow_irq(bool on);
void gic_deactivate(u32 irq); /* the physical one may come again */

/*
 * Both versions' exits, expanded in each driver so that the list-register
 * calls of the hot path stay local.
 */
static inline bool gic_irq_is_cells(u32 irq) /* a PPI or SPI to inject */
{
	return irq >= 16 && irq != PPI_MAINTENANCE && irq != PPI_HYP_TIMER;
}

/*
 * Ours (deactivated already), or an SGI to inject.  On GICv2 irq carries
 * an SGI's source CPU in bits 10-12: SGIs from two sources stay apart.
 */
static inline void gic_handle_own_irq(struct per_cpu *pcpu, u32 irq,
				      unsigned int source)
{
	switch (irq & 0x3ff) {
	case PPI_HYP_TIMER:
		health_timer_irq(pcpu);
		break;
	case PPI_MAINTENANCE:
		pcpu->stats[BH_EXIT_MAINTENANCE]++;
		break;
	case SGI_MGMT:
		pcpu->stats[BH_EXIT_SGI]++;
		break;
	default:
		gic_inject(pcpu, irq, false, source);
	}
}

/*
 * A device's interrupt for the cell on this CPU: the hot path of a
 * trap-and-inject cell.  The physical one stays active until the cell
 * ends it (hardware bit), so the first free list register will do.
 */
static inline void gic_handle_device_irq(struct per_cpu *pcpu, u32 irq)
{
	int lr;

	if (irq >= 32 && !cell_owns_irq(pcpu->cell, irq)) {
		/* routed here before its owner changed: end it */
		gic_deactivate(irq);
		return;
	}
	lr = gic_lr_first_free(pcpu);
	if (lr >= 0)
		gic_lr_write(pcpu, lr, irq, true, 0);
	else
		gic_inject(pcpu, irq, true, 0); /* queued */
}

enum trap_result gicv3_handle_sgir(struct per_cpu *pcpu, u64 value);

#endif
