// SPDX-License-Identifier: BSD-2-Clause
/*
 * System config for the ZCU102 (QEMU xlnx-zcu102 -m 2G, Linux booted with
 * mem=1536M), from Debian's zynqmp-zcu102-rev1.0 device tree.
 *
 * Every enabled device of the tree is here except the GIC-400 (the
 * hypervisor owns GICD/GICC/GICH/GICV) and uart1 (kept for the cells).
 * Large windows (QSPI linear 0xc0000000, PCIe config 0x8000000000) are left
 * out: QEMU emulates neither and Linux only probes them at boot.
 */
#include "zcu102.h"

BH_CONFIG struct {
	struct bh_system_config header;
	struct bh_memory_region mem[26];
	struct bh_channel_desc channels[3];
} config = {
	.header = {
		BH_SYSTEM_HEADER,
		.hypervisor_memory = {
			.phys_start = ZCU_HV_BASE,
			.virt_start = ZCU_HV_BASE,
			.size = ZCU_HV_SIZE,
			.flags = BH_MEM_RWX,
		},
		.debug_console = {
			.address = ZCU_UART0_BASE,
			.size = 0x1000,
			.type = BH_CONSOLE_CADENCE,
		},
		.platform = {
			.gic_version = 2,
			.maintenance_irq = 25,
			.gicd_base = 0xf9010000,
			.gicc_base = 0xf9020000,
			.gich_base = 0xf9040000,
			.gicv_base = 0xf9060000,
		},
		.num_channels = ARRAY_SIZE(config.channels),
		.root_cell = {
			BH_CELL_HEADER,
			.name = "linux",
			.cpu_set = 0xf,
			.num_memory_regions = ARRAY_SIZE(config.mem),
			/* SPIs 32..191: all 160 the ZynqMP GIC has */
			.irq_bitmap = {
				[1 ... 5] = 0xffffffff,
			},
		},
	},
	.mem = {
		/* RAM below mem=1536M */
		BH_REGION_ROOT_RAM(ZCU_ROOT_RAM_BASE, ZCU_ROOT_RAM_SIZE),
		/* DDR controller (EDAC) */
		BH_REGION_IO(0xfd070000, 0x30000),
		/* SATA AHCI */
		BH_REGION_DMA_IO(0xfd0c0000, 0x2000),
		/* PCIe bridge registers */
		BH_REGION_IO(0xfd0e0000, 0x1000),
		/* PS-GTR PHY (SIOU) and its control */
		BH_REGION_IO(0xfd3d0000, 0x1000),
		BH_REGION_IO(0xfd400000, 0x40000),
		/* PCIe controller registers */
		BH_REGION_DMA_IO(0xfd480000, 0x1000),
		/* DisplayPort subsystem */
		BH_REGION_IO(0xfd4a0000, 0x1000),
		BH_REGION_IO(0xfd4aa000, 0x3000),
		/* DisplayPort DMA */
		BH_REGION_DMA_IO(0xfd4c0000, 0x1000),
		/* FPD watchdog */
		BH_REGION_IO(0xfd4d0000, 0x1000),
		/* GDMA, 8 channels at 64 KiB stride */
		BH_REGION_DMA_IO(0xfd500000, 0x80000),
		/* USB0 (DWC3 core) */
		BH_REGION_DMA_IO(0xfe200000, 0x40000),
		/* uart0: Linux's console, shared with the hypervisor */
		BH_REGION_IO(ZCU_UART0_BASE, 0x1000),
		/* I2C0 and I2C1 */
		BH_REGION_IO(0xff020000, 0x1000),
		BH_REGION_IO(0xff030000, 0x1000),
		/* CAN1 */
		BH_REGION_IO(0xff070000, 0x1000),
		/* GPIO */
		BH_REGION_IO(0xff0a0000, 0x1000),
		/* GEM3 ethernet */
		BH_REGION_DMA_IO(0xff0e0000, 0x1000),
		/* QSPI controller */
		BH_REGION_DMA_IO(0xff0f0000, 0x1000),
		/* SD1 */
		BH_REGION_DMA_IO(0xff170000, 0x1000),
		/* IPI mailbox to the PMU firmware */
		BH_REGION_IO(0xff990000, 0x1000),
		/* USB0 wrapper */
		BH_REGION_IO(0xff9d0000, 0x1000),
		/* RTC */
		BH_REGION_IO(0xffa60000, 0x1000),
		/* for cells: their RAM windows, up to the hypervisor, and uart1 */
		BH_REGION_FOR_CELLS_RAM(ZCU_CELL_RAM(0),
					ZCU_HV_BASE - ZCU_CELL_RAM(0)),
		BH_REGION_FOR_CELLS_IO(ZCU_UART1_BASE, 0x1000),
	},
	.channels = {
		/* Linux and the RTOS: telemetry out, commands in */
		BH_CHANNEL("rtos-link", "linux", "rtos", ZCU_CHANNEL_BASE,
			   0x10000, 136, 137),
		/* two bare-metal cells (channel-demo): ping and pong */
		BH_CHANNEL("ping-pong", "ping", "pong",
			   ZCU_CHANNEL_BASE + MIB(1), 0x1000, 138, 139),
		/* the Linux cell (zcu102-linux) and the RTOS */
		BH_CHANNEL("cell-link", "linux2", "rtos",
			   ZCU_CHANNEL_BASE + MIB(2), 0x10000, 142, 143),
	},
};
