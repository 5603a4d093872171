#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""What `make demo` runs after building: Bulkhead at work on QEMU.

Usage: tools/demo.py [virt] [zcu102]   (default: virt)

Boots each board with Debian's kernel, then loads the module, shows every
CPU's EL2 owner, enables the hypervisor (its banner), runs a busy loop on
every CPU under it, shows the exit statistics and disables it again.  The
board's console is copied to the terminal as it goes; the full log is in
build/logs/demo-<board>.log.  Exits non-zero if any step fails.
"""
import os
import sys
import time

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


def demo(name):
    say(f'booting Linux on QEMU board "{name}" (log: build/logs/demo-{name}.log)')
    start = time.monotonic()
    b = Board(name, f'demo-{name}')
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
        step(b, 'Linux keeps running: a busy loop on every CPU for 3 s',
             'for i in 1 2 3 4; do (while :; do :; done) & done; '
             'sleep 3; grep -E "CPU|arch_timer" /proc/interrupts; '
             'kill $(jobs -p); wait', timeout=120)
        step(b, 'a CPU offline and online again',
             'echo 0 > /sys/devices/system/cpu/cpu3/online; '
             'cat /sys/devices/system/cpu/online; '
             'echo 1 > /sys/devices/system/cpu/cpu3/online; '
             'cat /sys/devices/system/cpu/online', timeout=120)
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
    boards = argv or ['virt']
    for name in boards:
        if name not in BOARDS:
            print(f'demo: unknown board {name}: one of {", ".join(BOARDS)}',
                  file=sys.stderr)
            return 2
    failed = []
    for name in boards:
        try:
            demo(name)
        except Exception as e:  # report, go on with the next board
            print(f'\ndemo: {name} FAILED: {e}', file=sys.stderr)
            failed.append(name)
    if failed:
        print(f'demo: failed on {", ".join(failed)}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
