// SPDX-License-Identifier: GPL-2.0
/*
 * Cadence UART (Zynq UltraScale+): transmit only.
 */
#include <hv/console.h>
#include <hv/mmio.h>

#define UART_CR	       0x00
#define UART_CR_TX_EN  BIT(4)
#define UART_CR_TX_DIS BIT(5)
#define UART_SR	       0x2c
#define UART_SR_TXFULL BIT(4)
#define UART_FIFO      0x30

const u16 uart_console_type = BH_CONSOLE_CADENCE;

void uart_init(vaddr_t base)
{
	u32 cr = mmio_read32(base + UART_CR);

	/* Linux normally enabled it; make sure, without touching RX. */
	mmio_write32(base + UART_CR, (cr & ~UART_CR_TX_DIS) | UART_CR_TX_EN);
}

void uart_putc(vaddr_t base, char c)
{
	while (mmio_read32(base + UART_SR) & UART_SR_TXFULL)
		;
	mmio_write32(base + UART_FIFO, (u8)c);
}
