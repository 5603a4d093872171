// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtos-monitor: Linux's end of the "rtos-link" channel to rtos-demo.
 *
 *   rtos-monitor [-c CHANNEL] [-n COUNT] [-t SECONDS]
 *                [--period US] [--crunch on|off]
 *   rtos-monitor --bench [--pings N] [--messages N] [-c CHANNEL]
 *                [-t SECONDS]
 *
 * Finds the channel's UIO device (/sys/class/uio/uioN/name is
 * "bulkhead-CHANNEL"), maps its header, doorbell and both output areas,
 * takes over (or formats) the message ring in its own area and attaches
 * the RTOS's (bulkhead/rtos-link.h has the rules), then prints what the
 * RTOS sends, one line each, as it comes:
 *
 *   stats seconds=S releases=R misses=M lat_min_ns=A lat_avg_ns=B
 *         lat_max_ns=C period_us=P crunch=on|off at_ms=T  (one line)
 *   miss release=R lateness_ns=L at_ms=T
 *   ack seq=N cmd=period|crunch status=ok|einval|... value=V at_ms=T
 *   peer NAME state=absent|running|shut-down|failed starts=N at_ms=T
 *
 * at_ms is when the line was printed, in milliseconds since the program
 * started (CLOCK_MONOTONIC).
 *
 * The commands go out once the RTOS has been heard from (it cannot send
 * before it has attached our ring, so it will see them).  Between messages
 * the program sleeps in poll() and read() on the UIO device, which return
 * on a doorbell: the RTOS rings after each message, the hypervisor on
 * every change of the RTOS cell's state.
 *
 * Exits 0 after COUNT statistics messages (default: never) once every
 * command has been acknowledged; 1 on a system error, 2 on a usage error,
 * 3 when the RTOS cell stops running (the "peer" line says how), 4 when
 * nothing came for SECONDS, 5 when the RTOS refused a command.
 *
 * --bench measures the channel instead (bulkhead/rtos-link.h has the
 * benchmark messages), one line per figure, times in ns of the counter
 * both sides read (CNTVCT_EL0; guest time under QEMU -icount):
 *
 *   bench setup counter_hz=F linux_cpus=L rtos_cpus=R pinned_cpu=C
 *   bench linux_to_rtos n=N min_ns=A avg_ns=B max_ns=C p50_ns=D p99_ns=E
 *   bench rtos_to_linux n=N min_ns=A avg_ns=B max_ns=C p50_ns=D p99_ns=E
 *   bench round_trip n=N min_ns=A avg_ns=B max_ns=C p50_ns=D p99_ns=E
 *         exits_linux=X exits_rtos=Y                      (one line)
 *   bench rtos_to_linux_blocked n=N min_ns=A avg_ns=B max_ns=C p50_ns=D
 *         p99_ns=E blocked=K exits_linux=X exits_rtos=Y
 *   bench bulk size=S n=N bytes=B ns=T mb_s=M waits=W credits=C
 *         exits_linux=X exits_rtos=Y
 *   bench sink size=S n=N bytes=B ns=T mb_s=M waits=W credits=C
 *         exits_linux=X exits_rtos=Y
 *   bench done
 *
 * linux_to_rtos: from the counter read just before Linux queues a PING to
 * the RTOS task having it; rtos_to_linux: from the RTOS's counter read
 * before it queues the PONG to this program back from read(); round_trip:
 * the two and all between.  rtos_to_linux_blocked: the RTOS answers 200 us
 * later, when this program waits in read() (blocked counts the samples
 * where it called read() before the RTOS sent).  Around each ping both
 * sides yield the CPU (yield_cpu(), yield_until_taken()).  bulk: the
 * RTOS sends N messages of S bytes, from its first send to this program
 * having the last; sink: this program sends, from its first send to the
 * RTOS task having the last; mb_s = bytes per microsecond; waits = how
 * often the sender found the ring full, credits = how often the receiver
 * told it that it had read everything.  Messages of 64 and 4096 bytes,
 * --messages of each (default 2000); --pings round trips (default 1000),
 * a tenth as many (at least 10) for the blocked figure.  exits_*: the
 * hypervisor's exit counters (/sys/devices/bulkhead/cpus/cpuN/exits/total)
 * of Linux's CPUs and of the RTOS cell's, per round trip or per message
 * (reading them costs a few exits of its own).  The program pins itself
 * to the CPU that takes the channel's interrupt.  Exits 0, or 3, 4 (no
 * answer for SECONDS, default 10), 5 (the RTOS has no benchmarks, or
 * refused one).
 */
#define _GNU_SOURCE /* sched_setaffinity */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bulkhead/abi.h>
#include <bulkhead/msgring.h>
#include <bulkhead/rtos-link.h>

enum { MAP_HEADER, MAP_DOORBELL, MAP_OWN, MAP_PEER };

#define EXIT_PEER_GONE 3
#define EXIT_TIMEOUT   4
#define EXIT_REFUSED   5
#define MAX_CMDS       2

struct link {
	char dev[64];
	int fd;
	const struct bh_channel_header *hdr;
	volatile uint32_t *doorbell;
	void *own;
	size_t own_size;
	const void *peer;
	size_t peer_size;
	unsigned int side;
	struct bh_msgring ring;
	bool attached;
	uint32_t peer_starts;
};

struct cmd {
	uint32_t type;
	struct rtos_link_cmd c;
	bool sent, acked;
};

struct monitor {
	const char *channel;
	long count;	/* stats to print; -1: forever */
	long timeout_s; /* 0: none */
	bool bench;
	long pings;    /* round trips per ping figure */
	long messages; /* per throughput figure */
	struct cmd cmds[MAX_CMDS];
	unsigned int num_cmds;
	long stats; /* printed so far */
	bool heard; /* a message since we attached */
	bool refused;
	struct timespec last; /* when the last message came */
};

