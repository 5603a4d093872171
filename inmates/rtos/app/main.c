// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtos-demo: a 1 kHz control loop beside background work.
 *
 *  control  (prio 31) periodic 1 ms; measures its release jitter (wake-up
 *           time minus ideal release), sends a sample to the worker.
 *  timer    (prio 30) kernel timer task: a 10 ms software timer polls the
 *           comm region for the hypervisor's shutdown request, and for
 *           Linux having halted: then the demo enters its safe state
 *           (background work stops, the control loop keeps its period).
 *  reporter (prio 10) prints statistics every second, runs the shutdown.
 *  worker   (prio 5)  filters the samples it receives from the queue.
 *  crunch   (prio 5)  CPU hog (prime counting), round-robin with worker:
 *           the CPU never idles, so releases preempt real work.
 *
 * Bare (no cell), the demo stops after "seconds=N" from the command line
 * (default DEMO_SECONDS) and powers QEMU off; in a cell it runs until the
 * hypervisor asks it to shut down (seconds=0 by default there).
 * "crunch=0" leaves the CPU hog out (the CPU idles between releases);
 * "report_s=N" prints the statistics every N seconds (default 1).
 * "fail_after_ms=N" makes a stray store after N ms (the first run only):
 * a cell whose health policy restarts it shows the restart, and prints
 * how long after the failure its first release came.  The lowest-priority
 * task (crunch, or the idle task) kicks the cell's watchdog.
 *
 * When the cell is a peer of the channel "rtos-link" (the system configs
 * link it to Linux), a fifth task talks to Linux over it
 * (bulkhead/rtos-link.h, tools/rtos-monitor.c); "link=NAME" picks another
 * channel of the cell's, e.g. "link=cell-link" to a Linux in a cell:
 *  link     (prio 8)  obeys Linux's commands (the control period, the
 *           crunch task on or off) and acknowledges each.
 * The reporter also sends its statistics there every second, the control
 * loop one message per deadline it misses.  The link task also answers
 * rtos-monitor --bench (pings, bulk sends, a sink): from the first
 * benchmark message until a second without one it runs at priority
 * LINK_BENCH_PRIO, above everything but the timer task and the control
 * loop.  Without the channel the demo runs as before.
 */
#include <inmate.h>
#include <rtos.h>
#include <bulkhead/rtos-link.h>

#define DEMO_SECONDS	5
#define PERIOD_US	1000
#define HIST_BUCKETS	16 /* [0,128ns) then powers of two */
#define QUEUE_LEN	8
#define EV_STOP		0x1
#define STACK_SIZE	8192
/* nothing of the cell's is here, on either board: a stage-2 fault */
#define FAIL_ADDRESS	0x20000000UL
#define LINK_PRIO	8
#define LINK_BENCH_PRIO (RTOS_TIMER_TASK_PRIO - 1)

struct jitter_stats {
	u64 releases;
	u64 min_ns, max_ns, sum_ns;
	u32 misses;
	u32 hist[HIST_BUCKETS];
	/* since the last message to Linux */
	u64 int_releases, int_min_ns, int_max_ns, int_sum_ns;
};

struct sample {
	u64 seq;
	u64 latency_ns;
};

static struct rtos_task control_task, reporter_task, worker_task, crunch_task;
static struct rtos_task link_task;
static u64 control_stack[STACK_SIZE / 8] __aligned(16);
static u64 reporter_stack[STACK_SIZE / 8] __aligned(16);
static u64 worker_stack[STACK_SIZE / 8] __aligned(16);
static u64 crunch_stack[STACK_SIZE / 8] __aligned(16);
static u64 link_stack[STACK_SIZE / 8] __aligned(16);

static struct rtos_queue samples;
static struct sample sample_buf[QUEUE_LEN];
static struct rtos_mutex stats_lock;
static struct rtos_event events;
static struct rtos_sem done;
static struct rtos_timer shutdown_poll;
static struct rtos_sem crunch_go; /* the crunch task waits here when off */
static struct rtos_chan link;
static bool linked; /* link is open */
/* the channel's name: RTOS_LINK_CHANNEL or the command line's link= */
static char link_name[BH_CHANNEL_NAME_LEN + 1];
/* what the link task receives, and what it sends in a BULK run */
static u8 link_buf[RTOS_LINK_BENCH_MAX_SIZE] __aligned(16);
static u8 bench_tx[RTOS_LINK_BENCH_MAX_SIZE] __aligned(16);
static bool bench_prio; /* the link task runs benchmarks */

