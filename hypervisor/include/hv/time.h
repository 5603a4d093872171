/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Deadlines and short waits on the architecture's counter.  The hypervisor
 * never sleeps: a wait is a bounded spin, and every caller says how long.
 */
#ifndef _HV_TIME_H
#define _HV_TIME_H

#include <hv/arch.h>

static inline u64 deadline_in(unsigned int ms)
{
	return arch_timer_ticks() + (u64)arch_timer_frequency() / 1000 * ms;
}

static inline bool expired(u64 deadline)
{
	return (s64)(arch_timer_ticks() - deadline) >= 0;
}

static inline void delay_ms(unsigned int ms)
{
	u64 deadline = deadline_in(ms);

	while (!expired(deadline))
		arch_cpu_relax();
}

#endif
