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