static struct jitter_stats stats = { .min_ns = ~0ull, .int_min_ns = ~0ull };
/* what Linux asked for, and what the control loop runs at */
static volatile u32 period_us = PERIOD_US, control_period_us = PERIOD_US;
static volatile bool crunch_on;
static volatile bool stopping;
static volatile bool safe_state;  /* Linux is gone: essentials only */
static unsigned int helper_tasks; /* tasks that give `done` at the end */
static unsigned long report_s = 1;
static u64 dropped, filtered, primes;
static s64 filter_out;

static unsigned int hist_bucket(u64 ns)
{
	unsigned int b = 0;

	for (ns >>= 7; ns && b < HIST_BUCKETS - 1; ns >>= 1)
		b++;
	return b;
}

static void record(u64 ns, bool missed)
{
	rtos_mutex_lock(&stats_lock, RTOS_WAIT_FOREVER);
	stats.releases++;
	stats.sum_ns += ns;
	if (ns < stats.min_ns)
		stats.min_ns = ns;
	if (ns > stats.max_ns)
		stats.max_ns = ns;
	stats.hist[hist_bucket(ns)]++;
	if (missed)
		stats.misses++;
	stats.int_releases++;
	stats.int_sum_ns += ns;
	if (ns < stats.int_min_ns)
		stats.int_min_ns = ns;
	if (ns > stats.int_max_ns)
		stats.int_max_ns = ns;
	rtos_mutex_unlock(&stats_lock);
}

/* The job of release `job` ended `late` ticks after its deadline */
static void report_miss(u64 job, rtos_time_t late)
{
	struct rtos_link_miss m = {
		.release = job,
		.lateness_ns = rtos_ticks_to_ns(late),
	};

	if (linked)
		rtos_chan_send(&link, RTOS_LINK_MISS, &m, sizeof(m));
}

/* A new period from Linux: from now on, the first release one period on */
static void follow_period(void)
{
	u32 us = period_us;

	if (us == control_period_us)
		return;
	rtos_task_set_period(rtos_us(us), 0);
	control_period_us = us;
}

/*
 * Restarted by the hypervisor: how long from the failure to this first
 * release (guest time under -icount); make bench reads it.
 */
static void report_restart(void)
{
	u64 now = timer_get_ticks();

	if (!comm_restarts())
		return;
	printk("rtos: restart %u: first release %llu ns after the failure\n",
	       comm_restarts(), timer_ticks_to_ns(now - comm_failure_ticks()));
}

/* fail_after_ms=N: a stray store after N ms, on the first run only */
static void maybe_fail(u64 seq)
{
	static u64 fail_at = ~0ULL;

	if (seq == 0 && !comm_restarts())
		fail_at = cmdline_parse_int("fail_after_ms", 0) * 1000ULL /
			  control_period_us;
	if (seq && seq == fail_at)
		*(volatile u32 *)FAIL_ADDRESS = 0xbad;
}

static void control(void *arg)
{
	struct sample s = { 0 };
	rtos_time_t now, deadline;
	int ret;

	(void)arg;
	rtos_task_set_period(rtos_us(control_period_us), 0);
	while (!stopping) {
		follow_period();
		deadline = rtos_task_release_time() + rtos_us(control_period_us);
		ret = rtos_task_wait_period();
		/* first thing after the wake-up: nothing else may skew it */
		now = rtos_now();
		s.latency_ns = rtos_ticks_to_ns(now - rtos_task_release_time());
		record(s.latency_ns, ret == -RTOS_EDEADLINE);
		/* late: it did not sleep, so now is when the job ended */
		if (ret == -RTOS_EDEADLINE)
			report_miss(s.seq, now - deadline);
		if (s.seq == 0)
			report_restart();
		maybe_fail(s.seq);
		s.seq++;
		if (rtos_queue_send(&samples, &s, RTOS_NO_WAIT))
			dropped++;
	}
	s.seq = ~0ull; /* tells the worker to finish */
	rtos_queue_send(&samples, &s, rtos_ms(10));
	rtos_sem_give(&done);
}

/* A small moving-average filter: stands in for the real processing. */
static void worker(void *arg)
{
	static s64 window[32];
	struct sample s;
	s64 acc = 0;
	unsigned int i = 0;

	(void)arg;
	for (;;) {
		if (rtos_queue_receive(&samples, &s, RTOS_WAIT_FOREVER))
			continue;
		if (s.seq == ~0ull)
			break;
		acc += (s64)s.latency_ns - window[i];
		window[i] = s.latency_ns;
		i = (i + 1) % ARRAY_SIZE(window);
		filter_out = acc / (s64)ARRAY_SIZE(window);
		filtered++;
	}
	rtos_sem_give(&done);
}

