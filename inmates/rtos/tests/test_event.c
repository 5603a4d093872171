// SPDX-License-Identifier: BSD-2-Clause
/* Event flags: wait any/all, clear on exit, timeouts, several waiters. */
#include "harness.h"

static struct rtos_event ev;

struct wait_arg {
	uint32_t mask, opts;
	rtos_time_t timeout;
};

static void ev_waiter(void *arg)
{
	struct wait_arg *w = arg;
	uint32_t got = 0;
	int ret;

	ret = rtos_event_wait(&ev, w->mask, w->opts, &got, w->timeout);
	trace("%s=%d,%x@%llu", rtos_task_current()->name, ret, got,
	      (unsigned long long)rtos_now());
}

static void setter(void *arg)
{
	const uint32_t *bits = arg;

	for (; *bits; bits++) {
		rtos_sleep(10);
		rtos_event_set(&ev, *bits);
	}
	trace("flags=%x", rtos_event_get(&ev));
}

static void test_any_all_clear(void **state)
{
	static struct wait_arg any = { 0x3, RTOS_EVENT_ANY, RTOS_WAIT_FOREVER };
	static struct wait_arg all = { 0x5, RTOS_EVENT_ALL | RTOS_EVENT_CLEAR,
				       RTOS_WAIT_FOREVER };
	static const uint32_t bits[] = { 0x2, 0x1, 0x4, 0 };

	(void)state;
	rtos_event_init(&ev);
	spawn(0, "A", 4, ev_waiter, &any);
	spawn(1, "B", 5, ev_waiter, &all);
	spawn(2, "S", 2, setter, (void *)bits);
	fake_run(1000);
	/* B cleared 0x5 on exit, 0x2 stays */
	assert_string_equal(trace_buf, "A=0,2@10 B=0,5@30 flags=2");
}

static void test_timeout_and_poll(void **state)
{
	static struct wait_arg w = { 0x8, RTOS_EVENT_ANY, 40 };
	uint32_t got = 0xff;

	(void)state;
	rtos_event_init(&ev);
	assert_int_equal(rtos_event_wait(&ev, 1, 0, &got, RTOS_NO_WAIT),
			 -RTOS_EAGAIN);
	assert_int_equal(got, 0);
	assert_int_equal(rtos_event_wait(&ev, 0, 0, NULL, 0), -RTOS_EINVAL);
	spawn(0, "W", 3, ev_waiter, &w);
	fake_run(1000);
	assert_string_equal(trace_buf, "W=-2,0@40");
}

static void test_one_set_wakes_all_waiters(void **state)
{
	static struct wait_arg w = { 0x1, RTOS_EVENT_CLEAR, RTOS_WAIT_FOREVER };
	static const uint32_t bits[] = { 0x1, 0 };

	(void)state;
	rtos_event_init(&ev);
	spawn(0, "A", 4, ev_waiter, &w);
	spawn(1, "B", 5, ev_waiter, &w);
	spawn(2, "S", 6, setter, (void *)bits);
	fake_run(1000);
	/* both saw bit 0; it was cleared only after both were released */
	assert_string_equal(trace_buf, "flags=0 B=0,1@10 A=0,1@10");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_any_all_clear),
		T(test_timeout_and_poll),
		T(test_one_set_wakes_all_waiters),
	};

	return cmocka_run_group_tests_name("event", tests, NULL, NULL);
}
