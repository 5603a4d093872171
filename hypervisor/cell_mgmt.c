// SPDX-License-Identifier: GPL-2.0
/*
 * Creating, loading, starting, stopping and destroying non-root cells.
 *
 * Every call here comes from the root cell.  mgmt_lock serialises them (the
 * driver does too, but the hypervisor trusts nobody).  cells_lock guards
 * what the cells' own CPUs change behind our back (cell_fail, a CPU powering
 * itself off) and is never held while waiting for another CPU.
 *
 * Life of a cell: CREATED (its memory may be loadable by the root) ->
 * RUNNING (or RUNNING_LOCKED, set by the cell) -> SHUT_DOWN or FAILED ->
 * started again, or destroyed.  Its memory, interrupts and CPUs leave the
 * root cell at create and come back at destroy.  What the cell is told
 * through its comm region is written by comm_region.c.
 */
#include <bulkhead/config_check.h>
#include <hv/arch.h>
#include <hv/channel.h>
#include <hv/comm_region.h>
#include <hv/control.h>
#include <hv/health.h>
#include <hv/mgmt.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include <hv/string.h>
#include <hv/time.h>
#include <hv/vuart.h>

#define SELF_OFF_WAIT_MS 20 /* for an approving cell to go off */

DEFINE_SPINLOCK(mgmt_lock);
/*
 * Our own page tables change for each copy to or from a cell's or the
 * root's memory.  Not only management calls do that: the root's looking
 * calls (health, channel headers) come from any of its CPUs at any time,
 * and a cell's restart from its own CPU.  One change at a time.
 */
DEFINE_SPINLOCK(hv_map_lock);

unsigned int cells_count(void)
{
	unsigned int n, count = 0;

	for (n = 0; n < MAX_CELLS; n++)
		if (cells[n])
			count++;
	return count;
}

/* ---- cell state ---------------------------------------------------- */

void set_state(struct cell *cell, u32 state)
{
	spin_lock(&cells_lock);
	cell->state = state;
	cell->comm->cell_state = state;
	comm_flush(cell);
	channels_cell_state(cell, state);
	spin_unlock(&cells_lock);
}

bool cell_is_running(const struct cell *cell)
{
	return cell->state == BH_CELL_RUNNING ||
	       cell->state == BH_CELL_RUNNING_LOCKED;
}

static bool cell_cpus_active(const struct cell *cell)
{
	unsigned int cpu;

	for_each_cpu(cpu, cell->cpu_set)
		if (per_cpu(cpu)->activated)
			return true;
	return false;
}

/* ---- reading from the root cell ------------------------------------ */

/* Is [addr, addr + size) RAM of the root cell that it still has? */
static bool root_ram_holds(paddr_t addr, u64 size)
{
	const struct bh_cell_desc *root = &sys_config->root_cell;
	const struct bh_memory_region *r = bh_cell_mem_regions(root);
	paddr_t page;
	unsigned int n;

	if (!size || addr + size < addr)
		return false;
	for (n = 0; n < root->num_memory_regions; n++, r++)
		if (!(r->flags & (BH_MEM_IO | BH_MEM_COMM_REGION)) &&
		    addr >= r->phys_start &&
		    addr + size <= r->phys_start + r->size)
			break;
	if (n == root->num_memory_regions)
		return false;
	for (page = addr & PAGE_MASK; page < addr + size; page += PAGE_SIZE)
		if (paging_virt2phys(&root_cell.stage2, page, NULL) != page)
			return false;
	return true;
}

/*
 * The root cell's RAM is not in our address space: map the pages for the
 * time of a copy (read-only when we only read it).
 */