static bool is_prime(u64 n)
{
	u64 d;

	if (n < 2)
		return false;
	for (d = 2; d * d <= n; d++)
		if (n % d == 0)
			return false;
	return true;
}

static void crunch(void *arg)
{
	u64 n = 2;

	(void)arg;
	while (!stopping && !safe_state) {
		if (!crunch_on) {
			rtos_sem_take(&crunch_go, RTOS_WAIT_FOREVER);
			continue;
		}
		if (is_prime(n++))
			primes++;
		/* the lowest-priority task (as the idle task): a hung task
		 * set above starves both, and the cell's watchdog fires */
		watchdog_kick();
	}
	rtos_sem_give(&done);
}

static void set_crunch(bool on)
{
	crunch_on = on;
	if (on)
		rtos_sem_give(&crunch_go);
}

static void poll_shutdown(struct rtos_timer *tm, void *arg)
{
	(void)tm;
	(void)arg;
	if (comm_shutdown_requested())
		rtos_event_set(&events, EV_STOP);
	if (comm_root_stopped() && !safe_state) {
		safe_state = true;
		printk("rtos: Linux has stopped: safe state, background work "
		       "off, control loop on\n");
	}
}

static void print_stats(const char *prefix)
{
	struct jitter_stats s;

	rtos_mutex_lock(&stats_lock, RTOS_WAIT_FOREVER);
	s = stats;
	rtos_mutex_unlock(&stats_lock);
	printk("rtos: %speriod %u us releases %llu jitter min/avg/max "
	       "%llu/%llu/%llu ns misses %u\n",
	       prefix, control_period_us, s.releases, s.releases ? s.min_ns : 0,
	       s.releases ? s.sum_ns / s.releases : 0, s.max_ns, s.misses);
}

static void print_histogram(void)
{
	u32 hist[HIST_BUCKETS];
	unsigned int b;

	rtos_mutex_lock(&stats_lock, RTOS_WAIT_FOREVER);
	for (b = 0; b < HIST_BUCKETS; b++)
		hist[b] = stats.hist[b];
	rtos_mutex_unlock(&stats_lock);
	printk("rtos: jitter histogram (ns):\n");
	for (b = 0; b < HIST_BUCKETS; b++) {
		if (!hist[b])
			continue;
		if (b == 0)
			printk("rtos:   [0, 128)  %u\n", hist[b]);
		else if (b == HIST_BUCKETS - 1)
			printk("rtos:   [%u, inf)  %u\n", 64u << b, hist[b]);
		else
			printk("rtos:   [%u, %u)  %u\n", 64u << b, 128u << b,
			       hist[b]);
	}
}

static void __noreturn shut_down(bool requested)
{
	int i;

	rtos_time_t t0 = rtos_now();
	int left = 0;

	stopping = true;
	rtos_sem_give(&crunch_go);
	for (i = 0; i < (int)helper_tasks; i++)
		if (rtos_sem_take(&done, rtos_ms(100)))
			left++;
	printk("rtos: stopping took %llu us, %d task(s) did not finish\n",
	       (u64)(rtos_ticks_to_ns(rtos_now() - t0) / 1000), left);
	rtos_timer_stop(&shutdown_poll);
	print_stats("final: ");
	print_histogram();
	printk("rtos: worker filtered %llu samples (dropped %llu, avg %lld ns), "
	       "crunch found %llu primes, %llu context switches\n",
	       filtered, dropped, (long long)filter_out, primes,
	       (u64)rtos_context_switches());
	if (requested) {
		printk("rtos: shutdown requested, tasks stopped, approving\n");
		comm_approve_shutdown();
	} else {
		printk("rtos: demo finished, powering off\n");
	}
	irq_disable();
	inmate_exit(0);
}

/* This second's figures to Linux; the interval starts again. */
static void send_stats(unsigned long elapsed)
{
	struct rtos_link_stats m = { .seconds = elapsed };

	rtos_mutex_lock(&stats_lock, RTOS_WAIT_FOREVER);
	m.releases = stats.releases;
	m.misses = stats.misses;
	if (stats.int_releases) {
		m.lat_min_ns = stats.int_min_ns;
		m.lat_avg_ns = stats.int_sum_ns / stats.int_releases;
		m.lat_max_ns = stats.int_max_ns;
	}
	stats.int_releases = 0;
	stats.int_sum_ns = 0;
	stats.int_min_ns = ~0ull;
	stats.int_max_ns = 0;
	rtos_mutex_unlock(&stats_lock);
	m.period_us = control_period_us;
	m.crunch = crunch_on;
	rtos_chan_send(&link, RTOS_LINK_STATS, &m, sizeof(m));
}

