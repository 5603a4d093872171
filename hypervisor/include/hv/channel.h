/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_CHANNEL_H
#define _HV_CHANNEL_H

#include <hv/cell.h>

int channels_init(void);
int channels_cell_create(struct cell *cell);
/* these three under cells_lock */
void channels_cell_link(struct cell *cell);
void channels_cell_state(struct cell *cell, u32 cell_state);
void channels_cell_unlink(struct cell *cell);
/* Why an access at ipa was refused, if it was into a channel; else NULL */
const char *channel_fault_why(u64 ipa);
/* The root asks for a channel's header (any channel: `channel list`) */
long channel_copy_header(unsigned long id, paddr_t addr);

#endif
