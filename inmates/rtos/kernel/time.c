// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tickless time keeping.  Blocked tasks with a timeout sit on one list
 * sorted by absolute wake time (generic counter ticks).  The port's
 * one-shot timer is always programmed for the earliest of: the first
 * timeout and, when the running task shares its priority, the end of its
 * time slice.  Nothing happens between those events, so an idle CPU sleeps
 * and a release is served at the exact counter value it was due.
 */
#include "kernel.h"

rtos_time_t rtos_slice;
static struct rtos_list timeouts;

void time_init(void)
{
	list_init(&timeouts);
	rtos_slice = 0;
}

void time_reprogram(void)
{
	struct rtos_task *t = list_first(&timeouts, struct rtos_task, tnode);
	rtos_time_t next = t ? t->wake_time : RTOS_TIME_NEVER;

	if (rtos_slice && sched_slice_peers() && rtos_cur->slice_end &&
	    rtos_cur->slice_end < next)
		next = rtos_cur->slice_end;
	port_timer_set(next);
}

void time_add_timeout(struct rtos_task *t, rtos_time_t when)
{
	struct rtos_list *pos;

	t->wake_time = when;
	list_for_each(pos, &timeouts) {
		if (container_of(pos, struct rtos_task, tnode)->wake_time > when)
			break;
	}
	list_insert_before(pos, &t->tnode);
	if (timeouts.next == &t->tnode)
		time_reprogram();
}

void time_del_timeout(struct rtos_task *t)
{
	if (!list_empty(&t->tnode))
		list_del(&t->tnode);
}

rtos_time_t time_deadline(rtos_time_t timeout)
{
	rtos_time_t now = port_now();

	if (timeout == RTOS_WAIT_FOREVER || now + timeout < now)
		return RTOS_TIME_NEVER;
	return now + timeout;
}

static void timeout_expired(struct rtos_task *t)
{
	struct rtos_mutex *m = t->blocked_on;

	sched_wake(t, -RTOS_ETIMEDOUT);
	if (m)
		mutex_waiter_left(t);
}

void rtos_timer_interrupt(void)
{
	rtos_time_t now = port_now();
	struct rtos_task *t;

	while ((t = list_first(&timeouts, struct rtos_task, tnode)) &&
	       t->wake_time <= now)
		timeout_expired(t);
	if (rtos_slice && sched_slice_peers() && rtos_cur->slice_end <= now)
		sched_rotate();
	time_reprogram();
}

rtos_time_t rtos_now(void)
{
	return port_now();
}

uint64_t rtos_freq(void)
{
	return port_freq();
}

rtos_time_t rtos_us(uint64_t us)
{
	uint64_t f = port_freq();

	return (us / 1000000) * f + (us % 1000000) * f / 1000000;
}

rtos_time_t rtos_ms(uint64_t ms)
{
	uint64_t f = port_freq();

	return (ms / 1000) * f + (ms % 1000) * f / 1000;
}

uint64_t rtos_ticks_to_ns(rtos_time_t ticks)
{
	uint64_t f = port_freq();

	return (ticks / f) * 1000000000ull + (ticks % f) * 1000000000ull / f;
}

void rtos_set_time_slice(rtos_time_t ticks)
{
	port_flags_t flags = port_irq_save();

	rtos_slice = ticks;
	if (rtos_cur)
		rtos_cur->slice_end = port_now() + ticks;
	time_reprogram();
	port_irq_restore(flags);
}

void rtos_sleep_until(rtos_time_t abs_time)
{
	port_flags_t flags = port_irq_save();

	if (abs_time > port_now())
		sched_block(NULL, abs_time);
	port_irq_restore(flags);
}

void rtos_sleep(rtos_time_t ticks)
{
	if (!ticks) {
		rtos_yield();
		return;
	}
	rtos_sleep_until(time_deadline(ticks));
}

int rtos_task_set_period(rtos_time_t period, rtos_time_t start)
{
	struct rtos_task *t = rtos_cur;

	if (!period || rtos_isr_nesting)
		return -RTOS_EINVAL;
	t->period = period;
	t->release = start ? start : port_now();
	t->deadline_misses = 0;
	rtos_sleep_until(t->release);
	return 0;
}

int rtos_task_wait_period(void)
{
	struct rtos_task *t = rtos_cur;
	rtos_time_t next, now;
	port_flags_t flags;

	if (!t->period)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	next = t->release + t->period;
	now = port_now();
	if (now > next) {
		/* Late: run the job now, as of the last release that passed. */
		t->deadline_misses++;
		t->release += (now - t->release) / t->period * t->period;
		port_irq_restore(flags);
		return -RTOS_EDEADLINE;
	}
	t->release = next;
	if (next > now)
		sched_block(NULL, next);
	port_irq_restore(flags);
	return 0;
}

rtos_time_t rtos_task_release_time(void)
{
	return rtos_cur->release;
}

uint32_t rtos_task_deadline_misses(const struct rtos_task *task)
{
	return task->deadline_misses;
}