static struct timespec started;

static const char *const state_names[] = {
	"absent",
	"running",
	"shut-down",
	"failed",
};

static const char *state_name(uint32_t state)
{
	return state < sizeof(state_names) / sizeof(state_names[0]) ?
		       state_names[state] :
		       "unknown";
}

static long ms_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) * 1000 +
	       (now.tv_nsec - t->tv_nsec) / 1000000;
}

static void die(const char *what)
{
	fprintf(stderr, "rtos-monitor: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A number from /sys/class/uio/uioN/maps/mapM/<what> */
static unsigned long long map_attr(const char *uio, int map, const char *what)
{
	unsigned long long v;
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/uio/%s/maps/map%d/%s", uio,
		 map, what);
	f = fopen(path, "r");
	if (!f)
		die(path);
	if (fscanf(f, "%llx", &v) != 1) {
		fprintf(stderr, "rtos-monitor: %s: not a number\n", path);
		exit(1);
	}
	fclose(f);
	return v;
}

/* The uioN called "bulkhead-<channel>", into uio; false if none */
static bool find_uio(const char *channel, char *uio, size_t size)
{
	char path[300], name[64], want[64];
	struct dirent *d;
	bool found = false;
	DIR *dir;
	FILE *f;

	snprintf(want, sizeof(want), "bulkhead-%s", channel);
	dir = opendir("/sys/class/uio");
	if (!dir)
		return false;
	while (!found && (d = readdir(dir))) {
		if (strncmp(d->d_name, "uio", 3) || strlen(d->d_name) >= size)
			continue;
		snprintf(path, sizeof(path), "/sys/class/uio/%s/name",
			 d->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fgets(name, sizeof(name), f)) {
			name[strcspn(name, "\n")] = 0;
			found = !strcmp(name, want);
			if (found)
				memcpy(uio, d->d_name, strlen(d->d_name) + 1);
		}
		fclose(f);
	}
	closedir(dir);
	return found;
}

/* UIO map n sits at offset n pages of the device */
static void *map(struct link *l, const char *uio, int n, int prot, size_t *size)
{
	void *p;

	*size = map_attr(uio, n, "size");
	p = mmap(NULL, *size, prot, MAP_SHARED, l->fd,
		 (off_t)n * sysconf(_SC_PAGESIZE));
	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

static void open_link(struct link *l, const char *channel)
{
	unsigned long long hdr_addr, own_addr;
	char uio[32];
	size_t size;

	if (!find_uio(channel, uio, sizeof(uio))) {
		fprintf(stderr,
			"rtos-monitor: no UIO device bulkhead-%s "
			"(bulkhead.ko loaded, hypervisor enabled?)\n",
			channel);
		exit(1);
	}
	snprintf(l->dev, sizeof(l->dev), "/dev/%s", uio);
	l->fd = open(l->dev, O_RDWR);
	if (l->fd < 0)
		die(l->dev);
	l->hdr = map(l, uio, MAP_HEADER, PROT_READ, &size);
	l->doorbell = map(l, uio, MAP_DOORBELL, PROT_READ | PROT_WRITE, &size);
	l->own = map(l, uio, MAP_OWN, PROT_READ | PROT_WRITE, &l->own_size);
	l->peer = map(l, uio, MAP_PEER, PROT_READ, &l->peer_size);
	if (memcmp(l->hdr->signature, BH_CHANNEL_SIGNATURE, BH_SIGNATURE_LEN)) {
		fprintf(stderr, "rtos-monitor: %s: no channel header\n", l->dev);
		exit(1);
	}
	/* which side we are: where our area is in the window */
	hdr_addr = map_attr(uio, MAP_HEADER, "addr");
	own_addr = map_attr(uio, MAP_OWN, "addr");
	l->side = own_addr - hdr_addr == l->hdr->out_offset[0] ? 0 : 1;
}

static uint32_t peer_state(const struct link *l)
{
	return __atomic_load_n(&l->hdr->state[!l->side], __ATOMIC_ACQUIRE);
}

static uint32_t peer_starts(const struct link *l)
{
	return __atomic_load_n(&l->hdr->starts[!l->side], __ATOMIC_ACQUIRE);
}

static const char *peer_name(const struct link *l)
{
	static char name[BH_CELL_NAME_LEN + 1];

	memcpy(name, l->hdr->peer[!l->side], BH_CELL_NAME_LEN);
	return name;
}

static void print_peer(const struct link *l, uint32_t state)
{
	printf("peer %s state=%s starts=%u at_ms=%ld\n", peer_name(l),
	       state_name(state), peer_starts(l), ms_since(&started));
}

static void attach(struct link *l)
{
	l->peer_starts = peer_starts(l);
	l->attached = !rtos_link_attach(&l->ring, l->peer, l->peer_size);
}

static void ring(const struct link *l)
{
	/* the message must be visible before the RTOS looks */
#ifdef __aarch64__
	asm volatile("dsb ish" ::: "memory");
#else
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
	*l->doorbell = 1;
}

static const char *cmd_name(uint32_t type)
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

static const char *status_name(int32_t status)
{
	static const char *const names[] = {
		"ok", "einval", "enosys", "ebadmsg", "ebusy",
	};

	return status <= 0 && status > -5 ? names[-status] : "error";
}

static void got_stats(struct monitor *m, const struct rtos_link_stats *s)
{
	printf("stats seconds=%llu releases=%llu misses=%llu lat_min_ns=%llu "
	       "lat_avg_ns=%llu lat_max_ns=%llu period_us=%u crunch=%s "
	       "at_ms=%ld\n",
	       (unsigned long long)s->seconds, (unsigned long long)s->releases,
	       (unsigned long long)s->misses, (unsigned long long)s->lat_min_ns,
	       (unsigned long long)s->lat_avg_ns,
	       (unsigned long long)s->lat_max_ns, s->period_us,
	       s->crunch ? "on" : "off", ms_since(&started));
	m->stats++;
}

static void got_ack(struct monitor *m, const struct rtos_link_ack *a)
{
	unsigned int i;

	printf("ack seq=%u cmd=%s status=%s value=%u at_ms=%ld\n", a->seq,
	       cmd_name(a->cmd), status_name(a->status), a->value,
	       ms_since(&started));
	for (i = 0; i < m->num_cmds; i++) {
		if (!m->cmds[i].sent || m->cmds[i].c.seq != a->seq)
			continue;
		m->cmds[i].acked = true;
		if (a->status != RTOS_LINK_OK)
			m->refused = true;
	}
}

union message {
	struct rtos_link_stats stats;
	struct rtos_link_miss miss;
	struct rtos_link_ack ack;
	uint8_t raw[256];
};

static void got(struct monitor *m, uint32_t type, const union message *msg,
		int len)
{
	if (type == RTOS_LINK_STATS && len == sizeof(msg->stats))
		got_stats(m, &msg->stats);
	else if (type == RTOS_LINK_MISS && len == sizeof(msg->miss))
		printf("miss release=%llu lateness_ns=%llu at_ms=%ld\n",
		       (unsigned long long)msg->miss.release,
		       (unsigned long long)msg->miss.lateness_ns,
		       ms_since(&started));
	else if (type == RTOS_LINK_ACK && len == sizeof(msg->ack))
		got_ack(m, &msg->ack);
	else
		printf("unknown type=0x%x len=%d at_ms=%ld\n", type, len,
		       ms_since(&started));
}

static void unsend(struct monitor *m)
{
	unsigned int i;

	for (i = 0; i < m->num_cmds; i++)
		if (!m->cmds[i].acked)
			m->cmds[i].sent = false;
}

static bool done(const struct monitor *m)
{
	unsigned int i;

	if (m->count < 0 || m->stats < m->count)
		return false;
	for (i = 0; i < m->num_cmds; i++)
		if (!m->cmds[i].acked)
			return false;
	return true;
}

/* Everything the RTOS has sent since we last looked */
static void drain(struct link *l, struct monitor *m)
{
	union message msg;
	uint32_t type;
	int len;

	/* COUNT lines, not one more: the rest is for the next monitor */
	while (!done(m)) {
		len = bh_msgring_recv(&l->ring, &type, &msg, sizeof(msg));
		if (len == BH_MSGRING_EAGAIN)
			return;
		if (len == BH_MSGRING_ECORRUPT) {
			fprintf(stderr, "rtos-monitor: the RTOS's ring is "
					"corrupt: attaching again\n");
			attach(l);
			return;
		}
		if (len == BH_MSGRING_ESIZE) {
			len = rtos_link_discard(&l->ring);
			if (len < 0)
				return;
			type = ~0U;
		}
		got(m, type, &msg, len);
		m->heard = true;
		clock_gettime(CLOCK_MONOTONIC, &m->last);
	}
}

static void send_commands(struct link *l, struct monitor *m)
{
	bool rung = false;
	unsigned int i;
	int ret;

	for (i = 0; i < m->num_cmds; i++) {
		if (m->cmds[i].sent)
			continue;
		ret = bh_msgring_send(&l->ring, m->cmds[i].type, &m->cmds[i].c,
				      sizeof(m->cmds[i].c));
		/* corrupt: the RTOS re-attaches once rung; retry later */
		if (ret == BH_MSGRING_ECORRUPT)
			rung = true;
		if (ret)
			break;
		m->cmds[i].sent = true;
		rung = true;
	}
	if (rung)
		ring(l);
}

/*
 * Until a doorbell, or the timeout.  Nothing else wakes us: a message
 * that came without its doorbell shows as a timeout, not as a late line.
 */
static void wait_doorbell(const struct link *l, const struct monitor *m)
{
	struct pollfd p = { .fd = l->fd, .events = POLLIN };
	long left = m->timeout_s * 1000 - ms_since(&m->last);
	uint32_t events;
	int ret;

	ret = poll(&p, 1, !m->timeout_s ? -1 : left > 0 ? (int)left : 0);
	if (ret < 0 && errno != EINTR)
		die("poll");
	if (ret > 0 && read(l->fd, &events, sizeof(events)) < 0 &&
	    errno != EINTR)
		die("read");
}

static bool timed_out(const struct monitor *m)
{
	return m->timeout_s && ms_since(&m->last) >= m->timeout_s * 1000;
}

static int run(struct link *l, struct monitor *m)
{
	uint32_t state;

	clock_gettime(CLOCK_MONOTONIC, &m->last);
	for (;;) {
		if (!l->attached)
			attach(l);
		if (l->attached)
			drain(l, m);
		state = peer_state(l);
		if (state != BH_PEER_RUNNING) {
			print_peer(l, state);
			fprintf(stderr, "rtos-monitor: the RTOS is gone\n");
			return EXIT_PEER_GONE;
		}
		if (peer_starts(l) != l->peer_starts) {
			/* a new RTOS: what the old one did not answer, again */
			print_peer(l, state);
			attach(l);
			m->heard = false;
			unsend(m);
			continue;
		}
		if (m->heard)
			send_commands(l, m);
		if (done(m))
			return m->refused ? EXIT_REFUSED : 0;
		if (timed_out(m)) {
			fprintf(stderr, "rtos-monitor: nothing for %ld s\n",
				m->timeout_s);
			return EXIT_TIMEOUT;
		}
		wait_doorbell(l, m);
	}
}

/* ---- --bench ------------------------------------------------------------ */

#define BENCH_WARMUP	10  /* pings before the figures */
#define BENCH_DELAY_US	200 /* the RTOS's wait: we are in read() */
#define BENCH_TIMEOUT_S 10  /* per figure, unless -t */
#define EXITS_NONE	UINT64_MAX
#define BENCH_YIELDS	500 /* see yield_until_taken() */
#define BENCH_SETTLE	4   /* YIELDs before each ping */

static const uint32_t bench_sizes[] = { 64, 4096 };

/* what we receive and send in a throughput run */
static uint8_t rx_buf[RTOS_LINK_BENCH_MAX_SIZE] __attribute__((aligned(64)));
static uint8_t tx_buf[RTOS_LINK_BENCH_MAX_SIZE] __attribute__((aligned(64)));
static volatile sig_atomic_t alarmed;

struct bench {
	struct link *l;
	const struct monitor *m;
	uint64_t hz; /* counter ticks per second */
	uint32_t seq;
	uint64_t linux_cpus, rtos_cpus; /* masks, CPUs 0..63 */
	int pinned;			/* our CPU, -1: not pinned */
};

struct series {
	uint64_t n, min, max, sum; /* ticks */
	uint64_t *samples;	   /* the first SERIES_SAMPLES */
};

#define SERIES_SAMPLES 100000

struct exits {
	uint64_t lx, rt; /* EXITS_NONE: unreadable */
};

static void on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

/* The generic timer's virtual count: the RTOS reads the same */
static uint64_t counter(void)
{
#ifdef __aarch64__
	uint64_t v;

	asm volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
#else
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ULL + t.tv_nsec;
#endif
}

static uint64_t counter_hz(void)
{
#ifdef __aarch64__
	uint64_t v;

	asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
#else
	return 1000000000ULL;
#endif
}

/*
 * A YIELD hint (a no-op on a core without threads).  Under QEMU's -icount
 * the CPUs take turns on one host thread and a doorbell does not end the
 * ringing CPU's turn: the RTOS would wait until our time slice ran out
 * (or we went idle).  A YIELD ends it, as if the RTOS ran in parallel.
 */
static void yield_cpu(void)
{
#ifdef __aarch64__
	asm volatile("yield" : : : "memory");
#endif
}

/*
 * After a ring: yield until the RTOS has taken everything we sent (its
 * tail in its area reaches our head), a few hundred times at most, then
 * go on to read().  One YIELD is usually enough, but QEMU starts its next
 * round of CPUs with the first one whenever a timer of its own fell due
 * meanwhile, and then we would run on into read() first.  On hardware
 * this is a short spin before blocking.
 */
static void yield_until_taken(const struct link *l)
{
	const struct bh_msgring *r = &l->ring;
	int n;

	for (n = 0; n < BENCH_YIELDS && r->peer_rx; n++) {
		yield_cpu();
		if (__atomic_load_n(&r->peer_rx->tail, __ATOMIC_ACQUIRE) ==
		    __atomic_load_n(&r->tx->head, __ATOMIC_RELAXED))
			return;
	}
}

static uint64_t ticks_ns(const struct bench *b, uint64_t ticks)
{
	return (uint64_t)((unsigned __int128)ticks * 1000000000U / b->hz);
}

static void series_add(struct series *s, uint64_t v)
{
	if (!s->samples) {
		s->samples = calloc(SERIES_SAMPLES, sizeof(*s->samples));
		if (!s->samples)
			die("calloc");
	}
	if (s->n < SERIES_SAMPLES)
		s->samples[s->n] = v;
	if (!s->n || v < s->min)
		s->min = v;
	if (v > s->max)
		s->max = v;
	s->sum += v;
	s->n++;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The sample below which pct % of them lie (of the first SERIES_SAMPLES) */
static uint64_t percentile(const struct series *s, unsigned int pct)
{
	uint64_t n = s->n < SERIES_SAMPLES ? s->n : SERIES_SAMPLES;

	return n ? s->samples[(n - 1) * pct / 100] : 0;
}

static void print_series(const struct bench *b, const char *what,
			 struct series *s)
{
	uint64_t n = s->n < SERIES_SAMPLES ? s->n : SERIES_SAMPLES;

	if (n)
		qsort(s->samples, n, sizeof(*s->samples), cmp_u64);
	printf("bench %s n=%llu min_ns=%llu avg_ns=%llu max_ns=%llu "
	       "p50_ns=%llu p99_ns=%llu",
	       what, (unsigned long long)s->n,
	       (unsigned long long)ticks_ns(b, s->min),
	       (unsigned long long)ticks_ns(b, s->n ? s->sum / s->n : 0),
	       (unsigned long long)ticks_ns(b, s->max),
	       (unsigned long long)ticks_ns(b, percentile(s, 50)),
	       (unsigned long long)ticks_ns(b, percentile(s, 99)));
}

/* The first line of a file, without its newline; false if unreadable */
static bool read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = 0;
	return ok;
}

/* "0-2,5" -> a mask of CPUs below 64 */
static uint64_t cpu_list_mask(const char *s)
{
	uint64_t mask = 0;
	unsigned long a, z;
	char *end;

	while (*s) {
		a = strtoul(s, &end, 10);
		if (end == s)
			break;
		z = a;
		if (*end == '-')
			z = strtoul(end + 1, &end, 10);
		for (; a <= z && a < 64; a++)
			mask |= 1ULL << a;
		if (*end != ',')
			break;
		s = end + 1;
	}
	return mask;
}

static void mask_text(uint64_t mask, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int cpu;

	buf[0] = 0;
	for (cpu = 0; cpu < 64 && len + 4 < size; cpu++)
		if (mask & (1ULL << cpu))
			len += snprintf(buf + len, size - len, "%s%u",
					len ? "," : "", cpu);
	if (!len)
		snprintf(buf, size, "none");
}

/* The CPUs of the cell called name (the RTOS's), from the driver's sysfs */
static uint64_t cell_cpus(const char *name)
{
	char path[300], buf[128];
	uint64_t mask = 0;
	struct dirent *d;
	DIR *dir;

	dir = opendir("/sys/devices/bulkhead/cells");
	if (!dir)
		return 0;
	while (!mask && (d = readdir(dir))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path),
			 "/sys/devices/bulkhead/cells/%s/name", d->d_name);
		if (!read_line(path, buf, sizeof(buf)) || strcmp(buf, name))
			continue;
		snprintf(path, sizeof(path),
			 "/sys/devices/bulkhead/cells/%s/cpus", d->d_name);
		if (read_line(path, buf, sizeof(buf)))
			mask = cpu_list_mask(buf);
	}
	closedir(dir);
	return mask;
}

