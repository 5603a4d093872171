// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channels: send and ring, blocking receive woken by the doorbell, and the
 * connection rules of bulkhead/rtos-link.h (attach late, skip what is
 * stale, carry on after a restart, re-attach when the peer restarts).
 * The test plays the peer on the other area with the ring's own calls.
 */
#include "harness.h"
#include <bulkhead/rtos-link.h>
#include "../port/fake/fake_chan.h"

#define AREA	     4096 /* data: 2048 bytes */
#define IRQ	     249
#define PEER_RUNNING 1 /* BH_PEER_RUNNING */

static uint64_t own_mem[AREA / 8], peer_mem[AREA / 8];
static struct fake_chan fc;
static struct rtos_chan ch;
static struct bh_msgring peer; /* the test's side */

static int chan_setup(void **state)
{
	setup(state);
	memset(own_mem, 0, sizeof(own_mem));
	memset(peer_mem, 0, sizeof(peer_mem));
	memset(&peer, 0, sizeof(peer));
	fc = (struct fake_chan){
		.name = "link",
		.own = own_mem,
		.own_size = AREA,
		.peer = peer_mem,
		.peer_size = AREA,
		.irq = IRQ,
		.state = PEER_RUNNING,
		.starts = 1,
	};
	fake_chan_set(&fc);
	return 0;
}

#define TC(fn) cmocka_unit_test_setup(fn, chan_setup)

/* The peer formats its ring and attaches ours, by the rules */
static void peer_start(void)
{
	assert_true(rtos_link_own(&peer, peer_mem, AREA) >= 0);
	rtos_link_attach(&peer, own_mem, AREA);
}

/* Like the RTOS, the peer attaches late: when the RTOS has a ring */
static void peer_send(uint32_t type, uint32_t value)
{
	if (!peer.peer)
		assert_int_equal(rtos_link_attach(&peer, own_mem, AREA), 0);
	assert_int_equal(bh_msgring_send(&peer, type, &value, 4), 0);
}

/* The RTOS opens the channel; the peer, already there, attaches to it */
static void open_link(void)
{
	assert_int_equal(rtos_chan_open(&ch, "link"), 0);
	assert_int_equal(rtos_link_attach(&peer, own_mem, AREA), 0);
}

/* The next message from the RTOS: its type, value in *value */
static int peer_recv(uint32_t *value)
{
	uint32_t type;
	int len = bh_msgring_recv(&peer, &type, value, 4);

	return len < 0 ? len : (int)type;
}

static int chan_recv_now(uint32_t *value)
{
	uint32_t type;
	int len = rtos_chan_recv(&ch, &type, value, 4, RTOS_NO_WAIT);

	return len < 0 ? len : (int)type;
}

static void test_open(void **state)
{
	const struct bh_msgring_tx *tx = (const void *)own_mem;

	(void)state;
	assert_int_equal(rtos_chan_open(&ch, "nope"), -RTOS_ENOENT);
	assert_int_equal(rtos_chan_open(&ch, "link"), 0);
	assert_false(ch.resumed);
	assert_int_equal(tx->magic, BH_MSGRING_MAGIC);
	assert_int_equal(ch.irq, IRQ);
	assert_int_equal(rtos_chan_peer_state(&ch), PEER_RUNNING);
}

static void test_send_needs_the_peers_ring(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_int_equal(rtos_chan_open(&ch, "link"), 0);
	assert_int_equal(rtos_chan_send(&ch, 5, &v, 4), -RTOS_ENOTCONN);
	assert_int_equal(fc.rings, 0);
	peer_start();
	v = 42;
	assert_int_equal(rtos_chan_send(&ch, 5, &v, 4), 0);
	assert_int_equal(fc.rings, 1);
	v = 0;
	assert_int_equal(peer_recv(&v), 5);
	assert_int_equal(v, 42);
	assert_int_equal(ch.sent, 1);
	assert_int_equal(ch.dropped, 1);
	assert_int_equal(rtos_chan_send(&ch, 5, NULL, 4096), -RTOS_EMSGSIZE);
}

static void receiver(void *arg)
{
	uint32_t type = 0, v = 0;
	int len = rtos_chan_recv(&ch, &type, &v, 4, (uintptr_t)arg);

	trace("%s=%d:%u:%u@%llu", rtos_task_current()->name, len, type, v,
	      (unsigned long long)rtos_now());
}

