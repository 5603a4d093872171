// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host unit tests of include/bulkhead/msgring.h.
 *
 * Two peers, A and B, each own one output area.  As under the hypervisor,
 * the owner maps its area read-write and the peer maps it read-only: each
 * area is a memfd mapped twice, and each ring is attached to the read-only
 * mapping of the other's area, so a write into the peer's area faults.
 * Every mapping sits between two inaccessible guard pages, and the "tight"
 * areas end exactly where their data does, so a read past the data faults
 * too.  The hostile tests play the peer by writing its area directly.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include <bulkhead/msgring.h>

#define KIB	1024
#define A_SIZE	(4 * KIB)
#define B_SIZE	(64 * KIB)
#define A_DATA	2048
#define B_DATA	32768
/* Areas just big enough: the data ends against the guard page */
#define A_TIGHT (BH_MSGRING_DATA_OFFSET + A_DATA)
#define B_TIGHT (BH_MSGRING_DATA_OFFSET + B_DATA)
#define HDR	sizeof(struct bh_msgring_hdr)

struct area {
	size_t size;
	size_t map_size;
	uint8_t *rw;	   /* the owner's mapping */
	const uint8_t *ro; /* the peer's, read-only */
	uint8_t *rw_map, *ro_map;
};

struct pair {
	struct area a, b;
	struct bh_msgring ra, rb; /* A's and B's view */
};

static uint8_t out[B_DATA], in[B_DATA];

static size_t page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

