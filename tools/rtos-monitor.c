// SPDX-License-Identifier: BSD-2-Clause
/*
 * rtos-monitor: Linux's end of the "rtos-link" channel to rtos-demo.
 *
 *   rtos-monitor [-c CHANNEL] [-n COUNT] [-t SECONDS]
 *                [--period US] [--crunch on|off]
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
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
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

#define EXIT_PEER_GONE	3
#define EXIT_TIMEOUT	4
#define EXIT_REFUSED	5
#define MAX_CMDS	2

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
	long count;			/* stats to print; -1: forever */
	long timeout_s;			/* 0: none */
	struct cmd cmds[MAX_CMDS];
	unsigned int num_cmds;
	long stats;			/* printed so far */
	bool heard;			/* a message since we attached */
	bool refused;
	struct timespec last;		/* when the last message came */
};

static struct timespec started;

static const char *const state_names[] = {
	"absent", "running", "shut-down", "failed",
};

static const char *state_name(uint32_t state)
{
	return state < sizeof(state_names) / sizeof(state_names[0]) ?
		       state_names[state] : "unknown";
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
static void *map(struct link *l, const char *uio, int n, int prot,
		 size_t *size)
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
		fprintf(stderr, "rtos-monitor: no UIO device bulkhead-%s "
			"(bulkhead.ko loaded, hypervisor enabled?)\n", channel);
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
		fprintf(stderr, "rtos-monitor: %s: no channel header\n",
			l->dev);
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
	       (unsigned long long)s->seconds,
	       (unsigned long long)s->releases,
	       (unsigned long long)s->misses,
	       (unsigned long long)s->lat_min_ns,
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

static void usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: rtos-monitor [-c CHANNEL] [-n COUNT] [-t SECONDS] "
		"[--period US] [--crunch on|off]\n"
		"  -c, --channel NAME  the channel (default %s)\n"
		"  -n, --count N       exit after N statistics (default: "
		"never)\n"
		"  -t, --timeout S     give up when nothing comes for S "
		"seconds\n"
		"  -p, --period US     set the control period\n"
		"  -C, --crunch on|off start or stop the crunch task\n",
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
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "c:n:t:p:C:h", longs,
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
			add_cmd(m, RTOS_LINK_SET_CRUNCH,
				!strcmp(optarg, "on"));
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (optind != argc)
		usage(2);
}

int main(int argc, char **argv)
{
	struct monitor m = { .channel = RTOS_LINK_CHANNEL, .count = -1 };
	struct link l = { .fd = -1 };
	int own;

	clock_gettime(CLOCK_MONOTONIC, &started);
	parse(argc, argv, &m);
	/* one line at a time, also into a pipe or a file */
	setvbuf(stdout, NULL, _IOLBF, 0);
	open_link(&l, m.channel);
	own = rtos_link_own(&l.ring, l.own, l.own_size);
	if (own < 0) {
		fprintf(stderr, "rtos-monitor: %s: own area unusable\n",
			l.dev);
		return 1;
	}
	fprintf(stderr, "rtos-monitor: %s: channel '%s' side %u, peer '%s' "
		"%s (started %u times), own ring %s\n", l.dev, m.channel,
		l.side, peer_name(&l), state_name(peer_state(&l)),
		peer_starts(&l), own ? "carried on" : "formatted");
	return run(&l, &m);
}
