/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the cell-management files (cell_mgmt.c, cell_restart.c) share with
 * each other; the rest of the hypervisor goes through hv/cell.h.
 */
#ifndef _HV_MGMT_H
#define _HV_MGMT_H

#include <hv/cell.h>
#include <hv/percpu.h>
#include <hv/spinlock.h>

#define CPU_STOP_WAIT_MS 500

/* serialises management calls, and a restart with them */
extern spinlock_t mgmt_lock;
/* serialises changes to the hypervisor's own page tables */
extern spinlock_t hv_map_lock;

/* A lifecycle step on cell `id` under mgmt_lock (-BH_ENOENT: no cell). */
long with_cell(unsigned int id,
	       long (*step)(struct cell *cell, u64 arg, u64 arg2), u64 arg,
	       u64 arg2);
void set_state(struct cell *cell, u32 state);
bool cell_is_running(const struct cell *cell);
void cell_clear_run_state(struct cell *cell);
int start_first_cpu(struct cell *cell);

#endif