/*
 * image_crc=1: a checksum of our code and constants with each report, so
 * a test can tell that nobody (another cell) changed them.
 */
static void print_image_checksum(void)
{
	static int wanted = -1;
	const u8 *p = (const u8 *)__image_start;
	/* two linker symbols: their distance, not a pointer comparison */
	unsigned long i, len = (unsigned long)__rodata_end -
			       (unsigned long)__image_start;
	u32 sum = 2166136261u; /* FNV-1a */

	if (wanted < 0)
		wanted = cmdline_parse_bool("image_crc", false);
	if (!wanted)
		return;
	for (i = 0; i < len; i++)
		sum = (sum ^ p[i]) * 16777619u;
	printk("rtos: image checksum 0x%08x\n", sum);
}

static void reporter(void *arg)
{
	unsigned long seconds = (unsigned long)arg;
	rtos_time_t next = rtos_now();
	unsigned long elapsed = 0;
	u32 got;

	for (;;) {
		rtos_time_t now;

		next += rtos_ms(1000);
		now = rtos_now();
		/*
		 * More than a second late (the CPU was taken away): report now
		 * and count from here; next - now would wrap to "forever".
		 */
		if (next < now)
			next = now;
		if (!rtos_event_wait(&events, EV_STOP, RTOS_EVENT_ANY, &got,
				     next - now))
			shut_down(true);
		elapsed++;
		if (linked)
			send_stats(elapsed);
		if (elapsed % report_s == 0) {
			print_stats("");
			print_image_checksum();
		}
		if (elapsed % (5 * report_s) == 0)
			print_histogram();
		if (seconds && elapsed >= seconds)
			shut_down(false);
	}
}

static const char *cmd_name(u32 type)
{
	switch (type) {
	case RTOS_LINK_SET_PERIOD:
		return "period";
	case RTOS_LINK_SET_CRUNCH:
		return "crunch";
	default:
		return "unknown";
	}
}

/* Carry out one command; its status and the setting now in force */
static s32 obey(u32 type, const struct rtos_link_cmd *cmd, u32 *value)
{
	switch (type) {
	case RTOS_LINK_SET_PERIOD:
		if (cmd->value >= RTOS_LINK_PERIOD_MIN_US &&
		    cmd->value <= RTOS_LINK_PERIOD_MAX_US)
			period_us = cmd->value;
		*value = period_us;
		return period_us == cmd->value ? RTOS_LINK_OK :
						 RTOS_LINK_EINVAL;
	case RTOS_LINK_SET_CRUNCH:
		*value = crunch_on;
		if (cmd->value > 1)
			return RTOS_LINK_EINVAL;
		/* in the safe state, background work stays off */
		if (safe_state && cmd->value)
			return RTOS_LINK_EBUSY;
		set_crunch(cmd->value);
		*value = crunch_on;
		return RTOS_LINK_OK;
	default:
		return RTOS_LINK_ENOSYS;
	}
}

/*
 * Send, and while the ring is full wait for Linux's credit (or anything
 * it sends) for up to a second.  0, RTOS_LINK_ETIMEDOUT or
 * RTOS_LINK_EINVAL (another error of the ring).
 */
static s32 bench_send(u32 type, const void *buf, u32 len, u32 *waits)
{
	int ret;

	for (;;) {
		ret = rtos_chan_send(&link, type, buf, len);
		if (ret != -RTOS_EAGAIN)
			return ret ? RTOS_LINK_EINVAL : RTOS_LINK_OK;
		(*waits)++;
		ret = rtos_chan_recv(&link, NULL, link_buf, sizeof(link_buf),
				     rtos_ms(1000));
		if (ret == -RTOS_ETIMEDOUT)
			return RTOS_LINK_ETIMEDOUT;
		/*
		 * Our tail (the credit taken) before our look at Linux's:
		 * Linux stores its tail, then looks at ours before it sends
		 * another credit.
		 */
		dmb(ish);
	}
}

