// SPDX-License-Identifier: GPL-2.0
/*
 * A store from kernel code to a physical address, for the system tests: a
 * root cell's kernel writing where stage 2 does not let it (the peer's
 * output area of a channel) must get an abort in the offending context
 * while Linux, the hypervisor and the other cells keep running.
 *
 *   insmod bh-store.ko phys=0x7e011000 value=7
 *
 * The module never stays loaded: when the store went through, it says so
 * and refuses to load.
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>

static unsigned long phys;
module_param(phys, ulong, 0);
MODULE_PARM_DESC(phys, "page-aligned physical address to write to");

static unsigned int value;
module_param(value, uint, 0);
MODULE_PARM_DESC(value, "32-bit value to store at phys");

static int __init bh_store_init(void)
{
	u32 *target;

	if (!phys || !PAGE_ALIGNED(phys))
		return -EINVAL;
	target = memremap(phys, PAGE_SIZE, MEMREMAP_WB);
	if (!target)
		return -ENOMEM;
	pr_info("bh-store: writing %#x to %#lx\n", value, phys);
	WRITE_ONCE(*target, value);
	pr_info("bh-store: the store to %#lx went through\n", phys);
	memunmap(target);
	return -EAGAIN;
}
module_init(bh_store_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Bulkhead system tests: a kernel store to a physical address");
