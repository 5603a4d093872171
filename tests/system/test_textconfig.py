# SPDX-License-Identifier: GPL-2.0
"""Issue 13, text configs on the board: no cross compiler, only the CLI.

One boot per board (build/logs/textconfig-<board>.log), shared by the
tests in file order: `bulkhead config show` prints the shipped binary
system config as text, which `config compile` turns back into the same
bytes; `bulkhead enable` takes the shipped text system config; a user
writes an RTOS cell config with printf (on the ZCU102 naming uart1 by its
device-tree path, looked up in /sys/firmware/fdt), which compiles to the
bytes of the shipped C config, and `bulkhead cell create` takes it as it
is; the RTOS runs in it.  A config with a mistake gets one line naming
file, line, column and key, exit status 2, and changes nothing.

Then `bulkhead config create` (issue 13, part B) writes a system config
from the board's own device tree (/sys/firmware/fdt), mem= and hypervisor
image, which enables, and an RTOS cell config (--cell rtos --cpus 3 --mem
1M, uart1 by its path on the ZCU102) in which the RTOS runs.
tests/unit/test_confgen.c compares such configs with the hand-written
ones field by field.
"""
import pytest

from board import BOARDS, Board
from cells_common import (CFG, HV_LOG, RTOS_IMAGE, cells, create, load,
                          online, output_size, snapshot,
                          stop_console_follower, wait_for)

MY_RTOS = '/tmp/my-rtos.conf'
# what a user types: the RTOS on CPU 3 with 1 MiB of RAM
RTOS_TEXT = {
    'virt': ('[cell]', 'name = rtos', 'cpus = 3', 'flags = console',
             'entry = 0x40000000', '[region]   # my RAM',
             'phys = 0x73000000', 'virt = 0x40000000', 'size = 1M',
             'flags = rwx, loadable', '[region]', 'flags = rw, comm'),
    'zcu102': ('[cell]', 'name = rtos', 'cpus = 3', 'flags = console',
               'entry = 0', '[region]', 'phys = 0x63000000', 'virt = 0',
               'size = 1M', 'flags = rwx loadable', '[region]',
               'flags = rw comm', '[region]   # uart1 and its interrupt',
               'device = /axi/serial@ff010000', 'flags = rw io console'),
}


def write_file(b, path, lines):
    """printf the lines into a file on the board (no heredoc over pexpect)."""
    text = '\\n'.join(lines) + '\\n'
    b.run(f"printf '{text}' > {path}")


@pytest.fixture(scope='module', params=BOARDS)
def board(request):
    b = Board(request.param, f'textconfig-{request.param}')
    b.run('dmesg -n 1')
    b.run('insmod /lib/bulkhead/bulkhead.ko')
    yield b
    b.close()


def test_show_and_compile_on_the_board(board):
    cell = f'{CFG}/{board.config}.cell'
    out = board.run(f'bulkhead config show {cell} | tee /tmp/sys.conf')
    assert '[root-cell]' in out and 'name = linux' in out, out
    board.run('bulkhead config compile /tmp/sys.conf -o /tmp/sys.cell')
    board.run(f'cmp /tmp/sys.cell {cell}')
    # the shipped text form compiles to the same bytes too
    board.run(f'bulkhead config compile {CFG}/{board.config}.conf '
              '-o /tmp/sys2.cell && cmp /tmp/sys2.cell ' + cell)


def test_enable_with_a_text_system_config(board):
    assert board.sysfs('enabled') == '0'
    board.run(f'bulkhead enable {CFG}/{board.config}.conf', timeout=180)
    assert board.sysfs('enabled') == '1'
    assert board.sysfs('cpus/cpu3/el2') == 'bulkhead'
    board.run(f'bulkhead console -f > {HV_LOG} & true')


def errors(out, path):
    """The error lines about a file (the hypervisor may print in between)."""
    return [line for line in out.splitlines() if line.startswith(path)]


