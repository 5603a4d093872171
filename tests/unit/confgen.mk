# SPDX-License-Identifier: GPL-2.0
#
# `bulkhead config create` (tools/confgen*.c) on the two boards' device
# trees, compared with the hand-written configs.  The trees are made here:
# virt's by QEMU itself (dumpdtb, the machine tools/qemu-run boots), the
# ZCU102's from Debian's DTB by tools/mkdtb-zcu102, as the board build does.

CONFGEN_DTBS := $(O)/dtbs
TEXTCONF_CELLS := $(O)/textconf-cells
CACHE ?= $(or $(BULKHEAD_CACHE),$(HOME)/.cache/bulkhead)

test_confgen_SRCS := tools/confgen.c tools/confgen-cell.c tools/confgen-c.c \
	tools/cli-dtdev.c tools/cli-fdt.c tools/cli-util.c \
	tools/textconf-keys.c tools/textconf-parse.c tools/textconf-emit.c \
	tools/textconf-check.c hypervisor/config_check.c
test_confgen_LDLIBS := -lfdt
test_confgen_CFLAGS := -fsanitize=address,undefined \
	-fno-sanitize-recover=all -DTEXTCONF_SRC='"$(SRC)"' \
	-DTEXTCONF_CELLS='"$(TEXTCONF_CELLS)/arm64"' \
	-DCONFGEN_DTBS='"$(CONFGEN_DTBS)"'

$(O)/test_confgen: $(CONFGEN_DTBS)/virt.dtb $(CONFGEN_DTBS)/zcu102.dtb \
	$(TEXTCONF_CELLS)/.stamp

$(CONFGEN_DTBS)/virt.dtb:
	@mkdir -p $(dir $@)
	@qemu-system-aarch64 -M virt,virtualization=on,gic-version=3,its=off,dumpdtb=$@ \
		-cpu cortex-a57 -smp 4 -m 1G -nic none -nographic >/dev/null

$(CONFGEN_DTBS)/zcu102.dtb: $(SRC)/tools/mkdtb-zcu102
	@mkdir -p $(dir $@)
	@$(SRC)/tools/mkdtb-zcu102 \
		$(CACHE)/dtbs/xilinx/zynqmp-zcu102-rev1.0.dtb $@
