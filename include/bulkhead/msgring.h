/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bulkhead message ring: a lock-free single-producer/single-consumer
 * message queue in each direction of a channel between two cells.
 *
 * A channel gives each peer one output area that only it can write; the
 * other peer maps it read-only.  A consumer therefore cannot keep its read
 * index next to the data it reads: each direction's head and data live in
 * the producer's area, its tail in the consumer's area.
 *
 * Layout of one peer's output area (offsets from its start, which must be
 * 8-byte aligned; page alignment keeps each part on cache lines of its own):
 *
 *   0    struct bh_msgring_tx  magic, data_size, head, dropped  (64 bytes)
 *   64   struct bh_msgring_rx  tail: how far the owner has read the peer's
 *                              ring                              (64 bytes)
 *   128  data                  data_size bytes, the largest power of two
 *                              that fits, BH_MSGRING_MIN_DATA up to
 *                              BH_MSGRING_MAX_DATA
 *
 * head and tail are free-running byte counts, wrapping at 2^64: head - tail
 * is the number of unread bytes, count & (data_size - 1) the offset in the
 * data.  Both only grow, in multiples of 8.
 *
 * The data holds records: a struct bh_msgring_hdr, then len bytes of
 * payload, padded to a multiple of 8.  A record never wraps: when one does
 * not fit before the end of the data the producer fills the rest with a pad
 * record (len == BH_MSGRING_PAD) and puts it at offset 0.  A payload may
 * therefore take at most BH_MSGRING_MAX_PAYLOAD(data_size) bytes, half the
 * data less the header: that fits into an empty ring wherever head is.
 *
 * Ordering: the producer copies a record in before it publishes head with
 * a release store; the consumer loads head with acquire before it reads the
 * record and publishes tail with release once it has copied the record out;
 * the producer loads tail with acquire before it reuses the space.  Both
 * cells must map the areas as Normal, cacheable, inner-shareable memory.
 *
 * The peer is hostile input.  Its area is only ever read, never outside
 * [0, peer area size), and every value taken from it is checked before use:
 * a head or tail out of range or a record reaching past the published bytes
 * or the data makes send or recv return BH_MSGRING_ECORRUPT and leaves both
 * rings as they are.  The payload itself may still change under the reader.
 *
 * Concurrency: send and recv may run at the same time (in different
 * threads, or one in an interrupt handler): they share no state.  Two sends
 * (or two recvs) on the same ring must not overlap; serialise several
 * senders, e.g. by masking interrupts around send.  No call blocks or
 * takes a lock.
 *
 * Header only, for Linux user space, bare-metal cells and host tests alike:
 * it needs <stddef.h>, <stdint.h> and GCC's __atomic builtins, and
 * __builtin_memcpy may become a call to memcpy(), which GCC expects every
 * freestanding environment to provide (inmates/lib/string.c does).
 */
#ifndef _BULKHEAD_MSGRING_H
#define _BULKHEAD_MSGRING_H

#include <stddef.h>
#include <stdint.h>

#define BH_MSGRING_MAGIC       0x474e5242U /* "BRNG" */
#define BH_MSGRING_PAD	       0xffffffffU /* len of a pad record */
#define BH_MSGRING_RX_OFFSET   64
#define BH_MSGRING_DATA_OFFSET 128
#define BH_MSGRING_MIN_DATA    64U
#define BH_MSGRING_MAX_DATA    0x80000000U /* lengths fit an int */
#define BH_MSGRING_MIN_AREA    (BH_MSGRING_DATA_OFFSET + BH_MSGRING_MIN_DATA)
#define BH_MSGRING_MAX_PAYLOAD(data_size) \
	((data_size) / 2 - (uint32_t)sizeof(struct bh_msgring_hdr))

/* Return values of send, recv and peek_len */
#define BH_MSGRING_EAGAIN   (-1) /* send: full; recv: empty */
#define BH_MSGRING_ESIZE    (-2) /* message or buffer too big/small */
#define BH_MSGRING_ECORRUPT (-3) /* the peer broke the protocol */

/* Written by the owner of the area only */
struct bh_msgring_tx {
	uint32_t magic;
	uint32_t data_size;
	uint64_t head;	  /* bytes published */
	uint64_t dropped; /* messages not sent: the ring was full */
	uint8_t reserved[40];
};

/* The owner's progress through the peer's ring */
struct bh_msgring_rx {
	uint64_t tail; /* bytes consumed */
	uint8_t reserved[56];
};

struct bh_msgring_hdr {
	uint32_t len;  /* payload bytes, or BH_MSGRING_PAD */
	uint32_t type; /* the user's tag */
};

/* __extension__: C99 users with -pedantic get no warning either */
__extension__ _Static_assert(sizeof(struct bh_msgring_tx) ==
				     BH_MSGRING_RX_OFFSET,
			     "struct bh_msgring_tx fills one 64-byte line");
__extension__ _Static_assert(sizeof(struct bh_msgring_rx) ==
				     BH_MSGRING_DATA_OFFSET -
					     BH_MSGRING_RX_OFFSET,
			     "struct bh_msgring_rx fills one 64-byte line");
