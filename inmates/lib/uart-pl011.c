// SPDX-License-Identifier: BSD-2-Clause
/* ARM PL011 UART (QEMU virt) */
#include <inmate.h>

#ifdef CONFIG_UART_PL011

#define UART_DR	  0x00
#define UART_FR	  0x18
#define UART_LCRH 0x2c
#define UART_CR	  0x30
#define UART_IMSC 0x38
#define UART_ICR  0x44

#define FR_RXFE	    (1 << 4)
#define FR_TXFF	    (1 << 5)
#define LCRH_FEN    (1 << 4)
#define LCRH_WLEN_8 (3 << 5)
#define CR_UARTEN   (1 << 0)
#define CR_TXE	    (1 << 8)
#define CR_RXE	    (1 << 9)
#define INT_RX	    (1 << 4)
#define INT_RT	    (1 << 6)

static unsigned long base;

unsigned long uart_base(void)
{
	return base;
}

void uart_init(unsigned long addr)
{
	u32 cr;

	base = addr;
	/*
	 * On virt this UART may be shared with the root cell and the
	 * hypervisor's debug output: only switch on what is off, never reset.
	 */
	cr = mmio_read32(base + UART_CR);
	if ((cr & (CR_UARTEN | CR_TXE | CR_RXE)) !=
	    (CR_UARTEN | CR_TXE | CR_RXE)) {
		mmio_write32(base + UART_LCRH, LCRH_FEN | LCRH_WLEN_8);
		mmio_write32(base + UART_CR, CR_UARTEN | CR_TXE | CR_RXE);
	}
}

void uart_putc(char c)
{
	while (mmio_read32(base + UART_FR) & FR_TXFF)
		cpu_relax();
	mmio_write32(base + UART_DR, (u8)c);
}

int uart_getc(void)
{
	if (mmio_read32(base + UART_FR) & FR_RXFE)
		return -1;
	return mmio_read32(base + UART_DR) & 0xff;
}

void uart_enable_rx_irq(bool on)
{
	mmio_write32(base + UART_IMSC, on ? INT_RX | INT_RT : 0);
}

void uart_ack_irq(void)
{
	mmio_write32(base + UART_ICR, INT_RX | INT_RT);
}

#endif /* CONFIG_UART_PL011 */
