# SPDX-License-Identifier: GPL-2.0
"""Issue 12: Linux in a cell, through `bulkhead cell linux`.

For each board, one boot (build/logs/linux-cell-<board>.log) of the root
with build/<board>/initramfs-linux.cpio.gz, which also carries the stock
kernel and the cell's busybox initramfs.  The same Debian kernel then boots
in a 2-CPU cell beside the RTOS cell; the tests talk to its shell over its
virtual UART (`bulkhead cell console`), power it off, reboot it, let it
touch what is not its own, destroy it while it runs and count the pool.
The tests share the boot, in file order.
"""
import time

import pytest

from board import BOARDS
from cells_common import (CFG, INMATES, RTOS_IMAGE, boot_enabled, cells,
                          create, fails, hv_output, hv_output_size, hv_wait,
                          load, output_size, pool_used)
import linux_cell
from linux_cell import INITRD, KERNEL, NAME

RTOS = 'rtos'
# the cell's RAM in the root's physical address space, and its size
RAM = {'virt': (0x77000000, 112 << 20), 'zcu102': (0x68000000, 256 << 20)}
# a device of the root's that the cell does not own, at the same address
# in the cell's guest space (virt: the PL031 RTC; zcu102: uart0, Linux's)
ROOT_DEVICE = {'virt': 0x09010000, 'zcu102': 0xff000000}
# where the cell's RAM ends in its own address space (configs/arm64/*-linux)
GUEST_RAM_END = {'virt': 0x40000000 + (112 << 20), 'zcu102': 256 << 20}
SIGBUS_RC = 128 + 7


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    name = request.param
    b = boot_enabled(name, f'linux-cell-{name}',
                     qemu_args=('--initrd', linux_cell.root_initramfs(name)))
    b.cell = linux_cell.LinuxCell(b)
    b.pool_before = pool_used(b)
    yield b
    b.close()


def cell_config(b):
    return f'{CFG}/{b.config}-linux.cell'


def state(b):
    return cells(b)[NAME][1]


def wait_state(b, want, timeout=60):
    deadline = time.monotonic() + timeout
    while state(b) != want:
        assert time.monotonic() < deadline, (
            f'{NAME} is {state(b)}, not {want}:\n{hv_output(b)[-1500:]}')
        time.sleep(0.5)


def restarts(b):
    return int(b.run(f'cat /sys/devices/bulkhead/cells/{cells(b)[NAME][0]}'
                     '/restarts'))


def rtos_alive(b):
    """The RTOS cell runs and what it prints still grows."""
    assert cells(b)[RTOS][1] == 'running', cells(b)
    before = output_size(b)
    deadline = time.monotonic() + 20
    while output_size(b) == before:
        assert time.monotonic() < deadline, 'the RTOS cell went quiet'
        time.sleep(0.5)


def answer(b, command):
    return b.cell.run(command).strip()


def test_boots_to_a_shell_beside_the_rtos(board):
    create(board, RTOS, f'{CFG}/{board.config}-rtos.cell')
    load(board, RTOS, image=RTOS_IMAGE)
    board.run(f'bulkhead cell start {RTOS}')
    board.cell.boot()
    assert answer(board, 'echo $((6 * 7))') == '42'
    assert state(board) == 'running'
    rtos_alive(board)


def test_sees_its_cpus_and_memory(board):
    assert answer(board, 'nproc') == '2'
    assert answer(board, 'cat /sys/devices/system/cpu/online') == '0-1'
    kb = int(answer(board, 'sed -n "s/^MemTotal: *\\([0-9]*\\).*/\\1/p" '
                           '/proc/meminfo'))
    size = RAM[board.board][1]
    # what the cell was given, less the kernel's image, its tables and
    # the CMA area the DTB reserves: more than half, never more than all
    assert size // 2048 < kb <= size // 1024, kb
    # the root lost the cell's CPUs
    assert board.run('cat /sys/devices/system/cpu/online') == '0'


def test_root_cannot_read_its_memory(board):
    phys = RAM[board.board][0]
    rc, out = board.run_rc(f'devmem 0x{phys + 0x100000:x} 32 2>&1',
                           timeout=60)
    assert rc == SIGBUS_RC, (rc, out)
    assert state(board) == 'running'
    assert answer(board, 'echo $((1 + 1))') == '2'


def test_poweroff_shuts_it_down(board):
    since = hv_output_size(board)
    board.cell.send('poweroff -f')
    wait_state(board, 'shut down')
    hv_wait(board, f'cell "{NAME}" powered itself off', since)
    assert restarts(board) == 0
    rtos_alive(board)
    board.run(f'bulkhead cell destroy {NAME}')
    assert NAME not in cells(board)


