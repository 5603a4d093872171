// SPDX-License-Identifier: GPL-2.0
/*
 * ARM PL011: transmit only.  Linux set the line up; we just wait for room.
 */
#include <hv/console.h>
#include <hv/mmio.h>

#define UARTDR	    0x00
#define UARTFR	    0x18
#define UARTFR_TXFF BIT(5)

const u16 uart_console_type = BH_CONSOLE_PL011;

void uart_init(vaddr_t base)
{
	(void)base;
}

void uart_putc(vaddr_t base, char c)
{
	while (mmio_read32(base + UARTFR) & UARTFR_TXFF)
		;
	mmio_write32(base + UARTDR, (u8)c);
}
