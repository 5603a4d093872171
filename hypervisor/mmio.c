// SPDX-License-Identifier: GPL-2.0
/*
 * Trapped MMIO: find who emulates an address of a cell.
 */
#include <hv/cell.h>

int mmio_region_register(struct cell *cell, gpaddr_t start, u64 size,
			 mmio_handler_t handler, void *arg)
{
	struct mmio_region *r;

	if (cell->num_mmio >= CELL_MAX_MMIO_REGIONS)
		return -BH_ENOMEM;
	r = &cell->mmio[cell->num_mmio++];
	r->start = start;
	r->size = size;
	r->handler = handler;
	r->arg = arg;
	return 0;
}

enum mmio_result mmio_dispatch(struct cell *cell, struct mmio_access *acc)
{
	unsigned int n;

	for (n = 0; n < cell->num_mmio; n++) {
		struct mmio_region *r = &cell->mmio[n];

		if (acc->address >= r->start &&
		    acc->address - r->start < r->size)
			return r->handler(cell, r->arg, acc);
	}
	return MMIO_UNHANDLED;
}
