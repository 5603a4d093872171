// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt latency of the virtual timer: the compare value is where the
 * interrupt should arrive, the first counter read in the handler is when it
 * did.  Prints min/avg/max and a histogram per window.
 *
 * Options: period_us=1000  window=1000 (interrupts per window)
 *          windows=N (0: forever; default 5 bare, 0 in a cell)
 *          deny_shutdown=1 (refuse the hypervisor's shutdown requests)
 *          lock_s=N (in a cell: running/locked for the first N seconds)
 */
#include <inmate.h>

#define HIST_BUCKETS  10
#define HIST_FIRST_NS 64ULL

struct stats {
	u64 count, sum, min, max;
	u32 hist[HIST_BUCKETS];
};

static u64 period_ticks, next_cval, window_size;
static struct stats cur;
/* Filled by the handler at the end of a window, printed by main() */
static struct stats done;
static volatile bool window_done;

static void stats_reset(struct stats *s)
{
	memset(s, 0, sizeof(*s));
	s->min = ~0ULL;
}

/* Buckets in ns: <64, <128, ... <16384 (doubling), then >=16384 */
static unsigned int bucket(u64 ns)
{
	unsigned int b = 0;
	u64 limit = HIST_FIRST_NS;

	while (b < HIST_BUCKETS - 1 && ns >= limit) {
		limit <<= 1;
		b++;
	}
	return b;
}

static void handle_irq(unsigned int intid)
{
	u64 now = timer_get_ticks();
	u64 lat;

	if (intid != TIMER_VIRT_IRQ) {
		printk("gic-demo: unexpected INTID %u\n", intid);
		return;
	}
	lat = now - next_cval;
	if (lat < cur.min)
		cur.min = lat;
	if (lat > cur.max)
		cur.max = lat;
	cur.sum += lat;
	cur.hist[bucket(timer_ticks_to_ns(lat))]++;

	/* Stay on the grid even if we were late, so errors do not add up */
	next_cval += period_ticks;
	if ((s64)(next_cval - timer_get_ticks()) <= 0)
		next_cval = timer_get_ticks() + period_ticks;
	timer_set_cval(next_cval);

	if (++cur.count == window_size) {
		done = cur;
		window_done = true;
		stats_reset(&cur);
	}
}

/* Printed with IRQs on: masking them here would show up as latency */
static void print_window(unsigned long n, const struct stats *s)
{
	u64 avg = s->count ? s->sum / s->count : 0;
	unsigned int b;

	printk("gic-demo: window %lu: %llu irqs latency min %llu avg %llu max %llu ns (ticks min %llu avg %llu max %llu)\n",
	       n, s->count, timer_ticks_to_ns(s->min), timer_ticks_to_ns(avg),
	       timer_ticks_to_ns(s->max), s->min, avg, s->max);
	printk("gic-demo: histogram");
	for (b = 0; b < HIST_BUCKETS - 1; b++)
		printk(" <%lluns:%u", HIST_FIRST_NS << b, s->hist[b]);
	printk(" >=%lluns:%u\n", HIST_FIRST_NS << (HIST_BUCKETS - 2),
	       s->hist[HIST_BUCKETS - 1]);
}

static bool deny_shutdown, denied;
static u64 unlock_at;

static bool shutdown_check(void)
{
	if (!comm_shutdown_requested()) {
		denied = false;
		return false;
	}
	if (deny_shutdown) {
		/* answer every time we look: once per request is printed */
		if (!denied)
			printk("gic-demo: shutdown requested, denying\n");
		denied = true;
		comm_deny_shutdown();
		return false;
	}
	printk("gic-demo: shutdown requested, approving\n");
	timer_stop();
	comm_approve_shutdown();
	return true;
}

int main(void)
{
	u64 period_us = cmdline_parse_int("period_us", 1000);
	unsigned long windows = cmdline_parse_int("windows",
						  inmate_in_cell() ? 0 : 5);
	unsigned long n = 0;
	struct stats snap;
	u64 freq = timer_get_frequency();

	window_size = cmdline_parse_int("window", 1000);
	deny_shutdown = cmdline_parse_bool("deny_shutdown", false);
	unlock_at = cmdline_parse_int("lock_s", 0) * freq;
	if (unlock_at && !comm_set_state(BH_CELL_RUNNING_LOCKED)) {
		printk("gic-demo: locked for %llu s\n", unlock_at / freq);
		unlock_at += timer_get_ticks();
	} else {
		unlock_at = 0;
	}
	if (!period_us)
		period_us = 1000;
	if (!window_size)
		window_size = 1000;
	period_ticks = timer_ns_to_ticks(period_us * 1000);

	printk("gic-demo: %s, EL%u entry, MMU %s, timer %llu Hz, period %llu us, window %llu, windows %lu\n",
	       inmate_in_cell() ? "in a cell" : "bare", inmate_entry_el,
	       mmu_enabled() ? "on" : "off", freq, period_us, window_size,
	       windows);

	if (irq_init(handle_irq)) {
		printk("gic-demo: GIC init failed\n");
		return 1;
	}
	gic_enable_irq(TIMER_VIRT_IRQ);
	stats_reset(&cur);
	next_cval = timer_get_ticks() + period_ticks;
	timer_set_cval(next_cval);
	irq_enable();

	for (;;) {
		wfi();
		if (unlock_at && timer_get_ticks() >= unlock_at) {
			unlock_at = 0;
			comm_set_state(BH_CELL_RUNNING);
			printk("gic-demo: unlocked\n");
		}
		if (shutdown_check())
			break;
		if (!window_done)
			continue;
		irq_disable();
		snap = done;
		window_done = false;
		irq_enable();
		print_window(++n, &snap);
		if (windows && n >= windows)
			break;
	}
	irq_disable();
	timer_stop();
	printk("gic-demo: done\n");
	return 0;
}
