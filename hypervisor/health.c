// SPDX-License-Identifier: GPL-2.0
/*
 * Health monitoring: a cell's policy (struct bh_health_policy in its
 * config) decides what a failure leads to, and the hypervisor carries it
 * out alone, so a restart never waits for the root cell, which may be the
 * one that is gone.
 *
 * The watchdog is the EL2 timer of the cell's first CPU.  A kick only
 * moves the deadline (a hypercall, no timer access); when the timer fires
 * it either finds the deadline moved and follows it, or fires the event.
 * The interrupt is the hypervisor's own (group 0 on a direct CPU), so a
 * cell spinning with its interrupts masked still trips it.
 */
#include <hv/arch.h>
#include <hv/health.h>
#include <hv/printk.h>

static const char *const action_names[] = {
	[BH_ACTION_STOP] = "stopped",
	[BH_ACTION_RESTART] = "restarting",
	[BH_ACTION_NOTIFY] = "running on",
};

static u64 ms_to_ticks(u32 ms)
{
	return (u64)arch_timer_frequency() / 1000 * ms;
}

static bool restart_allowed(const struct cell *cell)
{
	return cell->health.restarts < cell->config->health.restart_budget &&
	       cell->num_images;
}

void cell_event(struct cell *cell, unsigned int event, const char *why)
{
	u8 action = cell->config->health.action[event];

	if (action == BH_ACTION_RESTART && !restart_allowed(cell))
		action = BH_ACTION_STOP;
	spin_lock(&cells_lock);
	cell_record_event(cell, event, why);
	if (action == BH_ACTION_RESTART)
		cell->restart_pending = true;
	spin_unlock(&cells_lock);
	/* a cell without a policy: cell_fail()'s line says it all */
	if (action != BH_ACTION_STOP || cell->config->health.restart_budget)
		printk("cell %u \"%s\": %s: %s (restarts %u of %u)\n", cell->id,
		       cell->config->name, why, action_names[action],
		       cell->health.restarts,
		       cell->config->health.restart_budget);
	if (action == BH_ACTION_NOTIFY) {
		health_watchdog_reset(cell);
		return;
	}
	cell_fail(cell, why);
}

void health_watchdog_reset(struct cell *cell)
{
	u32 ms = cell->config->health.watchdog_ms;

	if (ms)
		WRITE_ONCE(cell->watchdog_deadline,
			   arch_timer_ticks() + ms_to_ticks(ms));
}

long cell_watchdog_kick(struct cell *cell)
{
	if (!cell->config->health.watchdog_ms)
		return -BH_ENOSYS;
	health_watchdog_reset(cell);
	return 0;
}

static bool watchdog_cpu(const struct per_cpu *pcpu)
{
	const struct cell *cell = pcpu->cell;

	return cell && !cell_is_root(cell) &&
	       cell->config->health.watchdog_ms &&
	       pcpu->cpu_id == (unsigned int)__builtin_ctzll(cell->cpu_set);
}

void health_cpu_start(struct per_cpu *pcpu)
{
	if (!watchdog_cpu(pcpu))
		return;
	health_watchdog_reset(pcpu->cell);
	arch_hyp_timer_arm(pcpu->cell->watchdog_deadline);
}

void health_cpu_stop(struct per_cpu *pcpu)
{
	(void)pcpu;
	arch_hyp_timer_stop();
}

void health_timer_irq(struct per_cpu *pcpu)
{
	struct cell *cell = pcpu->cell;
	u64 deadline;
	char why[48];

	if (!watchdog_cpu(pcpu) || (cell->state != BH_CELL_RUNNING &&
				    cell->state != BH_CELL_RUNNING_LOCKED)) {
		health_cpu_stop(pcpu);
		return;
	}
	deadline = READ_ONCE(cell->watchdog_deadline);
	if ((s64)(arch_timer_ticks() - deadline) < 0) {
		arch_hyp_timer_arm(deadline); /* kicked meanwhile */
		return;
	}
	health_cpu_stop(pcpu);
	snprintf(why, sizeof(why), "watchdog expired (no kick in %u ms)",
		 cell->config->health.watchdog_ms);
	cell_event(cell, BH_EVENT_WATCHDOG, why);
	if (cell->config->health.action[BH_EVENT_WATCHDOG] == BH_ACTION_NOTIFY)
		arch_hyp_timer_arm(READ_ONCE(cell->watchdog_deadline));
}
