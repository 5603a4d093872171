// SPDX-License-Identifier: BSD-2-Clause
/* Host implementation of the port's channel calls (see fake_chan.h). */
#include <string.h>
#include "../../kernel/kernel.h"
#include "fake_chan.h"

static struct fake_chan *chan;

void fake_chan_set(struct fake_chan *fc)
{
	chan = fc;
}

int port_chan_open(struct rtos_chan *ch, const char *name)
{
	if (!chan || strcmp(chan->name, name))
		return -RTOS_ENOENT;
	ch->port = chan;
	ch->own = chan->own;
	ch->own_size = chan->own_size;
	ch->peer = chan->peer;
	ch->peer_size = chan->peer_size;
	ch->peer_name = "peer";
	ch->irq = chan->irq;
	ch->side = 1;
	return 0;
}

void port_chan_ring(const struct rtos_chan *ch)
{
	((struct fake_chan *)ch->port)->rings++;
}

uint32_t port_chan_peer_state(const struct rtos_chan *ch)
{
	return ((const struct fake_chan *)ch->port)->state;
}

uint32_t port_chan_peer_starts(const struct rtos_chan *ch)
{
	return ((const struct fake_chan *)ch->port)->starts;
}