/* The peer, as a task: sends at t=30 and rings */
static void late_sender(void *arg)
{
	(void)arg;
	fake_busy(30);
	peer_send(7, 42);
	assert_true(fake_irq_raise(IRQ));
}

static void test_recv_blocks_until_the_doorbell(void **state)
{
	(void)state;
	peer_start();
	open_link();
	spawn(0, "R", 5, receiver, (void *)RTOS_WAIT_FOREVER);
	spawn(1, "P", 3, late_sender, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "R=4:7:42@30");
	assert_int_equal(ch.doorbells, 1);
}

static void test_recv_times_out(void **state)
{
	uint32_t v;

	(void)state;
	peer_start();
	open_link();
	assert_int_equal(chan_recv_now(&v), -RTOS_EAGAIN);
	spawn(0, "R", 5, receiver, (void *)50);
	fake_run(1000);
	assert_string_equal(trace_buf, "R=-2:0:0@50");
}

/* A doorbell with no message (a peer state change) does not end the wait */
static void empty_ring_then_send(void *arg)
{
	(void)arg;
	fake_busy(10);
	assert_true(fake_irq_raise(IRQ));
	fake_busy(10);
	peer_start();
	assert_true(fake_irq_raise(IRQ));
	fake_busy(10);
	peer_send(9, 3);
	assert_true(fake_irq_raise(IRQ));
}

static void test_attaches_when_the_peer_comes(void **state)
{
	(void)state;
	assert_int_equal(rtos_chan_open(&ch, "link"), 0);
	assert_false(ch.attached);
	spawn(0, "R", 5, receiver, (void *)RTOS_WAIT_FOREVER);
	spawn(1, "P", 3, empty_ring_then_send, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "R=4:9:3@30");
	assert_true(ch.attached);
	assert_int_equal(ch.doorbells, 3);
}

static void two_messages_one_ring(void *arg)
{
	(void)arg;
	fake_busy(10);
	peer_send(1, 10);
	peer_send(2, 20);
	assert_true(fake_irq_raise(IRQ));
}

static void test_two_receivers_share_one_doorbell(void **state)
{
	(void)state;
	peer_start();
	open_link();
	spawn(0, "A", 5, receiver, (void *)RTOS_WAIT_FOREVER);
	spawn(1, "B", 4, receiver, (void *)RTOS_WAIT_FOREVER);
	spawn(2, "P", 3, two_messages_one_ring, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "A=4:1:10@10 B=4:2:20@10");
}

static void test_attach_skips_what_is_stale(void **state)
{
	uint32_t v = 0;

	(void)state;
	peer_start();
	open_link();
	peer_send(1, 1);
	peer_send(1, 2);
	/* the RTOS restarts before it read them */
	assert_int_equal(rtos_chan_open(&ch, "link"), 0);
	assert_int_equal(chan_recv_now(&v), -RTOS_EAGAIN);
	peer_send(1, 3);
	assert_int_equal(chan_recv_now(&v), 1);
	assert_int_equal(v, 3);
}

/* A restarted RTOS carries on in its ring: the peer sees no seam */
static void test_own_ring_carries_on_after_a_restart(void **state)
{
	const struct bh_msgring_tx *tx = (const void *)own_mem;
	uint32_t v, n;
	uint64_t head;

	(void)state;
	peer_start();
	open_link();
	for (n = 1; n <= 3; n++)
		assert_int_equal(rtos_chan_send(&ch, 1, &n, 4), 0);
	assert_int_equal(peer_recv(&v), 1);
	head = tx->head;
	/* the cell starts again: fresh variables, same area */
	memset(&ch, 0xa5, sizeof(ch));
	assert_int_equal(rtos_chan_open(&ch, "link"), 0);
	assert_true(ch.resumed);
	assert_int_equal(tx->head, head);
	n = 4;
	assert_int_equal(rtos_chan_send(&ch, 1, &n, 4), 0);
	for (n = 2; n <= 4; n++) {
		assert_int_equal(peer_recv(&v), 1);
		assert_int_equal(v, n);
	}
	assert_int_equal(peer_recv(&v), BH_MSGRING_EAGAIN);
}