static uint64_t exits_sum(uint64_t mask)
{
	char path[96], buf[32];
	uint64_t sum = 0;
	unsigned int cpu;

	if (!mask)
		return EXITS_NONE;
	for (cpu = 0; cpu < 64; cpu++) {
		if (!(mask & (1ULL << cpu)))
			continue;
		snprintf(path, sizeof(path),
			 "/sys/devices/bulkhead/cpus/cpu%u/exits/total", cpu);
		if (!read_line(path, buf, sizeof(buf)))
			return EXITS_NONE;
		sum += strtoull(buf, NULL, 10);
	}
	return sum;
}

static void exits_read(const struct bench *b, struct exits *e)
{
	e->lx = exits_sum(b->linux_cpus);
	e->rt = exits_sum(b->rtos_cpus);
}

/* " exits_linux=X exits_rtos=Y" per `per`, if the counters could be read */
static void print_exits(const struct exits *a, const struct exits *z,
			uint64_t per)
{
	if (a->lx != EXITS_NONE && z->lx != EXITS_NONE && per)
		printf(" exits_linux=%.2f", (double)(z->lx - a->lx) / per);
	if (a->rt != EXITS_NONE && z->rt != EXITS_NONE && per)
		printf(" exits_rtos=%.2f", (double)(z->rt - a->rt) / per);
	printf("\n");
}

