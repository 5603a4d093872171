# SPDX-License-Identifier: GPL-2.0
"""Twenty quick create/load/start/destroy cycles of gic-demo (CPU 2) leave
the pool, Linux's CPUs and the kernel as they were.

A boot of its own (build/logs/cell-cycles-<board>.log): this test finds a
known, intermittent bug (below), and a CPU it leaves stuck must not fail
the tests of another file.
"""
import pytest

from board import BOARDS
from cells_common import (INMATES, boot_enabled, cell_config, cells, online,
                          pool_used)


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot_enabled(request.param, f'cell-cycles-{request.param}')
    yield b
    b.close()


# Open bug (seen in about one clean-clone run in two, both boards): after a
# destroy, CPU 2 enters the root cell, takes an EL1 exception before Linux
# has set its vectors and loops on the root's XN flash at 0x200 ("FAULT:
# cell 0 "linux" CPU 2: unhandled trap (instruction abort) ... PC 0x200"),
# so Linux cannot bring it online.  Marked so until it is fixed: it still
# runs, and its log says what happened.
@pytest.mark.xfail(strict=False, reason='known bug: a CPU given back to '
                   'Linux after a destroy can stay stuck at EL1 0x200')
def test_cycles_leave_the_pool_as_it_was(board):
    start = pool_used(board)
    cfg = cell_config(board, 'gic-demo')
    out = board.run(
        'n=0; for i in $(seq 20); do '
        f'bulkhead cell create {cfg} >/dev/null && '
        f'bulkhead cell load gic-demo {INMATES}/gic-demo.bin '
        '-s console=none && '
        'bulkhead cell start gic-demo && '
        'bulkhead cell destroy gic-demo || break; n=$((n+1)); done; '
        'echo "cycles=$n"', timeout=600)
    # the kernel's side of a CPU that did not come back (dmesg -n 1 keeps
    # it off the console); the first lines are the telling ones
    assert 'cycles=20' in out, out + board.run('dmesg | grep -m 20 -e '
                                               'CPU2 -e FAULT -e psci')
    assert pool_used(board) == start
    assert online(board) == '0-3'
    assert cells(board) == {}
    board.kernel_healthy()
