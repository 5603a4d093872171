#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""What `make demo` runs after building: Bulkhead at work on QEMU.

Usage: tools/demo.py [--safety] [virt] [zcu102]   (default: virt)

Boots each board with Debian's kernel, then loads the module, shows every
CPU's EL2 owner and enables the hypervisor (its banner).  The main show:
the RTOS cell is created, loaded and started on CPU 3 beside Linux; the
RTOS's 1 kHz control task reports its release jitter every second, in
guest time (the board runs under QEMU -icount: one nanosecond per
instruction; figures under Linux load are in Documentation/benchmarks.md)
(on virt through the hypervisor console, on the ZCU102 on its own UART,
uart1).  The RTOS approves a shutdown request, the cell is
destroyed and Linux gets CPU 3 back.  Between, Linux and the RTOS talk
through their channel (bulkhead channel list, rtos-monitor: statistics in,
commands out).  Then an RTOS cell with a restart policy fails on purpose
and the hypervisor restarts it alone.  Then the exit statistics, disable
and rmmod.  The board's console is copied to the terminal as it goes; the full
log is in build/logs/demo-<board>.log (uart1: demo-zcu102-uart1.log).
Exits non-zero if any step fails.

--safety (`make demo-safety`): the second act.  The RTOS runs in its cell,
then Linux panics.  The hypervisor stops only Linux's CPUs and tells the
cell; the RTOS enters its safe state and goes on at its period, printing
on the UART Linux has left (log: build/logs/demo-safety-<board>.log).
"""
import os
import sys
import time

import toolcheck

toolcheck.start(__doc__, default_boards=('virt',))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', 'tests', 'system'))
from board import BOARDS, Board  # noqa: E402


class Tee:
    """The console to the log file and the terminal at once."""

    def __init__(self, *files):
        self.files = files

    def write(self, data):
        for f in self.files:
            f.write(data)
            f.flush()

    def flush(self):
        for f in self.files:
            f.flush()


def say(text):
    print(f'\n\033[1m=== {text}\033[0m', flush=True)


def step(b, text, command, timeout=120):
    say(text)
    out = b.run(command, timeout=timeout)
    return out


def rtos_output(b, shown):
    """The RTOS's lines since the last call: uart1 on the ZCU102."""
    if b.board != 'zcu102':
        return shown
    with open(b.uart1_path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    print(text[shown:], end='', flush=True)
    return len(text)


def rtos_cell(b):
    # GICv3: the RTOS's interrupts go straight to its CPU, no exit
    direct = '-direct' if b.board == 'virt' else ''
    cfg = f'/bulkhead/configs/arm64/{b.config}-rtos{direct}.cell'
    shown = rtos_output(b, 0)
    step(b, 'create the RTOS cell: CPU 3 and its memory leave Linux' +
         (' (direct interrupt delivery)' if direct else ''),
         f'bulkhead cell create {cfg}; cat /sys/devices/system/cpu/online',
         timeout=120)
    step(b, 'load the RTOS (inmates/rtos) and start it',
         'bulkhead cell load rtos /bulkhead/inmates/rtos/rtos-demo.bin && '
         'bulkhead cell start rtos && bulkhead cell list', timeout=120)
    # on virt the cell prints into the hypervisor console: follow it
    follow = ('bulkhead console -f & f=$!; ' if b.board != 'zcu102'
              else '')
    stop = 'kill $f; ' if follow else ''
    step(b, 'the RTOS at work beside Linux for 6 s (jitter in guest '
         'nanoseconds: QEMU -icount)',
         f'{follow}sleep 6; {stop}'
         'grep -E "CPU|arch_timer" /proc/interrupts', timeout=120)
    shown = rtos_output(b, shown)
    step(b, 'channels: memory and doorbells between cells, Linux\'s side '
         'a UIO device', 'bulkhead channel list; '
         'grep . /sys/class/uio/uio*/name /sys/class/uio/uio*/maps/*/name')
    step(b, 'Linux reads the RTOS\'s statistics through the channel '
         '(tools/rtos-monitor.c: standard UIO, blocking read())',
         'rtos-monitor -n 3', timeout=120)
    step(b, 'and sends commands back: a 2 ms control period, the CPU hog '
         'off; the RTOS acknowledges each',
         'rtos-monitor --period 2000 --crunch off -n 2', timeout=120)
    step(b, 'back to 1 ms, hog on',
         'rtos-monitor --period 1000 --crunch on -n 1', timeout=120)
    shown = rtos_output(b, shown)
    step(b, "the cell's CPU: exits by reason", 'bulkhead cell stats rtos')
    step(b, 'shut the RTOS down: it stops its tasks and approves',
         'bulkhead cell shutdown rtos && bulkhead cell list', timeout=120)
    time.sleep(0.5)
    rtos_output(b, shown)
    if b.board != 'zcu102':
        step(b, "the RTOS's last words, from the hypervisor console",
             'bulkhead console | grep -E "rtos: (final|worker|shutdown)"')
    step(b, 'destroy the cell: Linux has CPU 3 again',
         'bulkhead cell destroy rtos; cat /sys/devices/system/cpu/online',
         timeout=120)


def health_act(b):
    """A cell whose policy restarts it: the hypervisor does it alone."""
    cfg = f'/bulkhead/configs/arm64/{b.config}-rtos-ha.cell'
    step(b, 'health monitoring: the RTOS in a cell whose policy restarts it '
         '(configs/arm64/*-rtos-ha.c), with a stray store after 1 s; '
         '`bulkhead events -f` follows',
         f'bulkhead cell create {cfg} && bulkhead cell load rtos-ha '
         '/bulkhead/inmates/rtos/rtos-demo.bin -s "fail_after_ms=1000 '
         'crunch=0" && (bulkhead events -f & e=$!; '
         'bulkhead cell start rtos-ha; sleep 3; kill $e)', timeout=120)
    step(b, 'the hypervisor restarted it from its images, without Linux',
         'bulkhead cell list; bulkhead console | grep -E '
         '\'"rtos-ha"|rtos: restart\' | tail -n 6', timeout=60)
    step(b, 'destroy it', 'bulkhead cell destroy rtos-ha', timeout=120)


def safety(name):
    say(f'booting Linux on QEMU board "{name}" '
        f'(log: build/logs/demo-safety-{name}.log)')
    b = Board(name, f'demo-safety-{name}', qemu_args=('--icount',))
    try:
        b.child.logfile_read = Tee(b.log, sys.stdout)
        b.run('dmesg -n 1')
        cfg = f'/bulkhead/configs/arm64/{b.config}'
        step(b, 'load the driver, enable the hypervisor',
             f'insmod /lib/bulkhead/bulkhead.ko && bulkhead enable {cfg}.cell',
             timeout=180)
        # on virt through the console hypercall: it reaches the UART once
        # Linux is gone
        args = '-s "console=hvc" ' if b.board != 'zcu102' else ''
        step(b, 'the RTOS cell on CPU 3', f'bulkhead cell create {cfg}-rtos.cell'
             f' && bulkhead cell load rtos {args}'
             '/bulkhead/inmates/rtos/rtos-demo.bin && bulkhead cell start rtos'
             ' && sleep 2', timeout=120)
        shown = rtos_output(b, 0)
        say('Linux panics now (echo c > /proc/sysrq-trigger)')
        b.child.sendline('echo c > /proc/sysrq-trigger')
        b.child.expect('the cells go on', timeout=60)
        say('Linux is gone; the RTOS goes on in its safe state')
        end = time.monotonic() + 8
        while time.monotonic() < end:
            try:
                b.child.read_nonblocking(65536, timeout=0.5)
            except Exception:  # noqa: BLE001 - nothing new: keep waiting
                pass
            shown = rtos_output(b, shown)
    finally:
        b.child.close(force=True)
        b.log.close()
    say(f'{name}: safety demo done')


def demo(name):
    say(f'booting Linux on QEMU board "{name}" (log: build/logs/demo-{name}.log)')
    start = time.monotonic()
    # guest time = instruction count: the RTOS's figures are exact
    b = Board(name, f'demo-{name}', qemu_args=('--icount',))
    try:
        b.child.logfile_read = Tee(b.log, sys.stdout)
        print(f'booted in {time.monotonic() - start:.1f} s', flush=True)
        b.run('dmesg -n 1')
        step(b, 'load the driver', 'insmod /lib/bulkhead/bulkhead.ko')
        step(b, "EL2 on every CPU: Linux's hyp stub",
             'grep . /sys/devices/bulkhead/cpus/cpu*/el2')
        cell = f'/bulkhead/configs/arm64/{b.config}.cell'
        step(b, 'enable: the hypervisor slides under Linux',
             f'bulkhead enable {cell}', timeout=180)
        step(b, 'EL2 on every CPU now', 'grep . /sys/devices/bulkhead/cpus/cpu*/el2')
        rtos_cell(b)
        health_act(b)
        step(b, 'statistics: memory pool and exits per CPU', 'bulkhead info')
        step(b, 'disable: every CPU back to Linux', 'bulkhead disable',
             timeout=180)
        step(b, 'EL2 on every CPU: the stub again',
             'grep . /sys/devices/bulkhead/cpus/cpu*/el2')
        step(b, 'the hypervisor console, kept after disable',
             'bulkhead console')
        step(b, 'unload', 'rmmod bulkhead')
        b.kernel_healthy()
    finally:
        b.close()
    say(f'{name}: demo done')


def main(argv):
    act = safety if '--safety' in argv else demo
    argv = [a for a in argv if a != '--safety']
    boards = argv or ['virt']
    for name in boards:
        if name not in BOARDS:
            print(f'demo: unknown board {name}: one of {", ".join(BOARDS)}',
                  file=sys.stderr)
            return 2
    failed = []
    for name in boards:
        try:
            act(name)
        except Exception as e:  # report, go on with the next board
            print(f'\ndemo: {name} FAILED: {e}', file=sys.stderr)
            failed.append(name)
    if failed:
        print(f'demo: failed on {", ".join(failed)}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
