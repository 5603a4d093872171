// SPDX-License-Identifier: BSD-2-Clause
/*
 * Counting semaphores.  A give with waiters hands the unit straight to the
 * most urgent waiter instead of bumping the count, so a task that arrives
 * later cannot steal it and the waiter never has to retry.
 */
#include "kernel.h"

int rtos_sem_init(struct rtos_sem *sem, uint32_t initial, uint32_t max)
{
	if (!sem || !max || initial > max)
		return -RTOS_EINVAL;
	sem->count = initial;
	sem->max = max;
	waitq_init(&sem->wq);
	return 0;
}

int sem_take_deadline(struct rtos_sem *sem, rtos_time_t deadline)
{
	if (sem->count) {
		sem->count--;
		return 0;
	}
	return sched_block(&sem->wq, deadline);
}

int rtos_sem_take(struct rtos_sem *sem, rtos_time_t timeout)
{
	port_flags_t flags;
	int ret;

	if (!sem)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	if (sem->count) {
		sem->count--;
		ret = 0;
	} else if (timeout == RTOS_NO_WAIT) {
		ret = -RTOS_EAGAIN;
	} else if (rtos_isr_nesting) {
		ret = -RTOS_EPERM;
	} else {
		ret = sched_block(&sem->wq, time_deadline(timeout));
	}
	port_irq_restore(flags);
	return ret;
}

int rtos_sem_give(struct rtos_sem *sem)
{
	struct rtos_task *t;
	port_flags_t flags;
	int ret = 0;

	if (!sem)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	t = waitq_first(&sem->wq);
	if (t) {
		sched_wake(t, 0);
		sched_resched();
	} else if (sem->count < sem->max) {
		sem->count++;
	} else {
		ret = -RTOS_EOVERFLOW;
	}
	port_irq_restore(flags);
	return ret;
}

uint32_t rtos_sem_count(const struct rtos_sem *sem)
{
	return sem->count;
}
