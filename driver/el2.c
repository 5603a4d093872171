// SPDX-License-Identifier: GPL-2.0
/*
 * Talking to EL2 from EL1: Linux's hyp-stub ABI (arch/arm64/include/asm/virt.h)
 * and, once enabled, Bulkhead's hypercalls.
 */
#include <linux/smp.h>
#include <asm/virt.h>
#include "bulkhead.h"

/* Any function number the stub does not know answers HVC_STUB_ERR. */
#define HVC_STUB_PROBE	0xb4b4UL

static unsigned long hyp_stub_call(unsigned long func, unsigned long arg)
{
	register unsigned long x0 asm("x0") = func;
	register unsigned long x1 asm("x1") = arg;

	asm volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "memory");
	return x0;
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
	if (smp_call_function_single(cpu, probe_on_cpu, &owner, 1))
		return BH_EL2_UNKNOWN;
	return owner;
}

const char *bh_el2_owner_name(enum bh_el2_owner owner)
{
	switch (owner) {
	case BH_EL2_HYP_STUB:
		return "hyp-stub";
	case BH_EL2_BULKHEAD:
		return "bulkhead";
	case BH_EL2_OTHER:
		return "other";
	default:
		return "unknown";
	}
}
