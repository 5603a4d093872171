// SPDX-License-Identifier: GPL-2.0
/*
 * Talking to EL2 from EL1: Linux's hyp-stub ABI (arch/arm64/include/asm/virt.h)
 * and, once enabled, Bulkhead's hypercalls.
 */
#include <linux/smp.h>
#include <linux/workqueue.h>
#include <asm/virt.h>
#include "bulkhead.h"

#if IS_ENABLED(CONFIG_KVM)
/*
 * KVM gives EL2 back to Linux's stub while no VM runs, so the stub answers
 * as if EL2 were free; the first VM would then take it from under us.  Its
 * debugfs directory exists exactly when KVM initialised.
 */
extern struct dentry *kvm_debugfs_dir;

bool bh_kvm_active(void)
{
	return kvm_debugfs_dir != NULL;
}
#else
bool bh_kvm_active(void)
{
	return false;
}
#endif

/* Any function number the stub does not know answers HVC_STUB_ERR. */
#define HVC_STUB_PROBE 0xb4b4UL

static unsigned long hyp_stub_call(unsigned long func, unsigned long arg)
{
	register unsigned long x0 asm("x0") = func;
	register unsigned long x1 asm("x1") = arg;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "memory");
	return x0;
}

/* On this CPU, whoever owns its EL2 (Linux's stub answers HVC_STUB_ERR). */
long bh_hypercall_here(unsigned long code, unsigned long a1, unsigned long a2,
		       unsigned long a3)
{
	register unsigned long x0 asm("x0") = code;
	register unsigned long x1 asm("x1") = a1;
	register unsigned long x2 asm("x2") = a2;
	register unsigned long x3 asm("x3") = a3;

	asm volatile("hvc #" __stringify(BH_HVC_IMM)
		     : "+r"(x0)
		     : "r"(x1), "r"(x2), "r"(x3)
		     : "memory");
	return x0;
}

struct hypercall_args {
	unsigned long code, a1, a2, a3;
	long ret;
};

static void hypercall_on_cpu(void *data)
{
	struct hypercall_args *hc = data;

	hc->ret = bh_hypercall_here(hc->code, hc->a1, hc->a2, hc->a3);
}

/*
 * A disable that stopped half way left some CPUs without the hypervisor:
 * ask on one that still has it.  None left: the hypervisor has gone.
 */
static long hypercall_where_entered(struct hypercall_args *hc)
{
	unsigned int cpu;

	for_each_online_cpu(cpu) {
		if (smp_call_function_single(cpu, hypercall_on_cpu, hc, 1))
			continue;
		if (hc->ret != HVC_STUB_ERR)
			return hc->ret;
	}
	return -BH_EBUSY;
}

/* Process context: may move to another CPU while a disable is half done. */
long bh_hypercall(unsigned long code, unsigned long a1, unsigned long a2,
		  unsigned long a3)
{
	struct hypercall_args hc = {
		.code = code,
		.a1 = a1,
		.a2 = a2,
		.a3 = a3,
	};

	if (likely(!READ_ONCE(bh.half_disabled)))
		return bh_hypercall_here(code, a1, a2, a3);
	return hypercall_where_entered(&hc);
}

static void probe_on_cpu(void *data)
{
	unsigned long ret = hyp_stub_call(HVC_STUB_PROBE, 0);
	enum bh_el2_owner *owner = data;

	*owner = ret == HVC_STUB_ERR ? BH_EL2_HYP_STUB : BH_EL2_OTHER;
}

enum bh_el2_owner bh_el2_probe(unsigned int cpu)
{
	enum bh_el2_owner owner = BH_EL2_UNKNOWN;

	if (bh.enabled)
		return BH_EL2_BULKHEAD;
	if (bh_kvm_active())
		return BH_EL2_OTHER;
	if (smp_call_function_single(cpu, probe_on_cpu, &owner, 1))
		return BH_EL2_UNKNOWN;
	return owner;
}

/* A Bulkhead query answered by the stub means the CPU left the hypervisor. */
static void free_on_cpu(void *data)
{
	*(bool *)data = bh_hypercall_here(BH_HC_HYPERVISOR_GET_INFO,
					  BH_INFO_MEM_POOL_SIZE, 0,
					  0) == HVC_STUB_ERR;
}

bool bh_cpu_is_free(unsigned int cpu)
{
	bool free = false;

	smp_call_function_single(cpu, free_on_cpu, &free, 1);
	return free;
}

/*
 * Runs in a kworker bound to the CPU, not in an IPI handler: Linux must
 * not be in the middle of an interrupt whose end (a deactivation through
 * the then virtual CPU interface) would never reach the physical GIC.
 */
static long enter_on_cpu(void *data)
{
	phys_addr_t vectors = *(phys_addr_t *)data;
	register unsigned long x0 asm("x0");
	register unsigned long x1 asm("x1");
	unsigned long flags;

	local_irq_save(flags);
	/*
	 * Only Linux's own stub accepts new vectors; KVM (which hands EL2 to
	 * the stub's ABI only in part) answers HVC_STUB_ERR and keeps EL2.
	 */
	if (hyp_stub_call(HVC_SET_VECTORS, vectors) != 0) {
		local_irq_restore(flags);
		return BH_ENTER_EL2_NOT_FREE;
	}
	x0 = BH_ENTRY_MAGIC;
	x1 = smp_processor_id();
	asm volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "x16", "x17", "memory");
	local_irq_restore(flags);
	return (long)x0;
}

long bh_enter_cpu(unsigned int cpu, phys_addr_t vectors)
{
	return work_on_cpu(cpu, enter_on_cpu, &vectors);
}

const char *bh_el2_owner_name(enum bh_el2_owner owner)
{
	switch (owner) {
	case BH_EL2_HYP_STUB:
		return "hyp-stub";
	case BH_EL2_BULKHEAD:
		return "bulkhead";
	case BH_EL2_OTHER:
		return "other (KVM)";
	default:
		return "unknown";
	}
}