static int root_copy(void *ours, paddr_t addr, u64 size, bool to_root)
{
	paddr_t start = addr & PAGE_MASK;
	u64 len = ALIGN_UP(addr + size, PAGE_SIZE) - start;
	void *theirs = (void *)(uintptr_t)addr;
	int err;

	if (!root_ram_holds(addr, size))
		return -BH_EINVAL;
	spin_lock(&hv_map_lock);
	err = paging_map(&hv_paging, start, start, len,
			 to_root ? PAGING_RW : PAGING_READ);
	if (!err && to_root)
		memcpy(theirs, ours, size);
	else if (!err)
		memcpy(ours, theirs, size);
	paging_unmap(&hv_paging, start, len);
	arch_paging_flush_hyp();
	spin_unlock(&hv_map_lock);
	return err;
}

int copy_from_root(void *dst, paddr_t addr, u64 size)
{
	return root_copy(dst, addr, size, false);
}

int copy_to_root(paddr_t addr, const void *src, u64 size)
{
	return root_copy((void *)src, addr, size, true);
}

static int copy_config(paddr_t addr, u64 size, struct bh_cell_desc **cfg,
		       unsigned int *pages)
{
	int err;

	if (size < sizeof(struct bh_cell_desc) || size > BH_CELL_CONFIG_MAX) {
		refuse("cell create: config of %llu bytes", size);
		return -BH_EINVAL;
	}
	*pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	*cfg = page_zalloc(&mem_pool, *pages);
	if (!*cfg)
		return -BH_ENOMEM;
	err = copy_from_root(*cfg, addr, size);
	if (err) {
		refuse("cell create: config at 0x%llx is not root RAM", addr);
		page_free(&mem_pool, *cfg, *pages);
	}
	return err;
}

/* The shared checker, against the system and every cell there is. */
static int check_config(const struct bh_cell_desc *cfg, u64 size)
{
	const struct bh_cell_desc *others[MAX_CELLS];
	struct bh_check_report rep;
	struct bh_check_env env;
	unsigned int n, n_other = 0;
	int err;

	for (n = 1; n < MAX_CELLS; n++)
		if (cells[n])
			others[n_other++] = cells[n]->config;
	bh_check_env_init(&env);
	env.possible_cpus = sys_config->root_cell.cpu_set;
	env.calling_cpu = this_cpu()->cpu_id;
	err = bh_check_cell_config(cfg, size, sys_config, others, n_other, &env,
				   &rep);
	if (err)
		refuse("cell create refused: %s", rep.msg);
	return err;
}

/* Linux must have let go of them: offline, not merely idle. */
static int check_cpus_off(u64 set)
{
	unsigned int cpu;

	for_each_cpu(cpu, set) {
		if (!per_cpu(cpu)->cell) {
			refuse("cell create refused: CPU %u never entered the hypervisor",
			       cpu);
			return -BH_ERANGE;
		}
		if (per_cpu(cpu)->activated ||
		    !(root_cell.cpu_set & BIT_ULL(cpu))) {
			refuse("cell create refused: CPU %u is in use (take it offline in Linux first)",
			       cpu);
			return -BH_EBUSY;
		}
	}
	return 0;
}

/* ---- moving resources between the root cell and a cell ------------- */

static bool region_leaves_root(const struct bh_memory_region *r)
{
	return !(r->flags & (BH_MEM_COMM_REGION | BH_MEM_ROOTSHARED));
}

/* Map what the root cell's config gives it of [start, start + size). */
static int root_map_back(paddr_t start, u64 size)
{
	const struct bh_cell_desc *root = &sys_config->root_cell;
	const struct bh_memory_region *r = bh_cell_mem_regions(root);
	unsigned int n;
	int err;

	for (n = 0; n < root->num_memory_regions; n++, r++) {
		u64 lo = MAX(start, r->phys_start);
		u64 hi = MIN(start + size, r->phys_start + r->size);

		if (lo >= hi ||
		    r->flags & (BH_MEM_COMM_REGION | BH_MEM_ASSIGNABLE))
			continue;
		err = paging_map(&root_cell.stage2,
				 r->virt_start + (lo - r->phys_start), lo,
				 hi - lo, region_paging_flags(r));
		if (err)
			return err;
	}
	return 0;
}

