# SPDX-License-Identifier: GPL-2.0
# include/bulkhead/rtos-link.h reads the peer's area like msgring.h does
test_rtos_link_CFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