/*
 * Run on the CPU that takes the channel's interrupt (its Linux IRQ is the
 * /proc/interrupts line named bulkhead-CHANNEL): a doorbell then wakes us
 * without a cross-CPU wake-up.  Our CPU, or -1.
 */
static int pin_to_doorbell(const char *channel)
{
	char want[80], line[512], path[64], buf[64];
	int irq = -1, cpu;
	cpu_set_t set;
	FILE *f;

	snprintf(want, sizeof(want), " bulkhead-%s\n", channel);
	f = fopen("/proc/interrupts", "r");
	if (!f)
		return -1;
	while (irq < 0 && fgets(line, sizeof(line), f))
		if (strstr(line, want))
			irq = atoi(line);
	fclose(f);
	if (irq < 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/irq/%d/effective_affinity_list",
		 irq);
	if (!read_line(path, buf, sizeof(buf)))
		return -1;
	cpu = atoi(buf);
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -1 : cpu;
}

/* A figure may take this long (guest time) */
static void phase_start(const struct bench *b)
{
	alarmed = 0;
	alarm(b->m->timeout_s ? (unsigned int)b->m->timeout_s : BENCH_TIMEOUT_S);
}

static void phase_end(void)
{
	alarm(0);
}

/*
 * Block in read() until a doorbell: the counter just before and just
 * after.  Leaves the program when the RTOS goes or nothing comes in time.
 */
