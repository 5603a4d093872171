// SPDX-License-Identifier: GPL-2.0
/*
 * Hypervisor messages: always into the console ring the root cell reads,
 * and to the board UART when the config names one this build has a driver
 * for, unless Linux is using that UART.
 *
 * While the driver forwards (BH_HC_CONSOLE_FORWARD), our own lines go into
 * the log ring instead of the UART, and the driver prints them into the
 * kernel log as whole lines: two writers on one UART interleave character
 * by character and garble both.  The UART is ours again when the driver
 * stops (disable, rmmod, a Linux panic: it hands over what it had not yet
 * carried), when Linux halts, and on a fault of our own.
 *
 * What cells print through the console hypercall goes into the console
 * ring only: a cell printing every millisecond would bury the root cell's
 * shell.  `bulkhead console -f` shows it.  Once Linux has halted, nobody
 * reads the ring: the UART is free, and theirs.
 */
#include <hv/arch.h>
#include <hv/console.h>
#include <hv/spinlock.h>

/* the last unforwarded lines a panicking Linux hands back to the UART */
#define HANDOVER_MAX 4096

struct bh_console_ring console_ring __section(".console");
struct bh_console_ring log_ring __section(".console");

static vaddr_t uart_base;
static bool cells_on_uart;
static bool root_forwards;
static DEFINE_SPINLOCK(console_lock);

void console_init(const struct bh_console *uart)
{
	console_ring.size = BH_CONSOLE_RING_SIZE;
	log_ring.size = BH_CONSOLE_RING_SIZE;
#ifndef CONFIG_DEBUG_CONSOLE
	return;
#endif
	if (uart->type != uart_console_type)
		return;
	uart_base = uart->address;
	uart_init(uart_base);
}

static void ring_putc(struct bh_console_ring *ring, char c)
{
	u64 head = ring->head;

	ring->buf[head % BH_CONSOLE_RING_SIZE] = c;
	/* The reader checks head after copying: publish data first. */
	arch_smp_wmb();
	ring->head = head + 1;
}

static void uart_emit(char c)
{
	if (!uart_base)
		return;
	if (c == '\n')
		uart_putc(uart_base, '\r');
	uart_putc(uart_base, c);
}

static bool uart_is_ours(void)
{
	return !root_forwards || cells_on_uart;
}

static void console_putc_raw(char c)
{
	ring_putc(&console_ring, c);
	if (uart_is_ours())
		uart_emit(c);
	else
		ring_putc(&log_ring, c);
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
		ring_putc(&console_ring, c);
	spin_unlock(&console_lock);
}

void console_give_uart_to_cells(void)
{
	cells_on_uart = true;
}

/* What the driver had not carried into the kernel log yet, to the UART. */
static void hand_over(u64 pos)
{
	u64 head = log_ring.head;

	if (pos > head || head - pos > HANDOVER_MAX)
		pos = head > HANDOVER_MAX ? head - HANDOVER_MAX : 0;
	for (; pos < head; pos++)
		uart_emit(log_ring.buf[pos % BH_CONSOLE_RING_SIZE]);
}

long console_forward(unsigned long on, u64 pos)
{
	if (on > 1)
		return -BH_EINVAL;
	spin_lock(&console_lock);
	if (!on && root_forwards && !cells_on_uart)
		hand_over(pos);
	root_forwards = on;
	spin_unlock(&console_lock);
	return 0;
}

/* Our own fault: nobody will forward anything any more. */
void console_reclaim_uart(void)
{
	root_forwards = false;
}
