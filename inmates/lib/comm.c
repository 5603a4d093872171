// SPDX-License-Identifier: BSD-2-Clause
/* Comm region helpers: messages from the hypervisor and our replies */
#include <inmate.h>

bool comm_shutdown_requested(void)
{
	return comm_region &&
	       comm_region->msg_to_cell == BH_MSG_SHUTDOWN_REQUEST;
}

/* Linux halted (panic, poweroff) and the hypervisor kept us running */
bool comm_root_stopped(void)
{
	return comm_region && comm_region->root_state == BH_ROOT_STOPPED;
}

void comm_reply(u32 reply)
{
	if (!comm_region)
		return;
	/* Whatever we did before answering must be visible first */
	dmb(ish);
	comm_region->reply_from_cell = reply;
	dsb(ish);
}

void comm_approve_shutdown(void)
{
	comm_reply(BH_MSG_REQUEST_APPROVED);
}

void comm_deny_shutdown(void)
{
	comm_reply(BH_MSG_REQUEST_DENIED);
}

long comm_set_state(u32 state)
{
	if (!comm_region)
		return -BH_ENOSYS;
	return hypercall(BH_HC_CELL_SET_STATE, state, 0, 0);
}

/*
 * Kick the cell's watchdog, at most four times per period: a kick is an
 * exit, and a loop calling this must stay cheap.  No watchdog, no exit.
 */
void watchdog_kick(void)
{
	static u64 next;
	u64 now;

	if (!comm_region || comm_region->revision < BH_COMM_REVISION ||
	    !comm_region->watchdog_ms)
		return;
	now = timer_get_ticks();
	if ((s64)(now - next) < 0)
		return;
	next = now + timer_get_frequency() / 4000 * comm_region->watchdog_ms;
	hypercall(BH_HC_WATCHDOG_KICK, 0, 0, 0);
}

/* Tell the hypervisor we failed: its health policy for the cell decides */
void comm_report_failed(void)
{
	if (comm_region)
		hypercall(BH_HC_CELL_SET_STATE, BH_CELL_FAILED, 0, 0);
}

u32 comm_restarts(void)
{
	return comm_region && comm_region->revision >= BH_COMM_REVISION ?
		       comm_region->restarts :
		       0;
}

u64 comm_failure_ticks(void)
{
	return comm_region && comm_region->revision >= BH_COMM_REVISION ?
		       comm_region->failure_ticks :
		       0;
}
