// SPDX-License-Identifier: GPL-2.0
/*
 * A cell's virtual UART from Linux's side: what the cell printed
 * (BH_IOCTL_VUART_READ, from a position the caller keeps) and bytes for it
 * to read (BH_IOCTL_VUART_WRITE).  The hypervisor keeps both; here only
 * the checks and the copies.  Every field of the argument is hostile.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "bulkhead.h"

/* The cell the call names, if it has a vUART; else an error set. */
static int vuart_cell(const struct bh_vuart_io *io, const char *op)
{
	struct bh_cell *cell;

	if (io->flags) {
		bh_set_error("%s: flags 0x%x: none are defined", op, io->flags);
		return -EINVAL;
	}
	cell = bh_cell_find(io->cell_id, op);
	if (!cell)
		return bh.enabled ? -ENOENT : -EINVAL;
	if (!cell->config->vuart.address) {
		bh_set_error("%s: cell '%.*s' has no vUART: give it one in its config (vuart, vuart_irq)",
			     op, BH_CELL_NAME_LEN, cell->config->name);
		return -ENODEV;
	}
	return 0;
}

static int vuart_failed(long ret, const char *op)
{
	bh_set_error("%s: the hypervisor refused (%ld)", op, ret);
	return ret < 0 && ret > -4096 ? (int)ret : -EIO;
}

int bh_vuart_read(struct bh_vuart_io __user *arg)
{
	struct bh_vuart_read *rd;
	struct bh_vuart_io io;
	long ret;
	u32 len;

	if (copy_from_user(&io, arg, sizeof(io)))
		return -EFAULT;
	ret = vuart_cell(&io, "cell console");
	if (ret)
		return ret;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return -ENOMEM;
	rd->pos = io.pos;
	ret = bh_hypercall(BH_HC_VUART_READ, io.cell_id, virt_to_phys(rd), 0);
	if (ret < 0) {
		ret = vuart_failed(ret, "cell console");
		goto out;
	}
	len = min3((u64)rd->len, io.size, (u64)BH_VUART_READ_MAX);
	io.start = rd->start;
	io.head = rd->head;
	io.size = len;
	ret = -EFAULT;
	if (copy_to_user(u64_to_user_ptr(io.buf), rd->data, len) ||
	    copy_to_user(arg, &io, sizeof(io)))
		goto out;
	ret = 0;
out:
	kfree(rd);
	return ret;
}

int bh_vuart_write(struct bh_vuart_io __user *arg)
{
	u8 buf[BH_VUART_RX_FIFO_SIZE];
	struct bh_vuart_io io;
	u8 *bounce;
	long ret;
	u64 len;

	if (copy_from_user(&io, arg, sizeof(io)))
		return -EFAULT;
	ret = vuart_cell(&io, "cell console");
	if (ret)
		return ret;
	len = min_t(u64, io.size, sizeof(buf));
	if (copy_from_user(buf, u64_to_user_ptr(io.buf), len))
		return -EFAULT;
	/* the hypervisor copies from RAM it can translate: not the stack */
	bounce = kmemdup(buf, len ?: 1, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	ret = bh_hypercall(BH_HC_VUART_WRITE, io.cell_id, virt_to_phys(bounce),
			   len);
	kfree(bounce);
	if (ret < 0)
		return vuart_failed(ret, "cell console");
	io.size = ret;
	return copy_to_user(arg, &io, sizeof(io)) ? -EFAULT : 0;
}
