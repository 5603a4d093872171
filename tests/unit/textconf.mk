# SPDX-License-Identifier: GPL-2.0
#
# The text config format (tools/textconf-*.c), with sanitizers: every
# shipped configs/arm64/<name>.conf must compile to the very bytes of
# <name>.c, and every .cell must show as text that compiles back to it.
# The .cell files are built here from the C configs (make test runs the
# unit tests before the boards): the test never depends on a board build.

TEXTCONF_CELLS := $(O)/textconf-cells

test_textconf_SRCS := tools/textconf-keys.c tools/textconf-parse.c \
	tools/textconf-emit.c tools/textconf-check.c tools/textconf-fix.c \
	tools/cli-args.c \
	tools/cli-util.c hypervisor/config_check.c
test_textconf_CFLAGS := -fsanitize=address,undefined \
	-fno-sanitize-recover=all -DTEXTCONF_SRC='"$(SRC)"' \
	-DTEXTCONF_CELLS='"$(TEXTCONF_CELLS)/arm64"'

# (included before the Makefile's first rule: keep `all` the default)
.DEFAULT_GOAL := all
$(O)/test_textconf: $(TEXTCONF_CELLS)/.stamp

$(TEXTCONF_CELLS)/.stamp: $(wildcard $(SRC)/configs/arm64/*.c \
		$(SRC)/configs/arm64/*.h) $(SRC)/include/bulkhead/abi.h
	@$(MAKE) --no-print-directory -C $(SRC)/configs O=$(TEXTCONF_CELLS) \
		CROSS_COMPILE=aarch64-linux-gnu-
	@touch $@
