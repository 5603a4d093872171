# SPDX-License-Identifier: GPL-2.0
"""Forty quick create/load/start/destroy cycles of gic-demo (CPU 2) leave
the pool, Linux's CPUs and the kernel as they were.

A boot of its own (build/logs/cell-cycles-<board>.log): a CPU it leaves
stuck must not fail the tests of another file.
"""
import pytest

from board import BOARDS
from cells_common import (INMATES, boot_enabled, cell_config, cells, online,
                          pool_used)

CYCLES = 40


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot_enabled(request.param, f'cell-cycles-{request.param}')
    yield b
    b.close()


# It found a race: a destroy right after a start saw the cell's CPU off
# (QEMU's firmware says off until the CPU first runs), gave it back, and the
# CPU then entered the root cell at the cell's entry, stuck at EL1 0x200.
def test_cycles_leave_the_pool_as_it_was(board):
    start = pool_used(board)
    cfg = cell_config(board, 'gic-demo')
    out = board.run(
        f'n=0; for i in $(seq {CYCLES}); do '
        f'bulkhead cell create {cfg} >/dev/null && '
        f'bulkhead cell load gic-demo {INMATES}/gic-demo.bin '
        '-s console=none && '
        'bulkhead cell start gic-demo && '
        'bulkhead cell destroy gic-demo || break; n=$((n+1)); done; '
        'echo "cycles=$n"', timeout=600)
    # what the kernel and the hypervisor said last (dmesg -n 1 keeps the
    # kernel's off the console)
    assert f'cycles={CYCLES}' in out, out + board.run(
        'dmesg | grep -e CPU -e psci -e bulkhead | tail -n 25; '
        'bulkhead console | tail -n 40')
    assert pool_used(board) == start
    assert online(board) == '0-3'
    assert cells(board) == {}
    board.kernel_healthy()