/* The root cell is mapped 1:1, so a region's phys range is its IPA. */
static int take_memory(struct cell *cell)
{
	const struct bh_memory_region *r = bh_cell_mem_regions(cell->config);
	unsigned int n;
	int err = 0;

	for (n = 0; !err && n < cell->config->num_memory_regions; n++, r++)
		if (region_leaves_root(r))
			err = paging_unmap(&root_cell.stage2, r->phys_start,
					   r->size);
	arch_cell_flush_stage2(&root_cell);
	return err;
}

/*
 * What a cell leaves in its RAM is not the root's to read: clear it before
 * the root maps it again, and push the zeros past the caches, where a
 * non-cacheable mapping of the root would look.
 */
static int scrub(paddr_t start, u64 size)
{
	int err;

	spin_lock(&hv_map_lock);
	err = paging_map(&hv_paging, start, start, size, PAGING_RW);
	if (!err) {
		memset((void *)(uintptr_t)start, 0, size);
		arch_dcache_flush((void *)(uintptr_t)start, size);
	}
	paging_unmap(&hv_paging, start, size);
	arch_paging_flush_hyp();
	spin_unlock(&hv_map_lock);
	return err;
}

static int scrub_if_ran(const struct cell *cell,
			const struct bh_memory_region *r)
{
	return cell->ran ? scrub(r->phys_start, r->size) : 0;
}

/* Also drops the root's loadable mappings: call it on every way out. */
static int give_back_memory(struct cell *cell)
{
	const struct bh_memory_region *r = bh_cell_mem_regions(cell->config);
	unsigned int n;
	int err, ret = 0;

	for (n = 0; n < cell->config->num_memory_regions; n++, r++) {
		if (!region_leaves_root(r))
			continue;
		err = scrub_if_ran(cell, r);
		if (!err)
			err = paging_unmap(&root_cell.stage2, r->phys_start,
					   r->size);
		if (!err)
			err = root_map_back(r->phys_start, r->size);
		if (err)
			ret = err;
	}
	arch_cell_flush_stage2(&root_cell);
	return ret;
}

/* Let the root cell write (or no longer write) the cell's images. */
static int map_loadable(struct cell *cell, bool map)
{
	const struct bh_memory_region *r = bh_cell_mem_regions(cell->config);
	unsigned int n;
	int err = 0;

	for (n = 0; !err && n < cell->config->num_memory_regions; n++, r++) {
		if (!(r->flags & BH_MEM_LOADABLE) || !region_leaves_root(r))
			continue;
		if (map) {
			err = scrub_if_ran(cell, r);
			err = err   ?:
				      paging_map(&root_cell.stage2,
						 r->phys_start, r->phys_start,
						 r->size, PAGING_RW);
		} else {
			err = paging_unmap(&root_cell.stage2, r->phys_start,
					   r->size);
		}
	}
	if (!map)
		arch_cell_flush_stage2(&root_cell);
	return err;
}

static void take_irqs(struct cell *cell)
{
	unsigned int irq;

	for (irq = 32; irq < BH_MAX_IRQS; irq++) {
		if (!cell_owns_irq(cell, irq))
			continue;
		root_cell.irq_bitmap[irq / 32] &= ~(1U << (irq % 32));
		/* whatever Linux left enabled must not fire into the cell */
		irqchip_reset_spi(irq, cell);
	}
}

/* Reset and off: Linux enables what it uses again, nothing else fires. */
static void give_back_irqs(struct cell *cell)
{
	const struct bh_cell_desc *root = &sys_config->root_cell;
	unsigned int irq;

	for (irq = 32; irq < BH_MAX_IRQS; irq++) {
		if (!cell_owns_irq(cell, irq))
			continue;
		irqchip_reset_spi(irq, &root_cell);
		if (root->irq_bitmap[irq / 32] & (1U << (irq % 32)))
			root_cell.irq_bitmap[irq / 32] |= 1U << (irq % 32);
	}
}

