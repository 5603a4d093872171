// SPDX-License-Identifier: BSD-2-Clause
/*
 * The RTOS cell with a health policy: any failure (a fault, a watchdog
 * expiry, a PSCI system off or reset, its own report) restarts it from
 * its images, by the hypervisor alone, up to three times; then it stays
 * failed.  The watchdog wants a kick every 100 ms (the RTOS's idle task
 * kicks).  CPU 3 and the rtos cell's RAM: one of the two at a time.
 */
#include "qemu-virt.h"

BH_CONFIG struct {
	struct bh_cell_desc cell;
	struct bh_memory_region mem[2];
} config = {
	.cell = {
		BH_CELL_HEADER,
		.flags = BH_CELL_CONSOLE,
		.name = "rtos-ha",
		.cpu_set = 1ULL << 3,
		.entry = VIRT_INMATE_BASE,
		.num_memory_regions = ARRAY_SIZE(config.mem),
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
		BH_REGION_CELL_RAM(VIRT_CELL_RAM(3), VIRT_INMATE_BASE, MIB(1)),
		BH_REGION_COMM,
	},
};
