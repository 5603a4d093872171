/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The barriers and waits generic code needs, for arm64 (through hv/arch.h):
 * small enough to be inline where they are used.
 */
#ifndef _ASM_PROCESSOR_H
#define _ASM_PROCESSOR_H

/* a spin-wait step: let a sibling hardware thread run */
static inline void arch_cpu_relax(void)
{
	asm volatile("yield" ::: "memory");
}

/* stores before this are seen by other CPUs before stores after it */
static inline void arch_smp_wmb(void)
{
	asm volatile("dmb ishst" ::: "memory");
}

/* everything before this is done, for every CPU, before what follows
 * (for example before another CPU is powered on to read it) */
static inline void arch_smp_mb(void)
{
	asm volatile("dsb ish" ::: "memory");
}

/* code was written into memory a CPU will run: drop stale instructions */
static inline void arch_icache_invalidate_all(void)
{
	asm volatile("ic ialluis\n\tdsb ish\n\tisb" ::: "memory");
}

#endif
