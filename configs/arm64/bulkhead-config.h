/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Helpers for writing Bulkhead configs in C.  Each config file defines one
 * object `config` in the .bhconfig section; configs/Makefile extracts that
 * section's bytes verbatim into the .cell file, so what the C compiler lays
 * out is exactly what the checker, the driver and the hypervisor read.
 */
#ifndef _BULKHEAD_CONFIG_HELPERS_H
#define _BULKHEAD_CONFIG_HELPERS_H

#include <bulkhead/abi.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* `used` keeps the object even though nothing references it. */
#define BH_CONFIG __attribute__((section(".bhconfig"), used, aligned(8))) const

#define BH_MEM_RW  (BH_MEM_READ | BH_MEM_WRITE)
#define BH_MEM_RWX (BH_MEM_READ | BH_MEM_WRITE | BH_MEM_EXECUTE)

/* Device memory at the same address on both sides. */
#define BH_REGION_IO(addr, sz)                                            \
	{                                                                 \
		.phys_start = (addr), .virt_start = (addr), .size = (sz), \
		.flags = BH_MEM_RW | BH_MEM_IO,                           \
	}

/* A cell's own UART, its console: the comm region tells the cell where. */
#define BH_REGION_CONSOLE(addr, sz)                                       \
	{                                                                 \
		.phys_start = (addr), .virt_start = (addr), .size = (sz), \
		.flags = BH_MEM_RW | BH_MEM_IO | BH_MEM_CONSOLE,          \
	}

/* Linux's RAM: mapped 1:1, Linux may run code from it and DMA into it. */
#define BH_REGION_ROOT_RAM(addr, sz)                                      \
	{                                                                 \
		.phys_start = (addr), .virt_start = (addr), .size = (sz), \
		.flags = BH_MEM_RWX | BH_MEM_DMA,                         \
	}

/* A cell's RAM that `bulkhead cell load` may write images into. */
#define BH_REGION_CELL_RAM(phys, virt, sz)                                \
	{                                                                 \
		.phys_start = (phys), .virt_start = (virt), .size = (sz), \
		.flags = BH_MEM_RWX | BH_MEM_LOADABLE,                    \
	}

/*
 * Root cell regions that are not Linux's but the cells': the root never
 * maps them, and a cell may have only what is listed so (or shares what
 * Linux has, flagged BH_MEM_ROOTSHARED).
 */
#define BH_REGION_FOR_CELLS_RAM(addr, sz)                                 \
	{                                                                 \
		.phys_start = (addr), .virt_start = (addr), .size = (sz), \
		.flags = BH_MEM_RWX | BH_MEM_ASSIGNABLE,                  \
	}

#define BH_REGION_FOR_CELLS_IO(addr, sz)                                  \
	{                                                                 \
		.phys_start = (addr), .virt_start = (addr), .size = (sz), \
		.flags = BH_MEM_RW | BH_MEM_IO | BH_MEM_ASSIGNABLE,       \
	}

/* A device of Linux's that masters DMA: no cell may have it (no SMMU). */
#define BH_REGION_DMA_IO(addr, sz)                                        \
	{                                                                 \
		.phys_start = (addr), .virt_start = (addr), .size = (sz), \
		.flags = BH_MEM_RW | BH_MEM_IO | BH_MEM_DMA_MASTER,       \
	}

#define BH_REGION_COMM                                                   \
	{                                                                \
		.phys_start = 0, .virt_start = BH_COMM_REGION_ADDR,      \
		.size = 0x1000, .flags = BH_MEM_RW | BH_MEM_COMM_REGION, \
	}

/*
 * A channel between cells `p0` and `p1` (either may be the root cell, by
 * its name): memory at `addr` (in ASSIGNABLE RAM), each peer's output area
 * `out` bytes, no common area; ringing peer n raises INTID irqn in it.
 */
#define BH_CHANNEL(nm, p0, p1, addr, out, irq0, irq1)                         \
	{                                                                     \
		.name = nm, .peer = { p0, p1 }, .address = (addr),            \
		.out_size = { (out), (out) }, .doorbell_irq = { irq0, irq1 }, \
	}

/* The irq_bitmap word and bit of one INTID, for designated initialisers. */
#define BH_IRQ_WORD(irq) ((irq) / 32)
#define BH_IRQ_BIT(irq)	 (1U << ((irq) % 32))

/*
 * A cell that owns exactly one SPI (INTID `irq`).  For more, write
 * .irq_bitmap out with BH_IRQ_WORD/BH_IRQ_BIT.
 */
#define BH_OWN_IRQ(irq) .irq_bitmap = { [BH_IRQ_WORD(irq)] = BH_IRQ_BIT(irq) }

/* A cpu_set with Linux CPU n: BH_CPU(1) | BH_CPU(2) for CPUs 1 and 2. */
#define BH_CPU(n) (1ULL << (n))

/*
 * A virtual UART (PL011 registers) at guest address `addr`, raising SPI
 * INTID `spi`, which the cell must also own (BH_OWN_IRQ(spi)).
 */
#define BH_VUART(addr, spi) .vuart = { .address = (addr), .irq = (spi) }

#define BH_CELL_HEADER \
	.signature = BH_CELL_SIGNATURE, .revision = BH_CONFIG_REVISION

/*
 * A cell config: what every one of them has in common, so that its file
 * states only what is particular to the cell.  This
 *
 *	BH_CELL_CONFIG(2) = {
 *		.cell = {
 *			BH_CELL("my-cell", BH_CPU(2), VIRT_INMATE_BASE),
 *			.flags = BH_CELL_CONSOLE,
 *		},
 *		.mem = {
 *			BH_REGION_CELL_RAM(VIRT_CELL_RAM(1), VIRT_INMATE_BASE,
 *					   MIB(1)),
 *			BH_REGION_COMM,
 *		},
 *	};
 *
 * is exactly
 *
 *	BH_CONFIG struct {
 *		struct bh_cell_desc cell;
 *		struct bh_memory_region mem[2];
 *	} config = {
 *		.cell = {
 *			.signature = BH_CELL_SIGNATURE,
 *			.revision = BH_CONFIG_REVISION,
 *			.name = "my-cell",
 *			.cpu_set = 1ULL << 2,
 *			.entry = VIRT_INMATE_BASE,
 *			.num_memory_regions = ARRAY_SIZE(config.mem),
 *			.flags = BH_CELL_CONSOLE,
 *		},
 *		.mem = { ...the same two regions... },
 *	};
 *
 * BH_CELL_CONFIG(n) declares the object: the cell's descriptor directly
 * followed by its n memory regions, n being how many .mem lists.
 * BH_CELL(name, cpus, entry) starts .cell and counts the regions from
 * config.mem; the rest of .cell (flags, irq_bitmap, health, vuart) follows
 * it as plain designated initialisers, all zero if left out.
 */
#define BH_CELL_CONFIG(n)                       \
	BH_CONFIG struct {                      \
		struct bh_cell_desc cell;       \
		struct bh_memory_region mem[n]; \
	} config

#define BH_CELL(nm, cpus, entry_addr)                                         \
	BH_CELL_HEADER, .name = nm, .cpu_set = (cpus), .entry = (entry_addr), \
			.num_memory_regions = ARRAY_SIZE(config.mem)

#define BH_SYSTEM_HEADER \
	.signature = BH_SYSTEM_SIGNATURE, .revision = BH_CONFIG_REVISION

#define MIB(n) ((n)*0x100000ULL)

#endif /* _BULKHEAD_CONFIG_HELPERS_H */
