/* SPDX-License-Identifier: BSD-2-Clause */
/* Preprocessed with the Kconfig header: CONFIG_INMATE_BASE is the load address */

#define STACK_SIZE	0x8000

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
	. = CONFIG_INMATE_BASE;
	__image_start = .;
	.text : {
		KEEP(*(.text.entry))
		. = ALIGN(0x800);
		KEEP(*(.text.vectors))
		*(.text .text.*)
	}
	. = ALIGN(16);
	.rodata : { *(.rodata .rodata.*) }
	__rodata_end = .;
	. = ALIGN(16);
	.data : { *(.data .data.*) }
	. = ALIGN(16);
	.bss (NOLOAD) : {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_end = .;
	}
	.stack (NOLOAD) : {
		. = ALIGN(16);
		__stack_bottom = .;
		. += STACK_SIZE;
		__stack_top = .;
	}
	__image_end = .;

	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) *(.interp) }
}
