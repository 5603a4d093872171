/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_VUART_H
#define _HV_VUART_H

#include <hv/cell.h>
#include <hv/control.h>

#ifdef CONFIG_VUART
/* At create: its state and output buffer in the pool, its page trapped. */
int vuart_cell_init(struct cell *cell);
/* Once the cell owns its SPI: the hypervisor raises it, edge-triggered. */
void vuart_cell_link(struct cell *cell);
/* Free it all (safe on a cell that has none, or half made). */
void vuart_cell_exit(struct cell *cell);
/* The root's hypercalls: what the cell wrote, bytes for it to read. */
long vuart_read(unsigned int id, paddr_t addr);
long vuart_write(unsigned int id, paddr_t addr, u64 count);
#else
static inline int vuart_cell_init(struct cell *cell)
{
	if (!cell->config->vuart.address)
		return 0;
	refuse("cell \"%s\" has a vuart, and this build has no CONFIG_VUART",
	       cell->config->name);
	return -BH_ENOSYS;
}

static inline void vuart_cell_link(struct cell *cell)
{
}
static inline void vuart_cell_exit(struct cell *cell)
{
}

static inline long vuart_read(unsigned int id, paddr_t addr)
{
	return -BH_ENOSYS;
}

static inline long vuart_write(unsigned int id, paddr_t addr, u64 count)
{
	return -BH_ENOSYS;
}
#endif

#endif