static void test_peer_restart_reattaches(void **state)
{
	uint32_t v = 0;

	(void)state;
	peer_start();
	open_link();
	peer_send(1, 1);
	assert_int_equal(chan_recv_now(&v), 1);
	/* the peer's cell restarts and formats its ring afresh */
	fc.starts++;
	memset(peer_mem, 0, sizeof(peer_mem));
	assert_int_equal(rtos_link_own(&peer, peer_mem, AREA), 0);
	rtos_link_attach(&peer, own_mem, AREA);
	assert_int_equal(chan_recv_now(&v), -RTOS_EAGAIN);
	assert_int_equal(ch.resyncs, 1);
	peer_send(1, 2);
	assert_int_equal(chan_recv_now(&v), 1);
	assert_int_equal(v, 2);
	v = 7;
	assert_int_equal(rtos_chan_send(&ch, 3, &v, 4), 0);
	assert_int_equal(peer_recv(&v), 3);
}

/* The peer formats again without a restart: its head goes back */
static void test_corrupt_ring_reattaches(void **state)
{
	uint32_t v = 0, n;

	(void)state;
	peer_start();
	open_link();
	for (n = 0; n < 3; n++) {
		peer_send(1, n);
		assert_int_equal(chan_recv_now(&v), 1);
	}
	assert_int_equal(bh_msgring_init(&peer, peer_mem, AREA), 0);
	rtos_link_attach(&peer, own_mem, AREA);
	/* the RTOS's read position is past the new head: no sending yet */
	assert_int_equal(bh_msgring_send(&peer, 1, &n, 4), BH_MSGRING_ECORRUPT);
	/* nothing stale or torn comes through: the RTOS starts over */
	assert_int_equal(chan_recv_now(&v), -RTOS_EAGAIN);
	assert_int_equal(ch.resyncs, 1);
	peer_send(1, 101);
	assert_int_equal(chan_recv_now(&v), 1);
	assert_int_equal(v, 101);
}

static void test_oversized_message_is_dropped(void **state)
{
	uint64_t big = 0x1122334455667788ull;
	uint32_t v = 0;

	(void)state;
	peer_start();
	open_link();
	assert_int_equal(bh_msgring_send(&peer, 1, &big, 8), 0);
	peer_send(2, 5);
	assert_int_equal(chan_recv_now(&v), -RTOS_EMSGSIZE);
	assert_int_equal(ch.dropped, 1);
	assert_int_equal(chan_recv_now(&v), 2);
	assert_int_equal(v, 5);
}

static void test_full_ring_drops_until_read(void **state)
{
	uint32_t v = 0, n = 0;
	int ret;

	(void)state;
	peer_start();
	open_link();
	while ((ret = rtos_chan_send(&ch, 1, &n, 4)) == 0)
		n++;
	assert_int_equal(ret, -RTOS_EAGAIN);
	/* 2048 bytes of 16-byte records */
	assert_int_equal(n, 128);
	assert_int_equal(peer_recv(&v), 1);
	assert_int_equal(v, 0);
	assert_int_equal(rtos_chan_send(&ch, 1, &n, 4), 0);
}

static void isr_send(void *arg)
{
	uint32_t v = 1000;

	(void)arg;
	assert_int_equal(rtos_chan_send(&ch, 2, &v, 4), 0);
	assert_int_equal(rtos_chan_recv(&ch, NULL, &v, 4, 10), -RTOS_EPERM);
}

static void task_sender(void *arg)
{
	uint32_t n;

	(void)arg;
	for (n = 0; n < 4; n++) {
		assert_int_equal(rtos_chan_send(&ch, 1, &n, 4), 0);
		fake_busy(10);
		if (n == 1)
			fake_irq(isr_send, NULL);
	}
}

static void test_task_and_isr_send(void **state)
{
	static const uint32_t types[] = { 1, 1, 2, 1, 1 };
	static const uint32_t values[] = { 0, 1, 1000, 2, 3 };
	uint32_t v, i;

	(void)state;
	peer_start();
	open_link();
	spawn(0, "S", 5, task_sender, NULL);
	fake_run(1000);
	for (i = 0; i < 5; i++) {
		assert_int_equal(peer_recv(&v), types[i]);
		assert_int_equal(v, values[i]);
	}
	assert_int_equal(fc.rings, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TC(test_open),
		TC(test_send_needs_the_peers_ring),
		TC(test_recv_blocks_until_the_doorbell),
		TC(test_recv_times_out),
		TC(test_attaches_when_the_peer_comes),
		TC(test_two_receivers_share_one_doorbell),
		TC(test_attach_skips_what_is_stale),
		TC(test_own_ring_carries_on_after_a_restart),
		TC(test_peer_restart_reattaches),
		TC(test_corrupt_ring_reattaches),
		TC(test_oversized_message_is_dropped),
		TC(test_full_ring_drops_until_read),
		TC(test_task_and_isr_send),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