static void take_cpus(struct cell *cell)
{
	unsigned int cpu;

	root_cell.cpu_set &= ~cell->cpu_set;
	for_each_cpu(cpu, cell->cpu_set) {
		per_cpu(cpu)->cell = cell;
		per_cpu(cpu)->failed = false;
	}
}

/* They stay off: Linux turns them on (PSCI CPU_ON) as root CPUs. */
static void give_back_cpus(struct cell *cell)
{
	unsigned int cpu;

	for_each_cpu(cpu, cell->cpu_set) {
		per_cpu(cpu)->cell = &root_cell;
		per_cpu(cpu)->failed = false;
		per_cpu(cpu)->requests = 0;
	}
	root_cell.cpu_set |= cell->cpu_set;
}

/* ---- CPUs ----------------------------------------------------------- */

/* Ask every CPU of the cell to stop; they do so at their next exit. */
void cell_request_stop(struct cell *cell)
{
	struct per_cpu *self = this_cpu();
	unsigned int cpu;

	for_each_cpu(cpu, cell->cpu_set) {
		struct per_cpu *pcpu = per_cpu(cpu);

		if (!pcpu->activated)
			continue;
		pcpu->requests |= CPU_REQ_STOP;
		if (pcpu != self)
			arch_cpu_kick(cpu);
	}
}

/*
 * Linux halted: every cell learns it from its comm region (an RTOS then
 * enters its safe state).  False if there is no other cell to go on.
 */
bool cells_tell_root_stopped(u32 how)
{
	unsigned int id;
	bool any = false;

	spin_lock(&cells_lock);
	channels_cell_state(&root_cell, how);
	for (id = 1; id < MAX_CELLS; id++) {
		if (!cells[id])
			continue;
		cells[id]->comm->root_state = BH_ROOT_STOPPED;
		comm_flush(cells[id]);
		any = true;
	}
	spin_unlock(&cells_lock);
	return any;
}

/*
 * Called by every CPU on its way to the firmware's CPU_OFF.  True when
 * this CPU, the last of its cell to go, is to run the cell again instead
 * (its health policy restarts it).
 */
bool cell_cpu_stopped(struct per_cpu *pcpu)
{
	struct cell *cell = pcpu->cell;
	bool last;

	spin_lock(&cells_lock);
	pcpu->activated = false;
	last = cell && !cell_is_root(cell) && !cell_cpus_active(cell);
	if (last && cell_is_running(cell)) {
		/* its peers see it gone either way */
		cell->state = cell->reset_asked ? BH_CELL_RESET_REQUESTED :
						  BH_CELL_SHUT_DOWN;
		cell->comm->cell_state = BH_CELL_SHUT_DOWN;
		comm_flush(cell);
		channels_cell_state(cell, BH_CELL_SHUT_DOWN);
		printk("cell %u \"%s\": all CPUs off, %s\n", cell->id,
		       cell->config->name,
		       cell->reset_asked ? "reset requested" : "shut down");
	}
	last = last && cell->restart_pending;
	spin_unlock(&cells_lock);
	return last && cell_restart(cell, pcpu);
}

static bool cell_cpus_off(const struct cell *cell)
{
	unsigned int cpu;

	for_each_cpu(cpu, cell->cpu_set)
		if (per_cpu(cpu)->activated || !arch_cpu_powered_off(cpu))
			return false;
	return true;
}

/*
 * Stop the cell's CPUs and wait until the firmware has them off, so they
 * can be started again.  A CPU just powering on clears its requests when
 * it arrives, so they are sent again on every round.
 */
