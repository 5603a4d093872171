// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor's own lines, into the kernel log as whole lines prefixed
 * "bulkhead-hv: ", while Linux owns the UART the two share.  Written
 * straight to the UART they would come out interleaved with Linux's output
 * character by character (hypervisor/console.c).
 *
 * We poll the hypervisor's log ring; a panic hands the UART back, with what
 * we had not carried yet, so that the hypervisor's view of the crash (cells
 * going on, restarts) still reaches whoever watches the board.
 */
#include <linux/io.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/workqueue.h>
#include "bulkhead.h"

#define LOG_POLL_MS  50
#define LOG_LINE_MAX 200

static struct bh_console_ring *log_ring;
static u64 log_pos;
static char line[LOG_LINE_MAX + 1];
static size_t line_len;
static struct delayed_work log_work;

static void emit_line(void)
{
	line[line_len] = '\0';
	pr_info("bulkhead-hv: %s\n", line);
	line_len = 0;
}

static void carry(char c)
{
	if (c == '\n') {
		emit_line();
		return;
	}
	if (c == '\r')
		return;
	line[line_len++] = c;
	if (line_len == LOG_LINE_MAX)
		emit_line();
}

static void log_drain(void)
{
	u64 head = READ_ONCE(log_ring->head);

	smp_rmb();
	if (head - log_pos > BH_CONSOLE_RING_SIZE) {
		pr_info("bulkhead-hv: (%llu bytes lost)\n",
			head - log_pos - BH_CONSOLE_RING_SIZE);
		log_pos = head - BH_CONSOLE_RING_SIZE;
	}
	for (; log_pos < head; log_pos++)
		carry(log_ring->buf[log_pos % BH_CONSOLE_RING_SIZE]);
}

static void log_poll(struct work_struct *work)
{
	log_drain();
	schedule_delayed_work(&log_work, msecs_to_jiffies(LOG_POLL_MS));
}

static int log_panic(struct notifier_block *nb, unsigned long event,
		     void *unused)
{
	bh_hypercall_here(BH_HC_CONSOLE_FORWARD, 0, READ_ONCE(log_pos), 0);
	return NOTIFY_DONE;
}

static struct notifier_block log_panic_nb = {
	.notifier_call = log_panic,
	.priority = INT_MAX, /* before the kernel's own last words */
};

/* After enable: from now on the hypervisor's lines come through us. */
void bh_log_start(phys_addr_t ring)
{
	if (log_ring)
		return;
	log_ring = memremap(ring, sizeof(*log_ring), MEMREMAP_WB);
	if (!log_ring) {
		pr_warn("bulkhead: cannot map the hypervisor's log: its lines stay on the UART\n");
		return;
	}
	log_pos = READ_ONCE(log_ring->head);
	line_len = 0;
	atomic_notifier_chain_register(&panic_notifier_list, &log_panic_nb);
	INIT_DELAYED_WORK(&log_work, log_poll);
	bh_hypercall(BH_HC_CONSOLE_FORWARD, 1, 0, 0);
	schedule_delayed_work(&log_work, msecs_to_jiffies(LOG_POLL_MS));
}

/* Before disable (or after a refused one, bh_log_start() again). */
void bh_log_stop(void)
{
	if (!log_ring)
		return;
	atomic_notifier_chain_unregister(&panic_notifier_list, &log_panic_nb);
	cancel_delayed_work_sync(&log_work);
	log_drain();
	if (line_len)
		emit_line();
	bh_hypercall(BH_HC_CONSOLE_FORWARD, 0, log_pos, 0);
	memunmap(log_ring);
	log_ring = NULL;
}
