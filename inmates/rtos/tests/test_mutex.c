// SPDX-License-Identifier: BSD-2-Clause
/* Mutexes: ownership, recursion, priority inheritance (nested, chained). */
#include "harness.h"

static struct rtos_mutex m1, m2;

#define PRIO(i) (t_tasks[i].prio)

static void low_holder(void *arg)
{
	(void)arg;
	rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER);
	fake_busy(20); /* H blocks at 10, M wakes at 15 */
	trace("L-prio=%u", PRIO(0));
	rtos_mutex_unlock(&m1);
	trace("L-prio=%u@%llu", PRIO(0), (unsigned long long)rtos_now());
}

static void high_locker(void *arg)
{
	(void)arg;
	rtos_sleep(10);
	rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER);
	trace_at("H-got");
	rtos_mutex_unlock(&m1);
}

static void medium(void *arg)
{
	(void)arg;
	rtos_sleep(15);
	trace_at("M");
}

static void test_inheritance_raise_and_restore(void **state)
{
	(void)state;
	rtos_mutex_init(&m1);
	spawn(0, "L", 1, low_holder, NULL);
	spawn(1, "H", 5, high_locker, NULL);
	spawn(2, "M", 3, medium, NULL);
	fake_run(1000);
	/* Without inheritance M would run at 15, before L unlocks */
	assert_string_equal(trace_buf, "L-prio=5 H-got@20 M@20 L-prio=1@20");
}

/* L holds m1; M holds m2 and waits for m1; H waits for m2. */
static void chain_low(void *arg)
{
	(void)arg;
	rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER);
	fake_busy(30);
	trace("L=%u M=%u", PRIO(0), PRIO(1));
	rtos_mutex_unlock(&m1);
	trace("L=%u", PRIO(0));
}

static void chain_mid(void *arg)
{
	(void)arg;
	rtos_sleep(5);
	rtos_mutex_lock(&m2, RTOS_WAIT_FOREVER);
	rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER);
	trace("M-got=%u", PRIO(1));
	rtos_mutex_unlock(&m1);
	rtos_mutex_unlock(&m2);
	trace("M=%u", PRIO(1));
}

static void chain_high(void *arg)
{
	(void)arg;
	rtos_sleep(10);
	rtos_mutex_lock(&m2, RTOS_WAIT_FOREVER);
	trace("H-got");
	rtos_mutex_unlock(&m2);
}

static void test_transitive_inheritance(void **state)
{
	(void)state;
	rtos_mutex_init(&m1);
	rtos_mutex_init(&m2);
	spawn(0, "L", 1, chain_low, NULL);
	spawn(1, "M", 3, chain_mid, NULL);
	spawn(2, "H", 7, chain_high, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "L=7 M=7 M-got=7 H-got M=3 L=1");
}

/* L holds m1 and m2; H5 waits on m1, H3 waits on m2. */
static void nested_low(void *arg)
{
	(void)arg;
	rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER);
	rtos_mutex_lock(&m2, RTOS_WAIT_FOREVER);
	fake_busy(30);
	trace("L=%u", PRIO(0));
	rtos_mutex_unlock(&m1);
	trace("L=%u", PRIO(0));
	rtos_mutex_unlock(&m2);
	trace("L=%u", PRIO(0));
}

static void waiter(void *arg)
{
	struct rtos_mutex *m = arg;

	rtos_sleep(5);
	rtos_mutex_lock(m, RTOS_WAIT_FOREVER);
	trace("%s", rtos_task_current()->name);
	rtos_mutex_unlock(m);
}

static void test_nested_restore(void **state)
{
	(void)state;
	rtos_mutex_init(&m1);
	rtos_mutex_init(&m2);
	spawn(0, "L", 1, nested_low, NULL);
	spawn(1, "X", 5, waiter, &m1);
	spawn(2, "Y", 3, waiter, &m2);
	fake_run(1000);
	assert_string_equal(trace_buf, "L=5 X L=3 Y L=1");
}

static void timeout_low(void *arg)
{
	(void)arg;
	rtos_mutex_lock(&m1, RTOS_WAIT_FOREVER);
	fake_busy(10);
	trace("L=%u", PRIO(0));
	fake_busy(20); /* H gives up at 15 */
	trace("L=%u", PRIO(0));
	rtos_mutex_unlock(&m1);
}

static void timeout_high(void *arg)
{
	int ret;

	(void)arg;
	rtos_sleep(5);
	ret = rtos_mutex_lock(&m1, 10);
	trace("H=%d@%llu", ret, (unsigned long long)rtos_now());
}

static void test_timeout_restores_owner(void **state)
{
	(void)state;
	rtos_mutex_init(&m1);
	spawn(0, "L", 1, timeout_low, NULL);
	spawn(1, "H", 6, timeout_high, NULL);
	fake_run(1000);
	assert_string_equal(trace_buf, "L=6 H=-2@15 L=1");
}

static void owner_rules(void *arg)
{
	int *r = arg;

	r[0] = rtos_mutex_lock(&m1, RTOS_NO_WAIT);
	r[1] = rtos_mutex_lock(&m1, RTOS_NO_WAIT); /* recursive */
	r[2] = rtos_mutex_unlock(&m1);
	r[3] = m1.owner == rtos_task_current();
	r[4] = rtos_mutex_unlock(&m1);
	r[5] = rtos_mutex_unlock(&m1); /* not owner */
}

static void test_ownership(void **state)
{
	int r[6] = { -1, -1, -1, -1, -1, -1 };

	(void)state;
	rtos_mutex_init(&m1);
	spawn(0, "A", 2, owner_rules, r);
	fake_run(100);
	assert_int_equal(r[0], 0);
	assert_int_equal(r[1], 0);
	assert_int_equal(r[2], 0);
	assert_int_equal(r[3], 1);
	assert_int_equal(r[4], 0);
	assert_int_equal(r[5], -RTOS_EPERM);
	assert_null(m1.owner);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_inheritance_raise_and_restore),
		T(test_transitive_inheritance),
		T(test_nested_restore),
		T(test_timeout_restores_owner),
		T(test_ownership),
	};

	return cmocka_run_group_tests_name("mutex", tests, NULL, NULL);
}
