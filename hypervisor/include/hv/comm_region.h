/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The comm region: one pool page per cell, mapped into it where its
 * BH_MEM_COMM_REGION region says (struct bh_comm_region, abi.h).  What the
 * cell learns of its platform, its state, the shutdown messages and its
 * answers, its command line.  The cell reads it uncached, so every write
 * is flushed.
 */
#ifndef _HV_COMM_REGION_H
#define _HV_COMM_REGION_H

#include <hv/arch.h>
#include <hv/cell.h>

static inline void comm_flush(struct cell *cell)
{
	arch_dcache_flush(cell->comm, sizeof(*cell->comm));
}

/* At create: the platform facts as the cell sees them, its console. */
void comm_init(struct cell *cell);
/* A message to the cell; its previous reply is cleared. */
void comm_send(struct cell *cell, u32 msg);
u32 comm_reply(struct cell *cell);
/* len bytes at addr in the root's RAM (0: none), always terminated */
int comm_set_cmdline(struct cell *cell, paddr_t addr, u64 len);

#endif
