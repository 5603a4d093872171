/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HV_CHANNEL_H
#define _HV_CHANNEL_H

#include <hv/cell.h>
#include <hv/printk.h>

#ifdef CONFIG_CHANNELS
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
#else
/* Built without channels: a system config that has some is refused. */
static inline int channels_init(void)
{
	if (!sys_config->num_channels)
		return 0;
	printk("FATAL: the system config has %u channel(s), and this build "
	       "has no CONFIG_CHANNELS\n",
	       sys_config->num_channels);
	return -BH_ENOSYS;
}

static inline int channels_cell_create(struct cell *cell)
{
	return 0;
}
static inline void channels_cell_link(struct cell *cell)
{
}
static inline void channels_cell_state(struct cell *cell, u32 cell_state)
{
}
static inline void channels_cell_unlink(struct cell *cell)
{
}
static inline const char *channel_fault_why(u64 ipa)
{
	return NULL;
}

static inline long channel_copy_header(unsigned long id, paddr_t addr)
{
	return -BH_ENOSYS;
}
#endif

#endif