/* Map the file between two guard pages, returns the reservation */
static uint8_t *map_guarded(int fd, size_t size, int prot)
{
	size_t page = page_size();
	uint8_t *base;

	base = mmap(NULL, size + 2 * page, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(base != MAP_FAILED);
	assert_true(mmap(base + page, size, prot, MAP_SHARED | MAP_FIXED, fd,
			 0) != MAP_FAILED);
	return base;
}

/* The area ends at the end of its last page, against the guard */
static void area_new(struct area *a, size_t size)
{
	size_t page = page_size();
	size_t end = page + ((size + page - 1) & ~(page - 1));
	int fd = memfd_create("msgring", 0);

	assert_true(fd >= 0);
	a->size = size;
	a->map_size = end + page;
	assert_int_equal(ftruncate(fd, (off_t)(end - page)), 0);
	a->rw_map = map_guarded(fd, end - page, PROT_READ | PROT_WRITE);
	a->ro_map = map_guarded(fd, end - page, PROT_READ);
	close(fd);
	a->rw = a->rw_map + end - size;
	a->ro = a->ro_map + end - size;
	/* Whatever was there before must not matter */
	memset(a->rw, 0xa5, size);
}

static void area_free(struct area *a)
{
	munmap(a->rw_map, a->map_size);
	munmap(a->ro_map, a->map_size);
}

static struct bh_msgring_tx *raw_tx(struct area *a)
{
	return (struct bh_msgring_tx *)a->rw;
}

static struct bh_msgring_rx *raw_rx(struct area *a)
{
	return (struct bh_msgring_rx *)(a->rw + BH_MSGRING_RX_OFFSET);
}

static struct bh_msgring_hdr *raw_hdr(struct area *a, uint64_t off)
{
	return (struct bh_msgring_hdr *)(a->rw + BH_MSGRING_DATA_OFFSET + off);
}

static struct pair *pair_new(size_t a_size, size_t b_size)
{
	struct pair *p = calloc(1, sizeof(*p));

	assert_non_null(p);
	area_new(&p->a, a_size);
	area_new(&p->b, b_size);
	assert_int_equal(bh_msgring_init(&p->ra, p->a.rw, a_size), 0);
	assert_int_equal(bh_msgring_init(&p->rb, p->b.rw, b_size), 0);
	assert_int_equal(bh_msgring_attach(&p->ra, p->b.ro, b_size), 0);
	assert_int_equal(bh_msgring_attach(&p->rb, p->a.ro, a_size), 0);
	return p;
}

static int setup(void **state)
{
	*state = pair_new(A_SIZE, B_SIZE);
	return 0;
}

static int setup_tight(void **state)
{
	*state = pair_new(A_TIGHT, B_TIGHT);
	return 0;
}

static int teardown(void **state)
{
	struct pair *p = *state;

	area_free(&p->a);
	area_free(&p->b);
	free(p);
	return 0;
}

static void fill(uint8_t *buf, uint32_t seq, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(seq * 131 + i * 7 + (i >> 8));
}

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Message seq's length: the extremes often, anything in between else */
static uint32_t msg_len(uint32_t seq, uint32_t max)
{
	uint32_t h = seq * 2654435761U;

	switch (seq % 8) {
	case 0:
		return 0;
	case 1:
		return max;
	case 2:
		return max - (h >> 29);
	default:
		return (h >> 8) % (max + 1);
	}
}

static void check_msg(int ret, uint32_t type, uint32_t seq, uint32_t max)
{
	uint32_t len = msg_len(seq, max);

	assert_int_equal(ret, len);
	assert_int_equal(type, seq);
	fill(out, seq, len);
	if (len)
		assert_memory_equal(in, out, len);
}

static int is_pad(const struct bh_msgring *r)
{
	uint64_t tail = r->rx->tail & (r->peer_size - 1);
	const struct bh_msgring_hdr *hdr = (const void *)(r->peer_data + tail);

	return bh_msgring_pending(r) && hdr->len == BH_MSGRING_PAD;
}

struct stats {
	uint32_t fulls;
	uint32_t pads;
};

/*
 * Send count messages from tx to rx, both in bursts of random length, and
 * check that each arrives once, in order and intact.
 */
static void exchange(struct bh_msgring *tx, struct bh_msgring *rx,
		     uint32_t count, uint32_t seed, struct stats *st)
{
	uint32_t max = bh_msgring_max_payload(tx);
	uint32_t sent = 0, got = 0, burst, type = 0;
	int ret;

	while (got < count) {
		for (burst = rnd(&seed) % 8 + 1; burst && sent < count;
		     burst--) {
			fill(out, sent, msg_len(sent, max));
			ret = bh_msgring_send(tx, sent, out, msg_len(sent, max));
			if (ret == BH_MSGRING_EAGAIN) {
				st->fulls++;
				break;
			}
			assert_int_equal(ret, 0);
			sent++;
		}
		for (burst = rnd(&seed) % 8 + 1; burst && got < sent; burst--) {
			st->pads += is_pad(rx);
			assert_int_equal(bh_msgring_peek_len(rx),
					 msg_len(got, max));
			ret = bh_msgring_recv(rx, &type, in, sizeof(in));
			check_msg(ret, type, got, max);
			got++;
		}
	}
	assert_int_equal(bh_msgring_recv(rx, &type, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_pending(rx), 0);
}

static void test_layout(void **state)
{
	struct pair *p = *state;

	assert_int_equal(bh_msgring_data_size(A_SIZE), A_DATA);
	assert_int_equal(bh_msgring_data_size(B_SIZE), B_DATA);
	assert_int_equal(bh_msgring_data_size(A_TIGHT), A_DATA);
	assert_int_equal(bh_msgring_data_size(A_TIGHT - 1), A_DATA / 2);
	assert_int_equal(bh_msgring_data_size(BH_MSGRING_MIN_AREA), 64);
	assert_int_equal(bh_msgring_data_size(BH_MSGRING_MIN_AREA - 1), 0);
	assert_int_equal(bh_msgring_max_payload(&p->ra), A_DATA / 2 - 8);
	assert_int_equal(bh_msgring_max_payload(&p->rb), B_DATA / 2 - 8);
	assert_int_equal(p->ra.peer_size, B_DATA);
	assert_int_equal(p->rb.peer_size, A_DATA);

	/* Raw offsets: this is the ABI between two cells */
	assert_int_equal(*(uint32_t *)p->a.rw, BH_MSGRING_MAGIC);
	assert_int_equal(*(uint32_t *)(p->a.rw + 4), A_DATA);
	assert_int_equal(*(uint64_t *)(p->a.rw + 8), 0);
	assert_int_equal(*(uint64_t *)(p->a.rw + 16), 0);
	assert_int_equal(*(uint64_t *)(p->a.rw + 64), 0);
	assert_int_equal(bh_msgring_send(&p->ra, 0x1234, "hello", 5), 0);
	assert_int_equal(*(uint64_t *)(p->a.rw + 8), 16);
	assert_int_equal(*(uint32_t *)(p->a.rw + 128), 5);
	assert_int_equal(*(uint32_t *)(p->a.rw + 132), 0x1234);
	assert_memory_equal(p->a.rw + 136, "hello", 5);
	assert_int_equal(bh_msgring_recv(&p->rb, NULL, in, sizeof(in)), 5);
	assert_int_equal(*(uint64_t *)(p->b.rw + 64), 16);
}

static void test_one_message(void **state)
{
	struct pair *p = *state;
	uint32_t type = 0;

	assert_int_equal(bh_msgring_send(&p->ra, 7, "hello", 5), 0);
	assert_int_equal(bh_msgring_pending(&p->rb), 16);
	assert_int_equal(bh_msgring_pending(&p->ra), 0);
	assert_int_equal(bh_msgring_peek_len(&p->rb), 5);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 5);
	assert_int_equal(type, 7);
	assert_memory_equal(in, "hello", 5);
	assert_int_equal(bh_msgring_pending(&p->rb), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);

	/* The other way, and an empty message without a buffer */
	assert_int_equal(bh_msgring_send(&p->rb, 8, NULL, 0), 0);
	assert_int_equal(bh_msgring_send(&p->rb, 9, "world!", 6), 0);
	assert_int_equal(bh_msgring_recv(&p->ra, &type, NULL, 0), 0);
	assert_int_equal(type, 8);
	assert_int_equal(bh_msgring_recv(&p->ra, &type, in, 6), 6);
	assert_int_equal(type, 9);
	assert_memory_equal(in, "world!", 6);
	assert_int_equal(p->a.rw[BH_MSGRING_DATA_OFFSET + 16 + 5], 0xa5);
}

static void test_empty(void **state)
{
	struct pair *p = *state;
	struct bh_msgring lone;
	uint32_t type = 0xdead;

	assert_int_equal(bh_msgring_recv(&p->ra, &type, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_peek_len(&p->rb), BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_pending(&p->rb), 0);
	assert_int_equal(type, 0xdead);

	/* Not attached yet: nothing to read, nowhere to send */
	/* Not assert_int_equal(): -O3 would warn of the path on after it */
	if (bh_msgring_init(&lone, p->a.rw, A_SIZE)) {
		fail();
		return;
	}
	assert_int_equal(bh_msgring_recv(&lone, &type, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_pending(&lone), 0);
	assert_int_equal(bh_msgring_send(&lone, 1, "x", 1), BH_MSGRING_EAGAIN);
	assert_int_equal(lone.tx->dropped, 1);
}

/* A record that does not fit before the end goes to 0 after a pad */
static void test_pad_record(void **state)
{
	struct pair *p = *state;
	uint32_t type = 0;

	fill(out, 1, 1000);
	assert_int_equal(bh_msgring_send(&p->ra, 1, out, 1000), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 1000);
	assert_int_equal(bh_msgring_send(&p->ra, 2, out, 1000), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 1000);
	assert_int_equal(p->ra.tx->head, 2016);

	fill(out, 3, 100);
	assert_int_equal(bh_msgring_send(&p->ra, 3, out, 100), 0);
	assert_int_equal(raw_hdr(&p->a, 2016)->len, BH_MSGRING_PAD);
	assert_int_equal(raw_hdr(&p->a, 0)->len, 100);
	assert_int_equal(raw_hdr(&p->a, 0)->type, 3);
	assert_int_equal(p->ra.tx->head, A_DATA + 104 + HDR);
	assert_int_equal(bh_msgring_pending(&p->rb), 32 + 112);
	assert_int_equal(bh_msgring_peek_len(&p->rb), 100);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 100);
	assert_int_equal(type, 3);
	assert_memory_equal(in, out, 100);
	assert_int_equal(bh_msgring_pending(&p->rb), 0);

	/* A record that just fits the end takes no pad */
	assert_int_equal(bh_msgring_send(&p->ra, 4, out, 1000), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 1000);
	assert_int_equal(p->ra.tx->head, A_DATA + 1120);
	assert_int_equal(bh_msgring_send(&p->ra, 5, out, 920), 0);
	assert_int_equal(p->ra.tx->head, 2 * A_DATA);
	assert_int_equal(raw_hdr(&p->a, 1120)->len, 920);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 920);
	assert_int_equal(type, 5);
}

static void test_wrap_stress(void **state)
{
	struct pair *p = *state;
	struct stats st = { 0 };

	exchange(&p->ra, &p->rb, 10000, 1, &st);
	assert_true(st.pads > 100);
	assert_true(st.fulls > 100);
	assert_true(p->ra.tx->head > 100 * A_DATA);
	assert_int_equal(p->ra.tx->dropped, st.fulls);

	st = (struct stats){ 0 };
	exchange(&p->rb, &p->ra, 10000, 2, &st);
	assert_true(st.pads > 100);
	assert_true(st.fulls > 100);
	assert_int_equal(p->rb.tx->dropped, st.fulls);
}

static void test_full(void **state)
{
	struct pair *p = *state;
	uint32_t n, type = 0;
	int ret;

	fill(out, 0, 8);
	for (n = 0; (ret = bh_msgring_send(&p->ra, n, out, 8)) == 0; n++)
		assert_true(n < A_DATA);
	assert_int_equal(ret, BH_MSGRING_EAGAIN);
	assert_int_equal(n, A_DATA / 16);
	assert_int_equal(p->ra.tx->dropped, 1);
	assert_int_equal(bh_msgring_send(&p->ra, 0, NULL, 0), BH_MSGRING_EAGAIN);
	assert_int_equal(p->ra.tx->dropped, 2);
	assert_int_equal(bh_msgring_pending(&p->rb), A_DATA);

	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(bh_msgring_recv(&p->rb, &type, in, 8), 8);
		assert_int_equal(type, i);
	}
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, 8),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_send(&p->ra, 42, out, 8), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, 8), 8);
	assert_int_equal(type, 42);
	assert_int_equal(p->ra.tx->dropped, 2);
}