static int stop_cpus(struct cell *cell)
{
	u64 deadline = deadline_in(CPU_STOP_WAIT_MS);

	for (;;) {
		cell_request_stop(cell);
		if (cell_cpus_off(cell))
			return 0;
		if (expired(deadline))
			break;
		delay_ms(1);
	}
	refuse("cell %u \"%s\": CPUs did not stop", cell->id,
	       cell->config->name);
	return -BH_EBUSY;
}

/* ---- lifecycle ------------------------------------------------------ */

static struct cell *mgmt_cell(unsigned int id)
{
	return id && id < MAX_CELLS ? cells[id] : NULL;
}

/* A lifecycle step on cell `id`, serialised with every other one. */
long with_cell(unsigned int id,
	       long (*step)(struct cell *cell, u64 arg, u64 arg2), u64 arg,
	       u64 arg2)
{
	struct cell *cell;
	long ret = -BH_ENOENT;

	spin_lock(&mgmt_lock);
	cell = mgmt_cell(id);
	if (cell)
		ret = step(cell, arg, arg2);
	spin_unlock(&mgmt_lock);
	return ret;
}

static int free_id(void)
{
	unsigned int id;

	for (id = 1; id < MAX_CELLS; id++)
		if (!cells[id])
			return id;
	return -BH_ENOMEM;
}

static void drop_images(struct cell *cell)
{
	unsigned int n;

	for (n = 0; n < cell->num_images; n++)
		page_free(&mem_pool, cell->images[n].copy,
			  cell->images[n].pages);
	cell->num_images = 0;
}

/* Everything a cell owns in the pool; safe on a half-built cell. */
static void free_cell(struct cell *cell)
{
	drop_images(cell);
	vuart_cell_exit(cell);
	if (cell->stage2.root) {
		/* its VMID will be reused: no stale translations */
		arch_cell_flush_stage2(cell);
		cell_destroy_common(cell);
	}
	page_free(&mem_pool, cell->comm, 1);
	page_free(&mem_pool, cell->config, cell->config_pages);
	page_free(&mem_pool, cell, 1);
}

static struct cell *cell_alloc(int id, struct bh_cell_desc *cfg,
			       unsigned int pages)
{
	struct cell *cell;

	BUILD_BUG_ON(sizeof(struct cell) > PAGE_SIZE);
	cell = page_zalloc(&mem_pool, 1);
	if (!cell)
		return NULL;
	cell->id = id;
	cell->vmid = id;
	cell->config = cfg;
	cell->config_pages = pages;
	cell->state = BH_CELL_CREATED;
	cell->comm = page_zalloc(&mem_pool, 1);
	if (!cell->comm) {
		page_free(&mem_pool, cell, 1);
		return NULL;
	}
	return cell;
}

static long create_locked(paddr_t addr, u64 size)
{
	struct bh_cell_desc *cfg;
	unsigned int pages;
	struct cell *cell;
	int id, err;

	id = free_id();
	if (id < 0)
		return id;
	err = copy_config(addr, size, &cfg, &pages);
	if (err)
		return err;
	err = check_config(cfg, size);
	if (!err)
		err = check_cpus_off(cfg->cpu_set);
	if (err)
		goto err_config;
	err = -BH_ENOMEM;
	cell = cell_alloc(id, cfg, pages);
	if (!cell)
		goto err_config;
	err = cell_init_common(cell);
	if (err)
		goto err_cell;
	comm_init(cell);
	err = channels_cell_create(cell);
	err = err ?: vuart_cell_init(cell);
	if (err)
		goto err_cell;
	err = take_memory(cell);
	if (err)
		goto err_memory;

	spin_lock(&cells_lock);
	take_irqs(cell);
	vuart_cell_link(cell);
	take_cpus(cell);
	cells[id] = cell;
	channels_cell_link(cell);
	spin_unlock(&cells_lock);
	printk("cell %u \"%s\" created, CPUs 0x%llx\n", id, cfg->name,
	       cell->cpu_set);
	return id;

err_memory:
	give_back_memory(cell);
err_cell:
	free_cell(cell);
	return err;
err_config:
	page_free(&mem_pool, cfg, pages);
	return err;
}

