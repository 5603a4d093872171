// SPDX-License-Identifier: GPL-2.0
/*
 * Bulkhead driver: /dev/bulkhead, the root cell's door to the hypervisor.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/reboot.h>
#include "bulkhead.h"

struct bh_state bh = {
	.lock = __MUTEX_INITIALIZER(bh.lock),
};

static long bh_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long ret;

	mutex_lock(&bh.lock);
	bh.last_error[0] = 0;
	switch (cmd) {
	case BH_IOCTL_ENABLE:
		ret = bh_enable((const struct bh_user_buf __user *)arg);
		break;
	case BH_IOCTL_DISABLE:
		ret = bh_disable();
		break;
	case BH_IOCTL_CELL_CREATE:
		ret = bh_cell_create((const struct bh_user_buf __user *)arg);
		break;
	case BH_IOCTL_CELL_LOAD:
		ret = bh_cell_load((const struct bh_cell_load __user *)arg);
		break;
	case BH_IOCTL_CELL_START:
		ret = bh_cell_start(arg);
		break;
	case BH_IOCTL_CELL_SHUTDOWN:
		ret = bh_cell_shutdown(arg);
		break;
	case BH_IOCTL_CELL_DESTROY:
		ret = bh_cell_destroy(arg);
		break;
	case BH_IOCTL_VUART_READ:
		ret = bh_vuart_read((struct bh_vuart_io __user *)arg);
		break;
	case BH_IOCTL_VUART_WRITE:
		ret = bh_vuart_write((struct bh_vuart_io __user *)arg);
		break;
	default:
		bh_set_error("unknown ioctl 0x%x", cmd);
		ret = -ENOTTY;
		break;
	}
	mutex_unlock(&bh.lock);
	return ret;
}

static ssize_t bh_read(struct file *file, char __user *buf, size_t count,
		       loff_t *pos)
{
	ssize_t ret;

	mutex_lock(&bh.lock);
	ret = bh_console_read(buf, count, pos);
	mutex_unlock(&bh.lock);
	return ret;
}

static const struct file_operations bh_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = bh_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.read = bh_read,
	.llseek = default_llseek,
};

static struct miscdevice bh_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "bulkhead",
	.fops = &bh_fops,
};

/* Leave EL2 before the machine goes down or the module goes away. */
static void bh_shutdown(void)
{
	mutex_lock(&bh.lock);
	if (bh.enabled && bh_disable())
		pr_err("bulkhead: could not disable: %s\n", bh.last_error);
	mutex_unlock(&bh.lock);
}

static int bh_reboot(struct notifier_block *nb, unsigned long code, void *p)
{
	bh_shutdown();
	return NOTIFY_DONE;
}

static struct notifier_block bh_reboot_nb = {
	.notifier_call = bh_reboot,
};

/* set at load: a Linux in a non-root cell gets its channels only */
static bool bh_cell_side;

static int __init bh_init(void)
{
	int err;

	bh_cell_side = bh_in_cell();
	if (bh_cell_side)
		return bh_cell_side_init();
	err = bh_sysfs_init();
	if (err)
		return err;
	err = misc_register(&bh_misc);
	if (err)
		goto err_sysfs;
	err = register_reboot_notifier(&bh_reboot_nb);
	if (err)
		goto err_misc;
	pr_info("bulkhead: driver " BH_VERSION_STRING " loaded\n");
	return 0;

err_misc:
	misc_deregister(&bh_misc);
err_sysfs:
	bh_sysfs_exit();
	return err;
}

static void __exit bh_exit(void)
{
	if (bh_cell_side) {
		bh_cell_side_exit();
		return;
	}
	bh_shutdown();
	/* a failed disable keeps the channels: they must not outlive us */
	mutex_lock(&bh.lock);
	bh_root_channels_remove();
	mutex_unlock(&bh.lock);
	bh_health_stop();
	unregister_reboot_notifier(&bh_reboot_nb);
	misc_deregister(&bh_misc);
	bh_sysfs_exit();
	kfree(bh.console_copy);
}

module_init(bh_init);
module_exit(bh_exit);
MODULE_DESCRIPTION("Bulkhead static-partitioning hypervisor driver");
MODULE_LICENSE("GPL");
MODULE_VERSION(BH_VERSION_STRING);
MODULE_FIRMWARE("bulkhead.bin");