/* Enough bytes are free, but not in one piece */
static void test_full_not_contiguous(void **state)
{
	struct pair *p = *state;
	uint32_t max = bh_msgring_max_payload(&p->ra);
	uint32_t type = 0;

	assert_int_equal(bh_msgring_send(&p->ra, 1, out, 1000), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 1000);
	assert_int_equal(bh_msgring_send(&p->ra, 2, out, 1000), 0);
	/* 1040 free: 32 at the end, 1008 at the start */
	assert_int_equal(bh_msgring_send(&p->ra, 3, out, max),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(p->ra.tx->dropped, 1);
	assert_int_equal(raw_hdr(&p->a, 2016)->len, 0xa5a5a5a5);
	/* Exactly enough */
	assert_int_equal(bh_msgring_send(&p->ra, 4, out, 1000), 0);
	assert_int_equal(bh_msgring_pending(&p->rb), A_DATA);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 1000);
	assert_int_equal(type, 2);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 1000);
	assert_int_equal(type, 4);
	assert_int_equal(bh_msgring_send(&p->ra, 5, out, max), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), max);
}

static void test_too_big(void **state)
{
	struct pair *p = *state;
	uint32_t max = bh_msgring_max_payload(&p->ra);
	uint32_t i, type = 0;

	assert_int_equal(max, 1016);
	assert_int_equal(bh_msgring_send(&p->ra, 0, out, max + 1),
			 BH_MSGRING_ESIZE);
	assert_int_equal(bh_msgring_send(&p->ra, 0, NULL, UINT32_MAX),
			 BH_MSGRING_ESIZE);
	assert_int_equal(bh_msgring_send(&p->ra, 0, NULL, UINT32_MAX - 7),
			 BH_MSGRING_ESIZE);
	assert_int_equal(bh_msgring_send(&p->ra, 0, NULL, 1), BH_MSGRING_ESIZE);
	assert_int_equal(p->ra.tx->dropped, 0);
	assert_int_equal(p->ra.tx->head, 0);

	/* The largest message fits an empty ring wherever head is */
	for (i = 0; i < A_DATA / 8; i++) {
		fill(out, i, max);
		assert_int_equal(bh_msgring_send(&p->ra, i, out, max), 0);
		assert_int_equal(bh_msgring_recv(&p->rb, &type, in, max), max);
		assert_memory_equal(in, out, max);
		assert_int_equal(bh_msgring_send(&p->ra, i, out, 0), 0);
		assert_int_equal(bh_msgring_recv(&p->rb, &type, in, 0), 0);
	}
	assert_int_equal(p->ra.tx->dropped, 0);
}

