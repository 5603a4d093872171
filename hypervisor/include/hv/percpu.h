/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_PERCPU_H
#define _HV_PERCPU_H

#include <hv/types.h>
#include <asm/asm-defs.h>
#include <asm/percpu.h>

/* CPU-to-CPU requests, handled when the target next traps (or is kicked) */
#define CPU_REQ_STOP BIT(1) /* leave the cell: power off */

struct cell;

struct per_cpu {
	/* the stack comes first: its top is the per_cpu address + size */
	u8 stack[PERCPU_STACK_SIZE];
	unsigned int cpu_id;
	u64 mpidr;
	struct cell *cell;
	bool activated;
	/*
	 * Our CPU_ON was accepted and the CPU has not reached cpu_on_entry
	 * yet.  The firmware may call it off until then (QEMU does until the
	 * CPU first runs), so its word alone cannot tell a CPU that is
	 * really off from one that is on its way in.
	 */
	bool powering_on;
	bool failed;
	u64 stats[BH_EXIT_COUNT];
	/* a PSCI CPU_ON waiting for this CPU to come up */
	u64 boot_entry;
	u64 boot_context;
	volatile u32 requests;
	struct arch_per_cpu arch;
} __aligned(4096);

extern struct per_cpu per_cpu_data[CONFIG_HV_MAX_CPUS];

static inline struct per_cpu *per_cpu(unsigned int cpu)
{
	return &per_cpu_data[cpu];
}

#define for_each_cpu(cpu, set)                               \
	for ((cpu) = 0; (cpu) < CONFIG_HV_MAX_CPUS; (cpu)++) \
		if ((set)&BIT_ULL(cpu))

#endif
