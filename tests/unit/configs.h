/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _TEST_CONFIGS_H
#define _TEST_CONFIGS_H

#include <stddef.h>

struct test_config {
	const void *data;
	size_t size;
};

/* uart-demo, gic-demo, fault-demo, rtos, in that order */
#define TEST_CELLS_PER_BOARD 4

extern const struct test_config test_virt_system;
extern const struct test_config test_zcu_system;
extern const struct test_config test_virt_cells[TEST_CELLS_PER_BOARD];
extern const struct test_config test_zcu_cells[TEST_CELLS_PER_BOARD];

struct test_named_config {
	const char *name; /* configs/arm64/<name>.c */
	int zcu102;	  /* else qemu-virt */
	struct test_config c;
};

#define TEST_MORE_CELLS 13
extern const struct test_named_config test_more_cells[TEST_MORE_CELLS];

#endif
