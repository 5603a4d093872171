// SPDX-License-Identifier: BSD-2-Clause
/*
 * Event flags.  A set wakes every waiter whose condition now holds; bits
 * that satisfied a RTOS_EVENT_CLEAR waiter are cleared only after all
 * waiters have been checked, so one set can release several waiters on
 * the same bit.
 */
#include "kernel.h"

int rtos_event_init(struct rtos_event *ev)
{
	if (!ev)
		return -RTOS_EINVAL;
	ev->flags = 0;
	waitq_init(&ev->wq);
	return 0;
}

static bool satisfied(uint32_t flags, uint32_t mask, uint32_t opts)
{
	if (opts & RTOS_EVENT_ALL)
		return (flags & mask) == mask;
	return flags & mask;
}

int rtos_event_wait(struct rtos_event *ev, uint32_t mask, uint32_t opts,
		    uint32_t *out, rtos_time_t timeout)
{
	struct rtos_task *t = rtos_cur;
	port_flags_t flags;
	uint32_t got = 0;
	int ret = 0;

	if (!ev || !mask || (opts & ~(RTOS_EVENT_ALL | RTOS_EVENT_CLEAR)))
		return -RTOS_EINVAL;
	flags = port_irq_save();
	if (satisfied(ev->flags, mask, opts)) {
		got = ev->flags & mask;
		if (opts & RTOS_EVENT_CLEAR)
			ev->flags &= ~got;
	} else if (timeout == RTOS_NO_WAIT) {
		ret = -RTOS_EAGAIN;
	} else if (rtos_isr_nesting) {
		ret = -RTOS_EPERM;
	} else {
		t->wait_mask = mask;
		t->wait_opts = opts;
		t->wait_data = &got;
		ret = sched_block(&ev->wq, time_deadline(timeout));
	}
	port_irq_restore(flags);
	if (out)
		*out = got;
	return ret;
}

int rtos_event_set(struct rtos_event *ev, uint32_t bits)
{
	struct rtos_list *pos, *next;
	struct rtos_task *t;
	port_flags_t flags;
	uint32_t clear = 0;
	bool woke = false;

	if (!ev)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	ev->flags |= bits;
	for (pos = ev->wq.waiters.next; pos != &ev->wq.waiters; pos = next) {
		next = pos->next;
		t = container_of(pos, struct rtos_task, node);
		if (!satisfied(ev->flags, t->wait_mask, t->wait_opts))
			continue;
		*(uint32_t *)t->wait_data = ev->flags & t->wait_mask;
		if (t->wait_opts & RTOS_EVENT_CLEAR)
			clear |= t->wait_mask;
		sched_wake(t, 0);
		woke = true;
	}
	ev->flags &= ~clear;
	if (woke)
		sched_resched();
	port_irq_restore(flags);
	return 0;
}

int rtos_event_clear(struct rtos_event *ev, uint32_t bits)
{
	port_flags_t flags;

	if (!ev)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	ev->flags &= ~bits;
	port_irq_restore(flags);
	return 0;
}

uint32_t rtos_event_get(const struct rtos_event *ev)
{
	return ev->flags;
}
