// SPDX-License-Identifier: BSD-2-Clause
/* Counting semaphores: counts, timeouts, wake order, ISR give. */
#include "harness.h"

static struct rtos_sem sem;

static void test_counts(void **state)
{
	(void)state;
	assert_int_equal(rtos_sem_init(&sem, 2, 3), 0);
	assert_int_equal(rtos_sem_take(&sem, RTOS_NO_WAIT), 0);
	assert_int_equal(rtos_sem_take(&sem, RTOS_NO_WAIT), 0);
	assert_int_equal(rtos_sem_take(&sem, RTOS_NO_WAIT), -RTOS_EAGAIN);
	assert_int_equal(rtos_sem_give(&sem), 0);
	assert_int_equal(rtos_sem_give(&sem), 0);
	assert_int_equal(rtos_sem_give(&sem), 0);
	assert_int_equal(rtos_sem_give(&sem), -RTOS_EOVERFLOW);
	assert_int_equal(rtos_sem_count(&sem), 3);
	assert_int_equal(rtos_sem_init(&sem, 4, 3), -RTOS_EINVAL);
}

static void taker(void *arg)
{
	int ret = rtos_sem_take(&sem, (uintptr_t)arg);

	trace("%s=%d@%llu", rtos_task_current()->name, ret,
	      (unsigned long long)rtos_now());
}

static void test_timeout(void **state)
{
	(void)state;
	rtos_sem_init(&sem, 0, 1);
	spawn(0, "A", 3, taker, (void *)50);
	fake_run(1000);
	assert_string_equal(trace_buf, "A=-2@50");
}

static void giver(void *arg)
{
	(void)arg;
	rtos_sleep(10);
	rtos_sem_give(&sem);
	trace_at("G");
	rtos_sleep(10);
	rtos_sem_give(&sem);
	trace_at("G");
}

static void test_wakes_most_urgent_first(void **state)
{
	(void)state;
	rtos_sem_init(&sem, 0, 5);
	spawn(0, "L", 2, taker, (void *)RTOS_WAIT_FOREVER);
	spawn(1, "H", 4, taker, (void *)RTOS_WAIT_FOREVER);
	spawn(2, "G", 3, giver, NULL);
	fake_run(1000);
	/* H preempts the giver at once; L (below G) only when G is done */
	assert_string_equal(trace_buf, "H=0@10 G@10 G@20 L=0@20");
}

static void isr_give(void *arg)
{
	int *ret = arg;

	ret[0] = rtos_sem_give(&sem);
	ret[1] = rtos_sem_take(&sem, 5); /* blocking in an ISR: refused */
	trace("isr");
}

static void background(void *arg)
{
	fake_busy(20);
	trace_at("B");
	fake_irq(isr_give, arg);
	trace_at("B");
}

static void test_isr_give_deferred_switch(void **state)
{
	int ret[2] = { 1, 1 };

	(void)state;
	rtos_sem_init(&sem, 0, 1);
	spawn(0, "W", 5, taker, (void *)RTOS_WAIT_FOREVER);
	spawn(1, "B", 1, background, ret);
	fake_run(1000);
	/* W runs when the ISR returns, before B continues */
	assert_string_equal(trace_buf, "B@20 isr W=0@20 B@20");
	assert_int_equal(ret[0], 0);
	assert_int_equal(ret[1], -RTOS_EPERM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_counts),
		T(test_timeout),
		T(test_wakes_most_urgent_first),
		T(test_isr_give_deferred_switch),
	};

	return cmocka_run_group_tests_name("semaphore", tests, NULL, NULL);
}
