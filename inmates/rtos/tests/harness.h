/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared helpers for the host unit tests: a trace string that tasks append
 * to ("name@time" tokens), task stacks, and a reset for each test.
 */
#ifndef _RTOS_TEST_HARNESS_H
#define _RTOS_TEST_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <rtos.h>
#include "../port/fake/fake_port.h"

#define T_STACK	    (64 * 1024)
#define T_MAX_TASKS 8

static char trace_buf[4096];
static struct rtos_task t_tasks[T_MAX_TASKS];
static uint64_t t_stacks[T_MAX_TASKS][T_STACK / 8] __attribute__((aligned(64)));

static void trace(const char *fmt, ...)
{
	size_t len = strlen(trace_buf);
	va_list ap;

	if (len)
		trace_buf[len++] = ' ';
	va_start(ap, fmt);
	vsnprintf(trace_buf + len, sizeof(trace_buf) - len, fmt, ap);
	va_end(ap);
}

/* Log the current task's name with the time. */
static inline void trace_at(const char *what)
{
	trace("%s@%llu", what, (unsigned long long)rtos_now());
}

static struct rtos_task *spawn(int idx, const char *name, unsigned int prio,
			       void (*fn)(void *), void *arg)
{
	assert_int_equal(rtos_task_init(&t_tasks[idx], name, prio, fn, arg,
					t_stacks[idx], T_STACK),
			 0);
	return &t_tasks[idx];
}

static int setup(void **state)
{
	(void)state;
	trace_buf[0] = 0;
	fake_reset();
	rtos_init();
	return 0;
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

#endif
