// SPDX-License-Identifier: BSD-2-Clause
/*
 * Channels from the inmate's side: find one by name in the comm region,
 * reach its areas, ring the peer, take its doorbell.
 *
 * The hypervisor maps the channel at the same address as in physical
 * memory.  Our own MMU maps it as normal cacheable memory, as the peer does:
 * mismatched attributes on shared memory lose writes in the caches.
 */
#include <inmate.h>

#define MAX_OPEN BH_MAX_CHANNELS

static struct channel *open_channels[MAX_OPEN];
static unsigned int num_open;

static bool name_is(const char *a, const char *b)
{
	return !strncmp(a, b, BH_CHANNEL_NAME_LEN);
}

static void fill(struct channel *ch, const struct bh_comm_channel *cc)
{
	const struct bh_channel_header *h = ch->hdr;
	unsigned long base = cc->address;
	unsigned int own = cc->side, peer = !cc->side;

	ch->side = own;
	ch->id = cc->id;
	ch->doorbell = (volatile u32 *)(base + BH_CHANNEL_DOORBELL_OFFSET);
	ch->own = (void *)(base + h->out_offset[own]);
	ch->own_size = h->out_size[own];
	ch->peer = (const void *)(base + h->out_offset[peer]);
	ch->peer_size = h->out_size[peer];
	ch->common = h->common_size ? (void *)(base + h->common_offset) : NULL;
	ch->common_size = h->common_size;
	ch->irq = h->doorbell_irq[own];
}

int channel_open(struct channel *ch, const char *name)
{
	unsigned int n;

	memset(ch, 0, sizeof(*ch));
	if (!comm_region || comm_region->revision < BH_COMM_REVISION)
		return -BH_ENOENT;
	for (n = 0; n < comm_region->num_channels && n < BH_MAX_CHANNELS; n++) {
		const struct bh_comm_channel *cc = &comm_region->channels[n];

		if (mmu_enabled())
			mmu_map_normal(cc->address);
		ch->hdr = (const struct bh_channel_header *)cc->address;
		if (memcmp(ch->hdr->signature, BH_CHANNEL_SIGNATURE,
			   BH_SIGNATURE_LEN) ||
		    !name_is(ch->hdr->name, name))
			continue;
		fill(ch, cc);
		return 0;
	}
	ch->hdr = NULL;
	return -BH_ENOENT;
}

void channel_ring(const struct channel *ch)
{
	/* what we wrote must be visible before the peer looks */
	dsb(ish);
	*ch->doorbell = 1;
}

u32 channel_peer_state(const struct channel *ch)
{
	return ch->hdr->state[!ch->side];
}

u32 channel_peer_starts(const struct channel *ch)
{
	return ch->hdr->starts[!ch->side];
}

int channel_set_handler(struct channel *ch, channel_handler_t handler)
{
	unsigned int n;

	ch->handler = handler;
	for (n = 0; n < num_open; n++)
		if (open_channels[n] == ch)
			break;
	if (n == num_open) {
		if (num_open == MAX_OPEN)
			return -BH_ENOMEM;
		open_channels[num_open++] = ch;
	}
	if (handler)
		gic_enable_irq(ch->irq);
	else
		gic_disable_irq(ch->irq);
	return 0;
}

bool channel_dispatch(unsigned int intid)
{
	unsigned int n;

	for (n = 0; n < num_open; n++) {
		struct channel *ch = open_channels[n];

		if (ch->irq == intid && ch->handler) {
			ch->doorbells++;
			ch->handler(ch);
			return true;
		}
	}
	return false;
}
