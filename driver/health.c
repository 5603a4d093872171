// SPDX-License-Identifier: GPL-2.0
/*
 * What the hypervisor's health monitor did to the cells, for user space:
 * cells/<id>/{restarts,reason}, and /sys/devices/bulkhead/events, which
 * changes (and wakes poll()) whenever a cell fails, restarts or changes
 * state.  The hypervisor acts alone; we only look, every EVENTS_POLL_MS.
 */
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>
#include "bulkhead.h"

#define EVENTS_POLL_MS 100

static struct delayed_work events_work;
static u64 events_seen;
static bool events_running;

/* The hypervisor's record of one cell, or an error (no such cell). */
static int cell_health(unsigned int id, struct bh_cell_health *h)
{
	long ret = bh_hypercall(BH_HC_CELL_GET_HEALTH, id, virt_to_phys(h), 0);

	return ret ? -ENOENT : 0;
}

/* One number that moves with every failure, restart and state change. */
static u64 events_fingerprint(struct bh_cell_health *h)
{
	u64 sum = 0;
	unsigned int id;
	long state;

	for (id = 1; id < BH_MAX_CELLS; id++) {
		state = bh_hypercall(BH_HC_CELL_GET_STATE, id, 0, 0);
		if (state < 0 || cell_health(id, h))
			continue;
		sum += (h->events + h->restarts) * 64 + state * 8 + id;
	}
	return sum;
}

static void events_poll(struct work_struct *work)
{
	struct bh_cell_health *h = kzalloc(sizeof(*h), GFP_KERNEL);
	u64 now;

	if (h) {
		/* no cell, no hypercall: Linux alone costs nothing */
		now = 0;
		if (bh_cells_exist()) {
			bh_cells_reboot();
			now = events_fingerprint(h);
		}
		if (now != events_seen) {
			events_seen = now;
			sysfs_notify(&bh.dev->kobj, NULL, "events");
		}
		kfree(h);
	}
	schedule_delayed_work(&events_work, msecs_to_jiffies(EVENTS_POLL_MS));
}

void bh_health_start(void)
{
	INIT_DELAYED_WORK(&events_work, events_poll);
	events_seen = 0;
	events_running = true;
	schedule_delayed_work(&events_work, 0);
}

/* Before the hypervisor goes: no hypercall may follow. */
void bh_health_stop(void)
{
	if (events_running)
		cancel_delayed_work_sync(&events_work);
	events_running = false;
}

static const char *const event_names[BH_EVENT_COUNT] = {
	[BH_EVENT_TRAP] = "trap",	  [BH_EVENT_ACCESS] = "access",
	[BH_EVENT_WATCHDOG] = "watchdog", [BH_EVENT_SYSTEM_OFF] = "system-off",
	[BH_EVENT_REPORTED] = "reported",
};

/*
 * One line per cell: id, state, restarts, events, the last event's kind
 * and its reason (the rest of the line).  `bulkhead events -f` prints the
 * lines that change.
 */
ssize_t bh_events_format(char *buf)
{
	struct bh_cell_health *h = kzalloc(sizeof(*h), GFP_KERNEL);
	unsigned int id;
	ssize_t len = 0;
	long state;

	if (!h)
		return -ENOMEM;
	for (id = 1; bh.enabled && id < BH_MAX_CELLS; id++) {
		state = bh_hypercall(BH_HC_CELL_GET_STATE, id, 0, 0);
		if (state < 0 || cell_health(id, h))
			continue;
		h->reason[sizeof(h->reason) - 1] = '\0';
		len += sysfs_emit_at(buf, len, "%u %s %u %llu %s %s\n", id,
				     bh_cell_state_name(state), h->restarts,
				     h->events,
				     h->events && h->last_event <
							     BH_EVENT_COUNT ?
					     event_names[h->last_event] :
					     "-",
				     h->events ? h->reason : "-");
	}
	kfree(h);
	return len;
}

/* restarts: the hypervisor's, and the resets the driver carried out */
ssize_t bh_cell_health_show(const struct bh_cell *cell, char *buf, bool reason)
{
	struct bh_cell_health *h = kzalloc(sizeof(*h), GFP_KERNEL);
	ssize_t len;

	if (!h)
		return -ENOMEM;
	if (cell_health(cell->id, h))
		len = -ENOENT;
	else if (reason)
		len = sysfs_emit(buf, "%.*s\n", (int)sizeof(h->reason),
				 h->events ? h->reason : "");
	else
		len = sysfs_emit(buf, "%u\n", h->restarts + cell->reboots);
	kfree(h);
	return len;
}