static void test_cap_too_small(void **state)
{
	struct pair *p = *state;
	uint32_t type = 0;

	fill(out, 9, 100);
	assert_int_equal(bh_msgring_send(&p->ra, 9, out, 100), 0);
	assert_int_equal(bh_msgring_send(&p->ra, 10, out, 1), 0);
	memset(in, 0x5a, sizeof(in));
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, 99),
			 BH_MSGRING_ESIZE);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, NULL, 0),
			 BH_MSGRING_ESIZE);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, NULL, 100),
			 BH_MSGRING_ESIZE);
	assert_int_equal(type, 0);
	assert_int_equal(in[0], 0x5a);
	assert_int_equal(bh_msgring_pending(&p->rb), 112 + 16);
	assert_int_equal(bh_msgring_peek_len(&p->rb), 100);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, 100), 100);
	assert_int_equal(type, 9);
	assert_memory_equal(in, out, 100);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, 1), 1);
	assert_int_equal(type, 10);
}

/* B reads A's ring: refused, nothing consumed, same answer again */
static void expect_corrupt(struct pair *p)
{
	uint64_t tail = raw_rx(&p->b)->tail;
	uint32_t type = 0xdead;

	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)),
			 BH_MSGRING_ECORRUPT);
	assert_int_equal(bh_msgring_peek_len(&p->rb), BH_MSGRING_ECORRUPT);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)),
			 BH_MSGRING_ECORRUPT);
	assert_int_equal(raw_rx(&p->b)->tail, tail);
	assert_int_equal(type, 0xdead);
}

