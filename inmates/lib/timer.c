// SPDX-License-Identifier: BSD-2-Clause
/* ARM generic timer, EL1 virtual timer (CNTV) */
#include <inmate.h>

#define CNTV_CTL_ENABLE (1UL << 0)
#define CNTV_CTL_IMASK	(1UL << 1)

u64 timer_get_frequency(void)
{
	if (comm_region && comm_region->timer_frequency)
		return comm_region->timer_frequency;
	return read_sysreg(cntfrq_el0);
}

u64 timer_get_ticks(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

void timer_set_cval(u64 cval)
{
	write_sysreg(cval, cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

void timer_set_tval(u32 ticks)
{
	write_sysreg(ticks, cntv_tval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	isb();
}

u64 timer_get_cval(void)
{
	return read_sysreg(cntv_cval_el0);
}

void timer_stop(void)
{
	write_sysreg(CNTV_CTL_IMASK, cntv_ctl_el0);
	isb();
}

/* Split to avoid overflowing 64 bits for long spans at 1 GHz */
static u64 scale(u64 val, u64 mul, u64 div)
{
	return (val / div) * mul + (val % div) * mul / div;
}

u64 timer_ticks_to_ns(u64 ticks)
{
	return scale(ticks, 1000000000ULL, timer_get_frequency());
}

u64 timer_ns_to_ticks(u64 ns)
{
	return scale(ns, timer_get_frequency(), 1000000000ULL);
}

void delay_us(u64 us)
{
	u64 end = timer_get_ticks() + timer_ns_to_ticks(us * 1000);

	while (timer_get_ticks() < end)
		cpu_relax();
}
