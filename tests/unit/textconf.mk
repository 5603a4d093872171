# SPDX-License-Identifier: GPL-2.0
#
# The text config format (tools/textconf-*.c), with sanitizers: every
# shipped configs/arm64/<name>.conf must compile to the very bytes of
# <name>.c, and every .cell must show as text that compiles back to it.
# The .cell files are built here from the C configs (make test runs the
# unit tests before the boards): the test never depends on a board build.

TEXTCONF_CELLS := $(O)/textconf-cells
# the CLI itself, built for the host: its exit status and its one line
TEXTCONF_CLI := $(O)/textconf-cli/host/bulkhead

test_textconf_SRCS := tools/textconf-keys.c tools/textconf-parse.c \
	tools/textconf-emit.c tools/textconf-check.c tools/textconf-fix.c \
	tools/cli-args.c \
	tools/cli-util.c hypervisor/config_check.c
test_textconf_CFLAGS := -fsanitize=address,undefined \
	-fno-sanitize-recover=all -DTEXTCONF_SRC='"$(SRC)"' \
	-DTEXTCONF_CELLS='"$(TEXTCONF_CELLS)/arm64"' \
	-DTEXTCONF_CLI='"$(TEXTCONF_CLI)"'

# (included before the Makefile's first rule: keep `all` the default)
.DEFAULT_GOAL := all
$(O)/test_textconf: $(TEXTCONF_CELLS)/.stamp $(TEXTCONF_CLI)

$(TEXTCONF_CLI): $(wildcard $(SRC)/tools/*.c $(SRC)/tools/*.h \
		$(SRC)/include/bulkhead/*.h) $(SRC)/hypervisor/config_check.c
	@$(MAKE) --no-print-directory -C $(SRC)/tools O=$(O)/textconf-cli host

$(TEXTCONF_CELLS)/.stamp: $(wildcard $(SRC)/configs/arm64/*.c \
		$(SRC)/configs/arm64/*.h) $(SRC)/include/bulkhead/abi.h
	@$(MAKE) --no-print-directory -C $(SRC)/configs O=$(TEXTCONF_CELLS) \
		CROSS_COMPILE=aarch64-linux-gnu-
	@touch $@
