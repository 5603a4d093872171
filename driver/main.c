// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: /dev/bulkhead, the root cell's door to the hypervisor.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include "bulkhead.h"

struct bh_state bh = {
	.lock = __MUTEX_INITIALIZER(bh.lock),
};

static long bh_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	default:
		return -ENOTTY;
	}
}

static const struct file_operations bh_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bh_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice bh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bh_fops,
};

static int __init bh_init(void)
{
	int err;

	err = bh_sysfs_init();
	if (err)
		return err;
	err = misc_register(&bh_misc);
	if (err) {
		bh_sysfs_exit();
		return err;
	}
	pr_info("bulkhead: driver " BH_VERSION_STRING " loaded\n");
	return 0;
}

static void __exit bh_exit(void)
{
	misc_deregister(&bh_misc);
	bh_sysfs_exit();
}

module_init(bh_init);
module_exit(bh_exit);
MODULE_DESCRIPTION("Bulkhead static-partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(BH_VERSION_STRING);
MODULE_FIRMWARE("bulkhead.bin");
