/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_CELL_H
#define _HV_CELL_H

#include <hv/mmio.h>
#include <hv/paging.h>
#include <hv/spinlock.h>

/* the GIC's, a doorbell per channel, the vUART */
#define CELL_MAX_MMIO_REGIONS (9 + BH_MAX_CHANNELS)
#define MAX_CELLS	      BH_MAX_CELLS
#define CELL_MAX_IMAGES	      4

/* An image as loaded, kept in the pool: what a restart starts from */
struct kept_image {
	u64 guest_addr;
	u64 size;
	void *copy;
	unsigned int pages;
};

struct cell {
	unsigned int id;
	u32 state;		     /* BH_CELL_* */
	struct bh_cell_desc *config; /* private copy, in pool pages */
	unsigned int config_pages;
	u64 cpu_set;
	u64 failed_cpus;
	u16 vmid;
	struct page_table stage2;
	struct bh_comm_region *comm; /* one pool page */
	struct mmio_region mmio[CELL_MAX_MMIO_REGIONS];
	unsigned int num_mmio;
	u32 irq_bitmap[BH_IRQ_BITMAP_WORDS];
	bool loadable;	     /* root may write its RAM */
	bool ran;	     /* its RAM holds its data */
	bool shutdown_asked; /* request sent, answer not taken */
	bool reset_asked;    /* PSCI SYSTEM_RESET: root restarts */
	/* health monitoring (health.c, cell_restart.c; CONFIG_HEALTH) */
	bool restart_pending;  /* its policy restarts it */
	u64 watchdog_deadline; /* counter ticks */
	struct bh_cell_health health;
	struct kept_image images[CELL_MAX_IMAGES];
	unsigned int num_images;
	struct vuart *vuart; /* its virtual UART, or NULL */
};

extern struct cell root_cell;
extern struct cell *cells[MAX_CELLS]; /* [0] is the root cell */
extern struct bh_system_config *sys_config;
extern spinlock_t cells_lock;

static inline bool cell_owns_irq(const struct cell *cell, unsigned int irq)
{
	return irq < BH_MAX_IRQS &&
	       (cell->irq_bitmap[irq / 32] & (1U << (irq % 32)));
}

static inline bool cell_is_root(const struct cell *cell)
{
	return cell == &root_cell;
}

/* Never the root: Linux ends its interrupts with DIR, split from EOI. */
static inline bool cell_direct_irq(const struct cell *cell)
{
	return !cell_is_root(cell) && (cell->config->flags & BH_CELL_DIRECT_IRQ);
}

struct cell *cell_by_id(unsigned int id);
unsigned int region_paging_flags(const struct bh_memory_region *r);
int cell_map_regions(struct cell *cell);
int cell_init_common(struct cell *cell);
void cell_destroy_common(struct cell *cell);
void cell_fail(struct cell *cell, const char *why);
void cell_record_event(struct cell *cell, unsigned int event, const char *why);
long cell_get_health(unsigned int id, paddr_t addr);
long cell_set_own_state(struct cell *cell, u32 state);
int copy_to_root(paddr_t addr, const void *src, u64 size);
int copy_from_root(void *dst, paddr_t addr, u64 size);
bool cells_tell_root_stopped(u32 how);

/* Cell management, from the root cell's hypercalls */
long cell_create(paddr_t config_addr, u64 size);
long cell_set_loadable(unsigned int id);
long cell_start(unsigned int id);
long cell_shutdown(unsigned int id, unsigned long how);
long cell_destroy(unsigned int id);
long cell_get_state(unsigned int id);
long cell_set_cmdline(unsigned int id, paddr_t addr, u64 len);

/* From the cells' own CPUs */
struct per_cpu;
bool cell_cpu_stopped(struct per_cpu *pcpu);
void cell_request_stop(struct cell *cell);

#endif