static void bench_wait(struct bench *b, uint64_t *t_block, uint64_t *t_wake)
{
	uint32_t events;
	ssize_t ret;

	*t_block = counter();
	ret = read(b->l->fd, &events, sizeof(events));
	*t_wake = counter();
	if (ret < 0 && errno != EINTR)
		die("read");
	if (peer_state(b->l) != BH_PEER_RUNNING ||
	    peer_starts(b->l) != b->l->peer_starts) {
		print_peer(b->l, peer_state(b->l));
		fprintf(stderr, "rtos-monitor: the RTOS is gone\n");
		exit(EXIT_PEER_GONE);
	}
	if (alarmed) {
		fprintf(stderr,
			"rtos-monitor: no answer from the RTOS for %ld "
			"s\n",
			b->m->timeout_s ?: BENCH_TIMEOUT_S);
		exit(EXIT_TIMEOUT);
	}
}

/* Send, or leave the program: our ring is never full where this is used */
static void bench_send(struct bench *b, uint32_t type, const void *buf,
		       uint32_t len)
{
	int ret = bh_msgring_send(&b->l->ring, type, buf, len);

	if (ret) {
		fprintf(stderr, "rtos-monitor: cannot send type 0x%x: %d\n",
			type, ret);
		exit(1);
	}
}

/*
 * The next message of the RTOS, its payload in rx_buf: its length, or -1
 * when there is none.  An RTOS without benchmarks acknowledges our
 * requests as unknown commands: then we stop.
 */
