// SPDX-License-Identifier: BSD-2-Clause
/*
 * The bare-metal reference for channel doorbells: an SGI from one CPU to
 * another with no hypervisor at all.
 *
 * Options: count=N (round trips, default 1000), cpu=N (the partner's
 * MPIDR, default 1).  Bare only, on a QEMU with two CPUs or more.
 *
 * The first CPU starts the partner (cpu_start(): PSCI CPU_ON).  Then, as
 * channel-demo's ping mode does against its echo: it reads the counter,
 * publishes it with a sequence number, sends SGI 1 to the partner and
 * spins until the partner's answer.  The partner's interrupt handler (the
 * library's vector and dispatcher, as channel-demo's echo) reads the
 * counter first, publishes the one-way time and the sequence number, and
 * sends SGI 2 back.  Each round trip starts with the partner back in WFI.
 *
 * Under QEMU's -icount the CPUs run one after another on one host thread,
 * and an interrupt raised for another CPU does not end the running one's
 * turn: it waits for the sender's time slice to run out (up to 100 ms).
 * A YIELD does end it (a hint, a no-op on a core without threads), so
 * each side yields right after its SGI and while it spins, as it would
 * leave the core to the other on real hardware running in parallel.
 *
 * The same lines as channel-demo, so the two compare:
 *
 *   sgi-pingpong: N round trips
 *   sgi-pingpong: round trip min/avg/max A/B/C ns
 *   sgi-pingpong: one way min/avg/max A/B/C ns
 */
#include <inmate.h>

#define SGI_PING 1
#define SGI_PONG 2

struct shared {
	volatile u64 seq; /* the first CPU's */
	volatile u64 t_sent;
	volatile u64 echo_seq; /* the partner's */
	volatile u64 one_way;
	volatile u64 idle_seq; /* the partner's, before its WFI */
	volatile u32 ready;
	u32 first_aff0;
};

static struct shared sh __aligned(64);
static u64 partner_stack[1024] __aligned(16);

struct minmax {
	u64 min, max, sum;
};

static void handle_irq(unsigned int intid)
{
	u64 now = timer_get_ticks();

	/* SGI_PONG on the first CPU: it polls, nothing to do */
	if (intid != SGI_PING)
		return;
	dmb(ish);
	sh.one_way = now - sh.t_sent;
	dmb(ish);
	sh.echo_seq = sh.seq;
	dsb(ish);
	gic_send_sgi(SGI_PONG, sh.first_aff0);
	cpu_relax();
}

static void partner(void *arg)
{
	(void)arg;
	if (irq_init(handle_irq))
		return;
	gic_enable_irq(SGI_PING);
	irq_enable();
	for (;;) {
		dsb(ish);
		sh.idle_seq = sh.echo_seq;
		sh.ready = 1;
		wfi();
	}
}

static void minmax_add(struct minmax *m, u64 v)
{
	if (v < m->min)
		m->min = v;
	if (v > m->max)
		m->max = v;
	m->sum += v;
}

static void minmax_print(const char *what, const struct minmax *m, u64 n)
{
	printk("sgi-pingpong: %s min/avg/max %llu/%llu/%llu ns\n", what,
	       timer_ticks_to_ns(m->min), timer_ticks_to_ns(m->sum / n),
	       timer_ticks_to_ns(m->max));
}

static bool round_trip(u64 seq, unsigned int aff0, struct minmax *rtt,
		       struct minmax *one_way)
{
	u64 t0 = timer_get_ticks(), limit = timer_get_frequency() / 10;

	/* the partner back in WFI after the last answer */
	while (sh.idle_seq != seq - 1) {
		cpu_relax();
		if (timer_get_ticks() - t0 > limit)
			return false;
	}
	t0 = timer_get_ticks();
	sh.t_sent = t0;
	dmb(ish);
	sh.seq = seq;
	dsb(ish);
	gic_send_sgi(SGI_PING, aff0);
	cpu_relax();
	while (sh.echo_seq != seq) {
		cpu_relax();
		if (timer_get_ticks() - t0 > limit)
			return false;
	}
	minmax_add(rtt, timer_get_ticks() - t0);
	dmb(ish);
	minmax_add(one_way, sh.one_way);
	return true;
}

int main(void)
{
	struct minmax rtt = { ~0ULL, 0, 0 }, one_way = { ~0ULL, 0, 0 };
	unsigned long count = cmdline_parse_int("count", 1000) ?: 1;
	unsigned long cpu = cmdline_parse_int("cpu", 1);
	u64 t0, limit = timer_get_frequency();
	unsigned long n;
	long ret;

	if (inmate_in_cell()) {
		printk("sgi-pingpong: bare only (a cell has no second CPU "
		       "here)\n");
		return 1;
	}
	printk("sgi-pingpong: CPU %u to CPU %lu, %lu round trips, counter "
	       "%llu Hz\n",
	       cpu_affinity() & 0xff, cpu, count, timer_get_frequency());
	if (irq_init(handle_irq)) {
		printk("sgi-pingpong: no GIC\n");
		return 1;
	}
	gic_enable_irq(SGI_PONG);
	irq_enable();
	sh.first_aff0 = cpu_affinity() & 0xff;
	ret = cpu_start(cpu, partner, NULL, partner_stack,
			sizeof(partner_stack));
	if (ret) {
		printk("sgi-pingpong: PSCI CPU_ON of CPU %lu: error %ld\n", cpu,
		       ret);
		return 1;
	}
	t0 = timer_get_ticks();
	while (!sh.ready) {
		cpu_relax();
		if (timer_get_ticks() - t0 > limit) {
			printk("sgi-pingpong: CPU %lu did not come up\n", cpu);
			return 1;
		}
	}
	dmb(ish);
	for (n = 1; n <= count; n++)
		if (!round_trip(n, cpu & 0xff, &rtt, &one_way))
			break;
	if (n <= count) {
		printk("sgi-pingpong: no answer for round trip %lu\n", n);
		return 1;
	}
	printk("sgi-pingpong: %lu round trips\n", count);
	minmax_print("round trip", &rtt, count);
	minmax_print("one way", &one_way, count);
	return 0;
}
