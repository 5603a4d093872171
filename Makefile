# SPDX-License-Identifier: GPL-2.0
#
# Bulkhead top-level build.  `make demo` and `make test` are the two entry
# points a user needs; both install what is missing first.
#
#   make [BOARD=virt|zcu102]     build everything for one board
#   make all-boards              build both boards (separate build/ trees)
#   make qemu BOARD=...          boot the board with Linux and the module
#   make menuconfig BOARD=...    edit the board's Kconfig
#   make demo | test | bench | check-style | fuzz

BOARD ?= virt
BOARDS := virt zcu102
DEFCONFIG_virt := qemu-virt_defconfig
DEFCONFIG_zcu102 := zcu102_defconfig

ifeq ($(filter $(BOARD),$(BOARDS)),)
$(error BOARD must be one of: $(BOARDS))
endif

SRC := $(CURDIR)
O := $(SRC)/build/$(BOARD)
CACHE := $(or $(BULKHEAD_CACHE),$(HOME)/.cache/bulkhead)
export BULKHEAD_CACHE := $(CACHE)
PYTHON := /usr/bin/python3
CROSS_COMPILE ?= aarch64-linux-gnu-
KDIR := $(CACHE)/kernel-headers
AUTOCONF := $(O)/include/generated/autoconf.h
KCONFIG_ENV := KCONFIG_CONFIG=$(O)/.config

SUBMAKE := CROSS_COMPILE=$(CROSS_COMPILE) AUTOCONF=$(AUTOCONF)

.PHONY: system-tests-qemu10 all all-boards setup config menuconfig hypervisor driver tools \
	configs inmates initramfs dtb qemu demo demo-safety test test-checks \
	test-builds unit-tests \
	system-tests fuzz fuzz-short abi-layout build-options \
	check-style bench soak clean gicv2-eoi FORCE

all: setup config hypervisor driver tools configs inmates initramfs dtb

all-boards:
	@for b in $(BOARDS); do $(MAKE) --no-print-directory BOARD=$$b all || exit 1; done
	@$(MAKE) --no-print-directory gicv2-eoi

# Bare-metal reproducer of QEMU's GICv2 virtual-EOI bug (no Bulkhead in it)
gicv2-eoi:
	@$(MAKE) --no-print-directory -C tests/gicv2-eoi O=$(SRC)/build/gicv2-eoi \
		CROSS_COMPILE=$(CROSS_COMPILE)

setup:
	@$(SRC)/tools/host-setup -q

# --- Kconfig ---------------------------------------------------------------
$(O)/.config:
	@mkdir -p $(O)
	@$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig $(SRC)/Kconfig \
		$(SRC)/configs/defconfigs/$(DEFCONFIG_$(BOARD)) >/dev/null

# genconfig rewrites the header only when it changes: no needless rebuilds.
config: $(O)/.config
	@mkdir -p $(dir $(AUTOCONF))
	@$(KCONFIG_ENV) $(PYTHON) -m olddefconfig $(SRC)/Kconfig >/dev/null
	@$(KCONFIG_ENV) $(PYTHON) -m genconfig --header-path $(AUTOCONF).new $(SRC)/Kconfig
	@cmp -s $(AUTOCONF).new $(AUTOCONF) && rm $(AUTOCONF).new || mv $(AUTOCONF).new $(AUTOCONF)

menuconfig: $(O)/.config
	@$(KCONFIG_ENV) $(PYTHON) -m menuconfig $(SRC)/Kconfig

# --- components --------------------------------------------------------------
hypervisor: config
	@$(MAKE) --no-print-directory -C hypervisor O=$(O)/hypervisor $(SUBMAKE)

# The module does not depend on the board: one build serves both.
driver: setup
	@$(MAKE) --no-print-directory -C $(KDIR) M=$(SRC) ARCH=arm64 \
		CROSS_COMPILE=$(CROSS_COMPILE) modules >$(SRC)/build/driver-build.log 2>&1 || \
		{ cat $(SRC)/build/driver-build.log; exit 1; }
	@grep -E 'warning|error' $(SRC)/build/driver-build.log || true

tools: setup
	@$(MAKE) --no-print-directory -C tools O=$(O)/tools \
		CROSS_COMPILE=$(CROSS_COMPILE) LIBFDT=$(CACHE)/libfdt.a

configs: setup
	@$(MAKE) --no-print-directory -C configs O=$(O)/configs CROSS_COMPILE=$(CROSS_COMPILE)

inmates: config
	@$(MAKE) --no-print-directory -C inmates O=$(O)/inmates $(SUBMAKE)

# and the same with a kernel and an initramfs for Linux cells (the
# Linux-cell tests boot it: qemu-run --initrd build/BOARD/initramfs-linux.cpio.gz)
initramfs: hypervisor driver tools configs inmates abi-layout
	@$(SRC)/tools/mkinitramfs $(BOARD) $(O)
	@$(SRC)/tools/mkcellinitramfs $(BOARD) $(O)

# abi.h's layouts for the Python tests and mkbadconfigs (build/abi_layout.py)
ABI_LAYOUT := $(SRC)/build/abi_layout.py
abi-layout: $(ABI_LAYOUT)
$(ABI_LAYOUT): tools/abi-layout.c include/bulkhead/abi.h
	@mkdir -p $(SRC)/build/host
	@gcc -std=gnu11 -Wall -Wextra -Werror -I$(SRC)/include \
		-o $(SRC)/build/host/abi-layout tools/abi-layout.c
	@$(SRC)/build/host/abi-layout >$@.new && mv $@.new $@

