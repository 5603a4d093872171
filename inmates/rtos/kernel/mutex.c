// SPDX-License-Identifier: BSD-2-Clause
/*
 * Mutexes with transitive priority inheritance.
 *
 * A task's effective priority is the maximum of its base priority and the
 * priority of the most urgent waiter of every mutex it holds.  It is
 * recomputed, and the change pushed along the chain of owners a task is
 * blocked on, whenever that set changes: a task blocks, times out, a mutex
 * is handed over, or a base priority changes.  Waiter queues are sorted by
 * priority, so "most urgent waiter" is the queue head.
 */
#include "kernel.h"

int rtos_mutex_init(struct rtos_mutex *mutex)
{
	if (!mutex)
		return -RTOS_EINVAL;
	mutex->owner = NULL;
	mutex->depth = 0;
	list_init(&mutex->node);
	waitq_init(&mutex->wq);
	return 0;
}

static unsigned int inherited_prio(struct rtos_task *t)
{
	unsigned int prio = t->base_prio;
	struct rtos_list *pos;
	struct rtos_task *w;

	list_for_each(pos, &t->mutexes) {
		w = waitq_first(&container_of(pos, struct rtos_mutex, node)->wq);
		if (w && w->prio > prio)
			prio = w->prio;
	}
	return prio;
}

void mutex_recompute_prio(struct rtos_task *t)
{
	unsigned int prio;

	while (t) {
		prio = inherited_prio(t);
		if (prio == t->prio)
			break;
		sched_prio_change(t, prio);
		t = t->blocked_on ? t->blocked_on->owner : NULL;
	}
}

void mutex_waiter_left(struct rtos_task *t)
{
	struct rtos_mutex *m = t->blocked_on;

	t->blocked_on = NULL;
	if (m)
		mutex_recompute_prio(m->owner);
}

static void mutex_take(struct rtos_mutex *m, struct rtos_task *t)
{
	m->owner = t;
	m->depth = 1;
	list_add_tail(&t->mutexes, &m->node);
}

static bool would_deadlock(struct rtos_mutex *m, struct rtos_task *t)
{
	struct rtos_task *o;

	for (o = m->owner; o; o = o->blocked_on ? o->blocked_on->owner : NULL)
		if (o == t)
			return true;
	return false;
}

static int mutex_wait(struct rtos_mutex *m, rtos_time_t timeout)
{
	struct rtos_task *t = rtos_cur;
	struct rtos_task *o;

	if (timeout == RTOS_NO_WAIT)
		return -RTOS_EAGAIN;
	if (would_deadlock(m, t))
		return -RTOS_EDEADLK;
	t->blocked_on = m;
	/* Raise the owner chain now; sched_block() queues us after this. */
	for (o = m->owner; o && o->prio < t->prio;
	     o = o->blocked_on ? o->blocked_on->owner : NULL)
		sched_prio_change(o, t->prio);
	/* On success the unlocking task has already made us the owner. */
	return sched_block(&m->wq, time_deadline(timeout));
}

int rtos_mutex_lock(struct rtos_mutex *mutex, rtos_time_t timeout)
{
	port_flags_t flags;
	int ret = 0;

	if (!mutex)
		return -RTOS_EINVAL;
	if (rtos_isr_nesting)
		return -RTOS_EPERM;
	flags = port_irq_save();
	if (!mutex->owner)
		mutex_take(mutex, rtos_cur);
	else if (mutex->owner == rtos_cur)
		mutex->depth++;
	else
		ret = mutex_wait(mutex, timeout);
	port_irq_restore(flags);
	return ret;
}

int rtos_mutex_unlock(struct rtos_mutex *mutex)
{
	struct rtos_task *next;
	port_flags_t flags;

	if (!mutex)
		return -RTOS_EINVAL;
	if (rtos_isr_nesting || mutex->owner != rtos_cur)
		return -RTOS_EPERM;
	flags = port_irq_save();
	if (--mutex->depth)
		goto out;
	list_del(&mutex->node);
	mutex->owner = NULL;
	next = waitq_first(&mutex->wq);
	if (next) {
		sched_wake(next, 0);
		next->blocked_on = NULL;
		mutex_take(mutex, next);
		mutex_recompute_prio(next);
	}
	mutex_recompute_prio(rtos_cur);
	sched_resched();
out:
	port_irq_restore(flags);
	return 0;
}