static void bench_ping(const struct rtos_link_ping *p, rtos_time_t t_rx)
{
	int i;
	struct rtos_link_pong pong = {
		.seq = p->seq,
		.t_sent = p->t_sent,
		.t_rx = t_rx,
	};

	if (p->delay_us)
		rtos_sleep(rtos_us(p->delay_us < RTOS_LINK_PING_DELAY_MAX_US ?
					   p->delay_us :
					   RTOS_LINK_PING_DELAY_MAX_US));
	pong.t_tx = rtos_now();
	rtos_chan_send(&link, RTOS_LINK_BENCH_PONG, &pong, sizeof(pong));
	/*
	 * YIELD hints (no-ops on a core without threads): under QEMU's
	 * -icount the CPUs take turns, and the doorbell alone would leave
	 * Linux waiting for our turn to end (rtos-monitor.c has the details)
	 */
	for (i = 0; i < 4; i++)
		cpu_relax();
}

/* BULK: count DATA messages to Linux as fast as the ring takes them */
static s32 bench_bulk(const struct rtos_link_bench *b,
		      struct rtos_link_bench_done *d)
{
	s32 status = RTOS_LINK_OK;

	d->t_first = rtos_now();
	while (d->count < b->count && status == RTOS_LINK_OK) {
		u64 seq = d->count; /* the first 8 bytes: which message */

		if (b->size >= 8)
			memcpy(bench_tx, &seq, 8);
		status = bench_send(RTOS_LINK_BENCH_DATA, bench_tx, b->size,
				    &d->waits);
		if (status == RTOS_LINK_OK) {
			d->count++;
			d->bytes += b->size;
		}
	}
	d->t_last = rtos_now();
	return status;
}

/* SINK: take count DATA messages; a credit each time the ring is empty */
static s32 bench_sink(const struct rtos_link_bench *b,
		      struct rtos_link_bench_done *d)
{
	u32 type;
	int len;

	while (d->count < b->count) {
		len = rtos_chan_recv(&link, &type, link_buf, sizeof(link_buf),
				     RTOS_NO_WAIT);
		if (len == -RTOS_EAGAIN) {
			rtos_chan_send(&link, RTOS_LINK_BENCH_CREDIT, NULL, 0);
			d->waits++;
			len = rtos_chan_recv(&link, &type, link_buf,
					     sizeof(link_buf), rtos_ms(1000));
			if (len == -RTOS_ETIMEDOUT)
				return RTOS_LINK_ETIMEDOUT;
		}
		if (len < 0 || type != RTOS_LINK_BENCH_DATA)
			continue;
		d->t_last = rtos_now();
		if (!d->count)
			d->t_first = d->t_last;
		d->count++;
		d->bytes += len;
	}
	return RTOS_LINK_OK;
}

static void bench_run(u32 type, const struct rtos_link_bench *b)
{
	struct rtos_link_bench_done d = { .seq = b->seq };
	u32 waits = 0;

	if (!b->count || b->size > RTOS_LINK_BENCH_MAX_SIZE ||
	    b->size > bh_msgring_max_payload(&link.ring))
		d.status = RTOS_LINK_EINVAL;
	else if (type == RTOS_LINK_BENCH_BULK)
		d.status = bench_bulk(b, &d);
	else
		d.status = bench_sink(b, &d);
	bench_send(RTOS_LINK_BENCH_DONE, &d, sizeof(d), &waits);
}

/*
 * A benchmark message (true), answered at once: the stamp `now` was taken
 * right after it was received.
 */
static bool bench_message(u32 type, int len, rtos_time_t now)
{
	/* link_buf takes the credits of a run: copy the request out */
	struct rtos_link_ping ping;
	struct rtos_link_bench bench;

	switch (type) {
	case RTOS_LINK_BENCH_PING:
		if (len != sizeof(struct rtos_link_ping))
			return false;
		break;
	case RTOS_LINK_BENCH_BULK:
	case RTOS_LINK_BENCH_SINK:
		if (len != sizeof(struct rtos_link_bench))
			return false;
		break;
	case RTOS_LINK_BENCH_DATA:
	case RTOS_LINK_BENCH_CREDIT:
		return true; /* left over from a run: ignored */
	default:
		return false;
	}
	if (!bench_prio) {
		bench_prio = true;
		rtos_task_set_prio(&link_task, LINK_BENCH_PRIO);
	}
	if (type == RTOS_LINK_BENCH_PING) {
		memcpy(&ping, link_buf, sizeof(ping));
		bench_ping(&ping, now);
	} else {
		memcpy(&bench, link_buf, sizeof(bench));
		bench_run(type, &bench);
	}
	return true;
}