__extension__ _Static_assert(sizeof(struct bh_msgring_hdr) == 8,
			     "records are aligned to the header size");

/* One cell's view of the two directions of a channel */
struct bh_msgring {
	struct bh_msgring_tx *tx; /* own area: own head */
	uint8_t *tx_data;
	struct bh_msgring_rx *rx;	     /* own area: own tail */
	const struct bh_msgring_tx *peer;    /* peer's area: its head */
	const struct bh_msgring_rx *peer_rx; /* peer's area: its tail */
	const uint8_t *peer_data;
	uint32_t tx_size;
	uint32_t peer_size; /* validated peer->data_size */
};

static inline uint64_t bh_msgring_rec_size(uint32_t len)
{
	return ((uint64_t)len + sizeof(struct bh_msgring_hdr) + 7) &
	       ~(uint64_t)7;
}

/* The data size an area of area_size bytes holds, 0 if it is too small */
static inline uint32_t bh_msgring_data_size(size_t area_size)
{
	uint64_t size = BH_MSGRING_MAX_DATA;

	if (area_size < BH_MSGRING_MIN_AREA)
		return 0;
	while (size > area_size - BH_MSGRING_DATA_OFFSET)
		size >>= 1;
	return (uint32_t)size;
}

static inline uint32_t bh_msgring_max_payload(const struct bh_msgring *r)
{
	return BH_MSGRING_MAX_PAYLOAD(r->tx_size);
}

/*
 * Format the own area: an empty ring towards the peer, nothing read of the
 * peer's.  Returns 0, or -1 if the area is misaligned or too small.
 */
static inline int bh_msgring_init(struct bh_msgring *r, void *own_area,
				  size_t own_size)
{
	uint8_t *area = own_area;
	uint32_t size = bh_msgring_data_size(own_size);

	*r = (struct bh_msgring){ 0 };
	if (!area || ((uintptr_t)area & 7) || !size)
		return -1;
	*r = (struct bh_msgring){
		.tx = own_area,
		.tx_data = area + BH_MSGRING_DATA_OFFSET,
		.rx = (void *)(area + BH_MSGRING_RX_OFFSET),
		.tx_size = size,
	};
	/* A stale magic must not vouch for the fields while they change */
	__atomic_store_n(&r->tx->magic, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&r->tx->data_size, size, __ATOMIC_RELAXED);
	__atomic_store_n(&r->tx->head, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&r->tx->dropped, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&r->rx->tail, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&r->tx->magic, BH_MSGRING_MAGIC, __ATOMIC_RELEASE);
	return 0;
}

/*
 * Connect to the peer's area once the peer has formatted it.  Returns 0,
 * or -1 if it has not (yet), or if what it wrote makes no sense for an
 * area of peer_size bytes; try again later or give up.
 */
static inline int bh_msgring_attach(struct bh_msgring *r, const void *peer_area,
				    size_t peer_size)
{
	const struct bh_msgring_tx *peer = peer_area;
	const uint8_t *area = peer_area;
	uint32_t size;

	if (!area || ((uintptr_t)area & 7) || peer_size < BH_MSGRING_MIN_AREA)
		return -1;
	if (__atomic_load_n(&peer->magic, __ATOMIC_ACQUIRE) != BH_MSGRING_MAGIC)
		return -1;
	size = __atomic_load_n(&peer->data_size, __ATOMIC_RELAXED);
	if (size < BH_MSGRING_MIN_DATA || size > BH_MSGRING_MAX_DATA ||
	    (size & (size - 1)) || size > peer_size - BH_MSGRING_DATA_OFFSET)
		return -1;
	r->peer = peer;
	r->peer_rx = (const void *)(area + BH_MSGRING_RX_OFFSET);
	r->peer_data = area + BH_MSGRING_DATA_OFFSET;
	r->peer_size = size;
	return 0;
}

/*
 * Queue one message of len bytes with the user's tag type (buf may be NULL
 * if len is 0).  Returns 0, BH_MSGRING_EAGAIN if it does not fit now
 * (counted in tx->dropped; also before attach), BH_MSGRING_ESIZE if it never
 * will (len above bh_msgring_max_payload(), or no buf), or
 * BH_MSGRING_ECORRUPT if the peer's tail makes no sense: then nothing is
 * written, lest unread data be overwritten.
 */
