// SPDX-License-Identifier: GPL-2.0
/*
 * Cells: the root cell made from the system config at enable time, and the
 * stage-2 and resource bookkeeping shared by every cell.
 */
#include <hv/arch.h>
#include <hv/channel.h>
#include <hv/console.h>
#include <hv/health.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include <hv/string.h>

struct cell root_cell;
struct cell *cells[MAX_CELLS];
DEFINE_SPINLOCK(cells_lock);

extern u8 __console_start[], __console_end[];

struct cell *cell_by_id(unsigned int id)
{
	return id < MAX_CELLS ? cells[id] : NULL;
}

unsigned int region_paging_flags(const struct bh_memory_region *r)
{
	unsigned int flags = 0;

	if (r->flags & BH_MEM_READ)
		flags |= PAGING_READ;
	if (r->flags & BH_MEM_WRITE)
		flags |= PAGING_WRITE;
	if (r->flags & BH_MEM_EXECUTE)
		flags |= PAGING_EXEC;
	if (r->flags & BH_MEM_IO)
		flags |= PAGING_DEVICE;
	return flags;
}

int cell_map_regions(struct cell *cell)
{
	const struct bh_memory_region *r = bh_cell_mem_regions(cell->config);
	unsigned int n;
	int err;

	for (n = 0; n < cell->config->num_memory_regions; n++, r++) {
		paddr_t phys = r->phys_start;

		if (r->flags & BH_MEM_COMM_REGION) {
			if (!cell->comm)
				continue;
			phys = (uintptr_t)cell->comm;
		}
		/* the system config keeps it for cells: not the root's */
		if (r->flags & BH_MEM_ASSIGNABLE)
			continue;
		err = paging_map(&cell->stage2, r->virt_start, phys,
				 r->flags & BH_MEM_COMM_REGION ? PAGE_SIZE :
								 r->size,
				 region_paging_flags(r));
		if (err)
			return err;
	}
	return 0;
}

int cell_init_common(struct cell *cell)
{
	int err;

	err = health_cell_init(cell);
	if (err)
		return err;
	cell->cpu_set = cell->config->cpu_set;
	memcpy(cell->irq_bitmap, cell->config->irq_bitmap,
	       sizeof(cell->irq_bitmap));
	err = arch_cell_init(cell);
	if (err)
		return err;
	err = cell_map_regions(cell);
	if (err)
		return err;
	return irqchip_cell_init(cell);
}

void cell_destroy_common(struct cell *cell)
{
	irqchip_cell_exit(cell);
	arch_cell_exit(cell);
	paging_destroy(&cell->stage2);
}

int root_cell_init(void)
{
	vaddr_t ring = (vaddr_t)__console_start;
	int err;

	root_cell.id = 0;
	root_cell.state = BH_CELL_RUNNING;
	root_cell.config = &sys_config->root_cell;
	root_cell.vmid = 0;
	err = cell_init_common(&root_cell);
	if (err)
		return err;
	/* let the driver read our messages without a hypercall */
	err = paging_map(&root_cell.stage2, ring, ring,
			 (vaddr_t)__console_end - ring, PAGING_READ);
	if (err)
		return err;
	cells[0] = &root_cell;
	return 0;
}

/*
 * A running cell locks or unlocks itself.  Under the same lock as every
 * other state change: a cell that failed on another CPU, or was shut
 * down, stays so.
 */
long cell_set_own_state(struct cell *cell, u32 state)
{
	long ret = 0;

	if (state != BH_CELL_RUNNING && state != BH_CELL_RUNNING_LOCKED)
		return -BH_EINVAL;
	spin_lock(&cells_lock);
	if (cell->state == BH_CELL_RUNNING ||
	    cell->state == BH_CELL_RUNNING_LOCKED) {
		cell->state = state;
		cell->comm->cell_state = state;
	} else {
		ret = -BH_EPERM;
	}
	spin_unlock(&cells_lock);
	return ret;
}

/*
 * A cell did something it may not: stop it, keep everyone else running.
 * Called on the guilty CPU, which then powers itself off.
 */
void cell_fail(struct cell *cell, const char *why)
{
	struct per_cpu *pcpu = this_cpu();
	unsigned int cpu;

	printk("cell %u \"%s\" failed on CPU %u: %s\n", cell->id,
	       cell->config->name, pcpu->cpu_id, why);
	spin_lock(&cells_lock);
	cell->state = BH_CELL_FAILED;
	cell->failed_cpus |= BIT_ULL(pcpu->cpu_id);
	if (cell->comm)
		cell->comm->cell_state = BH_CELL_FAILED;
	channels_cell_state(cell, BH_CELL_FAILED);
	for_each_cpu(cpu, cell->cpu_set) {
		if (cpu != pcpu->cpu_id && per_cpu(cpu)->activated) {
			per_cpu(cpu)->requests |= CPU_REQ_STOP;
			arch_cpu_kick(cpu);
		}
	}
	spin_unlock(&cells_lock);
	pcpu->failed = true;
}

/*
 * Under cells_lock: what `cell list` and the driver's events file show
 * until the next event.  Every build keeps it, with or without the health
 * monitor: a product that only stops failed cells still wants to know why.
 */
void cell_record_event(struct cell *cell, unsigned int event, const char *why)
{
	cell->health.events++;
	cell->health.last_event = event;
	cell->health.last_event_ticks = arch_timer_ticks();
	if (cell->comm)
		cell->comm->failure_ticks = cell->health.last_event_ticks;
	snprintf(cell->health.reason, sizeof(cell->health.reason), "%s", why);
}

long cell_get_health(unsigned int id, paddr_t addr)
{
	struct bh_cell_health copy;
	struct cell *cell;

	spin_lock(&cells_lock);
	cell = cell_by_id(id);
	if (cell)
		copy = cell->health;
	spin_unlock(&cells_lock);
	if (!cell)
		return -BH_ENOENT;
	return copy_to_root(addr, &copy, sizeof(copy));
}
