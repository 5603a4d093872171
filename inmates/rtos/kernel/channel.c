// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channels: a message ring each way between this cell and a peer, with the
 * peer's doorbell interrupt as the wake-up of receivers.
 *
 * The rings live in shared memory the peer also uses, and the peer comes
 * and goes on its own schedule, so every entry point first brings the
 * attachment up to date (chan_sync): attach when the peer has formatted its
 * ring, again when it has been restarted.  The ring's own code never
 * blocks; the ring state we change (tail, head, the attachment) is only
 * touched with interrupts masked, which serialises senders and receivers
 * whether they are tasks or interrupt handlers.
 */
#include <bulkhead/rtos-link.h>
#include "kernel.h"

static void chan_isr(unsigned int irq, void *arg)
{
	struct rtos_chan *ch = arg;

	(void)irq;
	ch->doorbells++;
	/* at its maximum: a receiver has yet to look, it will see this too */
	rtos_sem_give(&ch->doorbell);
}

static void chan_attach(struct rtos_chan *ch, uint32_t starts)
{
	bool was = ch->attached;

	ch->attached = !rtos_link_attach(&ch->ring, ch->peer, ch->peer_size);
	ch->peer_starts = starts;
	if (was)
		ch->resyncs++;
}

/* Interrupts masked */
static void chan_sync(struct rtos_chan *ch)
{
	uint32_t starts = port_chan_peer_starts(ch);

	if (!ch->attached || starts != ch->peer_starts)
		chan_attach(ch, starts);
}

int rtos_chan_open(struct rtos_chan *ch, const char *name)
{
	port_flags_t flags;
	int ret;

	if (!ch || !name)
		return -RTOS_EINVAL;
	*ch = (struct rtos_chan){ 0 };
	ret = port_chan_open(ch, name);
	if (ret)
		return ret;
	ret = rtos_link_own(&ch->ring, ch->own, ch->own_size);
	if (ret < 0)
		return -RTOS_EINVAL;
	ch->resumed = ret;
	rtos_sem_init(&ch->doorbell, 0, 1);
	flags = port_irq_save();
	chan_attach(ch, port_chan_peer_starts(ch));
	port_irq_restore(flags);
	return rtos_irq_attach(ch->irq, chan_isr, ch);
}

static int send_error(const struct rtos_chan *ch, int ret)
{
	switch (ret) {
	case BH_MSGRING_EAGAIN:
		return ch->attached ? -RTOS_EAGAIN : -RTOS_ENOTCONN;
	case BH_MSGRING_ESIZE:
		return -RTOS_EMSGSIZE;
	default:
		return -RTOS_EIO;
	}
}

int rtos_chan_send(struct rtos_chan *ch, uint32_t type, const void *buf,
		   uint32_t len)
{
	port_flags_t flags;
	int ret;

	if (!ch || !ch->port)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	chan_sync(ch);
	ret = bh_msgring_send(&ch->ring, type, buf, len);
	if (ret) {
		ch->dropped++;
		ret = send_error(ch, ret);
	} else {
		ch->sent++;
	}
	port_irq_restore(flags);
	/* on -RTOS_EIO too: the peer re-attaches when it looks */
	if (!ret || ret == -RTOS_EIO)
		port_chan_ring(ch);
	return ret;
}

/* One message if there is one.  Interrupts masked. */
static int chan_take(struct rtos_chan *ch, uint32_t *type, void *buf,
		     uint32_t cap)
{
	int ret;

	chan_sync(ch);
	ret = bh_msgring_recv(&ch->ring, type, buf, cap);
	if (ret == BH_MSGRING_ECORRUPT) {
		/* the peer formatted its ring again: start at its head */
		chan_attach(ch, ch->peer_starts);
		ret = bh_msgring_recv(&ch->ring, type, buf, cap);
	}
	if (ret >= 0) {
		ch->received++;
		/* more for another receiver: pass the wake-up on */
		if (bh_msgring_pending(&ch->ring))
			rtos_sem_give(&ch->doorbell);
		return ret;
	}
	if (ret == BH_MSGRING_ESIZE) {
		rtos_link_discard(&ch->ring);
		ch->dropped++;
		return -RTOS_EMSGSIZE;
	}
	/* empty, or still corrupt: wait for the peer to do something */
	return -RTOS_EAGAIN;
}

int rtos_chan_recv(struct rtos_chan *ch, uint32_t *type, void *buf,
		   uint32_t cap, rtos_time_t timeout)
{
	rtos_time_t deadline;
	port_flags_t flags;
	int ret, woken;

	if (!ch || !ch->port)
		return -RTOS_EINVAL;
	flags = port_irq_save();
	deadline = time_deadline(timeout);
	for (;;) {
		ret = chan_take(ch, type, buf, cap);
		if (ret != -RTOS_EAGAIN || timeout == RTOS_NO_WAIT)
			break;
		if (rtos_isr_nesting) {
			ret = -RTOS_EPERM;
			break;
		}
		if (deadline != RTOS_TIME_NEVER && port_now() >= deadline) {
			ret = -RTOS_ETIMEDOUT;
			break;
		}
		woken = sem_take_deadline(&ch->doorbell, deadline);
		if (woken) {
			/* a message may have come with the timeout */
			ret = chan_take(ch, type, buf, cap);
			if (ret == -RTOS_EAGAIN)
				ret = woken;
			break;
		}
	}
	port_irq_restore(flags);
	return ret;
}

uint32_t rtos_chan_peer_state(const struct rtos_chan *ch)
{
	return port_chan_peer_state(ch);
}
