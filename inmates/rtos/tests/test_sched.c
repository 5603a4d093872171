// SPDX-License-Identifier: BSD-2-Clause
/* Scheduler: priority order, preemption, round-robin, sleep, periods. */
#include "harness.h"

static void log_name(void *arg)
{
	trace("%s", (const char *)arg);
}

static void test_priority_order(void **state)
{
	(void)state;
	spawn(0, "L", 1, log_name, "L");
	spawn(1, "H", 9, log_name, "H");
	spawn(2, "M", 5, log_name, "M");
	fake_run(1000);
	assert_string_equal(trace_buf, "H M L");
}

static void low_worker(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 5; i++) {
		fake_busy(30);
		trace_at("L");
	}
}

static void high_sleeper(void *arg)
{
	(void)arg;
	rtos_sleep(100);
	trace_at("H");
}

static void test_preemption_on_wake(void **state)
{
	(void)state;
	spawn(0, "L", 1, low_worker, NULL);
	spawn(1, "H", 5, high_sleeper, NULL);
	fake_run(1000);
	/* H preempts L in the middle of L's 4th slice of work, at 100. */
	assert_string_equal(trace_buf, "L@30 L@60 L@90 H@100 L@120 L@150");
}

static void spinner(void *arg)
{
	int i;

	for (i = 0; i < 30; i++) {
		fake_busy(1);
		trace("%s", (const char *)arg);
	}
}

/* Collapse "A A A B B" into run letters "AB" and record run lengths. */
static void runs(char *letters, int *lens)
{
	const char *p;
	int n = -1;

	for (p = trace_buf; *p; p++) {
		if (*p == ' ')
			continue;
		if (n < 0 || letters[n] != *p) {
			letters[++n] = *p;
			lens[n] = 0;
		}
		lens[n]++;
	}
	letters[n + 1] = 0;
}

static void test_round_robin(void **state)
{
	char letters[64];
	int lens[64], i;

	(void)state;
	rtos_set_time_slice(10);
	spawn(0, "A", 3, spinner, "A");
	spawn(1, "B", 3, spinner, "B");
	fake_run(1000);
	runs(letters, lens);
	/* 10-tick slices: A 1..9, B 11..19, A 20..29, ... of 30 each */
	assert_string_equal(letters, "ABABABAB");
	for (i = 0; i < 6; i++) {
		assert_in_range(lens[i], 9, 10);
	}
}

static void test_no_slice_runs_to_completion(void **state)
{
	char letters[64];
	int lens[64];

	(void)state;
	spawn(0, "A", 3, spinner, "A");
	spawn(1, "B", 3, spinner, "B");
	fake_run(1000);
	runs(letters, lens);
	assert_string_equal(letters, "AB");
}

static void sleeper(void *arg)
{
	rtos_sleep((uintptr_t)arg);
	trace_at(rtos_task_current()->name);
}

static void test_sleep_wakeups(void **state)
{
	(void)state;
	spawn(0, "A", 3, sleeper, (void *)30);
	spawn(1, "B", 4, sleeper, (void *)10);
	spawn(2, "C", 5, sleeper, (void *)20);
	fake_run(1000);
	assert_string_equal(trace_buf, "B@10 C@20 A@30");
}

static void test_sleep_until(void **state)
{
	(void)state;
	spawn(0, "A", 3, sleeper, (void *)0); /* sleep(0) is a yield */
	fake_run(10);
	assert_string_equal(trace_buf, "A@0");
}

static void periodic(void *arg)
{
	static const rtos_time_t work[] = { 10, 10, 150, 10, 10 };
	unsigned int i;
	int ret;

	(void)arg;
	rtos_task_set_period(100, 0);
	for (i = 0; i < 5; i++) {
		trace("r%llu@%llu", (unsigned long long)rtos_task_release_time(),
		      (unsigned long long)rtos_now());
		fake_busy(work[i]);
		ret = rtos_task_wait_period();
		trace("%d", ret);
	}
	trace("misses=%u", rtos_task_deadline_misses(rtos_task_current()));
}

static void test_periodic_deadline_miss(void **state)
{
	(void)state;
	spawn(0, "P", 5, periodic, NULL);
	fake_run(10000);
	assert_string_equal(trace_buf,
			    "r0@0 0 r100@100 0 r200@200 -7 r300@350 0 r400@400 0 "
			    "misses=1");
}

static void child(void *arg)
{
	(*(int *)arg)++;
}

static void creator(void *arg)
{
	struct rtos_task *t;
	int i, runs = 0;

	(void)arg;
	for (i = 0; i < 50; i++) {
		if (rtos_task_create("child", 2, child, &runs, 16384, &t))
			break;
		rtos_sleep(1); /* child runs and exits, idle reaps it */
	}
	trace("created=%d ran=%d", i, runs);
}

static void test_dynamic_tasks_are_reclaimed(void **state)
{
	(void)state;
	spawn(0, "C", 5, creator, NULL);
	fake_run(10000);
	assert_string_equal(trace_buf, "created=50 ran=50");
}

static void boosted(void *arg)
{
	(void)arg;
	trace_at("B");
}

static void booster(void *arg)
{
	(void)arg;
	fake_busy(5);
	trace_at("A");
	rtos_task_set_prio(&t_tasks[1], 9); /* B now preempts us */
	trace_at("A");
}

static void test_set_prio_preempts(void **state)
{
	(void)state;
	spawn(0, "A", 5, booster, NULL);
	spawn(1, "B", 2, boosted, NULL);
	fake_run(100);
	assert_string_equal(trace_buf, "A@5 B@5 A@5");
}

static void test_bad_arguments(void **state)
{
	struct rtos_task t;

	(void)state;
	assert_int_equal(rtos_task_init(&t, "x", 0, child, NULL, t_stacks[0],
					T_STACK),
			 -RTOS_EINVAL);
	assert_int_equal(rtos_task_init(&t, "x", RTOS_PRIO_MAX + 1, child, NULL,
					t_stacks[0], T_STACK),
			 -RTOS_EINVAL);
	assert_int_equal(rtos_task_init(&t, "x", 1, child, NULL, t_stacks[0],
					16),
			 -RTOS_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_priority_order),
		T(test_preemption_on_wake),
		T(test_round_robin),
		T(test_no_slice_runs_to_completion),
		T(test_sleep_wakeups),
		T(test_sleep_until),
		T(test_periodic_deadline_miss),
		T(test_dynamic_tasks_are_reclaimed),
		T(test_set_prio_preempts),
		T(test_bad_arguments),
	};

	return cmocka_run_group_tests_name("scheduler", tests, NULL, NULL);
}
