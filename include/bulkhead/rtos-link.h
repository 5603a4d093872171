/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rtos-link: what rtos-demo (inmates/rtos/app/main.c) and rtos-monitor
 * (tools/rtos-monitor.c) say to each other over the channel "rtos-link",
 * and the rules by which a peer (re)connects the message rings
 * (bulkhead/msgring.h) of any channel.  The Bulkhead RTOS's channels
 * (rtos_chan_*) follow the same rules whatever their peer speaks.
 *
 * Messages: the tag is bh_msgring_hdr.type, the payload one of the
 * structures below, fixed-width, little-endian, without padding.  Each
 * side checks the length before it reads a payload.
 *
 * Connection rules.  A channel's areas outlive the programs that use
 * them: the hypervisor clears them once, when it is enabled.  A cell can
 * be restarted and a Linux program run again while the peer goes on, and
 * the peer's read position (its tail, in its own area) then still points
 * into the old stream.  So:
 *
 *  1. A writer keeps the ring in its area when it is already well formed
 *     (rtos_link_own): its head carries on where the last user of the
 *     area left it, so the peer's tail still points at a record boundary.
 *     It formats the area only when it holds no ring (the first time).
 *  2. A reader attaches at the writer's head (rtos_link_attach): what is
 *     queued already is stale, from before it came.  It attaches again,
 *     the same way, when the writer's cell was restarted (the header's
 *     starts count changed) and when recv reports the ring corrupt.
 *  3. A message reaches the peer only if the peer had attached before it
 *     was sent.  A program that starts and wants to be heard waits for a
 *     first message from the peer: the peer cannot send before it has
 *     attached (send needs the reader's tail).  The RTOS sends statistics
 *     every second, so rtos-monitor sends its commands after the first.
 */
#ifndef _BULKHEAD_RTOS_LINK_H
#define _BULKHEAD_RTOS_LINK_H

#include <stddef.h>
#include <stdint.h>
#include <bulkhead/msgring.h>

#define RTOS_LINK_CHANNEL "rtos-link"

/* Message types.  RTOS -> Linux: */
#define RTOS_LINK_STATS	     0x0101 /* struct rtos_link_stats */
#define RTOS_LINK_MISS	     0x0102 /* struct rtos_link_miss */
#define RTOS_LINK_ACK	     0x0103 /* struct rtos_link_ack */
/* Linux -> RTOS, each answered by one RTOS_LINK_ACK: */
#define RTOS_LINK_SET_PERIOD 0x0201 /* struct rtos_link_cmd, us */
#define RTOS_LINK_SET_CRUNCH 0x0202 /* struct rtos_link_cmd, 0/1 */

/*
 * Benchmarks (rtos-monitor --bench).  Times are counter values
 * (CNTVCT_EL0: the RTOS's timer_get_ticks(), readable at EL0 in Linux;
 * the hypervisor gives every cell the same counter, with no offset), so
 * one side's stamp minus the other's is a one-way time; CNTFRQ_EL0 turns
 * ticks into ns.  An RTOS without them answers each request with an
 * RTOS_LINK_ACK of status RTOS_LINK_ENOSYS.  Linux -> RTOS:
 */
#define RTOS_LINK_BENCH_PING 0x0210 /* struct rtos_link_ping */
#define RTOS_LINK_BENCH_BULK \
	0x0211 /* struct rtos_link_bench:
						 * the RTOS sends */
#define RTOS_LINK_BENCH_SINK \
	0x0212 /* struct rtos_link_bench:
						 * Linux sends */
/* RTOS -> Linux: */
#define RTOS_LINK_BENCH_PONG 0x0110 /* struct rtos_link_pong */
#define RTOS_LINK_BENCH_DONE 0x0111 /* struct rtos_link_bench_done */
/* Either way, within a BULK or SINK run; ignored outside one: */
#define RTOS_LINK_BENCH_DATA \
	0x0300 /* size bytes; the first 8 (if
						 * size >= 8) count from 0 */
#define RTOS_LINK_BENCH_CREDIT \
	0x0301 /* no payload: "I have read
						 * everything you sent" */

/* The control period the RTOS accepts */
#define RTOS_LINK_PERIOD_MIN_US 100
#define RTOS_LINK_PERIOD_MAX_US 1000000

/*
 * Once a second.  Counts are since the demo started; the latencies (a
 * release's wake-up time minus its ideal release time) cover the
 * releases since the previous message, all 0 if there were none.
 */
struct rtos_link_stats {
	uint64_t seconds;  /* since the demo started */
	uint64_t releases; /* of the control loop */
	uint64_t misses;   /* deadlines it missed */
	uint64_t lat_min_ns;
	uint64_t lat_avg_ns;
	uint64_t lat_max_ns;
	uint32_t period_us; /* the control loop's, now */
	uint32_t crunch;    /* 1: the CPU hog runs, 0: it waits */
};

/* One per deadline the control loop missed */
struct rtos_link_miss {
	uint64_t release;     /* whose job ended late, counted as
					 * in releases (0: the first job) */
	uint64_t lateness_ns; /* how long after its deadline it ended */
};

struct rtos_link_cmd {
	uint32_t seq;	/* the sender's choice, echoed in the ack */
	uint32_t value; /* microseconds, or 0 (off) / 1 (on) */
};

/* rtos_link_ack.status, rtos_link_bench_done.status */
#define RTOS_LINK_OK	  0
#define RTOS_LINK_EINVAL  (-1) /* value out of range */
#define RTOS_LINK_ENOSYS  (-2) /* unknown command type */
#define RTOS_LINK_EBADMSG (-3) /* payload of the wrong size */
#define RTOS_LINK_EBUSY	  (-4) /* not now (safe state) */
#define RTOS_LINK_ETIMEDOUT \
	(-5) /* the peer stopped reading or
						 * sending for a second */

struct rtos_link_ack {
	uint32_t seq;	/* the command's, 0 if it had none */
	uint32_t cmd;	/* the command's type */
	int32_t status; /* RTOS_LINK_OK or RTOS_LINK_E* */
	uint32_t value; /* the setting in force after it */
};

/*
 * A one-way and round-trip probe.  The RTOS stamps it when its task has
 * received it, waits delay_us (0: not at all; at most
 * RTOS_LINK_PING_DELAY_MAX_US), stamps again and sends the PONG: with a
 * delay the Linux program is blocked in read() by the time it comes.
 */
#define RTOS_LINK_PING_DELAY_MAX_US 100000

struct rtos_link_ping {
	uint32_t seq; /* the sender's, echoed in the pong */
	uint32_t delay_us;
	uint64_t t_sent; /* counter just before the doorbell */
};

struct rtos_link_pong {
	uint32_t seq;
	uint32_t reserved;
	uint64_t t_sent; /* the ping's, echoed */
	uint64_t t_rx;	 /* counter when the RTOS task had it */
	uint64_t t_tx;	 /* counter just before the pong's send */
};

/*
 * Throughput.  BULK: the RTOS sends count RTOS_LINK_BENCH_DATA messages
 * of size bytes as fast as the ring takes them; when it is full the RTOS
 * waits for an RTOS_LINK_BENCH_CREDIT, which Linux sends each time it has
 * read everything.  SINK: Linux sends them (it may start right after the
 * request), the RTOS receives, and sends a CREDIT each time it finds the
 * ring empty.  Either ends with an RTOS_LINK_BENCH_DONE.  size is at most
 * RTOS_LINK_BENCH_MAX_SIZE and what the ring takes.
 */
#define RTOS_LINK_BENCH_MAX_SIZE 16384

struct rtos_link_bench {
	uint32_t seq;	/* echoed in the done message */
	uint32_t size;	/* bytes per DATA message */
	uint32_t count; /* DATA messages */
	uint32_t reserved;
};

struct rtos_link_bench_done {
	uint32_t seq;
	int32_t status;	  /* RTOS_LINK_OK or RTOS_LINK_E* */
	uint32_t count;	  /* DATA messages sent / received */
	uint32_t waits;	  /* BULK: for a credit; SINK: credits
					 * sent */
	uint64_t bytes;	  /* DATA payload bytes */
	uint64_t t_first; /* BULK: before the first send; SINK:
					 * the first DATA received */
	uint64_t t_last;  /* after the last send / receive */
};

__extension__ _Static_assert(sizeof(struct rtos_link_stats) == 56,
			     "no padding in struct rtos_link_stats");
__extension__ _Static_assert(sizeof(struct rtos_link_miss) == 16,
			     "no padding in struct rtos_link_miss");
__extension__ _Static_assert(sizeof(struct rtos_link_cmd) == 8,
			     "no padding in struct rtos_link_cmd");
__extension__ _Static_assert(sizeof(struct rtos_link_ack) == 16,
			     "no padding in struct rtos_link_ack");
__extension__ _Static_assert(sizeof(struct rtos_link_ping) == 16,
			     "no padding in struct rtos_link_ping");
__extension__ _Static_assert(sizeof(struct rtos_link_pong) == 32,
			     "no padding in struct rtos_link_pong");
__extension__ _Static_assert(sizeof(struct rtos_link_bench) == 16,
			     "no padding in struct rtos_link_bench");
__extension__ _Static_assert(sizeof(struct rtos_link_bench_done) == 40,
			     "no padding in struct rtos_link_bench_done");

/*
 * Rule 1: take the ring in our own area over if it is well formed, else
 * format it.  Returns 1 (taken over), 0 (formatted) or -1 (the area is
 * misaligned or too small).  Either way nothing of the peer is attached.
 */
static inline int rtos_link_own(struct bh_msgring *r, void *area, size_t size)
{
	const struct bh_msgring_tx *tx = area;
	uint32_t data = bh_msgring_data_size(size);
	uint8_t *base = area;

	if (!area || ((uintptr_t)area & 7) || !data)
		return bh_msgring_init(r, area, size);
	if (__atomic_load_n(&tx->magic, __ATOMIC_ACQUIRE) != BH_MSGRING_MAGIC ||
	    __atomic_load_n(&tx->data_size, __ATOMIC_RELAXED) != data ||
	    (__atomic_load_n(&tx->head, __ATOMIC_RELAXED) & 7))
		return bh_msgring_init(r, area, size);
	*r = (struct bh_msgring){
		.tx = area,
		.tx_data = base + BH_MSGRING_DATA_OFFSET,
		.rx = (struct bh_msgring_rx *)(base + BH_MSGRING_RX_OFFSET),
		.tx_size = data,
	};
	return 1;
}

/* Forget the peer's ring: recv finds nothing, send drops (not attached) */
static inline void rtos_link_detach(struct bh_msgring *r)
{
	r->peer = NULL;
	r->peer_rx = NULL;
	r->peer_data = NULL;
	r->peer_size = 0;
}

/*
 * Rule 2: attach the peer's ring, past everything it holds now (after
 * rtos_link_own: our tail is in our area).  Returns 0, or -1 (detached)
 * if the peer has not formatted its area (yet).
 */
static inline int rtos_link_attach(struct bh_msgring *r, const void *peer,
				   size_t size)
{
	rtos_link_detach(r);
	if (bh_msgring_attach(r, peer, size))
		return -1;
	__atomic_store_n(&r->rx->tail,
			 __atomic_load_n(&r->peer->head, __ATOMIC_ACQUIRE),
			 __ATOMIC_RELEASE);
	return 0;
}

/*
 * Drop the peer's next message, whatever its size (recv refuses one
 * longer than the buffer and leaves it queued).  Returns its length, or
 * an error as from recv.
 */
static inline int rtos_link_discard(struct bh_msgring *r)
{
	uint64_t tail;
	uint32_t len, type;
	int ret;

	ret = bh_msgring_next(r, &tail, &len, &type);
	if (ret)
		return ret;
	__atomic_store_n(&r->rx->tail, tail + bh_msgring_rec_size(len),
			 __ATOMIC_RELEASE);
	return (int)len;
}

#endif /* _BULKHEAD_RTOS_LINK_H */
