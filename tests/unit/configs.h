/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TEST_CONFIGS_H
#define _TEST_CONFIGS_H

#include <stddef.h>

struct test_config {
	const void *data;
	size_t size;
};

/* uart-demo, gic-demo, fault-demo, rtos, in that order */
#define TEST_CELLS_PER_BOARD	4

extern const struct test_config test_virt_system;
extern const struct test_config test_zcu_system;
extern const struct test_config test_virt_cells[TEST_CELLS_PER_BOARD];
extern const struct test_config test_zcu_cells[TEST_CELLS_PER_BOARD];

#endif
