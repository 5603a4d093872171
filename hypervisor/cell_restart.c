// SPDX-License-Identifier: GPL-2.0
/*
 * Restarting a failed cell without the root, for its health policy: the
 * images the root loaded are kept in the pool (accounted to the cell) and
 * copied back into its RAM before its first CPU goes in at its entry
 * again.  The root may be dead by then; nothing here waits for it.
 */
#include <hv/arch.h>
#include <hv/control.h>
#include <hv/health.h>
#include <hv/mgmt.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include <hv/string.h>
#include <hv/time.h>

/* Which LOADABLE region holds [guest, guest + size): its physical address */
static int image_phys(const struct cell *cell, u64 guest, u64 size,
		      paddr_t *phys)
{
	const struct bh_memory_region *r = bh_cell_mem_regions(cell->config);
	unsigned int n;

	for (n = 0; n < cell->config->num_memory_regions; n++, r++)
		if (r->flags & BH_MEM_LOADABLE && size &&
		    guest + size > guest && guest >= r->virt_start &&
		    guest + size <= r->virt_start + r->size) {
			*phys = r->phys_start + (guest - r->virt_start);
			return 0;
		}
	return -BH_EINVAL;
}

/* Copy between the cell's RAM and our copy of an image. */
static int image_copy(struct kept_image *img, paddr_t phys, bool restore)
{
	paddr_t start = phys & PAGE_MASK;
	u64 len = ALIGN_UP(phys + img->size, PAGE_SIZE) - start;
	void *ram = (void *)(uintptr_t)phys;
	int err;

	spin_lock(&hv_map_lock);
	err = paging_map(&hv_paging, start, start, len, PAGING_RW);
	if (!err && restore) {
		memcpy(ram, img->copy, img->size);
		/* it may start with its MMU (and caches) off */
		arch_dcache_flush(ram, img->size);
	} else if (!err) {
		memcpy(img->copy, ram, img->size);
	}
	paging_unmap(&hv_paging, start, len);
	arch_paging_flush_hyp();
	spin_unlock(&hv_map_lock);
	return err;
}

static struct kept_image *image_at(struct cell *cell, u64 guest)
{
	unsigned int n;

	for (n = 0; n < cell->num_images; n++)
		if (cell->images[n].guest_addr == guest)
			return &cell->images[n];
	return NULL;
}

static bool restarts_ever(const struct cell *cell)
{
	unsigned int n;

	for (n = 0; n < BH_EVENT_COUNT; n++)
		if (cell->config->health.action[n] == BH_ACTION_RESTART)
			return cell->config->health.restart_budget > 0;
	return false;
}

static long keep_image_locked(struct cell *cell, u64 guest, u64 size)
{
	struct kept_image *img;
	paddr_t phys;
	int err;

	if (!restarts_ever(cell))
		return 0; /* nothing will ever start from it */
	if (!cell->loadable || cell_is_running(cell))
		return -BH_EBUSY;
	if (image_phys(cell, guest, size, &phys)) {
		refuse("cell %u: image [0x%llx+0x%llx) is not in a loadable "
		       "region",
		       cell->id, guest, size);
		return -BH_EINVAL;
	}
	img = image_at(cell, guest);
	if (img) {
		page_free(&mem_pool, img->copy, img->pages);
		*img = cell->images[--cell->num_images];
	}
	if (cell->num_images == CELL_MAX_IMAGES)
		return -BH_E2BIG;
	img = &cell->images[cell->num_images];
	img->guest_addr = guest;
	img->size = size;
	img->pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	img->copy = page_alloc(&mem_pool, img->pages);
	if (!img->copy) {
		refuse("cell %u: no hypervisor memory to keep a %llu-byte image "
		       "for restarts",
		       cell->id, size);
		return -BH_ENOMEM;
	}
	err = image_copy(img, phys, false);
	if (err) {
		page_free(&mem_pool, img->copy, img->pages);
		return err;
	}
	cell->num_images++;
	return 0;
}

long cell_keep_image(unsigned int id, u64 guest_addr, u64 size)
{
	return with_cell(id, keep_image_locked, guest_addr, size);
}

static int restore_images(struct cell *cell)
{
	unsigned int n;
	paddr_t phys;
	int err = 0;

	for (n = 0; !err && n < cell->num_images; n++) {
		struct kept_image *img = &cell->images[n];

		err = image_phys(cell, img->guest_addr, img->size, &phys);
		err = err ?: image_copy(img, phys, true);
	}
	arch_icache_invalidate_all();
	return err;
}

static void reset_for_restart(struct cell *cell)
{
	cell_clear_run_state(cell);
	cell->health.restarts++;
	cell->comm->restarts = cell->health.restarts;
	health_watchdog_reset(cell);
}

/*
 * The last CPU of a failed cell whose policy restarts it: restore its
 * images and start it again, without the root.  True: this CPU is the
 * cell's first and goes back in at its entry.  When the root is managing
 * the cell right now (mgmt_lock taken), the root decides: no restart.
 */
bool cell_restart(struct cell *cell, struct per_cpu *pcpu)
{
	unsigned int first = __builtin_ctzll(cell->cpu_set);
	bool here = false;

	if (!spin_trylock(&mgmt_lock)) {
		printk("cell %u \"%s\": being managed, not restarted\n",
		       cell->id, cell->config->name);
		cell->restart_pending = false;
		return false;
	}
	cell->restart_pending = false;
	if (cells[cell->id] != cell || restore_images(cell)) {
		spin_unlock(&mgmt_lock);
		return false;
	}
	reset_for_restart(cell);
	set_state(cell, BH_CELL_RUNNING);
	printk("cell %u \"%s\" restarted by the hypervisor (%u of %u)\n",
	       cell->id, cell->config->name, cell->health.restarts,
	       cell->config->health.restart_budget);
	if (first == pcpu->cpu_id) {
		pcpu->boot_entry = cell->config->entry;
		pcpu->boot_context = BH_COMM_REGION_ADDR;
		here = true;
	} else if (start_first_cpu(cell)) { /* waits for it to be off */
		set_state(cell, BH_CELL_FAILED);
	}
	spin_unlock(&mgmt_lock);
	return here;
}
