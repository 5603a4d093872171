/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_HEALTH_H
#define _HV_HEALTH_H

#include <hv/cell.h>
#include <hv/control.h>

struct per_cpu;

#ifdef CONFIG_HEALTH
/* Something a cell's policy has an answer to: on the cell's own CPU. */
void cell_event(struct cell *cell, unsigned int event, const char *why);
long cell_watchdog_kick(struct cell *cell);

/* The watchdog runs on the EL2 timer of the cell's first CPU. */
void health_cpu_start(struct per_cpu *pcpu);
void health_cpu_stop(struct per_cpu *pcpu);
void health_timer_irq(struct per_cpu *pcpu);
void health_watchdog_reset(struct cell *cell);

/* Restarts (cell_restart.c): the images they start from, and the restart */
long cell_keep_image(unsigned int id, u64 guest_addr, u64 size);
bool cell_restart(struct cell *cell, struct per_cpu *pcpu);

static inline int health_cell_init(struct cell *cell)
{
	return 0;
}
#else
/*
 * Built without the health monitor: every failure stops the cell, as an
 * empty policy does, and a config that asks for more is refused at create
 * rather than run without the watchdog or the restarts it counts on.
 */
static inline int health_cell_init(struct cell *cell)
{
	const struct bh_health_policy *h = &cell->config->health;
	unsigned int n;
	bool any = h->watchdog_ms || h->restart_budget;

	for (n = 0; n < BH_EVENT_COUNT; n++)
		any = any || h->action[n] != BH_ACTION_STOP;
	if (!any)
		return 0;
	refuse("cell \"%s\" has a health policy (watchdog or restarts), and "
	       "this build has no CONFIG_HEALTH",
	       cell->config->name);
	return -BH_ENOSYS;
}

static inline void cell_event(struct cell *cell, unsigned int event,
			      const char *why)
{
	spin_lock(&cells_lock);
	cell_record_event(cell, event, why);
	spin_unlock(&cells_lock);
	cell_fail(cell, why);
}

static inline long cell_watchdog_kick(struct cell *cell)
{
	return -BH_ENOSYS;
}

static inline void health_cpu_start(struct per_cpu *pcpu)
{
}
static inline void health_cpu_stop(struct per_cpu *pcpu)
{
}
/* never armed, so never fires */
static inline void health_timer_irq(struct per_cpu *pcpu)
{
}
static inline void health_watchdog_reset(struct cell *cell)
{
}

/* The driver offers every image it loads: none is kept, none restarts. */
static inline long cell_keep_image(unsigned int id, u64 guest_addr, u64 size)
{
	return 0;
}

static inline bool cell_restart(struct cell *cell, struct per_cpu *pcpu)
{
	return false;
}
#endif

#endif
