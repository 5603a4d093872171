// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor messages: always into the ring the root cell reads, and to the
 * board UART when the config names one this build has a driver for.
 *
 * What cells print through the console hypercall goes into the ring only:
 * the board UART belongs to Linux, and a cell printing every millisecond
 * would bury the root cell's shell.  `bulkhead console -f` shows it.  Once
 * Linux has halted, nobody reads the ring: the UART is free, and theirs.
 */
#include <hv/console.h>
#include <hv/spinlock.h>

struct bh_console_ring console_ring __section(".console");

static vaddr_t uart_base;
static bool cells_on_uart;
static DEFINE_SPINLOCK(console_lock);

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

static void ring_putc(char c)
{
	u64 head = console_ring.head;

	console_ring.buf[head % BH_CONSOLE_RING_SIZE] = c;
	/* The reader checks head after copying: publish data first. */
	asm volatile("dmb ishst" ::: "memory");
	console_ring.head = head + 1;
}

static void console_putc_raw(char c)
{
	ring_putc(c);
	if (uart_base) {
		if (c == '\n')
			uart_putc(uart_base, '\r');
		uart_putc(uart_base, c);
	}
}

void console_write(const char *s, size_t len)
{
	spin_lock(&console_lock);
	while (len--)
		console_putc_raw(*s++);
	spin_unlock(&console_lock);
}

void console_cell_putc(char c)
{
	spin_lock(&console_lock);
	if (cells_on_uart)
		console_putc_raw(c);
	else
		ring_putc(c);
	spin_unlock(&console_lock);
}

void console_give_uart_to_cells(void)
{
	cells_on_uart = true;
}
