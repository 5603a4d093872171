// SPDX-License-Identifier: BSD-2-Clause
/*
 * arm64 port: channels through the inmate library, which finds them in
 * the comm region and maps them as normal memory.  Its doorbell dispatch
 * is not used: the RTOS has its own vectors (rtos_irq_attach).
 */
#include <inmate.h>
#include "kernel.h"

#define MAX_CHANS 4

static struct channel chans[MAX_CHANS];
static unsigned int num_chans;

int port_chan_open(struct rtos_chan *ch, const char *name)
{
	struct channel *c;

	if (num_chans == MAX_CHANS)
		return -RTOS_ENOMEM;
	c = &chans[num_chans];
	if (channel_open(c, name))
		return -RTOS_ENOENT;
	num_chans++;
	ch->port = c;
	ch->own = c->own;
	ch->own_size = c->own_size;
	ch->peer = c->peer;
	ch->peer_size = c->peer_size;
	ch->peer_name = c->hdr->peer[!c->side];
	ch->irq = c->irq;
	ch->side = c->side;
	return 0;
}

void port_chan_ring(const struct rtos_chan *ch)
{
	channel_ring(ch->port);
}

uint32_t port_chan_peer_state(const struct rtos_chan *ch)
{
	return channel_peer_state(ch->port);
}

uint32_t port_chan_peer_starts(const struct rtos_chan *ch)
{
	return channel_peer_starts(ch->port);
}
