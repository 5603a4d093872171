// SPDX-License-Identifier: BSD-2-Clause
/* Message queues: FIFO order, blocking on full/empty, timeouts, ISR send. */
#include "harness.h"

static struct rtos_queue q;
static int qbuf[2];

static void test_fifo_order(void **state)
{
	int v, i;

	(void)state;
	assert_int_equal(rtos_queue_init(&q, qbuf, sizeof(int), 2), 0);
	for (i = 1; i <= 2; i++)
		assert_int_equal(rtos_queue_send(&q, &i, RTOS_NO_WAIT), 0);
	assert_int_equal(rtos_queue_send(&q, &i, RTOS_NO_WAIT), -RTOS_EAGAIN);
	assert_int_equal(rtos_queue_count(&q), 2);
	assert_int_equal(rtos_queue_receive(&q, &v, RTOS_NO_WAIT), 0);
	assert_int_equal(v, 1);
	i = 3; /* wraps around the ring */
	assert_int_equal(rtos_queue_send(&q, &i, RTOS_NO_WAIT), 0);
	assert_int_equal(rtos_queue_receive(&q, &v, RTOS_NO_WAIT), 0);
	assert_int_equal(v, 2);
	assert_int_equal(rtos_queue_receive(&q, &v, RTOS_NO_WAIT), 0);
	assert_int_equal(v, 3);
	assert_int_equal(rtos_queue_receive(&q, &v, RTOS_NO_WAIT), -RTOS_EAGAIN);
}

static void producer(void *arg)
{
	int i, ret;

	(void)arg;
	for (i = 1; i <= 5; i++) {
		ret = rtos_queue_send(&q, &i, RTOS_WAIT_FOREVER);
		trace("s%d=%d@%llu", i, ret, (unsigned long long)rtos_now());
	}
}

static void slow_consumer(void *arg)
{
	int i, v;

	(void)arg;
	for (i = 0; i < 5; i++) {
		rtos_sleep(10);
		rtos_queue_receive(&q, &v, RTOS_WAIT_FOREVER);
		trace("r%d", v);
	}
}

static void test_full_blocks_sender(void **state)
{
	(void)state;
	rtos_queue_init(&q, qbuf, sizeof(int), 2);
	spawn(0, "P", 5, producer, NULL);
	spawn(1, "C", 3, slow_consumer, NULL);
	fake_run(1000);
	/* two fit at once; then each receive frees a slot for the sender */
	assert_string_equal(trace_buf,
			    "s1=0@0 s2=0@0 s3=0@10 r1 s4=0@20 r2 s5=0@30 r3 r4 r5");
}

static void timed_ops(void *arg)
{
	int v = 7, ret;

	(void)arg;
	ret = rtos_queue_receive(&q, &v, 25);
	trace("r=%d@%llu", ret, (unsigned long long)rtos_now());
	rtos_queue_send(&q, &v, RTOS_NO_WAIT);
	rtos_queue_send(&q, &v, RTOS_NO_WAIT);
	ret = rtos_queue_send(&q, &v, 30);
	trace("s=%d@%llu", ret, (unsigned long long)rtos_now());
}

static void test_timeouts(void **state)
{
	(void)state;
	rtos_queue_init(&q, qbuf, sizeof(int), 2);
	spawn(0, "T", 2, timed_ops, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "r=-2@25 s=-2@55");
}

static void isr_send(void *arg)
{
	int v = 42;

	(void)arg;
	rtos_queue_send(&q, &v, RTOS_NO_WAIT);
}

static void receiver(void *arg)
{
	int v = 0, ret;

	(void)arg;
	ret = rtos_queue_receive(&q, &v, RTOS_WAIT_FOREVER);
	trace("R=%d,%d@%llu", ret, v, (unsigned long long)rtos_now());
}

static void irq_source(void *arg)
{
	(void)arg;
	fake_busy(12);
	fake_irq(isr_send, NULL);
	trace_at("S");
}

static void test_isr_send_wakes_receiver(void **state)
{
	(void)state;
	rtos_queue_init(&q, qbuf, sizeof(int), 2);
	spawn(0, "R", 4, receiver, NULL);
	spawn(1, "S", 1, irq_source, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "R=0,42@12 S@12");
	assert_int_equal(rtos_queue_count(&q), 0); /* handed over */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_fifo_order),
		T(test_full_blocks_sender),
		T(test_timeouts),
		T(test_isr_send_wakes_receiver),
	};

	return cmocka_run_group_tests_name("queue", tests, NULL, NULL);
}
