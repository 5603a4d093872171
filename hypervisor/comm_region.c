// SPDX-License-Identifier: GPL-2.0
/*
 * The comm region, the hypervisor's side: filled in at create, then
 * written on each change of state, each shutdown message and each new
 * command line.  The cell's side is inmates/lib/comm.c and, in a Linux
 * cell, driver/cell_side.c; what the answers mean for the cell's life is
 * cell_mgmt.c's.
 */
#include <hv/comm_region.h>
#include <hv/console.h>
#include <hv/string.h>

/*
 * The console the cell may drive itself: its vUART, or the UART its config
 * marks BH_MEM_CONSOLE (the checker allows one, and only on IO).  Zero
 * otherwise: it prints by hypercall.
 */
static void comm_set_console(struct cell *cell)
{
	const struct bh_vuart_desc *vuart = &cell->config->vuart;
	const struct bh_memory_region *r = bh_cell_mem_regions(cell->config);
	unsigned int n;

	if (vuart->address) {
		cell->comm->console_base = vuart->address;
		cell->comm->console_type = BH_CONSOLE_VUART;
		cell->comm->console_irq = vuart->irq;
		return;
	}
	for (n = 0; n < cell->config->num_memory_regions; n++, r++) {
		if (!(r->flags & BH_MEM_CONSOLE))
			continue;
		cell->comm->console_base = r->virt_start;
		cell->comm->console_type = uart_console_type;
		return;
	}
}

/* Platform facts as the cell sees them: the GIC where it really is. */
void comm_init(struct cell *cell)
{
	const struct bh_platform *plat = &sys_config->platform;
	struct bh_comm_region *comm = cell->comm;

	memcpy(comm->signature, BH_COMM_SIGNATURE, BH_SIGNATURE_LEN);
	comm->revision = BH_COMM_REVISION;
	comm->cell_state = BH_CELL_CREATED;
	comm->gic_version = plat->gic_version;
	comm->cpu_count = __builtin_popcountll(cell->cpu_set);
	comm->gicd_base = plat->gicd_base;
	comm->gicr_base = plat->gicr_base;
	comm->gicc_base = plat->gicc_base;
	comm->timer_frequency = arch_timer_frequency();
	comm->watchdog_ms = cell->config->health.watchdog_ms;
	comm_set_console(cell);
	comm_flush(cell);
}

void comm_send(struct cell *cell, u32 msg)
{
	cell->comm->reply_from_cell = BH_MSG_NONE;
	cell->comm->msg_to_cell = msg;
	comm_flush(cell);
}

u32 comm_reply(struct cell *cell)
{
	arch_dcache_flush((const void *)&cell->comm->reply_from_cell,
			  sizeof(u32));
	return READ_ONCE(cell->comm->reply_from_cell);
}

int comm_set_cmdline(struct cell *cell, paddr_t addr, u64 len)
{
	struct bh_comm_region *comm = cell->comm;
	int err = 0;

	if (len > BH_CMDLINE_MAX)
		return -BH_E2BIG;
	memset(comm->cmdline, 0, BH_CMDLINE_MAX);
	if (len)
		err = copy_from_root(comm->cmdline, addr, len);
	comm->cmdline[BH_CMDLINE_MAX - 1] = '\0';
	comm_flush(cell);
	return err;
}
