/* SPDX-License-Identifier: GPL-2.0 */
/* The hypervisor runs identity-mapped at the address it is linked for. */
OUTPUT_ARCH(aarch64)
ENTRY(bootstrap_vectors)

SECTIONS
{
	. = CONFIG_HV_PHYS_BASE;
	__image_start = .;
	/* the header is only read at EL2: it shares the code's first page */
	__text_start = .;
	.header : { KEEP(*(.header)) }
	/*
	 * The two 2 KiB-aligned vector tables first, back to back: anywhere
	 * else each would leave up to 2 KiB of padding before it.
	 */
	.text : {
		*head.o(.text)
		*exception.o(.text)
		*(.text .text.*)
	}
	. = ALIGN(4096);
	__text_end = .;
	.rodata : { *(.rodata .rodata.*) }
	.data : { *(.data .data.*) }
	. = ALIGN(4096);
	__image_end = .;
	/* the console ring is page aligned: the root cell may read it */
	.console (NOLOAD) : { __console_start = .; *(.console) }
	. = ALIGN(4096);
	__console_end = .;
	.bss (NOLOAD) : { *(.bss .bss.* COMMON) }
	. = ALIGN(4096);
	__core_end = .;
	/DISCARD/ : { *(.comment) *(.note*) *(.eh_frame*) }
}