def test_reboot_restarts_it_from_the_kept_images(board):
    board.cell.boot()
    assert restarts(board) == 0
    since = hv_output_size(board)
    console = board.cell.size()
    board.cell.send('reboot -f')
    deadline = time.monotonic() + 60
    while restarts(board) != 1:
        assert time.monotonic() < deadline, hv_output(board, since)
        time.sleep(0.5)
    hv_wait(board, f'cell "{NAME}" asked for a reset', since)
    # the same kernel, initrd and DTB again, from the driver's copies
    board.cell.wait('bulkhead linux cell up: 2 CPUs', timeout=180,
                    since=console)
    board.cell.wait(linux_cell.PROMPT, timeout=60, since=console)
    assert answer(board, 'echo $((2 * 21))') == '42'
    assert state(board) == 'running'


def test_touching_a_root_device_stops_only_it(board):
    since = hv_output_size(board)
    device = ROOT_DEVICE[board.board]
    board.cell.send(f'devmem 0x{device:x} 32')
    wait_state(board, 'failed')
    hv_wait(board, rf'cell \d+ "{NAME}" CPU \d+: access to a resource it '
            rf'does not own[\s\S]*?IPA 0x{device:x}\b', since)
    assert board.run('echo alive') == 'alive'
    rtos_alive(board)
    board.run(f'bulkhead cell destroy {NAME}')


def test_touching_root_memory_stops_only_it(board):
    board.cell.boot()
    since = hv_output_size(board)
    # the first byte past its RAM: the root's RAM in the physical map
    end = GUEST_RAM_END[board.board]
    board.cell.send(f'devmem 0x{end:x} 32')
    wait_state(board, 'failed')
    hv_wait(board, rf'access to a resource it does not own[\s\S]*?IPA 0x{end:x}\b',
            since)
    assert board.run('echo alive') == 'alive'
    rtos_alive(board)
    board.run(f'bulkhead cell destroy {NAME}')


def test_five_cycles_destroying_it_while_it_runs(board):
    """Boot to the shell, destroy the running cell: five times, and the
    pool and the CPUs are the root's as before."""
    before = pool_used(board)
    for n in range(5):
        board.cell.boot()
        assert answer(board, f'echo $((5 + {n}))') == str(5 + n)
        assert state(board) == 'running'
        board.run(f'bulkhead cell destroy {NAME}')
        assert NAME not in cells(board)
        assert pool_used(board) == before, n
        # its CPUs are the root's again; the RTOS keeps CPU 3
        assert board.run('cat /sys/devices/system/cpu/online') == '0-2'
        rtos_alive(board)
    board.run(f'bulkhead cell destroy {RTOS}')
    assert pool_used(board) == board.pool_before
    assert board.run('cat /sys/devices/system/cpu/online') == '0-3'


BAD_INPUT = [
    # what, the arguments after the config, words the message must have
    ('not an Image', f'{INMATES}/uart-demo.bin', ('not an arm64',)),
    ('gzip-compressed', '/tmp/Image.gz', ('gunzip',)),
    ('a DTB that is not one', f'{KERNEL} -i {INITRD} '
     f'-d {INMATES}/uart-demo.bin', ('not a flattened device tree',)),
    ('a command line too long', f'{KERNEL} -c "$(printf %05000d 0)"',
     ('command line', 'at most')),
]


@pytest.mark.parametrize('what,args,words', BAD_INPUT,
                         ids=[b[0] for b in BAD_INPUT])
def test_bad_input(board, what, args, words):
    if what == 'gzip-compressed':
        board.run(f'head -c 65536 {KERNEL} | gzip > /tmp/Image.gz')
    before = pool_used(board)
    out = fails(board, f'bulkhead cell linux {cell_config(board)} {args}',
                *words)
    assert len(out.strip().splitlines()) == 1, out
    assert cells(board) == {}
    assert pool_used(board) == before
    assert board.run('cat /sys/devices/system/cpu/online') == '0-3'


def test_kernel_larger_than_the_ram(board):
    # the vUART demo's cell has 1 MiB of RAM
    out = fails(board, f'bulkhead cell linux {CFG}/{board.config}-'
                f'vuart-demo.cell {KERNEL}', 'fit')
    assert len(out.strip().splitlines()) == 1, out
    assert cells(board) == {}
    assert board.run('cat /sys/devices/system/cpu/online') == '0-3'
