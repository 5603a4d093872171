/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_PERCPU_H
#define _ASM_PERCPU_H

#include <asm/sysregs.h>

#define GIC_MAX_LRS 16

struct arch_per_cpu {
	unsigned int num_lrs;
	/* interrupts that found every list register busy */
	u16 pending[32];
	unsigned int num_pending;
	u64 gicr_base;	 /* GICv3: this CPU's redistributor */
	u8 gic_cpu_mask; /* GICv2: this CPU's interface bit */
	/* GICv3: a direct-delivery cell runs here (IMO clear, SGI 15 group 0) */
	bool direct_irq;
	bool mmio_faulted; /* the bus refused an access: mmio-guard.S */
};

struct per_cpu;

/* The CPU with this MPIDR (affinity fields) among those we run, or -1. */
int cpu_by_mpidr(u64 mpidr);

static inline struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)read_sysreg(tpidr_el2);
}

#endif