/* Linux's commands, one acknowledgement each; its benchmarks */
static void link_loop(void *arg)
{
	struct rtos_link_cmd cmd;
	struct rtos_link_ack ack;
	rtos_time_t now;
	u32 type;
	int len;

	(void)arg;
	for (;;) {
		len = rtos_chan_recv(&link, &type, link_buf, sizeof(link_buf),
				     bench_prio ? rtos_ms(1000) :
						  RTOS_WAIT_FOREVER);
		now = rtos_now();
		if (len == -RTOS_ETIMEDOUT && bench_prio) {
			/* a second without a benchmark: back to normal */
			bench_prio = false;
			rtos_task_set_prio(&link_task, LINK_PRIO);
			continue;
		}
		if (len < 0 && len != -RTOS_EMSGSIZE)
			continue;
		if (bench_message(type, len, now))
			continue;
		ack = (struct rtos_link_ack){ .cmd = type };
		if (len == sizeof(cmd)) {
			memcpy(&cmd, link_buf, sizeof(cmd));
			ack.seq = cmd.seq;
			ack.status = obey(type, &cmd, &ack.value);
		} else {
			ack.status = RTOS_LINK_EBADMSG;
		}
		printk("rtos: link: %s %u: status %d, now %u\n", cmd_name(type),
		       len == sizeof(cmd) ? cmd.value : 0, (int)ack.status,
		       ack.value);
		rtos_chan_send(&link, RTOS_LINK_ACK, &ack, sizeof(ack));
	}
}

static void open_link(void)
{
	char peer[BH_CELL_NAME_LEN + 1] = { 0 };
	int ret;

	cmdline_parse_str("link", link_name, sizeof(link_name),
			  RTOS_LINK_CHANNEL);
	ret = rtos_chan_open(&link, link_name);
	/* the default channel may be absent; one asked for by name may not */
	if (ret == -RTOS_ENOENT && !strcmp(link_name, RTOS_LINK_CHANNEL))
		return;
	if (ret) {
		printk("rtos: channel '%s': error %d\n", link_name, ret);
		return;
	}
	linked = true;
	/* NUL-padded, not always terminated */
	memcpy(peer, link.peer_name, BH_CELL_NAME_LEN);
	printk("rtos: channel '%s' to '%s', doorbell INTID %u, own ring %s\n",
	       link_name, peer, link.irq,
	       link.resumed ? "carried on" : "formatted");
}

static void start_task(struct rtos_task *t, const char *name, unsigned int prio,
		       void (*fn)(void *), void *arg, u64 *stack)
{
	if (rtos_task_init(t, name, prio, fn, arg, stack, STACK_SIZE)) {
		printk("rtos: cannot create task %s\n", name);
		inmate_exit(1);
	}
}

int main(void)
{
	unsigned long seconds;

	seconds = cmdline_parse_int("seconds",
				    inmate_in_cell() ? 0 : DEMO_SECONDS);
	report_s = cmdline_parse_int("report_s", 1) ?: 1;
	rtos_init();
	printk("rtos: Bulkhead RTOS demo on %s (%s), counter %llu Hz, "
	       "period %u us, %lu s\n",
	       CONFIG_BOARD_NAME, inmate_in_cell() ? "cell" : "bare",
	       (u64)rtos_freq(), PERIOD_US, seconds);
	rtos_set_time_slice(rtos_ms(2));
	rtos_queue_init(&samples, sample_buf, sizeof(struct sample), QUEUE_LEN);
	rtos_mutex_init(&stats_lock);
	rtos_event_init(&events);
	rtos_sem_init(&done, 0, 3);
	rtos_sem_init(&crunch_go, 0, 1);
	rtos_timer_init(&shutdown_poll, poll_shutdown, NULL);
	if (inmate_in_cell())
		rtos_timer_start(&shutdown_poll, rtos_ms(10), rtos_ms(10));
	start_task(&control_task, "control", RTOS_PRIO_MAX, control, NULL,
		   control_stack);
	start_task(&reporter_task, "reporter", 10, reporter, (void *)seconds,
		   reporter_stack);
	start_task(&worker_task, "worker", 5, worker, NULL, worker_stack);
	/* always there: Linux may switch it on */
	crunch_on = cmdline_parse_bool("crunch", true);
	start_task(&crunch_task, "crunch", 5, crunch, NULL, crunch_stack);
	helper_tasks = 3;
	open_link();
	if (linked)
		start_task(&link_task, "link", LINK_PRIO, link_loop, NULL,
			   link_stack);
	rtos_start();
}