static int bench_recv(struct bench *b, uint32_t *type)
{
	struct rtos_link_ack ack;
	int len;

	len = bh_msgring_recv(&b->l->ring, type, rx_buf, sizeof(rx_buf));
	if (len == BH_MSGRING_ESIZE) {
		*type = ~0U;
		len = rtos_link_discard(&b->l->ring);
	}
	if (len == BH_MSGRING_ECORRUPT) {
		fprintf(stderr, "rtos-monitor: the RTOS's ring is corrupt: "
				"attaching again\n");
		attach(b->l);
		return -1;
	}
	if (len < 0)
		return -1;
	if (*type == RTOS_LINK_ACK && len == sizeof(ack)) {
		memcpy(&ack, rx_buf, sizeof(ack));
		if ((ack.cmd == RTOS_LINK_BENCH_PING ||
		     ack.cmd == RTOS_LINK_BENCH_BULK ||
		     ack.cmd == RTOS_LINK_BENCH_SINK) &&
		    ack.status == RTOS_LINK_ENOSYS) {
			fprintf(stderr,
				"rtos-monitor: the RTOS has no "
				"benchmarks (type 0x%x unknown)\n",
				ack.cmd);
			exit(EXIT_REFUSED);
		}
	}
	return len;
}

/*
 * Tell the sending RTOS we have read everything, unless it has not yet
 * read our last credit (it takes that one when it finds its ring full,
 * and tries again: one is enough).  The fence orders our tail, published
 * while we read, before our look at its tail: the RTOS stores its tail
 * and then looks at ours.
 */
static bool bench_credit(struct bench *b)
{
	struct bh_msgring *r = &b->l->ring;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!r->peer_rx ||
	    __atomic_load_n(&r->peer_rx->tail, __ATOMIC_ACQUIRE) !=
		    __atomic_load_n(&r->tx->head, __ATOMIC_RELAXED))
		return false;
	bench_send(b, RTOS_LINK_BENCH_CREDIT, NULL, 0);
	ring(b->l);
	return true;
}

/* Wait for the PONG of seq; its stamps, and when read() returned */
static void await_pong(struct bench *b, uint32_t seq,
		       struct rtos_link_pong *pong, uint64_t *t_block,
		       uint64_t *t_wake)
{
	uint32_t type;
	bool got = false;
	int len;

	while (!got) {
		bench_wait(b, t_block, t_wake);
		while ((len = bench_recv(b, &type)) >= 0) {
			if (type != RTOS_LINK_BENCH_PONG || len != sizeof(*pong))
				continue;
			memcpy(pong, rx_buf, sizeof(*pong));
			if (pong->seq == seq)
				got = true;
		}
	}
	/* it came while we read the ring, after read() returned */
	if (*t_wake < pong->t_tx)
		*t_wake = *t_block = counter();
}

/*
 * n round trips; with delay_us the RTOS answers that much later.  Into
 * the series that are not NULL.
 */
static void bench_pings(struct bench *b, long n, uint32_t delay_us,
			struct series *to, struct series *from,
			struct series *rtt, uint64_t *blocked)
{
	struct rtos_link_pong pong = { 0 };
	struct rtos_link_ping p;
	uint64_t t_block, t_wake;
	long i;
	int y;

	for (i = 0; i < n; i++) {
		p = (struct rtos_link_ping){
			.seq = ++b->seq,
			.delay_us = delay_us,
		};
		/* the RTOS finishes its last answer and goes back to sleep */
		for (y = 0; y < BENCH_SETTLE; y++)
			yield_cpu();
		p.t_sent = counter();
		bench_send(b, RTOS_LINK_BENCH_PING, &p, sizeof(p));
		ring(b->l);
		yield_until_taken(b->l);
		await_pong(b, p.seq, &pong, &t_block, &t_wake);
		if (to)
			series_add(to, pong.t_rx - p.t_sent);
		if (from)
			series_add(from, t_wake - pong.t_tx);
		if (rtt)
			series_add(rtt, t_wake - p.t_sent);
		if (blocked && t_block < pong.t_tx)
			(*blocked)++;
	}
}

/* Wait for the DONE of seq, taking DATA on the way (BULK) */
struct bench_rx {
	uint64_t count, bytes, t_last, credits;
	struct rtos_link_bench_done done;
};

static void await_done(struct bench *b, uint32_t seq, struct bench_rx *rx,
		       bool credit)
{
	uint64_t t_block, t_wake;
	bool got = false;
	uint32_t type;
	int len;

	while (!got) {
		bool took = false;

		bench_wait(b, &t_block, &t_wake);
		while ((len = bench_recv(b, &type)) >= 0) {
			if (type == RTOS_LINK_BENCH_DATA) {
				rx->count++;
				rx->bytes += len;
				rx->t_last = counter();
				took = true;
			} else if (type == RTOS_LINK_BENCH_DONE &&
				   len == sizeof(rx->done)) {
				memcpy(&rx->done, rx_buf, sizeof(rx->done));
				got = rx->done.seq == seq;
			}
		}
		if (credit && took && !got && bench_credit(b))
			rx->credits++;
	}
}

static void print_rate(const struct bench *b, const char *what, uint32_t size,
		       uint64_t count, uint64_t bytes, uint64_t ticks,
		       uint64_t waits, uint64_t credits)
{
	uint64_t ns = ticks_ns(b, ticks);

	printf("bench %s size=%u n=%llu bytes=%llu ns=%llu mb_s=%.1f "
	       "waits=%llu credits=%llu",
	       what, size, (unsigned long long)count, (unsigned long long)bytes,
	       (unsigned long long)ns, ns ? (double)bytes * 1000.0 / ns : 0.0,
	       (unsigned long long)waits, (unsigned long long)credits);
}