# QEMU's zcu102 needs UART clocks Linux can use: patch Debian's device tree.
dtb: setup
ifeq ($(BOARD),zcu102)
	@$(SRC)/tools/mkdtb-zcu102 $(CACHE)/dtbs/xilinx/zynqmp-zcu102-rev1.0.dtb \
		$(O)/zcu102-qemu.dtb
endif

qemu: all
	@$(SRC)/tools/qemu-run $(BOARD)

# --- the two set-up commands -------------------------------------------------
demo: setup
	@$(MAKE) --no-print-directory all-boards
	@$(PYTHON) $(SRC)/tools/demo.py virt

# The second act: Linux panics, the RTOS cell goes on
demo-safety: setup
	@$(MAKE) --no-print-directory all-boards
	@$(PYTHON) $(SRC)/tools/demo.py --safety virt zcu102

test: setup
	@$(MAKE) --no-print-directory -j2 --output-sync=recurse test-checks \
		test-builds
	@$(MAKE) --no-print-directory system-tests

# The host-side checks and the board builds share no file: side by side on
# two cores, each group in order within (a sub-make without the jobserver,
# MAKEFLAGS emptied) and its output in one piece
test-checks:
	@MAKEFLAGS= $(MAKE) --no-print-directory check-style unit-tests \
		fuzz-short

test-builds:
	@MAKEFLAGS= $(MAKE) --no-print-directory all-boards build-options

# The hypervisor without its optional features (CONFIG_CHANNELS,
# CONFIG_VUART, CONFIG_HEALTH) must still build, for both boards:
# build/<board>-min.  The sizes, with and without, are the README's.
MIN_OFF := CHANNELS VUART HEALTH
build-options:
	@for b in $(BOARDS); do \
		o=$(SRC)/build/$$b-min; rm -f $$o/.config; \
		$(MAKE) --no-print-directory BOARD=$$b O=$$o config >/dev/null || exit 1; \
		for c in $(MIN_OFF); do \
			sed -i "s/^CONFIG_$$c=y/# CONFIG_$$c is not set/" $$o/.config; done; \
		$(MAKE) --no-print-directory BOARD=$$b O=$$o hypervisor \
			>$$o/build.log 2>&1 || { cat $$o/build.log; exit 1; }; \
		full=$(SRC)/build/$$b/hypervisor/bulkhead.bin; \
		echo "hypervisor for $$b: $$( [ -f $$full ] && stat -c %s $$full || \
			echo '?') bytes, without $(MIN_OFF): $$(stat -c %s \
			$$o/hypervisor/bulkhead.bin) bytes"; \
	done

unit-tests:
	@$(MAKE) --no-print-directory -C tests/unit O=$(SRC)/build/unit run
	@if [ -f inmates/rtos/Makefile ]; then \
		$(MAKE) --no-print-directory -C inmates/rtos test O=$(SRC)/build/unit/rtos; fi

# libFuzzer over the text config parser and the checker (tests/fuzz):
# 1,000,000 executions (FUZZ_RUNS=N for more), new finds merged into the
# corpus kept in the tree; make test runs 300,000 of them from a fixed seed
# (exploring is make fuzz's job; a test must give the same answer twice).
fuzz: setup
	@$(MAKE) --no-print-directory -C tests/fuzz O=$(SRC)/build/fuzz run \
		$(if $(FUZZ_RUNS),RUNS=$(FUZZ_RUNS))

fuzz-short: setup
	@mkdir -p $(SRC)/build
	@$(MAKE) --no-print-directory -C tests/fuzz O=$(SRC)/build/fuzz short \
		>$(SRC)/build/fuzz-short.log 2>&1 || \
		{ tail -n 60 $(SRC)/build/fuzz-short.log; exit 1; }
	@grep -E '^Done [0-9]+ runs' $(SRC)/build/fuzz-short.log | \
		sed 's/^/fuzz (text configs, seed 1): /'

# The two boards side by side (SYSTEM_TESTS_JOBS=1: one after the other)
system-tests: abi-layout
	@PYTHON=$(PYTHON) $(SRC)/tools/run-system-tests \
		-j $(or $(SYSTEM_TESTS_JOBS),2) $(PYTEST_ARGS)

# The same system tests on bookworm-backports' QEMU 10 (stricter than 7.2)
system-tests-qemu10: setup
	@$(MAKE) --no-print-directory all-boards
	@qemu_bin=$$(tools/qemu-backports) && \
		PATH=$$qemu_bin:$$PATH $(MAKE) --no-print-directory system-tests

check-style:
	@$(SRC)/tools/check-style

bench: setup
	@$(MAKE) --no-print-directory all-boards
	@$(PYTHON) $(SRC)/tools/bench.py

# Not part of `make test`: 1,000 cell and 100 enable cycles per board
soak: setup
	@$(MAKE) --no-print-directory all-boards
	@$(PYTHON) $(SRC)/tools/soak.py

clean:
	rm -rf build
	@$(MAKE) --no-print-directory -C $(KDIR) M=$(SRC) clean >/dev/null 2>&1 || true
