// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor messages: always into the ring the root cell reads, and to the
 * board UART when the config names one this build has a driver for.
 */
#include <hv/console.h>

struct bh_console_ring console_ring __section(".console");

static vaddr_t uart_base;

void console_init(const struct bh_console *uart)
{
	console_ring.size = BH_CONSOLE_RING_SIZE;
#ifndef CONFIG_DEBUG_CONSOLE
	return;
#endif
	if (uart->type != uart_console_type)
		return;
	uart_base = uart->address;
	uart_init(uart_base);
}

void console_putc_raw(char c)
{
	u64 head = console_ring.head;

	console_ring.buf[head % BH_CONSOLE_RING_SIZE] = c;
	/* The reader checks head after copying: publish data first. */
	asm volatile("dmb ishst" ::: "memory");
	console_ring.head = head + 1;
	if (uart_base) {
		if (c == '\n')
			uart_putc(uart_base, '\r');
		uart_putc(uart_base, c);
	}
}

void console_write(const char *s, size_t len)
{
	while (len--)
		console_putc_raw(*s++);
}
