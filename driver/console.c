// SPDX-License-Identifier: GPL-2.0
/*
 * read(2) on /dev/bulkhead: the hypervisor's messages.  The file position
 * counts bytes since enable; a reader that fell behind skips to the oldest
 * byte still in the ring.
 */
#include <linux/uaccess.h>
#include "bulkhead.h"

ssize_t bh_console_read(char __user *buf, size_t count, loff_t *pos)
{
	const struct bh_console_ring *ring = bh.console ?: bh.console_copy;
	u64 head, start, n, off, chunk;

	if (!ring)
		return 0;
	head = READ_ONCE(ring->head);
	smp_rmb();
	start = *pos;
	if (start > head)
		start = 0;
	if (head - start > BH_CONSOLE_RING_SIZE)
		start = head - BH_CONSOLE_RING_SIZE;
	n = min_t(u64, count, head - start);
	for (off = 0; off < n; off += chunk) {
		u64 idx = (start + off) % BH_CONSOLE_RING_SIZE;

		chunk = min_t(u64, n - off, BH_CONSOLE_RING_SIZE - idx);
		if (copy_to_user(buf + off, ring->buf + idx, chunk))
			return -EFAULT;
	}
	*pos = start + n;
	return n;
}
