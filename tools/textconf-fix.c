// SPDX-License-Identifier: GPL-2.0
/*
 * The fix for the shared checker's messages that name no fix of their own,
 * in the words of the text format (Documentation/config-format.md has the
 * same table for C configs).  The checker is shared with the driver and
 * the hypervisor and stays as it is; the CLI adds these to what it prints.
 */
#include <string.h>

#include "textconf.h"

struct tc_fix {
	const char *words; /* in the checker's message */
	const char *fix;
};

static const struct tc_fix fixes[] = {
	{ "in physical memory", "give each region its own memory (phys)" },
	{ "in guest-physical space",
	  "give each region its own guest address (virt)" },
	{ "which this machine does not have",
	  "use CPUs this board has (cat /sys/devices/system/cpu/possible)" },
	{ "would leave the root cell without a CPU",
	  "leave Linux at least one CPU" },
	{ "is not a root-cell CPU", "use CPUs of the root cell's cpus" },
	{ "is not 4-byte aligned",
	  "point entry at an instruction (a multiple of 4)" },
	{ "already belongs to cell",
	  "destroy that cell first, or take something else" },
	{ "health.watchdog_ms is", "lower watchdog_ms" },
	{ "health.reserved must be 0", "leave health_reserved out" },
	{ "reserved field is", "leave reserved out" },
	{ "both must be 0", "leave flags and reserved out of the [channel]" },
	{ "peer 0 is empty", "give two cell names: peers = linux, rtos" },
	{ "peer 1 is empty", "give two cell names: peers = linux, rtos" },
	{ "ends beyond the 40-bit address space",
	  "check the address and the size" },
	{ "the comm region cannot be",
	  "write the comm region as flags = rw, comm" },
	{ "the comm region must be READ|WRITE",
	  "write the comm region as flags = rw, comm" },
	{ "the comm region must be virt_start",
	  "leave virt and size out of the comm region" },
	{ "the root cell must be mapped 1:1",
	  "leave virt out of the root cell's regions" },
	{ "hypervisor_memory [",
	  "put [hypervisor] in RAM, at the image's link address" },
	{ "num_channels is", "at most 16 [channel]s" },
	{ "platform: GICv2 needs", "add gicc, gich and gicv to [gic]" },
	{ "a second channel has this name", "rename one" },
	{ "has this name already", "rename the cell" },
	{ NULL, NULL },
};

const char *bh_text_fix(const char *msg)
{
	const struct tc_fix *f;

	for (f = fixes; f->words; f++)
		if (strstr(msg, f->words))
			return f->fix;
	return NULL;
}
