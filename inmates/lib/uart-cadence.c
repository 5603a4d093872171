// SPDX-License-Identifier: BSD-2-Clause
/* Cadence / Xilinx PS UART (ZynqMP) */
#include <inmate.h>

#ifdef CONFIG_UART_CADENCE

#define UART_CR	  0x00
#define UART_MR	  0x04
#define UART_IER  0x08
#define UART_IDR  0x0c
#define UART_ISR  0x14
#define UART_RXWM 0x20
#define UART_SR	  0x2c
#define UART_FIFO 0x30

#define CR_RXRST    (1 << 0)
#define CR_TXRST    (1 << 1)
#define CR_RXEN	    (1 << 2)
#define CR_TXEN	    (1 << 4)
#define MR_8N1	    (4 << 3) /* 8 bits, no parity, 1 stop */
#define SR_RXEMPTY  (1 << 1)
#define SR_TXFULL   (1 << 4)
#define INT_RTRIG   (1 << 0)
#define INT_TIMEOUT (1 << 8)

static unsigned long base;

unsigned long uart_base(void)
{
	return base;
}

void uart_init(unsigned long addr)
{
	base = addr;
	/*
	 * uart1 comes out of reset with TX and RX disabled; the baud rate
	 * generator needs no programming on QEMU.
	 */
	mmio_write32(base + UART_CR, CR_RXRST | CR_TXRST);
	mmio_write32(base + UART_MR, MR_8N1);
	mmio_write32(base + UART_CR, CR_RXEN | CR_TXEN);
}

void uart_putc(char c)
{
	while (mmio_read32(base + UART_SR) & SR_TXFULL)
		cpu_relax();
	mmio_write32(base + UART_FIFO, (u8)c);
}

int uart_getc(void)
{
	if (mmio_read32(base + UART_SR) & SR_RXEMPTY)
		return -1;
	return mmio_read32(base + UART_FIFO) & 0xff;
}

void uart_enable_rx_irq(bool on)
{
	if (on) {
		mmio_write32(base + UART_RXWM, 1);
		mmio_write32(base + UART_ISR, INT_RTRIG | INT_TIMEOUT);
		mmio_write32(base + UART_IER, INT_RTRIG);
	} else {
		mmio_write32(base + UART_IDR, INT_RTRIG | INT_TIMEOUT);
	}
}

void uart_ack_irq(void)
{
	mmio_write32(base + UART_ISR, mmio_read32(base + UART_ISR));
}

#endif /* CONFIG_UART_CADENCE */