static bool bench_status(const char *what, const struct bench_rx *rx,
			 uint64_t want)
{
	if (rx->done.status == RTOS_LINK_OK && rx->done.count == want)
		return true;
	fprintf(stderr, "rtos-monitor: %s: status %s, %u of %llu messages\n",
		what, status_name(rx->done.status), rx->done.count,
		(unsigned long long)want);
	return false;
}

/* The RTOS sends count messages of size bytes */
static bool bench_bulk(struct bench *b, uint32_t size, long count)
{
	struct rtos_link_bench req = {
		.seq = ++b->seq,
		.size = size,
		.count = (uint32_t)count,
	};
	struct bench_rx rx = { 0 };
	struct exits e0, e1;

	phase_start(b);
	exits_read(b, &e0);
	bench_send(b, RTOS_LINK_BENCH_BULK, &req, sizeof(req));
	ring(b->l);
	await_done(b, req.seq, &rx, true);
	exits_read(b, &e1);
	phase_end();
	if (!bench_status("bulk", &rx, count))
		return false;
	if (rx.count != (uint64_t)count || rx.bytes != rx.done.bytes) {
		fprintf(stderr,
			"rtos-monitor: bulk: %llu messages, %llu bytes "
			"came of %u, %llu\n",
			(unsigned long long)rx.count,
			(unsigned long long)rx.bytes, rx.done.count,
			(unsigned long long)rx.done.bytes);
		return false;
	}
	print_rate(b, "bulk", size, rx.count, rx.bytes,
		   rx.t_last - rx.done.t_first, rx.done.waits, rx.credits);
	print_exits(&e0, &e1, rx.count);
	return true;
}

/* We send count messages of size bytes, as fast as the ring takes them */
static bool bench_sink(struct bench *b, uint32_t size, long count)
{
	struct rtos_link_bench req = {
		.seq = ++b->seq,
		.size = size,
		.count = (uint32_t)count,
	};
	uint64_t t_start, t_block, t_wake, waits = 0, sent = 0;
	struct bench_rx rx = { 0 };
	struct exits e0, e1;
	bool unrung = true;
	uint32_t type;
	int ret;

	phase_start(b);
	exits_read(b, &e0);
	/* not rung yet: the RTOS finds the request and a full ring at once */
	bench_send(b, RTOS_LINK_BENCH_SINK, &req, sizeof(req));
	t_start = counter();
	while (sent < (uint64_t)count) {
		if (size >= 8)
			memcpy(tx_buf, &sent, 8);
		ret = bh_msgring_send(&b->l->ring, RTOS_LINK_BENCH_DATA, tx_buf,
				      size);
		if (!ret) {
			sent++;
			unrung = true;
			continue;
		}
		if (ret != BH_MSGRING_EAGAIN) {
			fprintf(stderr, "rtos-monitor: sink: send: %d\n", ret);
			return false;
		}
		waits++;
		if (unrung)
			ring(b->l);
		unrung = false;
		/* until the RTOS has read everything (its credit) */
		bench_wait(b, &t_block, &t_wake);
		while (bench_recv(b, &type) >= 0)
			if (type == RTOS_LINK_BENCH_DONE) {
				memcpy(&rx.done, rx_buf, sizeof(rx.done));
				bench_status("sink", &rx, count);
				return false;
			}
	}
	if (unrung)
		ring(b->l);
	await_done(b, req.seq, &rx, false);
	exits_read(b, &e1);
	phase_end();
	if (!bench_status("sink", &rx, count))
		return false;
	print_rate(b, "sink", size, rx.done.count, rx.done.bytes,
		   rx.done.t_last - t_start, waits, rx.done.waits);
	print_exits(&e0, &e1, rx.done.count);
	return true;
}

/* Until the RTOS has said something: it has attached our ring then */
static void bench_connect(struct bench *b)
{
	uint64_t t_block, t_wake;
	uint32_t type;
	bool heard = false;

	phase_start(b);
	while (!heard) {
		if (!b->l->attached)
			attach(b->l);
		if (b->l->attached)
			while (bench_recv(b, &type) >= 0)
				heard = true;
		if (!heard)
			bench_wait(b, &t_block, &t_wake);
	}
	phase_end();
}

