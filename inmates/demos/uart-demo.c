// SPDX-License-Identifier: BSD-2-Clause
/*
 * Prints a counter line every period (default 100 ms, virtual timer) and
 * echoes whatever arrives on the UART, or on the cell's virtual UART when
 * it has one (then its console: `bulkhead cell console`).
 *
 * Options: period_ms=100  count=N (stop after N lines, 0: forever)
 *          uart_irq=INTID (the library's: the UART's interrupt; receives
 *          by interrupt if it is known, else polls; uart_irq=0 polls)
 *          vuart_poke=OFFSET (for the tests: after the first line, read
 *          the vUART's register at OFFSET, 32 bits, even if there is none)
 */
#include <inmate.h>

static u64 period_ticks, next_cval;
static volatile unsigned long ticks;
static bool rx_by_irq;
static unsigned int rx_irq;

static bool on_vuart(void)
{
	return console_get() == CONSOLE_VUART;
}

static void echo_pending(void)
{
	int c;

	/* a cell printing through the hypervisor has nothing to read from */
	if (!on_vuart() && console_get() != CONSOLE_UART)
		return;
	while ((c = on_vuart() ? vuart_getc() : uart_getc()) >= 0)
		console_putc(c == '\r' ? '\n' : (char)c);
}

static void rx_irq_enable(bool on)
{
	if (on_vuart())
		vuart_enable_rx_irq(on);
	else
		uart_enable_rx_irq(on);
}

static void handle_irq(unsigned int intid)
{
	if (intid == TIMER_VIRT_IRQ) {
		next_cval += period_ticks;
		timer_set_cval(next_cval);
		ticks++;
	} else if (intid == rx_irq) {
		echo_pending();
		if (!on_vuart())
			uart_ack_irq();
	} else {
		printk("uart-demo: unexpected INTID %u\n", intid);
	}
}

int main(void)
{
	u64 period_ms = cmdline_parse_int("period_ms", 100);
	unsigned long count = cmdline_parse_int("count", 0);
	unsigned long seen = 0, now;
	long poke = cmdline_parse_int("vuart_poke", -1);

	rx_irq = on_vuart() ? vuart_irq() : inmate_board.uart_irq;
	rx_by_irq = rx_irq && (on_vuart() || console_get() == CONSOLE_UART);
	if (!period_ms)
		period_ms = 100;
	period_ticks = timer_ns_to_ticks(period_ms * 1000000ULL);

	printk("uart-demo: %s, %s at 0x%lx, receive by %s, line every %llu ms\n",
	       inmate_in_cell() ? "in a cell" : "bare",
	       on_vuart() ? "vUART" : "UART",
	       on_vuart() ? (unsigned long)comm_region->console_base :
			    uart_base(),
	       rx_by_irq ? "interrupt" : "polling", period_ms);
	if (irq_init(handle_irq)) {
		printk("uart-demo: GIC init failed\n");
		return 1;
	}
	gic_enable_irq(TIMER_VIRT_IRQ);
	if (rx_by_irq) {
		gic_enable_irq(rx_irq);
		rx_irq_enable(true);
	}
	next_cval = timer_get_ticks() + period_ticks;
	timer_set_cval(next_cval);
	irq_enable();

	for (;;) {
		/* Polling has to spin; the timer still paces the lines */
		if (rx_by_irq)
			wfi();
		else
			echo_pending();
		if (comm_shutdown_requested()) {
			printk("uart-demo: shutdown requested, approving\n");
			comm_approve_shutdown();
			break;
		}
		now = ticks;
		if (now == seen)
			continue;
		seen = now;
		printk("uart-demo: counter %lu\n", seen);
		if (poke >= 0 && on_vuart())
			printk("uart-demo: vUART +0x%lx reads 0x%x\n", poke,
			       mmio_read32(comm_region->console_base + poke));
		if (count && seen >= count)
			break;
	}
	irq_disable();
	if (rx_by_irq)
		rx_irq_enable(false);
	printk("uart-demo: done\n");
	return 0;
}
