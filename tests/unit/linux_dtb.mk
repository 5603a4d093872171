# SPDX-License-Identifier: GPL-2.0
# `bulkhead cell linux`: the layout, the boot stub and the device tree
# made for the cell from the two boards' trees (the ones confgen.mk makes:
# QEMU's own virt tree, the ZCU102's from Debian's), with sanitizers; and
# the command itself, as the CLI built for the host runs it (the rule for
# that build is textconf.mk's).

LINUX_DTB_DTBS := $(O)/dtbs
LINUX_DTB_CLI := $(O)/textconf-cli/host/bulkhead

test_linux_dtb_SRCS := tools/linux-dtb.c tools/linux-dtb-comm.c \
	tools/linux-layout.c \
	tools/cli-dtdev.c tools/cli-args.c tools/cli-util.c
test_linux_dtb_LDLIBS := -lfdt
test_linux_dtb_CFLAGS := -fsanitize=address,undefined \
	-fno-sanitize-recover=all -DLINUX_DTB_DTBS='"$(LINUX_DTB_DTBS)"' \
	-DLINUX_DTB_SRC='"$(SRC)"' -DLINUX_DTB_CLI='"$(LINUX_DTB_CLI)"'

$(O)/test_linux_dtb: $(LINUX_DTB_DTBS)/virt.dtb $(LINUX_DTB_DTBS)/zcu102.dtb \
	$(LINUX_DTB_CLI)
