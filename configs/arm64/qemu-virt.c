// SPDX-License-Identifier: BSD-2-Clause
/*
 * System config for QEMU virt: -M virt,virtualization=on,gic-version=3,its=off
 * -cpu cortex-a57 -smp 4 -m 1G, Linux booted with mem=768M.
 *
 * Devices are those of QEMU 7.2's virt device tree.  The GIC is absent on
 * purpose: the hypervisor emulates the distributor and maps the
 * redistributors itself.  Large PCIe windows are left out because without
 * PCI devices (-nic none) nothing lives there once Linux has scanned the
 * bus; add them when you attach devices.
 */
#include "qemu-virt.h"

/* qemu-virt-smp16.c: the same board with 16 CPUs */
#ifndef VIRT_ROOT_CPUS
#define VIRT_ROOT_CPUS 0xf
#endif

BH_CONFIG struct {
	struct bh_system_config header;
	struct bh_memory_region mem[10];
	struct bh_channel_desc channels[3];
} config = {
	.header = {
		BH_SYSTEM_HEADER,
		.hypervisor_memory = {
			.phys_start = VIRT_HV_BASE,
			.virt_start = VIRT_HV_BASE,
			.size = VIRT_HV_SIZE,
			.flags = BH_MEM_RWX,
		},
		.debug_console = {
			.address = VIRT_UART_BASE,
			.size = 0x1000,
			.type = BH_CONSOLE_PL011,
		},
		.platform = {
			.gic_version = 3,
			.maintenance_irq = 25,
			.gicd_base = 0x08000000,
			.gicr_base = 0x080a0000,
		},
		.num_channels = ARRAY_SIZE(config.channels),
		.root_cell = {
			BH_CELL_HEADER,
			.name = "linux",
			.cpu_set = VIRT_ROOT_CPUS,
			.num_memory_regions = ARRAY_SIZE(config.mem),
			/* SPIs 32..287: all 256 the virt GIC has */
			.irq_bitmap = {
				[1 ... 8] = 0xffffffff,
			},
		},
	},
	.mem = {
		/* RAM below mem=768M */
		BH_REGION_ROOT_RAM(VIRT_ROOT_RAM_BASE, VIRT_ROOT_RAM_SIZE),
		/* two CFI flash banks */
		BH_REGION_IO(0x00000000, MIB(128)),
		/* PL011: Linux's console, shared with the hypervisor */
		BH_REGION_IO(VIRT_UART_BASE, 0x1000),
		/* PL031 RTC */
		BH_REGION_IO(0x09010000, 0x1000),
		/* fw_cfg: its DMA interface writes guest memory */
		BH_REGION_DMA_IO(0x09020000, 0x1000),
		/* PL061 GPIO (power button) */
		BH_REGION_IO(0x09030000, 0x1000),
		/* 32 virtio-mmio transports: virtqueues are DMA */
		BH_REGION_DMA_IO(0x0a000000, 0x4000),
		/* PCIe PIO window */
		BH_REGION_IO(0x3eff0000, 0x10000),
		/* PCIe ECAM, bus 0: it enables bus mastering */
		BH_REGION_DMA_IO(0x4010000000ULL, MIB(1)),
		/* the cells' RAM windows, up to the hypervisor */
		BH_REGION_FOR_CELLS_RAM(VIRT_CELL_RAM(0),
					VIRT_HV_BASE - VIRT_CELL_RAM(0)),
	},
	.channels = {
		/* Linux and the RTOS: telemetry out, commands in */
		BH_CHANNEL("rtos-link", "linux", "rtos", VIRT_CHANNEL_BASE,
			   0x10000, 248, 249),
		/* two bare-metal cells (channel-demo): ping and pong */
		BH_CHANNEL("ping-pong", "ping", "pong",
			   VIRT_CHANNEL_BASE + MIB(1), 0x1000, 250, 251),
		/* the Linux cell (qemu-virt-linux) and the RTOS */
		BH_CHANNEL("cell-link", "linux2", "rtos",
			   VIRT_CHANNEL_BASE + MIB(2), 0x10000, 254, 255),
	},
};