static int bench(struct link *l, const struct monitor *m)
{
	struct series to = { 0 }, from = { 0 }, rtt = { 0 }, late = { 0 };
	struct bench b = { .l = l, .m = m, .hz = counter_hz() };
	struct sigaction sa = { .sa_handler = on_alarm };
	char lcpus[256], rcpus[256], buf[256];
	uint64_t blocked = 0;
	struct exits e0, e1;
	unsigned int i;
	long n_late;

	/* no SA_RESTART: the alarm ends a read() that waits too long */
	sigaction(SIGALRM, &sa, NULL);
	b.seq = (uint32_t)getpid() << 16;
	b.pinned = pin_to_doorbell(m->channel);
	if (read_line("/sys/devices/system/cpu/online", buf, sizeof(buf)))
		b.linux_cpus = cpu_list_mask(buf);
	b.rtos_cpus = cell_cpus(peer_name(l));
	mask_text(b.linux_cpus, lcpus, sizeof(lcpus));
	mask_text(b.rtos_cpus, rcpus, sizeof(rcpus));
	printf("bench setup counter_hz=%llu linux_cpus=%s rtos_cpus=%s "
	       "pinned_cpu=%d\n",
	       (unsigned long long)b.hz, lcpus, rcpus, b.pinned);
	if (!b.hz) {
		fprintf(stderr, "rtos-monitor: no counter frequency\n");
		return 1;
	}
	bench_connect(&b);

	phase_start(&b);
	bench_pings(&b, BENCH_WARMUP, 0, NULL, NULL, NULL, NULL);
	exits_read(&b, &e0);
	bench_pings(&b, m->pings, 0, &to, &from, &rtt, NULL);
	exits_read(&b, &e1);
	phase_end();
	print_series(&b, "linux_to_rtos", &to);
	printf("\n");
	print_series(&b, "rtos_to_linux", &from);
	printf("\n");
	print_series(&b, "round_trip", &rtt);
	print_exits(&e0, &e1, rtt.n);

	n_late = m->pings / 10 > 10 ? m->pings / 10 : 10;
	phase_start(&b);
	exits_read(&b, &e0);
	bench_pings(&b, n_late, BENCH_DELAY_US, NULL, &late, NULL, &blocked);
	exits_read(&b, &e1);
	phase_end();
	print_series(&b, "rtos_to_linux_blocked", &late);
	printf(" blocked=%llu", (unsigned long long)blocked);
	print_exits(&e0, &e1, late.n);

	for (i = 0; i < sizeof(bench_sizes) / sizeof(bench_sizes[0]); i++) {
		if (!bench_bulk(&b, bench_sizes[i], m->messages) ||
		    !bench_sink(&b, bench_sizes[i], m->messages))
			return EXIT_REFUSED;
	}
	printf("bench done\n");
	return 0;
}

static void usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: rtos-monitor [-c CHANNEL] [-n COUNT] [-t SECONDS] "
		"[--period US] [--crunch on|off]\n"
		"       rtos-monitor --bench [--pings N] [--messages N] "
		"[-c CHANNEL] [-t SECONDS]\n"
		"  -c, --channel NAME  the channel (default %s)\n"
		"  -n, --count N       exit after N statistics (default: "
		"never)\n"
		"  -t, --timeout S     give up when nothing comes for S "
		"seconds\n"
		"  -p, --period US     set the control period\n"
		"  -C, --crunch on|off start or stop the crunch task\n"
		"  -b, --bench         measure the channel (latency, "
		"throughput, exits)\n"
		"  -P, --pings N       round trips per latency figure "
		"(default 1000)\n"
		"  -M, --messages N    messages per throughput figure "
		"(default 2000)\n",
		RTOS_LINK_CHANNEL);
	exit(status);
}

static unsigned long number(const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v > max || *s == '-') {
		fprintf(stderr, "rtos-monitor: bad number '%s'\n", s);
		usage(2);
	}
	return v;
}

static void add_cmd(struct monitor *m, uint32_t type, uint32_t value)
{
	struct cmd *c = &m->cmds[m->num_cmds];

	if (m->num_cmds == MAX_CMDS)
		usage(2);
	c->type = type;
	/* tells our acks from another monitor's */
	c->c.seq = ((uint32_t)getpid() << 8) | (m->num_cmds + 1);
	c->c.value = value;
	m->num_cmds++;
}

static void parse(int argc, char **argv, struct monitor *m)
{
	static const struct option longs[] = {
		{ "channel", required_argument, NULL, 'c' },
		{ "count", required_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "period", required_argument, NULL, 'p' },
		{ "crunch", required_argument, NULL, 'C' },
		{ "bench", no_argument, NULL, 'b' },
		{ "pings", required_argument, NULL, 'P' },
		{ "messages", required_argument, NULL, 'M' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "c:n:t:p:C:bP:M:h", longs,
				  NULL)) != -1) {
		switch (opt) {
		case 'c':
			m->channel = optarg;
			break;
		case 'n':
			m->count = (long)number(optarg, 1000000000);
			break;
		case 't':
			m->timeout_s = (long)number(optarg, 1000000);
			break;
		case 'p':
			add_cmd(m, RTOS_LINK_SET_PERIOD,
				(uint32_t)number(optarg, UINT32_MAX));
			break;
		case 'C':
			if (strcmp(optarg, "on") && strcmp(optarg, "off"))
				usage(2);
			add_cmd(m, RTOS_LINK_SET_CRUNCH, !strcmp(optarg, "on"));
			break;
		case 'b':
			m->bench = true;
			break;
		case 'P':
			m->pings = (long)number(optarg, 10000000);
			break;
		case 'M':
			m->messages = (long)number(optarg, UINT32_MAX);
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (optind != argc || (m->bench && m->num_cmds) || m->pings < 1 ||
	    m->messages < 1)
		usage(2);
}

int main(int argc, char **argv)
{
	struct monitor m = {
		.channel = RTOS_LINK_CHANNEL,
		.count = -1,
		.pings = 1000,
		.messages = 2000,
	};
	struct link l = { .fd = -1 };
	int own;

	clock_gettime(CLOCK_MONOTONIC, &started);
	parse(argc, argv, &m);
	/* one line at a time, also into a pipe or a file */
	setvbuf(stdout, NULL, _IOLBF, 0);
	open_link(&l, m.channel);
	own = rtos_link_own(&l.ring, l.own, l.own_size);
	if (own < 0) {
		fprintf(stderr, "rtos-monitor: %s: own area unusable\n", l.dev);
		return 1;
	}
	fprintf(stderr,
		"rtos-monitor: %s: channel '%s' side %u, peer '%s' "
		"%s (started %u times), own ring %s\n",
		l.dev, m.channel, l.side, peer_name(&l),
		state_name(peer_state(&l)), peer_starts(&l),
		own ? "carried on" : "formatted");
	return m.bench ? bench(&l, &m) : run(&l, &m);
}