/* Put B's tail and A's head (the hostile peer's) anywhere */
static void set_ring(struct pair *p, uint64_t tail, uint64_t head)
{
	raw_rx(&p->b)->tail = tail;
	raw_tx(&p->a)->head = head;
}

static void put_hdr(struct pair *p, uint64_t off, uint32_t len)
{
	raw_hdr(&p->a, off)->len = len;
	raw_hdr(&p->a, off)->type = 77;
}

static void test_hostile_head(void **state)
{
	struct pair *p = *state;
	uint32_t type = 0;

	/* Sane records where the tails are: only head gives it away */
	put_hdr(p, 0, 8);
	put_hdr(p, 64, 8);
	put_hdr(p, 1000, 8);
	set_ring(p, 0, A_DATA + 8);
	expect_corrupt(p);
	set_ring(p, 0, 1ULL << 63);
	expect_corrupt(p);
	set_ring(p, 0, UINT64_MAX);
	expect_corrupt(p);
	set_ring(p, 64, 56); /* behind the tail */
	expect_corrupt(p);
	set_ring(p, 0, 4); /* half a header */
	expect_corrupt(p);
	set_ring(p, 1000, 1000 + A_DATA + 8);
	expect_corrupt(p);
	assert_true(bh_msgring_pending(&p->rb) > A_DATA);

	/* The peer behaves again */
	set_ring(p, 0, 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_send(&p->ra, 1, "ok", 2), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 2);
}

static void test_hostile_len(void **state)
{
	struct pair *p = *state;
	uint32_t type = 0;

	/* Beyond the data, with a head that makes the whole ring unread */
	put_hdr(p, 0, A_DATA);
	set_ring(p, 0, A_DATA);
	expect_corrupt(p);
	put_hdr(p, 0, A_DATA - 7);
	expect_corrupt(p);
	put_hdr(p, 0, UINT32_MAX - 1);
	expect_corrupt(p);
	put_hdr(p, 0, UINT32_MAX - 8);
	expect_corrupt(p);
	/* Beyond the published bytes */
	put_hdr(p, 0, 100);
	set_ring(p, 0, 16);
	expect_corrupt(p);
	/* Beyond the end of the data, from the last slot */
	put_hdr(p, A_DATA - 8, 8);
	set_ring(p, A_DATA - 8, A_DATA + 8);
	expect_corrupt(p);
	put_hdr(p, A_DATA - 16, 9);
	set_ring(p, A_DATA - 16, A_DATA + 8);
	expect_corrupt(p);
	/* Up to the last byte is fine */
	put_hdr(p, A_DATA - 16, 8);
	memcpy(p->a.rw + BH_MSGRING_DATA_OFFSET + A_DATA - 8, "lastbyte", 8);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 8);
	assert_int_equal(type, 77);
	assert_memory_equal(in, "lastbyte", 8);
	assert_int_equal(raw_rx(&p->b)->tail, A_DATA);
}

