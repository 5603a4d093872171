// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host unit tests of include/bulkhead/rtos-link.h: the message layouts
 * both ends compile on their own (the RTOS and a Linux program), and the
 * connection helpers on areas the RTOS's tests do not build (a ring left
 * by a different area size, a garbled one, a misaligned area).
 * inmates/rtos/tests/test_chan.c runs the rules themselves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <bulkhead/rtos-link.h>

#define AREA 4096

static uint64_t a_mem[AREA / 8], b_mem[AREA / 8];

static void test_layouts(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct rtos_link_stats, seconds), 0);
	assert_int_equal(offsetof(struct rtos_link_stats, releases), 8);
	assert_int_equal(offsetof(struct rtos_link_stats, misses), 16);
	assert_int_equal(offsetof(struct rtos_link_stats, lat_min_ns), 24);
	assert_int_equal(offsetof(struct rtos_link_stats, lat_avg_ns), 32);
	assert_int_equal(offsetof(struct rtos_link_stats, lat_max_ns), 40);
	assert_int_equal(offsetof(struct rtos_link_stats, period_us), 48);
	assert_int_equal(offsetof(struct rtos_link_stats, crunch), 52);
	assert_int_equal(offsetof(struct rtos_link_miss, lateness_ns), 8);
	assert_int_equal(offsetof(struct rtos_link_cmd, value), 4);
	assert_int_equal(offsetof(struct rtos_link_ack, cmd), 4);
	assert_int_equal(offsetof(struct rtos_link_ack, status), 8);
	assert_int_equal(offsetof(struct rtos_link_ack, value), 12);
	/* every message fits the ring of the smallest area (a page) */
	assert_true(sizeof(struct rtos_link_stats) <=
		    BH_MSGRING_MAX_PAYLOAD(bh_msgring_data_size(4096)));
}

static void test_own_formats_or_carries_on(void **state)
{
	struct bh_msgring r;
	struct bh_msgring_tx *tx = (void *)a_mem;
	uint32_t v = 1;

	(void)state;
	memset(a_mem, 0, sizeof(a_mem));
	memset(b_mem, 0, sizeof(b_mem));
	assert_int_equal(rtos_link_own(&r, a_mem, AREA), 0);
	assert_int_equal(rtos_link_own(&r, a_mem, AREA), 1);
	/* a ring for another area size is not ours to carry on */
	assert_int_equal(rtos_link_own(&r, a_mem, AREA / 2), 0);
	assert_int_equal(tx->data_size, AREA / 4);
	assert_int_equal(rtos_link_own(&r, a_mem, AREA), 0);
	/* nor one whose head is not on a record boundary */
	tx->head = 12;
	assert_int_equal(rtos_link_own(&r, a_mem, AREA), 0);
	assert_int_equal(tx->head, 0);
	/* carried on: the head stays, sends go on from it */
	assert_int_equal(rtos_link_own(&r, b_mem, AREA), 0);
	{
		struct bh_msgring a;

		assert_int_equal(rtos_link_own(&a, a_mem, AREA), 1);
		assert_int_equal(rtos_link_attach(&a, b_mem, AREA), 0);
		assert_int_equal(rtos_link_attach(&r, a_mem, AREA), 0);
		assert_int_equal(bh_msgring_send(&a, 1, &v, 4), 0);
		assert_int_equal(rtos_link_own(&a, a_mem, AREA), 1);
		assert_int_equal(tx->head, 16);
	}
	assert_int_equal(rtos_link_own(&r, (char *)a_mem + 4, AREA - 8), -1);
	assert_int_equal(rtos_link_own(&r, a_mem, 64), -1);
}

static void test_attach_skips_and_discard_drops(void **state)
{
	struct bh_msgring a = { 0 }, b = { 0 };
	uint64_t big[4] = { 1, 2, 3, 4 };
	uint32_t v = 7, type;

	(void)state;
	memset(a_mem, 0, sizeof(a_mem));
	memset(b_mem, 0, sizeof(b_mem));
	assert_int_equal(rtos_link_attach(&b, a_mem, AREA), -1);
	assert_null(b.peer);
	assert_int_equal(rtos_link_own(&a, a_mem, AREA), 0);
	assert_int_equal(rtos_link_own(&b, b_mem, AREA), 0);
	assert_int_equal(rtos_link_attach(&a, b_mem, AREA), 0);
	assert_int_equal(bh_msgring_send(&a, 1, &v, 4), 0);
	/* b comes late: what a sent before is not for b */
	assert_int_equal(rtos_link_attach(&b, a_mem, AREA), 0);
	assert_int_equal(bh_msgring_recv(&b, &type, &v, 4), BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_send(&a, 2, big, sizeof(big)), 0);
	assert_int_equal(bh_msgring_send(&a, 3, &v, 4), 0);
	assert_int_equal(bh_msgring_recv(&b, &type, &v, 4), BH_MSGRING_ESIZE);
	assert_int_equal(rtos_link_discard(&b), (int)sizeof(big));
	assert_int_equal(bh_msgring_recv(&b, &type, &v, 4), 4);
	assert_int_equal(type, 3);
	assert_int_equal(rtos_link_discard(&b), BH_MSGRING_EAGAIN);
	rtos_link_detach(&b);
	assert_int_equal(bh_msgring_recv(&b, &type, &v, 4), BH_MSGRING_EAGAIN);
	assert_int_equal(bh_msgring_send(&b, 1, &v, 4), BH_MSGRING_EAGAIN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts),
		cmocka_unit_test(test_own_formats_or_carries_on),
		cmocka_unit_test(test_attach_skips_and_discard_drops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
