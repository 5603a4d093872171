// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RTOS cell with a health policy: any failure (a fault, a watchdog
 * expiry, a PSCI system off or reset, its own report) restarts it from
 * its images, by the hypervisor alone, up to three times; then it stays
 * failed.  The watchdog wants a kick every 100 ms (the RTOS's idle task
 * kicks).  CPU 3 and the rtos cell's RAM: one of the two at a time.
 */
#include "zcu102.h"

BH_CELL_CONFIG(2) = {
	.cell = {
		BH_CELL("rtos-ha", BH_CPU(3), ZCU_INMATE_BASE),
		.flags = BH_CELL_CONSOLE,
		.health = {
			.watchdog_ms = 100,
			.restart_budget = 3,
			.action = {
				[BH_EVENT_TRAP] = BH_ACTION_RESTART,
				[BH_EVENT_ACCESS] = BH_ACTION_RESTART,
				[BH_EVENT_WATCHDOG] = BH_ACTION_RESTART,
				[BH_EVENT_SYSTEM_OFF] = BH_ACTION_RESTART,
				[BH_EVENT_REPORTED] = BH_ACTION_RESTART,
			},
		},
	},
	.mem = {
		BH_REGION_CELL_RAM(ZCU_CELL_RAM(3), ZCU_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
