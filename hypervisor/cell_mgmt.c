// SPDX-License-Identifier: GPL-2.0
/*
 * Creating, loading, starting, stopping and destroying non-root cells.
 */
#include <hv/arch.h>
#include <hv/control.h>
#include <hv/printk.h>
#include <hv/setup.h>

unsigned int cells_count(void)
{
	unsigned int n, count = 0;

	for (n = 0; n < MAX_CELLS; n++)
		if (cells[n])
			count++;
	return count;
}

long cell_create(paddr_t config_addr, u64 size)
{
	return -BH_ENOSYS;
}

long cell_set_loadable(unsigned int id)
{
	return -BH_ENOSYS;
}

long cell_start(unsigned int id)
{
	return -BH_ENOSYS;
}

long cell_shutdown(unsigned int id)
{
	return -BH_ENOSYS;
}

long cell_destroy(unsigned int id)
{
	return -BH_ENOSYS;
}

long cell_get_state(unsigned int id)
{
	struct cell *cell = cell_by_id(id);

	return cell ? (long)cell->state : -BH_ENOENT;
}
