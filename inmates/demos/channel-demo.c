// SPDX-License-Identifier: BSD-2-Clause
/*
 * Two cells on one channel: shared memory and doorbells.
 *
 * Options: channel=ping-pong  mode=echo|ping|flood|write-peer
 *          count=N (ping: round trips, default 1000; flood: rings,
 *          default 1000000)  report_ms=N (echo: a status line every N ms,
 *          0: none; default 1000)
 *
 * echo answers every doorbell: it copies the sequence number the peer
 * published into its own area, with the time it took the doorbell to
 * arrive, and rings back.  ping measures round trips and one-way times
 * against it.  flood rings as fast as it can.  write-peer stores into
 * the peer's output area, which the hypervisor must refuse.  Every mode
 * reports the peer's state whenever it changes.
 *
 * ping and echo yield (cpu_relax(), a YIELD hint) right after they ring
 * and while ping spins: under QEMU's -icount the CPUs take turns on one
 * host thread, and a doorbell does not end the ringing CPU's turn, so the
 * peer would wait for its time slice to run out (make bench measures
 * this way; sgi-pingpong is the bare-metal reference).
 */
#include <inmate.h>

#define TICK_MS 100

/* What each side publishes in its output area */
struct demo_area {
	volatile u64 seq;
	volatile u64 t_sent;  /* counter when it rang */
	volatile u64 one_way; /* ticks, for the peer's last seq */
};

static const char *const state_names[] = {
	"absent",
	"running",
	"shut down",
	"failed",
};

static struct channel ch;
static volatile u64 echoes, ticks;
static u64 tick_period;
static u32 seen_state = ~0U, seen_starts;

static const char *state_name(u32 state)
{
	return state < ARRAY_SIZE(state_names) ? state_names[state] : "?";
}

static void report_peer(void)
{
	u32 state = channel_peer_state(&ch), starts = channel_peer_starts(&ch);

	if (state == seen_state && starts == seen_starts)
		return;
	seen_state = state;
	seen_starts = starts;
	printk("channel-demo: peer '%s' is %s (started %u times)\n",
	       ch.hdr->peer[!ch.side], state_name(state), starts);
}

static void echo_doorbell(struct channel *c)
{
	const struct demo_area *peer = c->peer;
	struct demo_area *own = c->own;
	u64 now = timer_get_ticks(), seq = peer->seq;

	dmb(ish);
	if (seq == own->seq)
		return; /* a state change, or a coalesced ring */
	own->one_way = now - peer->t_sent;
	own->seq = seq;
	echoes++;
	channel_ring(c);
	cpu_relax();
}

static void quiet_doorbell(struct channel *c)
{
	(void)c;
}

static void handle_irq(unsigned int intid)
{
	if (intid != TIMER_VIRT_IRQ)
		return;
	ticks++;
	timer_set_cval(timer_get_cval() + tick_period);
}

static void start_ticks(void)
{
	tick_period = timer_get_frequency() / 1000 * TICK_MS;
	gic_enable_irq(TIMER_VIRT_IRQ);
	timer_set_cval(timer_get_ticks() + tick_period);
	irq_enable();
}

/* Idle, reporting, until the hypervisor asks us to stop. */
static int idle(unsigned long report_ms)
{
	u64 next_report = report_ms / TICK_MS;

	for (;;) {
		wfi();
		report_peer();
		if (report_ms && ticks >= next_report) {
			next_report = ticks + report_ms / TICK_MS;
			printk("channel-demo: %llu doorbells, %llu echoes\n",
			       ch.doorbells, echoes);
		}
		if (comm_shutdown_requested()) {
			comm_approve_shutdown();
			return 0;
		}
	}
}

struct minmax {
	u64 min, max, sum;
};

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
	printk("channel-demo: %s min/avg/max %llu/%llu/%llu ns\n", what,
	       timer_ticks_to_ns(m->min), timer_ticks_to_ns(m->sum / n),
	       timer_ticks_to_ns(m->max));
}

/* One round trip: publish, ring, wait for the echo (at most 100 ms). */
static bool round_trip(u64 seq, struct minmax *rtt, struct minmax *one_way)
{
	const struct demo_area *peer = ch.peer;
	struct demo_area *own = ch.own;
	u64 t0, limit = timer_get_frequency() / 10;

	/* the echo finishes its last answer and goes back to sleep */
	cpu_relax();
	t0 = timer_get_ticks();
	own->t_sent = t0;
	dmb(ish);
	own->seq = seq;
	channel_ring(&ch);
	while (peer->seq != seq) {
		cpu_relax();
		if (timer_get_ticks() - t0 > limit)
			return false;
	}
	minmax_add(rtt, timer_get_ticks() - t0);
	dmb(ish);
	minmax_add(one_way, peer->one_way);
	return true;
}

static void ping(unsigned long count)
{
	struct minmax rtt = { ~0ULL, 0, 0 }, one_way = { ~0ULL, 0, 0 };
	unsigned long n;

	for (n = 1; n <= count; n++)
		if (!round_trip(n, &rtt, &one_way))
			break;
	if (n <= count) {
		printk("channel-demo: no echo for round trip %lu\n", n);
		return;
	}
	printk("channel-demo: %lu round trips\n", count);
	minmax_print("round trip", &rtt, count);
	minmax_print("one way", &one_way, count);
}

static void flood(unsigned long count)
{
	u64 t0 = timer_get_ticks();
	unsigned long n;

	for (n = 0; n < count; n++)
		*ch.doorbell = 1;
	printk("channel-demo: rang %lu times in %llu ms\n", count,
	       timer_ticks_to_ns(timer_get_ticks() - t0) / 1000000);
}

int main(void)
{
	char name[BH_CHANNEL_NAME_LEN], mode[16];
	unsigned long report_ms = cmdline_parse_int("report_ms", 1000);

	cmdline_parse_str("channel", name, sizeof(name), "ping-pong");
	cmdline_parse_str("mode", mode, sizeof(mode), "echo");
	if (channel_open(&ch, name)) {
		printk("channel-demo: this cell is no peer of channel '%s'\n",
		       name);
		return 1;
	}
	printk("channel-demo: channel '%s' side %u, doorbell INTID %u, %s mode\n",
	       ch.hdr->name, ch.side, ch.irq, mode);
	report_peer();
	if (irq_init(handle_irq)) {
		printk("channel-demo: no GIC\n");
		return 1;
	}
	channel_set_handler(&ch, strcmp(mode, "echo") ? quiet_doorbell :
							echo_doorbell);
	start_ticks();

	if (!strcmp(mode, "ping"))
		ping(cmdline_parse_int("count", 1000));
	else if (!strcmp(mode, "flood"))
		flood(cmdline_parse_int("count", 1000000));
	else if (!strcmp(mode, "write-peer"))
		*(volatile u64 *)ch.peer = 0xbad;
	return idle(report_ms);
}