static void test_hostile_pad(void **state)
{
	struct pair *p = *state;
	uint32_t type = 0;

	/* A pad reaching past the published bytes */
	put_hdr(p, 1024, BH_MSGRING_PAD);
	put_hdr(p, 0, 8);
	set_ring(p, 1024, 1024 + 512);
	expect_corrupt(p);
	/* Two pads in a row */
	put_hdr(p, A_DATA - 8, BH_MSGRING_PAD);
	put_hdr(p, 0, BH_MSGRING_PAD);
	set_ring(p, A_DATA - 8, 2 * A_DATA - 8);
	expect_corrupt(p);
	/* A pad, then a record longer than what was published */
	put_hdr(p, 0, 100);
	set_ring(p, A_DATA - 8, A_DATA + 16);
	expect_corrupt(p);
	/* A pad, then half a header */
	set_ring(p, A_DATA - 8, A_DATA + 4);
	expect_corrupt(p);
	/* A pad alone is harmless: nothing to read yet */
	set_ring(p, A_DATA - 8, A_DATA);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(raw_rx(&p->b)->tail, A_DATA - 8);
	/* Then the record */
	put_hdr(p, 0, 3);
	memcpy(p->a.rw + BH_MSGRING_DATA_OFFSET + HDR, "abc", 3);
	set_ring(p, A_DATA - 8, A_DATA + 16);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 3);
	assert_memory_equal(in, "abc", 3);
	assert_int_equal(raw_rx(&p->b)->tail, A_DATA + 16);
}

/* Our own indices, misaligned: refuse rather than fault on alignment */
static void test_misaligned_own(void **state)
{
	struct pair *p = *state;

	put_hdr(p, 0, 0);
	set_ring(p, 3, 16);
	expect_corrupt(p);

	raw_tx(&p->b)->head = 4;
	raw_rx(&p->a)->tail = 4;
	assert_int_equal(bh_msgring_send(&p->rb, 0, "x", 1),
			 BH_MSGRING_ECORRUPT);
}

/* A's ring, with B's tail of it made hostile */
static void test_hostile_tail(void **state)
{
	struct pair *p = *state;
	static uint8_t snap[A_DATA];
	struct bh_msgring_rx *tail = raw_rx(&p->b);
	uint64_t head, good, bad[4];
	uint32_t type = 0;

	fill(out, 1, 100);
	for (int i = 0; i < 3; i++)
		assert_int_equal(bh_msgring_send(&p->ra, 1, out, 100), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 100);
	head = p->ra.tx->head;
	good = tail->tail;
	memcpy(snap, p->a.rw + BH_MSGRING_DATA_OFFSET, A_DATA);

	bad[0] = head + 8;	    /* ahead of head */
	bad[1] = head - A_DATA - 8; /* too far behind */
	bad[2] = 1ULL << 63;
	bad[3] = head - 1; /* in range, but not a record's start */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tail->tail = bad[i];
		assert_int_equal(bh_msgring_send(&p->ra, 2, out, 8),
				 BH_MSGRING_ECORRUPT);
		assert_int_equal(bh_msgring_send(&p->ra, 2, NULL, 0),
				 BH_MSGRING_ECORRUPT);
		assert_int_equal(p->ra.tx->head, head);
		assert_int_equal(p->ra.tx->dropped, 0);
		assert_memory_equal(p->a.rw + BH_MSGRING_DATA_OFFSET, snap,
				    A_DATA);
	}

	/* A tail within range is the consumer's business, not corruption */
	tail->tail = head - A_DATA;
	assert_int_equal(bh_msgring_send(&p->ra, 2, out, 8), BH_MSGRING_EAGAIN);
	tail->tail = good;
	assert_int_equal(bh_msgring_send(&p->ra, 2, out, 8), 0);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 100);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 100);
	assert_int_equal(bh_msgring_recv(&p->rb, &type, in, sizeof(in)), 8);
	assert_int_equal(type, 2);
}

static void expect_attach_fails(struct pair *p, const void *area, size_t size)
{
	struct bh_msgring r;

	assert_int_equal(bh_msgring_init(&r, p->a.rw, A_SIZE), 0);
	assert_int_equal(bh_msgring_attach(&r, area, size), -1);
	assert_null(r.peer);
	assert_int_equal(bh_msgring_recv(&r, NULL, in, sizeof(in)),
			 BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_send(&r, 0, "x", 1), BH_MSGRING_EAGAIN);
}