long cell_create(paddr_t config_addr, u64 size)
{
	long ret;

	spin_lock(&mgmt_lock);
	ret = create_locked(config_addr, size);
	spin_unlock(&mgmt_lock);
	return ret;
}

static long set_loadable_locked(struct cell *cell, u64 unused, u64 unused2)
{
	int err;

	if (cell_is_running(cell))
		return -BH_EBUSY;
	err = stop_cpus(cell); /* a failed cell's may still be going */
	if (err)
		return err;
	if (!cell->loadable) {
		err = map_loadable(cell, true);
		if (err) {
			map_loadable(cell, false);
			return err;
		}
		cell->loadable = true;
		/* a new load: it replaces what a restart would start from */
		drop_images(cell);
	}
	cell->restart_pending = false;
	set_state(cell, BH_CELL_CREATED);
	return 0;
}

long cell_set_loadable(unsigned int id)
{
	return with_cell(id, set_loadable_locked, 0, 0);
}

static long set_cmdline_locked(struct cell *cell, u64 addr, u64 len)
{
	if (cell_is_running(cell))
		return -BH_EBUSY;
	return comm_set_cmdline(cell, addr, len);
}

long cell_set_cmdline(unsigned int id, paddr_t addr, u64 len)
{
	return with_cell(id, set_cmdline_locked, addr, len);
}

/* Only its first CPU: the cell turns on the others with PSCI CPU_ON. */
/* What a previous run left: failed CPUs, requests, a pending handshake. */
void cell_clear_run_state(struct cell *cell)
{
	unsigned int cpu;

	for_each_cpu(cpu, cell->cpu_set) {
		per_cpu(cpu)->failed = false;
		per_cpu(cpu)->requests = 0;
	}
	cell->failed_cpus = 0;
	cell->comm->msg_to_cell = BH_MSG_NONE;
	cell->comm->reply_from_cell = BH_MSG_NONE;
	cell->shutdown_asked = false;
	cell->reset_asked = false;
}

int start_first_cpu(struct cell *cell)
{
	unsigned int cpu = __builtin_ctzll(cell->cpu_set);
	struct per_cpu *pcpu = per_cpu(cpu);
	long err;

	pcpu->cell = cell;
	pcpu->boot_entry = cell->config->entry;
	pcpu->boot_context = BH_COMM_REGION_ADDR;
	arch_smp_mb();
	err = arch_cpu_power_on(cpu);
	if (err) {
		refuse("cell %u \"%s\": CPU %u did not power on (%ld)",
		       cell->id, cell->config->name, cpu, err);
		return -BH_EIO;
	}
	return 0;
}

static long start_locked(struct cell *cell, u64 unused, u64 unused2)
{
	int err;

	if (cell_is_running(cell))
		return -BH_EBUSY;
	err = stop_cpus(cell);
	if (err)
		return err;
	if (cell->loadable) {
		err = map_loadable(cell, false);
		if (err)
			return err;
		cell->loadable = false;
	}
	cell_clear_run_state(cell);
	cell->restart_pending = false;
	/* started by the root: a fresh restart budget */
	cell->health.restarts = 0;
	cell->comm->restarts = 0;
	cell->ran = true;
	set_state(cell, BH_CELL_RUNNING);
	/* before it runs: its own output follows on the same console */
	printk("cell %u \"%s\" starting at 0x%llx\n", cell->id,
	       cell->config->name, cell->config->entry);
	err = start_first_cpu(cell);
	if (err)
		set_state(cell, BH_CELL_SHUT_DOWN);
	return err;
}

long cell_start(unsigned int id)
{
	return with_cell(id, start_locked, 0, 0);
}

