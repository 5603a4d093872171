// SPDX-License-Identifier: BSD-2-Clause
/*
 * Software timers, run by a timer task rather than from the interrupt:
 * callbacks may then use every non-blocking kernel call and a long callback
 * delays only tasks below RTOS_TIMER_TASK_PRIO, not interrupts.  Active
 * timers are kept sorted by expiry; the timer task sleeps on a private
 * semaphore until the first expiry, and starting a timer that becomes the
 * new head gives the semaphore so the task re-evaluates.
 */
#include "kernel.h"

static struct rtos_list active;
static struct rtos_sem timer_sem;
static struct rtos_task timer_task;
static uint64_t timer_stack[RTOS_TIMER_STACK / 8] __attribute__((aligned(16)));

static void timer_insert(struct rtos_timer *tm)
{
	struct rtos_list *pos;

	list_for_each(pos, &active) {
		if (container_of(pos, struct rtos_timer, node)->expiry >
		    tm->expiry)
			break;
	}
	list_insert_before(pos, &tm->node);
	tm->active = true;
}

/* Take the first expired timer off the list, re-arming periodic ones. */
static struct rtos_timer *timer_pop_expired(rtos_time_t now)
{
	struct rtos_timer *tm = list_first(&active, struct rtos_timer, node);

	if (!tm || tm->expiry > now)
		return NULL;
	list_del(&tm->node);
	tm->active = false;
	tm->fired++;
	if (tm->period) {
		/* Stay on phase, but drop expiries that are already gone. */
		tm->expiry += tm->period;
		if (tm->expiry <= now)
			tm->expiry += (now - tm->expiry) / tm->period *
					      tm->period +
				      tm->period;
		timer_insert(tm);
	}
	return tm;
}

static void timer_task_entry(void *arg)
{
	struct rtos_timer *tm;
	port_flags_t flags;

	(void)arg;
	for (;;) {
		flags = port_irq_save();
		tm = timer_pop_expired(port_now());
		if (!tm) {
			tm = list_first(&active, struct rtos_timer, node);
			sem_take_deadline(&timer_sem,
					  tm ? tm->expiry : RTOS_TIME_NEVER);
			port_irq_restore(flags);
			continue;
		}
		port_irq_restore(flags);
		tm->callback(tm, tm->arg);
	}
}

void timer_init(void)
{
	list_init(&active);
	rtos_sem_init(&timer_sem, 0, 1);
	rtos_task_init(&timer_task, "timer", RTOS_TIMER_TASK_PRIO,
		       timer_task_entry, NULL, timer_stack, sizeof(timer_stack));
}

int rtos_timer_init(struct rtos_timer *timer,
		    void (*callback)(struct rtos_timer *timer, void *arg),
		    void *arg)
{
	if (!timer || !callback)
		return -RTOS_EINVAL;
	*timer = (struct rtos_timer){ 0 };
	list_init(&timer->node);
	timer->callback = callback;
	timer->arg = arg;
	return 0;
}

int rtos_timer_start(struct rtos_timer *timer, rtos_time_t delay,
		     rtos_time_t period)
{
	port_flags_t flags;

	if (!timer || !timer->callback)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	if (timer->active)
		list_del(&timer->node);
	timer->expiry = port_now() + delay;
	timer->period = period;
	timer_insert(timer);
	if (active.next == &timer->node && !rtos_sem_count(&timer_sem))
		rtos_sem_give(&timer_sem);
	port_irq_restore(flags);
	return 0;
}

int rtos_timer_stop(struct rtos_timer *timer)
{
	port_flags_t flags;

	if (!timer)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	if (timer->active) {
		list_del(&timer->node);
		timer->active = false;
	}
	port_irq_restore(flags);
	return 0;
}

bool rtos_timer_active(const struct rtos_timer *timer)
{
	return timer->active;
}
