// SPDX-License-Identifier: BSD-2-Clause
/*
 * The cell's virtual UART: PL011 registers the hypervisor emulates
 * (Documentation/vuart.md), whatever UART the board has.  32-bit accesses
 * to registers that exist only: anything else fails the cell.
 */
#include <inmate.h>

#define VUART_DR   0x00
#define VUART_FR   0x18
#define VUART_IMSC 0x38
#define VUART_ICR  0x44

#define FR_RXFE (1 << 4)
#define FR_TXFF (1 << 5)
#define INT_RX	(1 << 4)

static unsigned long base;

void vuart_init(unsigned long addr)
{
	base = addr;
}

unsigned int vuart_irq(void)
{
	return base && comm_region ? comm_region->console_irq : 0;
}

void vuart_putc(char c)
{
	while (mmio_read32(base + VUART_FR) & FR_TXFF)
		cpu_relax();
	mmio_write32(base + VUART_DR, (u8)c);
}

int vuart_getc(void)
{
	if (mmio_read32(base + VUART_FR) & FR_RXFE)
		return -1;
	return mmio_read32(base + VUART_DR) & 0xff;
}

void vuart_enable_rx_irq(bool on)
{
	mmio_write32(base + VUART_IMSC, on ? INT_RX : 0);
	mmio_write32(base + VUART_ICR, INT_RX);
}