static inline int bh_msgring_send(struct bh_msgring *r, uint32_t type,
				  const void *buf, uint32_t len)
{
	struct bh_msgring_hdr *hdr;
	uint64_t head, tail, used, off, to_end, rec, need;

	if (len > bh_msgring_max_payload(r) || (len && !buf))
		return BH_MSGRING_ESIZE;
	head = __atomic_load_n(&r->tx->head, __ATOMIC_RELAXED);
	if (!r->peer_rx)
		goto full;
	tail = __atomic_load_n(&r->peer_rx->tail, __ATOMIC_ACQUIRE);
	/* Also catches tail > head: the difference wraps to a huge number */
	used = head - tail;
	if (used > r->tx_size || ((head | tail) & 7))
		return BH_MSGRING_ECORRUPT;

	off = head & (r->tx_size - 1);
	to_end = r->tx_size - off;
	rec = bh_msgring_rec_size(len);
	need = rec > to_end ? to_end + rec : rec;
	if (need > r->tx_size - used)
		goto full;

	if (rec > to_end) {
		hdr = (void *)(r->tx_data + off);
		hdr->len = BH_MSGRING_PAD;
		hdr->type = 0;
		head += to_end;
		off = 0;
	}
	hdr = (void *)(r->tx_data + off);
	hdr->len = len;
	hdr->type = type;
	/* Not "if (len)": GCC would warn of a constant NULL buf */
	if (buf)
		__builtin_memcpy(hdr + 1, buf, len);
	__atomic_store_n(&r->tx->head, head + rec, __ATOMIC_RELEASE);
	return 0;

full:
	__atomic_store_n(&r->tx->dropped,
			 __atomic_load_n(&r->tx->dropped, __ATOMIC_RELAXED) + 1,
			 __ATOMIC_RELAXED);
	return BH_MSGRING_EAGAIN;
}

/*
 * Find the next message in the peer's ring, past a pad record: *tail is
 * where its record starts.  Every header field is loaded once, so the peer
 * cannot change it between the check and the use.
 */
static inline int bh_msgring_next(const struct bh_msgring *r, uint64_t *tail,
				  uint32_t *len, uint32_t *type)
{
	const struct bh_msgring_hdr *hdr;
	uint64_t head, avail, off, to_end, rec;

	if (!r->peer)
		return BH_MSGRING_EAGAIN;
	head = __atomic_load_n(&r->peer->head, __ATOMIC_ACQUIRE);
	*tail = __atomic_load_n(&r->rx->tail, __ATOMIC_RELAXED);
	avail = head - *tail;
	if (avail > r->peer_size || (*tail & 7))
		return BH_MSGRING_ECORRUPT;
	if (!avail)
		return BH_MSGRING_EAGAIN;

	/* 8-byte aligned, so the whole header lies within the data */
	off = *tail & (r->peer_size - 1);
	to_end = r->peer_size - off;
	hdr = (const void *)(r->peer_data + off);
	*len = __atomic_load_n(&hdr->len, __ATOMIC_RELAXED);
	if (*len == BH_MSGRING_PAD) {
		if (to_end > avail)
			return BH_MSGRING_ECORRUPT;
		*tail += to_end;
		avail -= to_end;
		if (!avail)
			return BH_MSGRING_EAGAIN;
		off = 0;
		to_end = r->peer_size;
		hdr = (const void *)r->peer_data;
		*len = __atomic_load_n(&hdr->len, __ATOMIC_RELAXED);
	}
	/* A second pad fails here too: its record is bigger than any ring */
	rec = bh_msgring_rec_size(*len);
	if (rec > avail || rec > to_end)
		return BH_MSGRING_ECORRUPT;
	*type = __atomic_load_n(&hdr->type, __ATOMIC_RELAXED);
	return 0;
}

/*
 * Take the next message from the peer: its tag into *type (unless NULL),
 * its payload into buf (NULL takes empty messages only).  Returns the
 * payload length, BH_MSGRING_EAGAIN if there is none, BH_MSGRING_ESIZE if
 * it is longer than cap (it stays queued; bh_msgring_peek_len() tells its
 * length), or BH_MSGRING_ECORRUPT.
 */
static inline int bh_msgring_recv(struct bh_msgring *r, uint32_t *type,
				  void *buf, uint32_t cap)
{
	uint64_t tail;
	uint32_t len, tag;
	int ret;

	ret = bh_msgring_next(r, &tail, &len, &tag);
	if (ret)
		return ret;
	/* A NULL buf holds nothing, whatever cap says */
	if (len > cap || (len && !buf))
		return BH_MSGRING_ESIZE;
	if (buf)
		__builtin_memcpy(buf,
				 r->peer_data + (tail & (r->peer_size - 1)) +
					 sizeof(struct bh_msgring_hdr),
				 len);
	if (type)
		*type = tag;
	__atomic_store_n(&r->rx->tail, tail + bh_msgring_rec_size(len),
			 __ATOMIC_RELEASE);
	/* The record fit into the data, so len < BH_MSGRING_MAX_DATA */
	return (int)len;
}

/* Payload length of the next message, or an error as from recv */
static inline int bh_msgring_peek_len(const struct bh_msgring *r)
{
	uint64_t tail;
	uint32_t len, tag;
	int ret;

	ret = bh_msgring_next(r, &tail, &len, &tag);
	return ret ? ret : (int)len;
}

/*
 * Bytes the peer has published and we have not read yet, pad records and
 * headers included.  More than the peer's data size means corruption.
 */
static inline uint64_t bh_msgring_pending(const struct bh_msgring *r)
{
	if (!r->peer)
		return 0;
	return __atomic_load_n(&r->peer->head, __ATOMIC_ACQUIRE) -
	       __atomic_load_n(&r->rx->tail, __ATOMIC_RELAXED);
}

#endif /* _BULKHEAD_MSGRING_H */
