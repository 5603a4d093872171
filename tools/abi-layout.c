// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the layouts of include/bulkhead/abi.h as a Python module, so that
 * the tests and tools/mkbadconfigs take offsets from the header the C code
 * is built with instead of from numbers copied by hand.
 *
 *   abi-layout > build/abi_layout.py
 *
 * Each struct becomes a dict of field offsets plus its 'sizeof'.
 */
#include <stddef.h>
#include <stdio.h>

#include <bulkhead/abi.h>

#define BEGIN(name, type) \
	printf("%s = {\n    'sizeof': %zu,\n", name, sizeof(struct type))
#define FIELD(type, field) \
	printf("    '%s': %zu,\n", #field, offsetof(struct type, field))
#define END()	     printf("}\n\n")
#define CONST(name)  printf("%s = %llu\n", #name, (unsigned long long)(name))
#define STRING(name) printf("%s = b'%s'\n", #name, name)

static void memory_region(void)
{
	BEGIN("MEMORY_REGION", bh_memory_region);
	FIELD(bh_memory_region, phys_start);
	FIELD(bh_memory_region, virt_start);
	FIELD(bh_memory_region, size);
	FIELD(bh_memory_region, flags);
	END();
}

static void cell_desc(void)
{
	BEGIN("CELL_DESC", bh_cell_desc);
	FIELD(bh_cell_desc, signature);
	FIELD(bh_cell_desc, revision);
	FIELD(bh_cell_desc, flags);
	FIELD(bh_cell_desc, name);
	FIELD(bh_cell_desc, cpu_set);
	FIELD(bh_cell_desc, entry);
	FIELD(bh_cell_desc, num_memory_regions);
	FIELD(bh_cell_desc, irq_bitmap);
	FIELD(bh_cell_desc, health);
	FIELD(bh_cell_desc, vuart);
	END();
}

static void system_config(void)
{
	BEGIN("SYSTEM_CONFIG", bh_system_config);
	FIELD(bh_system_config, signature);
	FIELD(bh_system_config, revision);
	FIELD(bh_system_config, flags);
	FIELD(bh_system_config, hypervisor_memory);
	FIELD(bh_system_config, debug_console);
	FIELD(bh_system_config, platform);
	FIELD(bh_system_config, num_channels);
	FIELD(bh_system_config, root_cell);
	END();
}

/* The bare runs take the board's addresses from these (bare_qemu.py) */
static void console(void)
{
	BEGIN("CONSOLE", bh_console);
	FIELD(bh_console, address);
	FIELD(bh_console, size);
	FIELD(bh_console, type);
	END();
}

static void platform(void)
{
	BEGIN("PLATFORM", bh_platform);
	FIELD(bh_platform, gic_version);
	FIELD(bh_platform, gicd_base);
	FIELD(bh_platform, gicr_base);
	FIELD(bh_platform, gicc_base);
	END();
}

static void comm_region(void)
{
	BEGIN("COMM_REGION", bh_comm_region);
	FIELD(bh_comm_region, signature);
	FIELD(bh_comm_region, revision);
	FIELD(bh_comm_region, cell_state);
	FIELD(bh_comm_region, msg_to_cell);
	FIELD(bh_comm_region, reply_from_cell);
	FIELD(bh_comm_region, gic_version);
	FIELD(bh_comm_region, cpu_count);
	FIELD(bh_comm_region, gicd_base);
	FIELD(bh_comm_region, gicr_base);
	FIELD(bh_comm_region, gicc_base);
	FIELD(bh_comm_region, console_base);
	FIELD(bh_comm_region, console_type);
	FIELD(bh_comm_region, timer_frequency);
	FIELD(bh_comm_region, cmdline);
	END();
}

int main(void)
{
	printf("# SPDX-License-Identifier: GPL-2.0\n"
	       "# Generated from include/bulkhead/abi.h by tools/abi-layout.c:"
	       " do not edit.\n\n");
	memory_region();
	cell_desc();
	system_config();
	console();
	platform();
	comm_region();
	CONST(BH_CELL_NAME_LEN);
	CONST(BH_COMM_REVISION);
	CONST(BH_CONSOLE_PL011);
	CONST(BH_CELL_CONSOLE);
	STRING(BH_COMM_SIGNATURE);
	return 0;
}
