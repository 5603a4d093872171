/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fake channel for host unit tests: two areas in host memory, the peer
 * played by the test itself, its doorbell raised with fake_irq_raise().
 */
#ifndef _RTOS_FAKE_CHAN_H
#define _RTOS_FAKE_CHAN_H

#include <rtos.h>

struct fake_chan {
	const char *name;
	void *own; /* the RTOS's area */
	size_t own_size;
	void *peer; /* the test's (the RTOS only reads it) */
	size_t peer_size;
	unsigned int irq; /* the RTOS's doorbell */
	uint32_t state;	  /* BH_PEER_* of the test's side */
	uint32_t starts;
	uint64_t rings; /* the RTOS rang the test */
};

/* The one channel port_chan_open() finds (NULL: none) */
void fake_chan_set(struct fake_chan *fc);

#endif
