// SPDX-License-Identifier: BSD-2-Clause
/*
 * Message queues: a ring of fixed-size items.  Items are copied directly
 * between a sender and a blocked receiver (and from a blocked sender into a
 * slot freed by a receive), so a woken task always finds its operation done
 * and wait order is kept strictly by priority.
 */
#include "kernel.h"

static void copy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
}

int rtos_queue_init(struct rtos_queue *q, void *buf, size_t item_size,
		    uint32_t capacity)
{
	if (!q || !buf || !item_size || !capacity)
		return -RTOS_EINVAL;
	q->buf = buf;
	q->item_size = item_size;
	q->capacity = capacity;
	q->head = 0;
	q->count = 0;
	waitq_init(&q->senders);
	waitq_init(&q->receivers);
	return 0;
}

static void *slot(struct rtos_queue *q, uint32_t i)
{
	return q->buf + ((q->head + i) % q->capacity) * q->item_size;
}

static void ring_put(struct rtos_queue *q, const void *item)
{
	copy(slot(q, q->count), item, q->item_size);
	q->count++;
}

static void ring_get(struct rtos_queue *q, void *item)
{
	copy(item, slot(q, 0), q->item_size);
	q->head = (q->head + 1) % q->capacity;
	q->count--;
}

static int block_check(rtos_time_t timeout)
{
	if (timeout == RTOS_NO_WAIT)
		return -RTOS_EAGAIN;
	if (rtos_isr_nesting)
		return -RTOS_EPERM;
	return 0;
}

int rtos_queue_send(struct rtos_queue *q, const void *item, rtos_time_t timeout)
{
	struct rtos_task *t;
	port_flags_t flags;
	int ret = 0;

	if (!q || !item)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	t = waitq_first(&q->receivers);
	if (t) {
		copy(t->wait_data, item, q->item_size);
		sched_wake(t, 0);
		sched_resched();
	} else if (q->count < q->capacity) {
		ring_put(q, item);
	} else {
		ret = block_check(timeout);
		if (!ret) {
			rtos_cur->wait_data = (void *)item;
			ret = sched_block(&q->senders, time_deadline(timeout));
		}
	}
	port_irq_restore(flags);
	return ret;
}

int rtos_queue_receive(struct rtos_queue *q, void *item, rtos_time_t timeout)
{
	struct rtos_task *t;
	port_flags_t flags;
	int ret = 0;

	if (!q || !item)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	if (q->count) {
		ring_get(q, item);
		t = waitq_first(&q->senders);
		if (t) {
			ring_put(q, t->wait_data);
			sched_wake(t, 0);
			sched_resched();
		}
	} else {
		ret = block_check(timeout);
		if (!ret) {
			rtos_cur->wait_data = item;
			ret = sched_block(&q->receivers, time_deadline(timeout));
		}
	}
	port_irq_restore(flags);
	return ret;
}

uint32_t rtos_queue_count(const struct rtos_queue *q)
{
	return q->count;
}