def test_a_mistake_is_one_line_and_changes_nothing(board):
    before = snapshot(board)
    write_file(board, '/tmp/bad.conf', ('[cell]', 'name = rtos',
                                        'cpus = 3-99', 'entry = 0'))
    rc, out = board.run_rc('bulkhead cell create /tmp/bad.conf 2>&1')
    assert rc == 2, out
    assert errors(out, '/tmp/bad.conf') == [
        '/tmp/bad.conf:3:8: cpus: 3-99: at most 63: Linux CPU numbers, '
        'e.g. cpus = 3 or cpus = 1-2,3'], out
    # a CPU this board does not have: the checker, pointed at the line
    write_file(board, '/tmp/bad.conf', (
        '[cell]', 'name = rtos', 'entry = 0x40000000', 'cpus = 7',
        '[region]', 'phys = 0x73000000', 'virt = 0x40000000', 'size = 1M',
        'flags = rwx'))
    rc, out = board.run_rc('bulkhead config compile /tmp/bad.conf '
                           '-o /tmp/bad.cell 2>&1')
    assert rc == 2, out
    assert errors(out, '/tmp/bad.conf') == [
        "/tmp/bad.conf:4:1: cpus: cell 'rtos': cpu_set 0x80 names CPU 7, "
        'which this machine does not have: use CPUs this board has '
        '(cat /sys/devices/system/cpu/possible)'], out
    board.run('test ! -e /tmp/bad.cell')
    assert snapshot(board) == before


def test_rtos_from_a_config_written_on_the_board(board):
    write_file(board, MY_RTOS, RTOS_TEXT[board.board])
    board.run(f'bulkhead config compile {MY_RTOS} -o /tmp/my-rtos.cell')
    # the same bytes as the C config, device-tree lookup included
    board.run(f'cmp /tmp/my-rtos.cell {CFG}/{board.config}-rtos.cell')
    since = output_size(board)
    create(board, 'rtos', config=MY_RTOS)
    assert cells(board)['rtos'][1:] == ('created', '3', '-')
    assert online(board) == '0-2'
    load(board, 'rtos', '-s "crunch=0"', image=RTOS_IMAGE)
    board.run('bulkhead cell start rtos')
    wait_for(board, r'rtos: Bulkhead RTOS demo on (\S+) \((\w+)\)',
             since=since)
    wait_for(board, r'rtos: period \d+ us releases \d+', since=since)
    assert cells(board)['rtos'][1] == 'running'


def test_destroy_and_show_the_text_config(board):
    board.run('bulkhead cell destroy rtos', timeout=60)
    assert online(board) == '0-3'
    out = board.run(f'bulkhead config show {MY_RTOS}')
    assert out.startswith('# Bulkhead cell config'), out
    assert 'phys = 0x' in out and 'flags = rw, comm' in out, out
    board.kernel_healthy()


# the RTOS's uart on the ZCU102, kept for cells in the system config
CELL_DEVICE = {'virt': '', 'zcu102': ' --device /axi/serial@ff010000'}


def test_generated_system_config_enables(board):
    stop_console_follower(board)
    board.run('bulkhead disable', timeout=120)
    assert board.sysfs('enabled') == '0'
    out = board.run(f'bulkhead config create{CELL_DEVICE[board.board]} '
                    '-o /tmp/gen.conf 2>&1; cat /tmp/gen.conf')
    assert '[root-cell]' in out and 'flags = rwx, assignable' in out, out
    board.run('bulkhead enable /tmp/gen.conf', timeout=180)
    assert board.sysfs('enabled') == '1'
    assert board.sysfs('cpus/cpu3/el2') == 'bulkhead'
    board.run(f'bulkhead console -f >> {HV_LOG} & true')


def test_generated_rtos_cell_runs(board):
    out = board.run('bulkhead config create --cell rtos --cpus 3 --mem 1M'
                    f'{CELL_DEVICE[board.board]} -o /tmp/gen-rtos.conf 2>&1')
    if board.board == 'zcu102':
        # the tree's uarts share one clock: the generator says so
        assert 'warning: /axi/serial@ff010000 shares its clocks' in out, out
    since = output_size(board)
    create(board, 'rtos', config='/tmp/gen-rtos.conf')
    load(board, 'rtos', '-s "crunch=0"', image=RTOS_IMAGE)
    board.run('bulkhead cell start rtos')
    wait_for(board, r'rtos: period \d+ us releases \d+', since=since)
    board.run('bulkhead cell destroy rtos', timeout=60)
    assert online(board) == '0-3'
    board.kernel_healthy()
