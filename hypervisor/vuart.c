// SPDX-License-Identifier: GPL-2.0
/*
 * A virtual UART per cell: the subset of an SBSA-UART/PL011 that Linux's
 * amba-pl011 driver and our inmates use, emulated in one trapped page.
 *
 * What the cell writes to DR goes into a ring in the pool (the root reads
 * it with BH_HC_VUART_READ, counting bytes from the cell's creation); what
 * the root sends (BH_HC_VUART_WRITE) waits in a receive FIFO.  The
 * transmitter is never busy and never full.  The interrupt is level in
 * PL011 terms, RIS & IMSC; the hypervisor sets the SPI pending each time
 * that goes from clear to set, and the line is edge-triggered in the GIC,
 * so a driver that leaves data behind is interrupted again, never flooded.
 *
 * Every access is hostile input: a register that does not exist, a part of
 * one, or more than 32 bits fails the cell (and only it).
 */
#include <hv/arch.h>
#include <hv/control.h>
#include <hv/mgmt.h>
#include <hv/page_alloc.h>
#include <hv/string.h>
#include <hv/vuart.h>

#define UART_DR	      0x00
#define UART_RSR      0x04
#define UART_FR	      0x18
#define UART_ILPR     0x20
#define UART_CR	      0x30
#define UART_IFLS     0x34
#define UART_IMSC     0x38
#define UART_RIS      0x3c
#define UART_MIS      0x40
#define UART_ICR      0x44
#define UART_DMACR    0x48
#define UART_NUM_REGS (UART_DMACR / 4 + 1)
#define UART_ID	      0xfe0 /* PeriphID0..3, PCellID0..3 */

/* DR RSR FR ILPR IBRD FBRD LCR_H CR IFLS IMSC RIS MIS ICR DMACR */
#define REGS_VALID  0x7ff43
/* written by the cell, read back as written */
#define REGS_STORED 0x5fe00

#define FR_BUSY BIT(3)
#define FR_RXFE BIT(4)
#define FR_TXFE BIT(7)
#define FR_RXFF BIT(6)
#define INT_RX	BIT(4)
#define INT_TX	BIT(5)
#define INT_ALL 0x7ff

#define CR_RESET   0x300 /* TXE | RXE */
#define IFLS_RESET 0x12

struct vuart {
	spinlock_t lock;
	unsigned int irq;
	bool line;		 /* RIS & IMSC, as last raised */
	u32 regs[UART_NUM_REGS]; /* the REGS_STORED ones */
	u32 rx_head, rx_tail;	 /* count in and out */
	u8 rx[BH_VUART_RX_FIFO_SIZE];
	u64 tx_head; /* bytes the cell wrote in all */
	char tx[BH_VUART_TX_RING_SIZE];
};

#define VUART_PAGES (ALIGN_UP(sizeof(struct vuart), PAGE_SIZE) / PAGE_SIZE)

/* An AMBA PL011 (PeriphID 0x00141011), as Linux's AMBA bus reads it */
static const u8 uart_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

static u32 rx_count(const struct vuart *vu)
{
	return vu->rx_head - vu->rx_tail;
}

static u32 raw_status(const struct vuart *vu)
{
	return INT_TX | (rx_count(vu) ? INT_RX : 0);
}

/* Under the lock, after every change: raise the SPI on a rising level. */
static void update_line(struct vuart *vu)
{
	bool line = raw_status(vu) & vu->regs[UART_IMSC / 4];

	if (line && !vu->line)
		irqchip_set_spi_pending(vu->irq);
	vu->line = line;
}

static u32 reg_read(struct vuart *vu, u32 off)
{
	u32 fr = FR_TXFE;

	switch (off) {
	case UART_DR:
		if (!rx_count(vu))
			return 0;
		return vu->rx[vu->rx_tail++ % BH_VUART_RX_FIFO_SIZE];
	case UART_FR:
		if (!rx_count(vu))
			fr |= FR_RXFE;
		if (rx_count(vu) == BH_VUART_RX_FIFO_SIZE)
			fr |= FR_RXFF;
		return fr;
	case UART_RIS:
		return raw_status(vu);
	case UART_MIS:
		return raw_status(vu) & vu->regs[UART_IMSC / 4];
	default:
		if (off >= UART_ID)
			return uart_id[(off - UART_ID) / 4 % 8];
		/* 0 if never stored */
		return off / 4 < UART_NUM_REGS ? vu->regs[off / 4] : 0;
	}
}

static void reg_write(struct vuart *vu, u32 off, u32 value)
{
	if (off == UART_DR) {
		vu->tx[vu->tx_head++ % BH_VUART_TX_RING_SIZE] = (char)value;
		return;
	}
	if (off / 4 < UART_NUM_REGS && (REGS_STORED & BIT(off / 4)))
		vu->regs[off / 4] = value &
				    (off == UART_IMSC ? INT_ALL : 0xffff);
	/* RSR/ECR, ICR, ILPR, FR, RIS, MIS, the IDs: nothing to do */
}

