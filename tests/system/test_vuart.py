# SPDX-License-Identifier: GPL-2.0
"""Issue 12, part 1: a virtual UART per cell and `bulkhead cell console`.

For each board, one boot (build/logs/vuart-<board>.log): the uart-demo
inmate in a cell whose config gives it a vUART (configs/arm64/
*-vuart-demo.c) prints there, not through the console hypercall, and
`bulkhead cell console` shows it; what is sent with --send, or typed at
the interactive console, reaches the cell by its receive interrupt and
comes back as its echo; bad requests get a clear message; a register that
does not exist fails that cell alone; destroy gives the pool back.
"""
import re
import time

import pytest

from board import BOARDS
from cells_common import (CFG, INMATES, boot_enabled, cells, create, fails,
                          hv_output, hv_output_size, load, pool_used,
                          wait_state)

NAME = 'vuart-demo'
IMAGE = f'{INMATES}/uart-demo.bin'
# where the configs put the vUART, and its SPI
VUART = {'virt': (0x09000000, 252), 'zcu102': (0xff010000, 140)}


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = boot_enabled(request.param, f'vuart-{request.param}')
    b.pool_before = pool_used(b)
    yield b
    b.close()


def console(b, args=''):
    """What `cell console` prints (stdin not a terminal: print, exit)."""
    return b.run(f'bulkhead cell console {NAME} {args} < /dev/null')


def wait_console(b, pattern, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        out = console(b)
        found = re.findall(pattern, out)
        if found:
            return found
        assert time.monotonic() < deadline, f'no "{pattern}":\n{out[-2000:]}'
        time.sleep(0.5)


def start_demo(b, cmdline='period_ms=100'):
    create(b, NAME, f'{CFG}/{b.config}-{NAME}.cell')
    load(b, NAME, f'-s "{cmdline}"', image=IMAGE)
    b.run(f'bulkhead cell start {NAME}')


def test_cell_prints_through_its_vuart(board):
    hv_before = hv_output_size(board)
    start_demo(board)
    base, irq = VUART[board.board]
    wait_console(board, r'uart-demo: counter 3')
    out = console(board)
    assert (f'uart-demo: in a cell, vUART at 0x{base:x}, receive by '
            'interrupt') in out
    # the same bytes again, from the start: the ring keeps them
    assert console(board).startswith(out[:200])
    # not through the console hypercall: the cell may not use it
    assert 'uart-demo: counter' not in hv_output(board, hv_before)
    # -f follows: later lines arrive in the file while it runs
    board.run(f'bulkhead cell console {NAME} -f > /tmp/follow.log & '
              'echo $! > /tmp/follow.pid')
    first = int(re.findall(r'counter (\d+)', console(board))[-1])
    deadline = time.monotonic() + 30
    while f'counter {first + 3}' not in board.run('cat /tmp/follow.log'):
        assert time.monotonic() < deadline, (
            f'no "counter {first + 3}" followed:\n'
            f'{board.run("cat /tmp/follow.log")[-500:]}')
        time.sleep(0.5)
    # the init shell must reap it before it reads again (cells_common):
    # it does while it waits in `sleep`, and then /proc/<pid> is gone
    out = board.run('p=$(cat /tmp/follow.pid); kill $p; i=0; '
                    'while [ -e /proc/$p ] && [ $i -lt 200 ]; do '
                    'sleep 0.05; i=$((i + 1)); done; '
                    '[ -e /proc/$p ] && echo "still there"; true')
    assert 'still there' not in out, out


def test_send_reaches_the_cell(board):
    board.run(f'echo hello-vuart | bulkhead cell console {NAME} --send')
    wait_console(board, r'hello-vuart')
    # more than the 64-byte receive FIFO: the CLI waits while it is full
    # (the echo comes back between the counter lines: count the bytes)
    board.run(f'head -c 300 /dev/zero | tr "\\0" Q | '
              f'bulkhead cell console {NAME} --send')
    deadline = time.monotonic() + 30
    while console(board).count('Q') < 300:
        assert time.monotonic() < deadline, console(board)[-2000:]
        time.sleep(0.5)
    assert console(board).count('Q') == 300


def test_interactive_console(board):
    """On a terminal, typed bytes go to the cell; Ctrl-] leaves."""
    board.child.sendline(f'bulkhead cell console {NAME}; echo "DONE=$?"')
    board.expect(r'Connected to cell .vuart-demo. \(escape character is '
                 r'\^\]\)')
    board.child.send('typed-at-the-console')
    board.expect(r'typed-at-the-console', timeout=30)
    board.child.send('\x1d')
    assert board.expect(r'DONE=(\d+)', timeout=30).group(1) == '0'
    board.run('true')   # the shell is back


def test_bad_requests(board):
    fails(board, 'bulkhead cell console nosuch < /dev/null', 'no cell',
          'nosuch')
    rc, out = board.run_rc(f'bulkhead cell console {NAME} -f --send 2>&1')
    assert rc == 2 and 'exclude each other' in out, out
    # a cell without a vUART (gic-demo on CPU 2)
    create(board, 'gic-demo')
    fails(board, 'bulkhead cell console gic-demo < /dev/null',
          "'gic-demo' has no vUART")
    fails(board, 'echo x | bulkhead cell console gic-demo --send',
          'has no vUART')
    board.run('bulkhead cell destroy gic-demo')


def test_destroy_frees_everything(board):
    board.run(f'bulkhead cell destroy {NAME}')
    assert NAME not in cells(board)
    assert pool_used(board) == board.pool_before
    fails(board, f'bulkhead cell console {NAME} < /dev/null', 'no cell')


def test_register_that_does_not_exist_fails_the_cell(board):
    hv_before = hv_output_size(board)
    start_demo(board, 'period_ms=100 vuart_poke=0x100')
    wait_state(board, NAME, 'failed')
    log = hv_output(board, hv_before)
    assert re.search(r'cell \d+ "vuart-demo" failed on CPU 1: a vUART '
                     r'access to no register', log), log[-2000:]
    # what it printed before stays readable
    assert 'uart-demo: counter 1' in console(board)
    assert board.kernel_healthy()
    board.run(f'bulkhead cell destroy {NAME}')
    assert pool_used(board) == board.pool_before
    # the SPI and the CPU are Linux's again
    assert board.run('cat /sys/devices/system/cpu/online') == '0-3'
