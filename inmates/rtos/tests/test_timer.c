// SPDX-License-Identifier: BSD-2-Clause
/* Software timers: one-shot, periodic, stop, restart, task context. */
#include "harness.h"

static struct rtos_timer tm_a, tm_b;

static void cb(struct rtos_timer *tm, void *arg)
{
	trace("%s@%llu%s", (const char *)arg, (unsigned long long)rtos_now(),
	      rtos_in_isr() ? "!isr" : "");
	(void)tm;
}

static void starter(void *arg)
{
	(void)arg;
	rtos_timer_start(&tm_a, 25, 0);
	rtos_timer_start(&tm_b, 10, 10);
	rtos_sleep(35);
	rtos_timer_stop(&tm_b);
	trace_at("stop");
	rtos_sleep(100);
	rtos_timer_start(&tm_a, 5, 0); /* restart a fired one-shot */
}

static void test_oneshot_and_periodic(void **state)
{
	(void)state;
	rtos_timer_init(&tm_a, cb, "a");
	rtos_timer_init(&tm_b, cb, "b");
	spawn(0, "S", 3, starter, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "b@10 b@20 a@25 b@30 stop@35 a@140");
	assert_int_equal(tm_a.fired, 2);
	assert_int_equal(tm_b.fired, 3);
	assert_false(rtos_timer_active(&tm_b));
}

static void restart_cb(struct rtos_timer *tm, void *arg)
{
	(void)arg;
	trace_at("r");
	if (tm->fired < 3)
		rtos_timer_start(tm, 7, 0); /* re-arm from the callback */
}

static void test_rearm_from_callback(void **state)
{
	(void)state;
	rtos_timer_init(&tm_a, restart_cb, NULL);
	rtos_timer_start(&tm_a, 7, 0); /* before the kernel runs */
	fake_run(1000);
	assert_string_equal(trace_buf, "r@7 r@14 r@21");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_oneshot_and_periodic),
		T(test_rearm_from_callback),
	};

	return cmocka_run_group_tests_name("timer", tests, NULL, NULL);
}