/*
 * The comm-region handshake, one step per call: the first call asks, later
 * ones look for the answer.  Nothing waits here for the cell to decide, so
 * the root's CPU is back in Linux (and may sleep) while the cell gets
 * ready; the driver calls again until the cell answers or it gives up.
 * 0: stop the cell (it agreed, went off by itself, or, told to decide,
 * never answered: it does not speak the protocol); -BH_EAGAIN: no answer
 * yet; -BH_EPERM: it said no; -BH_EBUSY: it saw the request, did not
 * decide, and keeps running.
 */
static int shutdown_handshake(struct cell *cell, unsigned long how)
{
	u32 reply;
	u64 deadline;

	if (!cell->shutdown_asked) {
		comm_send(cell, BH_MSG_SHUTDOWN_REQUEST);
		cell->shutdown_asked = true;
	}
	reply = comm_reply(cell);
	if (reply == BH_MSG_REQUEST_APPROVED) {
		/* let it finish and power off by itself if it means to */
		deadline = deadline_in(SELF_OFF_WAIT_MS);
		while (cell_cpus_active(cell) && !expired(deadline))
			arch_cpu_relax();
		return 0;
	}
	if (reply == BH_MSG_REQUEST_DENIED ||
	    (how == BH_SHUTDOWN_DECIDE && reply == BH_MSG_RECEIVED &&
	     cell_is_running(cell))) {
		comm_send(cell, BH_MSG_NONE);
		cell->shutdown_asked = false;
		return reply == BH_MSG_REQUEST_DENIED ? -BH_EPERM : -BH_EBUSY;
	}
	if (how != BH_SHUTDOWN_DECIDE && cell_is_running(cell))
		return -BH_EAGAIN;
	return 0;
}

static long shutdown_locked(struct cell *cell, u64 how, u64 unused)
{
	int err;

	switch (cell->state) {
	case BH_CELL_RUNNING_LOCKED:
		/* locked after it was asked: the question is void */
		if (cell->shutdown_asked)
			comm_send(cell, BH_MSG_NONE);
		cell->shutdown_asked = false;
		return -BH_EPERM;
	case BH_CELL_CREATED:
		return -BH_EINVAL; /* never started */
	case BH_CELL_RUNNING:
		err = shutdown_handshake(cell, how);
		if (err)
			return err;
		break;
	default:
		break;
	}
	err = stop_cpus(cell);
	if (err)
		return err;
	cell->shutdown_asked = false;
	if (cell->state != BH_CELL_SHUT_DOWN) {
		set_state(cell, BH_CELL_SHUT_DOWN);
		printk("cell %u \"%s\" shut down\n", cell->id,
		       cell->config->name);
	}
	return 0;
}

long cell_shutdown(unsigned int id, unsigned long how)
{
	if (how != BH_SHUTDOWN_ASK && how != BH_SHUTDOWN_DECIDE)
		return -BH_EINVAL;
	return with_cell(id, shutdown_locked, how, 0);
}

static long destroy_locked(struct cell *cell, u64 unused, u64 unused2)
{
	int err;

	/* a cell that locked itself decides when it may go */
	if (cell->state == BH_CELL_RUNNING_LOCKED)
		return -BH_EPERM;
	err = stop_cpus(cell);
	if (err)
		return err;

	spin_lock(&cells_lock);
	cells[cell->id] = NULL;
	channels_cell_unlink(cell);
	spin_unlock(&cells_lock);
	if (give_back_memory(cell))
		printk("cell %u: not all memory went back to the root cell\n",
		       cell->id);
	spin_lock(&cells_lock);
	give_back_irqs(cell);
	give_back_cpus(cell);
	spin_unlock(&cells_lock);
	printk("cell %u \"%s\" destroyed\n", cell->id, cell->config->name);
	free_cell(cell);
	return 0;
}

long cell_destroy(unsigned int id)
{
	return with_cell(id, destroy_locked, 0, 0);
}

long cell_get_state(unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	return cell ? (long)cell->state : -BH_ENOENT;
}