static void test_attach_rejects(void **state)
{
	struct pair *p = *state;
	struct bh_msgring_tx *b = raw_tx(&p->b);
	const uint32_t bad_sizes[] = {
		0,
		1,
		32,
		1000,
		B_DATA + 8,
		2 * B_DATA,
		BH_MSGRING_MAX_DATA,
		UINT32_MAX,
	};
	struct bh_msgring r;

	/* Not formatted yet */
	memset(p->b.rw, 0xa5, BH_MSGRING_DATA_OFFSET);
	expect_attach_fails(p, p->b.ro, B_SIZE);
	memset(p->b.rw, 0, BH_MSGRING_DATA_OFFSET);
	expect_attach_fails(p, p->b.ro, B_SIZE);

	b->magic = BH_MSGRING_MAGIC;
	for (size_t i = 0; i < sizeof(bad_sizes) / sizeof(bad_sizes[0]); i++) {
		b->data_size = bad_sizes[i];
		expect_attach_fails(p, p->b.ro, B_SIZE);
	}
	b->data_size = B_DATA;
	b->magic = BH_MSGRING_MAGIC + 1;
	expect_attach_fails(p, p->b.ro, B_SIZE);
	b->magic = BH_MSGRING_MAGIC;
	/* Fits, but not into what the channel says the area is */
	expect_attach_fails(p, p->b.ro, B_DATA + BH_MSGRING_DATA_OFFSET - 1);
	expect_attach_fails(p, p->b.ro, BH_MSGRING_MIN_AREA - 1);
	expect_attach_fails(p, p->b.ro + 4, B_SIZE - 4);
	expect_attach_fails(p, NULL, B_SIZE);

	/* Sane again */
	assert_int_equal(bh_msgring_init(&r, p->a.rw, A_SIZE), 0);
	assert_int_equal(bh_msgring_attach(&r, p->b.ro, B_SIZE), 0);
	assert_int_equal(r.peer_size, B_DATA);

	/* init refuses areas it cannot use */
	assert_int_equal(bh_msgring_init(&r, NULL, A_SIZE), -1);
	assert_int_equal(bh_msgring_init(&r, p->a.rw + 4, A_SIZE - 4), -1);
	assert_int_equal(bh_msgring_init(&r, p->a.rw, BH_MSGRING_MIN_AREA - 1),
			 -1);
	assert_int_equal(bh_msgring_init(&r, p->a.rw, BH_MSGRING_MIN_AREA), 0);
	assert_int_equal(r.tx_size, BH_MSGRING_MIN_DATA);
}

/* The size of the peer's ring is what it says, not what its area allows */
static void test_peer_smaller_ring(void **state)
{
	struct pair *p = *state;
	struct stats st = { 0 };

	assert_int_equal(bh_msgring_init(&p->rb, p->b.rw, 1024 + 128 + 100), 0);
	assert_int_equal(bh_msgring_attach(&p->rb, p->a.ro, A_SIZE), 0);
	assert_int_equal(bh_msgring_init(&p->ra, p->a.rw, A_SIZE), 0);
	assert_int_equal(bh_msgring_attach(&p->ra, p->b.ro, B_SIZE), 0);
	assert_int_equal(p->ra.peer_size, 1024);
	exchange(&p->rb, &p->ra, 2000, 3, &st);
	exchange(&p->ra, &p->rb, 2000, 4, &st);
	assert_true(st.pads > 10);
}

