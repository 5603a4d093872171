// SPDX-License-Identifier: GPL-2.0
/*
 * Channels: memory shared by two cells, and a doorbell each way.
 *
 * The system config lists them (abi.h, struct bh_channel_desc).  A channel
 * appears at the same address in both peers.  Stage 2 enforces who writes
 * what: the header only the hypervisor, each output area only its owner,
 * the common area both.  The doorbell page is never mapped: a write to it
 * traps here and sets the other peer's doorbell SPI pending in the
 * distributor, which then reaches that peer like any device interrupt, so a
 * direct-delivery cell takes it without an exit.  The SPI is edge-triggered:
 * a peer ringing in a loop leaves one pending interrupt, not a flood.
 *
 * A peer that does not exist yet is linked when its cell is created.  Every
 * change of a peer's state goes into the header, and rings the other peer.
 */
#include <bulkhead/config_check.h>
#include <hv/arch.h>
#include <hv/channel.h>
#include <hv/printk.h>
#include <hv/setup.h>
#include <hv/string.h>

struct channel {
	const struct bh_channel_desc *desc;
	struct bh_channel_header *hdr; /* its first page, mapped at EL2 */
	struct cell *peer[2];	       /* NULL: that cell does not exist */
	char why[80];		       /* a refused access, for the console */
};

static struct channel channels[BH_MAX_CHANNELS];
static unsigned int num_channels;

static int side_of(const struct channel *ch, const struct cell *cell)
{
	return ch->peer[0] == cell ? 0 : 1;
}

static void header_flush(struct channel *ch)
{
	/* an inmate may read it with its MMU off, past the caches */
	arch_dcache_flush(ch->hdr, sizeof(*ch->hdr));
}

static void ring(struct channel *ch, int to)
{
	if (READ_ONCE(ch->hdr->state[to]) == BH_PEER_RUNNING)
		irqchip_set_spi_pending(ch->desc->doorbell_irq[to]);
}

/* The doorbell page: a write rings the other peer, a read gives zero. */
static enum mmio_result doorbell_access(struct cell *cell, void *arg,
					struct mmio_access *acc)
{
	struct channel *ch = arg;
	int from = side_of(ch, cell);

	if (!acc->is_write) {
		acc->value = 0;
		return MMIO_HANDLED;
	}
	__atomic_fetch_add(&ch->hdr->rings[from], 1, __ATOMIC_RELAXED);
	ring(ch, !from);
	return MMIO_HANDLED;
}

static int map_window(struct cell *cell, const struct channel *ch, int side)
{
	const struct bh_channel_desc *d = ch->desc;
	u64 out[2] = { d->address + BH_CHANNEL_AREAS_OFFSET,
		       d->address + BH_CHANNEL_AREAS_OFFSET + d->out_size[0] };
	u64 common = out[1] + d->out_size[1];
	int err;

	err = paging_map(&cell->stage2, d->address, d->address, PAGE_SIZE,
			 PAGING_READ);
	err = err   ?:
		      paging_map(&cell->stage2, out[side], out[side],
				 d->out_size[side], PAGING_RW);
	err = err   ?:
		      paging_map(&cell->stage2, out[!side], out[!side],
				 d->out_size[!side], PAGING_READ);
	if (!err && d->common_size)
		err = paging_map(&cell->stage2, common, common, d->common_size,
				 PAGING_RW);
	return err   ?:
		       mmio_region_register(cell,
					    d->address +
						    BH_CHANNEL_DOORBELL_OFFSET,
					    PAGE_SIZE, doorbell_access,
					    (void *)ch);
}

static void header_init(struct channel *ch, unsigned int id)
{
	const struct bh_channel_desc *d = ch->desc;
	struct bh_channel_header *h = ch->hdr;

	memcpy(h->signature, BH_CHANNEL_SIGNATURE, BH_SIGNATURE_LEN);
	h->revision = BH_CHANNEL_REVISION;
	h->id = id;
	memcpy(h->name, d->name, sizeof(h->name));
	memcpy(h->peer, d->peer, sizeof(h->peer));
	h->out_offset[0] = BH_CHANNEL_AREAS_OFFSET;
	h->out_offset[1] = BH_CHANNEL_AREAS_OFFSET + d->out_size[0];
	h->out_size[0] = d->out_size[0];
	h->out_size[1] = d->out_size[1];
	h->common_offset = h->out_offset[1] + d->out_size[1];
	h->common_size = d->common_size;
	h->doorbell_irq[0] = d->doorbell_irq[0];
	h->doorbell_irq[1] = d->doorbell_irq[1];
}

/* Nothing of a previous session may show through: clear it all once. */
static int channel_setup(struct channel *ch, unsigned int id)
{
	const struct bh_channel_desc *d = ch->desc;
	u64 size = bh_channel_size(d);
	int err;

	err = paging_map(&hv_paging, d->address, d->address, size, PAGING_RW);
	if (!err) {
		memset((void *)(uintptr_t)d->address, 0, size);
		arch_dcache_flush((void *)(uintptr_t)d->address, size);
	}
	paging_unmap(&hv_paging, d->address, size);
	arch_paging_flush_hyp();
	err = err   ?:
		      paging_map(&hv_paging, d->address, d->address, PAGE_SIZE,
				 PAGING_RW);
	if (err)
		return err;
	ch->hdr = (struct bh_channel_header *)(uintptr_t)d->address;
	header_init(ch, id);
	snprintf(ch->why, sizeof(ch->why),
		 "an access to channel \"%s\" that it does not allow", d->name);
	irqchip_make_doorbell(d->doorbell_irq[0]);
	irqchip_make_doorbell(d->doorbell_irq[1]);
	return 0;
}