static bool reg_exists(u32 off)
{
	if (off & 3)
		return false;
	if (off >= UART_ID)
		return true;
	return off < UART_NUM_REGS * 4 && (REGS_VALID & BIT(off / 4));
}

static enum mmio_result vuart_access(struct cell *cell, void *arg,
				     struct mmio_access *acc)
{
	struct vuart *vu = arg;
	u32 off = acc->address & (PAGE_SIZE - 1);

	if (acc->size > 4 || !reg_exists(off)) {
		acc->why = "a vUART access to no register (or wider than "
			   "32 bits)";
		return MMIO_DENIED;
	}
	spin_lock(&vu->lock);
	if (acc->is_write)
		reg_write(vu, off, acc->value);
	else
		acc->value = reg_read(vu, off) &
			     (0xffffffffULL >> (32 - 8 * acc->size));
	update_line(vu);
	spin_unlock(&vu->lock);
	return MMIO_HANDLED;
}

int vuart_cell_init(struct cell *cell)
{
	const struct bh_vuart_desc *desc = &cell->config->vuart;
	struct vuart *vu;

	BUILD_BUG_ON(UART_ICR != 0x44 || BH_VUART_RX_FIFO_SIZE & 3);
	if (!desc->address)
		return 0;
	vu = page_zalloc(&mem_pool, VUART_PAGES);
	if (!vu)
		return -BH_ENOMEM;
	cell->vuart = vu;
	vu->irq = desc->irq;
	vu->regs[UART_CR / 4] = CR_RESET;
	vu->regs[UART_IFLS / 4] = IFLS_RESET;
	return mmio_region_register(cell, desc->address, PAGE_SIZE,
				    vuart_access, vu);
}

void vuart_cell_link(struct cell *cell)
{
	if (cell->vuart)
		irqchip_hv_line(cell->vuart->irq, true);
}

void vuart_cell_exit(struct cell *cell)
{
	if (!cell->vuart)
		return;
	irqchip_hv_line(cell->vuart->irq, false);
	page_free(&mem_pool, cell->vuart, VUART_PAGES);
	cell->vuart = NULL;
}

/* Copy n bytes of the ring from byte `from` on, where the root asked. */
static int copy_ring(struct vuart *vu, paddr_t addr, u64 from, u32 n)
{
	u32 off = from % BH_VUART_TX_RING_SIZE;
	u32 first = MIN(n, BH_VUART_TX_RING_SIZE - off);
	int err;

	err = first ? copy_to_root(addr, &vu->tx[off], first) : 0;
	if (!err && n > first)
		err = copy_to_root(addr + first, vu->tx, n - first);
	return err;
}

static long read_locked(struct cell *cell, u64 addr, u64 unused)
{
	struct vuart *vu = cell->vuart;
	struct { /* struct bh_vuart_read up to data */
		u64 pos, start, head;
		u32 len, reserved;
	} hdr;
	long err;

	BUILD_BUG_ON(sizeof(hdr) != offsetof(struct bh_vuart_read, data));
	if (!vu)
		return -BH_EINVAL;
	err = copy_from_root(&hdr.pos, addr, sizeof(hdr.pos));
	if (err)
		return err;
	spin_lock(&vu->lock);
	hdr.head = vu->tx_head;
	hdr.start = MIN(hdr.pos, hdr.head);
	if (hdr.head - hdr.start > BH_VUART_TX_RING_SIZE)
		hdr.start = hdr.head - BH_VUART_TX_RING_SIZE;
	hdr.len = MIN(hdr.head - hdr.start, BH_VUART_READ_MAX);
	hdr.reserved = 0;
	err = copy_ring(vu, addr + offsetof(struct bh_vuart_read, data),
			hdr.start, hdr.len);
	spin_unlock(&vu->lock);
	err = err ?: copy_to_root(addr, &hdr, sizeof(hdr));
	return err ?: hdr.len;
}

long vuart_read(unsigned int id, paddr_t addr)
{
	return with_cell(id, read_locked, addr, 0);
}

static long write_locked(struct cell *cell, u64 addr, u64 count)
{
	struct vuart *vu = cell->vuart;
	u8 buf[BH_VUART_RX_FIFO_SIZE];
	long n, err;

	if (!vu || count > sizeof(buf))
		return -BH_EINVAL;
	err = count ? copy_from_root(buf, addr, count) : 0;
	if (err)
		return err;
	spin_lock(&vu->lock);
	for (n = 0; n < (long)count && rx_count(vu) < sizeof(buf); n++)
		vu->rx[vu->rx_head++ % BH_VUART_RX_FIFO_SIZE] = buf[n];
	update_line(vu);
	spin_unlock(&vu->lock);
	return n;
}

long vuart_write(unsigned int id, paddr_t addr, u64 count)
{
	return with_cell(id, write_locked, addr, count);
}
