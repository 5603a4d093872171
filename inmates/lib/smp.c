// SPDX-License-Identifier: BSD-2-Clause
/*
 * Further CPUs: PSCI CPU_ON into a C function on a stack of the caller's.
 * The new CPU starts with its MMU off (entry.S: secondary_entry), so what
 * it reads before it turns its MMU on is cleaned to memory first.
 */
#include <inmate.h>

#define MAX_BOOTS 16

/* entry.S reads stack_top first */
struct cpu_boot {
	u64 stack_top;
	void (*fn)(void *arg);
	void *arg;
	u64 mmu;
};

static struct cpu_boot boots[MAX_BOOTS] __aligned(64);

void secondary_entry(void);
void __noreturn secondary_start(struct cpu_boot *boot);
void mmu_init_secondary(void);

/* Clean and invalidate [p, p + size) to the point of coherency */
static void dcache_flush(const void *p, size_t size)
{
	u64 line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long addr = (unsigned long)p & ~(line - 1);

	for (; addr < (unsigned long)p + size; addr += line)
		asm volatile("dc civac, %0" : : "r"(addr) : "memory");
	dsb(sy);
}

long cpu_start(unsigned long mpidr, void (*fn)(void *arg), void *arg,
	       void *stack, size_t size)
{
	struct cpu_boot *boot = &boots[(mpidr & 0xff) % MAX_BOOTS];

	if (!fn || !stack || size < 1024)
		return -BH_EINVAL;
	boot->stack_top = ((unsigned long)stack + size) & ~15UL;
	boot->fn = fn;
	boot->arg = arg;
	boot->mmu = mmu_enabled();
	dcache_flush(boot, sizeof(*boot));
	/* it writes its stack uncached at first: no dirty line over it */
	dcache_flush(stack, size);
	return psci_call(PSCI_CPU_ON, mpidr, (unsigned long)secondary_entry,
			 (unsigned long)boot);
}

void secondary_start(struct cpu_boot *boot)
{
	if (boot->mmu)
		mmu_init_secondary();
	boot->fn(boot->arg);
	irq_disable();
	psci_cpu_off();
	inmate_halt();
}