static int join_root(struct channel *ch)
{
	int side = bh_channel_side(ch->desc, root_cell.config->name);
	unsigned int irq;
	int err;

	if (side < 0)
		return 0;
	err = map_window(&root_cell, ch, side);
	if (err)
		return err;
	irq = ch->desc->doorbell_irq[side];
	root_cell.irq_bitmap[irq / 32] |= 1U << (irq % 32);
	ch->peer[side] = &root_cell;
	ch->hdr->state[side] = BH_PEER_RUNNING;
	ch->hdr->starts[side] = 1;
	return 0;
}

int channels_init(void)
{
	const struct bh_channel_desc *desc = bh_system_channels(sys_config);
	unsigned int n, lines = irqchip_num_spis() + 32;
	int err;

	for (n = 0; n < sys_config->num_channels; n++) {
		struct channel *ch = &channels[n];

		if (desc[n].doorbell_irq[0] >= lines ||
		    desc[n].doorbell_irq[1] >= lines) {
			printk("FATAL: channel \"%s\": a doorbell is beyond "
			       "INTID %u, the last this GIC has\n",
			       desc[n].name, lines - 1);
			return -BH_ERANGE;
		}
		ch->desc = &desc[n];
		err = channel_setup(ch, n);
		err = err ?: join_root(ch);
		if (err)
			return err;
		header_flush(ch);
		num_channels = n + 1;
	}
	return 0;
}

/* Map the cell's channels and give it their doorbells (before take_irqs). */
int channels_cell_create(struct cell *cell)
{
	struct bh_comm_region *comm = cell->comm;
	unsigned int n;
	int side, err;

	for (n = 0; n < num_channels; n++) {
		struct channel *ch = &channels[n];
		unsigned int irq;

		side = bh_channel_side(ch->desc, cell->config->name);
		if (side < 0)
			continue;
		err = map_window(cell, ch, side);
		if (err)
			return err;
		irq = ch->desc->doorbell_irq[side];
		cell->irq_bitmap[irq / 32] |= 1U << (irq % 32);
		comm->channels[comm->num_channels].address = ch->desc->address;
		comm->channels[comm->num_channels].side = side;
		comm->channels[comm->num_channels].id = n;
		comm->num_channels++;
	}
	return 0;
}

/* The cell exists now: link it.  Under cells_lock. */
void channels_cell_link(struct cell *cell)
{
	unsigned int n;
	int side;

	for (n = 0; n < num_channels; n++) {
		side = bh_channel_side(channels[n].desc, cell->config->name);
		if (side >= 0)
			channels[n].peer[side] = cell;
	}
}

static u32 peer_state_of(u32 cell_state)
{
	switch (cell_state) {
	case BH_CELL_RUNNING:
	case BH_CELL_RUNNING_LOCKED:
		return BH_PEER_RUNNING;
	case BH_CELL_SHUT_DOWN:
		return BH_PEER_SHUT_DOWN;
	case BH_CELL_FAILED:
		return BH_PEER_FAILED;
	default:
		return BH_PEER_ABSENT;
	}
}

static void set_peer_state(struct channel *ch, int side, u32 state)
{
	struct bh_channel_header *h = ch->hdr;

	if (h->state[side] == state)
		return;
	h->state[side] = state;
	if (state == BH_PEER_RUNNING)
		h->starts[side]++;
	header_flush(ch);
	ring(ch, !side);
}

/* The cell's state changed (BH_CELL_*): tell its peers.  Under cells_lock. */
void channels_cell_state(struct cell *cell, u32 cell_state)
{
	unsigned int n;

	for (n = 0; n < num_channels; n++) {
		struct channel *ch = &channels[n];

		if (ch->peer[0] == cell || ch->peer[1] == cell)
			set_peer_state(ch, side_of(ch, cell),
				       peer_state_of(cell_state));
	}
}

/* The cell is being destroyed: it is absent from now on.  Under cells_lock */
void channels_cell_unlink(struct cell *cell)
{
	unsigned int n;

	for (n = 0; n < num_channels; n++) {
		struct channel *ch = &channels[n];
		int side;

		if (ch->peer[0] != cell && ch->peer[1] != cell)
			continue;
		side = side_of(ch, cell);
		set_peer_state(ch, side, BH_PEER_ABSENT);
		ch->peer[side] = NULL;
	}
}

const char *channel_fault_why(u64 ipa)
{
	unsigned int n;

	for (n = 0; n < num_channels; n++) {
		const struct bh_channel_desc *d = channels[n].desc;

		if (ipa >= d->address && ipa - d->address < bh_channel_size(d))
			return channels[n].why;
	}
	return NULL;
}

long channel_copy_header(unsigned long id, paddr_t addr)
{
	if (id >= num_channels)
		return -BH_ENOENT;
	return copy_to_root(addr, channels[id].hdr,
			    sizeof(struct bh_channel_header));
}