/* Free-running counters across 2^64 */
static void test_counter_wrap(void **state)
{
	struct pair *p = *state;
	const uint64_t start = UINT64_MAX - 103; /* 2^64 - 104 */
	struct stats st = { 0 };

	raw_tx(&p->a)->head = start;
	raw_rx(&p->b)->tail = start;
	raw_tx(&p->b)->head = start;
	raw_rx(&p->a)->tail = start;
	exchange(&p->ra, &p->rb, 500, 5, &st);
	exchange(&p->rb, &p->ra, 500, 6, &st);
	assert_true(p->ra.tx->head < start);
	assert_true(p->rb.tx->head < start);

	/* Full across the wrap */
	raw_tx(&p->a)->head = start;
	raw_rx(&p->b)->tail = start;
	for (uint32_t i = 0; i < A_DATA / HDR; i++)
		assert_int_equal(bh_msgring_send(&p->ra, i, NULL, 0), 0);
	assert_int_equal(bh_msgring_send(&p->ra, 0, NULL, 0), BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_pending(&p->rb), A_DATA);
	assert_int_equal(p->ra.tx->head, start + A_DATA);
	/* A tail ahead of head across the wrap */
	raw_rx(&p->b)->tail = start + A_DATA + 8;
	assert_int_equal(bh_msgring_send(&p->ra, 0, NULL, 0),
			 BH_MSGRING_ECORRUPT);
	raw_rx(&p->b)->tail = start;
	for (uint32_t i = 0; i < A_DATA / HDR; i++)
		assert_int_equal(bh_msgring_recv(&p->rb, NULL, NULL, 0), 0);
	assert_int_equal(raw_rx(&p->b)->tail, start + A_DATA);
}

/* Each thread is one cell: sends its messages, receives the peer's */
struct side {
	struct bh_msgring *r;
	uint32_t count;
	uint32_t errors;
};

#define THREAD_MAX_LEN 300

static void *run_side(void *arg)
{
	struct side *s = arg;
	uint8_t o[THREAD_MAX_LEN], i[THREAD_MAX_LEN], want[THREAD_MAX_LEN];
	uint32_t sent = 0, got = 0, len, type = 0;
	int ret, idle;

	while ((sent < s->count || got < s->count) && !s->errors) {
		idle = 1;
		if (sent < s->count) {
			len = msg_len(sent, THREAD_MAX_LEN);
			fill(o, sent, len);
			ret = bh_msgring_send(s->r, sent, o, len);
			if (ret == 0) {
				sent++;
				idle = 0;
			} else if (ret != BH_MSGRING_EAGAIN) {
				s->errors++;
			}
		}
		ret = bh_msgring_recv(s->r, &type, i, sizeof(i));
		if (ret >= 0) {
			len = msg_len(got, THREAD_MAX_LEN);
			fill(want, got, len);
			if ((uint32_t)ret != len || type != got ||
			    memcmp(i, want, len))
				s->errors++;
			got++;
			idle = 0;
		} else if (ret != BH_MSGRING_EAGAIN) {
			s->errors++;
		}
		if (idle)
			sched_yield();
	}
	return NULL;
}

static void test_threads(void **state)
{
	struct pair *p = *state;
	struct side a = { .r = &p->ra, .count = 50000 };
	struct side b = { .r = &p->rb, .count = 50000 };
	pthread_t ta, tb;

	assert_int_equal(pthread_create(&ta, NULL, run_side, &a), 0);
	assert_int_equal(pthread_create(&tb, NULL, run_side, &b), 0);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	assert_int_equal(a.errors, 0);
	assert_int_equal(b.errors, 0);
	assert_int_equal(p->ra.tx->head - p->rb.rx->tail, 0);
	assert_int_equal(p->rb.tx->head - p->ra.rx->tail, 0);
}

#define T(f)	 cmocka_unit_test_setup_teardown(f, setup, teardown)
#define TIGHT(f) cmocka_unit_test_setup_teardown(f, setup_tight, teardown)

int main(void)
{
	const struct CMUnitTest roomy[] = {
		T(test_layout),
		T(test_one_message),
		T(test_empty),
		T(test_pad_record),
		T(test_wrap_stress),
		T(test_full),
		T(test_full_not_contiguous),
		T(test_too_big),
		T(test_cap_too_small),
		T(test_attach_rejects),
		T(test_peer_smaller_ring),
		T(test_counter_wrap),
		T(test_threads),
	};
	/* The data ends at a guard page: any read past it faults */
	const struct CMUnitTest tight[] = {
		TIGHT(test_pad_record),	  TIGHT(test_wrap_stress),
		TIGHT(test_hostile_head), TIGHT(test_hostile_len),
		TIGHT(test_hostile_pad),  TIGHT(test_misaligned_own),
		TIGHT(test_hostile_tail), TIGHT(test_counter_wrap),
		TIGHT(test_threads),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("msgring: 4 and 64 KiB areas",
					      roomy, NULL, NULL);
	failed += cmocka_run_group_tests_name("msgring: data up to the end",
					      tight, NULL, NULL);
	return failed ? 1 : 0;
}
