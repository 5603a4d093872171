// SPDX-License-Identifier: GPL-2.0
/*
 * A cell that resets itself (PSCI SYSTEM_RESET, `reboot` in a Linux cell)
 * starts again from what it was loaded with.  The hypervisor only stops
 * it: a Linux kernel is far too large for its pool.  We keep the images
 * loaded with BH_LOAD_KEEP and, when the events poller sees the cell ask,
 * write them back and start it.
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "bulkhead.h"

struct kept_image {
	struct list_head list;
	phys_addr_t phys;
	size_t size;
	void *data;
};

static void drop_kept(struct kept_image *k)
{
	list_del(&k->list);
	kvfree(k->data);
	kfree(k);
}

/*
 * Every image loaded replaces the kept ones it overlaps, as it does in the
 * cell's RAM; one loaded with BH_LOAD_KEEP (keep) is kept itself.
 */
int bh_cell_keep_image(struct bh_cell *cell, phys_addr_t phys,
		       const void __user *src, size_t size, bool keep)
{
	struct kept_image *k, *next;

	list_for_each_entry_safe(k, next, &cell->kept, list)
		if (k->phys < phys + size && phys < k->phys + k->size)
			drop_kept(k);
	if (!keep)
		return 0;
	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	k->data = kvmalloc(size, GFP_KERNEL);
	if (!k->data) {
		kfree(k);
		bh_set_error("cell load: no memory to keep %zu bytes for the cell's resets",
			     size);
		return -ENOMEM;
	}
	if (copy_from_user(k->data, src, size)) {
		kvfree(k->data);
		kfree(k);
		return -EFAULT;
	}
	k->phys = phys;
	k->size = size;
	list_add_tail(&k->list, &cell->kept);
	return 0;
}

void bh_cell_drop_kept(struct bh_cell *cell)
{
	struct kept_image *k, *next;

	list_for_each_entry_safe(k, next, &cell->kept, list)
		drop_kept(k);
}

static int write_back(const struct kept_image *k)
{
	void *dst = memremap(k->phys, k->size, MEMREMAP_WB);

	if (!dst)
		return -ENOMEM;
	memcpy(dst, k->data, k->size);
	bh_clean_to_poc(dst, k->size);
	memunmap(dst);
	return 0;
}

static void reboot_cell(struct bh_cell *cell)
{
	struct kept_image *k;
	long ret;

	ret = bh_hypercall(BH_HC_CELL_SET_LOADABLE, cell->id, 0, 0);
	list_for_each_entry(k, &cell->kept, list)
		if (!ret)
			ret = write_back(k);
	if (!ret)
		ret = bh_hypercall(BH_HC_CELL_START, cell->id, 0, 0);
	if (ret) {
		pr_err("bulkhead: cell %u '%.*s' asked for a reset, and the restart failed (%ld): it stays stopped\n",
		       cell->id, BH_CELL_NAME_LEN, cell->config->name, ret);
		bh_cell_drop_kept(cell);
		return;
	}
	cell->reboots++;
	pr_info("bulkhead: cell %u '%.*s' reset itself: restarted (%u)\n",
		cell->id, BH_CELL_NAME_LEN, cell->config->name, cell->reboots);
}

/*
 * From the events poller.  A try-lock: the disable path holds the lock
 * while it waits for the poller to end.
 */
void bh_cells_reboot_requested(struct list_head *cells)
{
	struct bh_cell *cell;

	if (!mutex_trylock(&bh.lock))
		return;
	list_for_each_entry(cell, cells, list)
		if (!list_empty(&cell->kept) &&
		    bh_hypercall(BH_HC_CELL_GET_STATE, cell->id, 0, 0) ==
			    BH_CELL_RESET_REQUESTED)
			reboot_cell(cell);
	mutex_unlock(&bh.lock);
}
