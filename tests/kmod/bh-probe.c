// SPDX-License-Identifier: GPL-2.0
/*
 * What only the root cell's kernel can try, for the system tests:
 *
 *   insmod bh-probe.ko store=0x7e011000 value=7
 *	a store from kernel code to a physical page: where stage 2 does not
 *	let the root write (the peer's output area of a channel) it must
 *	get an abort in this context while Linux, the hypervisor and the
 *	other cells go on;
 *   insmod bh-probe.ko cpu_on=0x3 entry=0x40000000
 *	PSCI CPU_ON straight to the firmware interface, past Linux's
 *	hotplug: the hypervisor may switch on only the root's own CPUs.
 *
 * The module never stays loaded: it prints what happened and refuses to
 * load.
 */
#include <linux/arm-smccc.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <uapi/linux/psci.h>

static unsigned long store;
module_param(store, ulong, 0);
MODULE_PARM_DESC(store, "page-aligned physical address to write to");

static unsigned int value;
module_param(value, uint, 0);
MODULE_PARM_DESC(value, "32-bit value to store");

static long cpu_on = -1;
module_param(cpu_on, long, 0);
MODULE_PARM_DESC(cpu_on, "MPIDR to switch on with PSCI CPU_ON");

static unsigned long entry;
module_param(entry, ulong, 0);
MODULE_PARM_DESC(entry, "physical entry point for cpu_on");

static int probe_store(void)
{
	u32 *target;

	if (!PAGE_ALIGNED(store))
		return -EINVAL;
	target = memremap(store, PAGE_SIZE, MEMREMAP_WB);
	if (!target)
		return -ENOMEM;
	pr_info("bh-probe: writing %#x to %#lx\n", value, store);
	WRITE_ONCE(*target, value);
	pr_info("bh-probe: the store to %#lx went through\n", store);
	memunmap(target);
	return 0;
}

static void probe_cpu_on(void)
{
	struct arm_smccc_res res;

	/* both boards' PSCI is "smc", and QEMU's is SMCCC 1.0 (no 1.1 calls) */
	arm_smccc_smc(PSCI_0_2_FN64_CPU_ON, cpu_on, entry, 0, 0, 0, 0, 0, &res);
	pr_info("bh-probe: PSCI CPU_ON %#lx returned %ld\n", cpu_on,
		(long)res.a0);
}

static int __init bh_probe_init(void)
{
	int err = 0;

	if (store)
		err = probe_store();
	if (!err && cpu_on >= 0)
		probe_cpu_on();
	return err ?: -EAGAIN;
}
module_init(bh_probe_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION(
	"Bulkhead system tests: stores and PSCI calls from the root's kernel");
