# SPDX-License-Identifier: GPL-2.0
# The arm64 Image header reader of `bulkhead cell linux`, with sanitizers:
# it reads files the user names.
test_linux_image_SRCS := tools/linux-image.c
test_linux_image_CFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all
