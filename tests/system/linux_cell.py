# SPDX-License-Identifier: GPL-2.0
"""Linux in a non-root cell, for the tests that need one.

`bulkhead cell linux` boots the stock kernel in the cell "linux2" (the
system configs' peer of "cell-link"; configs/arm64/*-linux.conf) with a
device tree it makes, which has the comm-region node bulkhead.ko looks
for.  The cell's initramfs (tools/mkcellinitramfs: busybox, bulkhead.ko,
the stock uio.ko, rtos-monitor, channel-poke and the CLI) and the kernel
come with the root's build/<board>/initramfs-linux.cpio.gz, under
/bulkhead/linux.
"""
import os
import time

from board import ROOT

NAME = 'linux2'
PROMPT = '[cell]# '
KERNEL = '/bulkhead/linux/Image'
INITRD = '/bulkhead/linux/initramfs.cpio.gz'


def root_initramfs(board):
    """The root's initramfs that carries the kernel and the cell's."""
    return os.path.join(ROOT, 'build', board, 'initramfs-linux.cpio.gz')


class LinuxCell:
    """The Linux cell on a booted board: start it, type at its shell
    through `bulkhead cell console --send`, read what it prints from a
    follower's file on the board."""

    LOG = '/tmp/linux2-console.log'

    def __init__(self, b):
        self.b = b
        self.serial = 0

    def boot(self, timeout=240):
        b = self.b
        b.run(f'bulkhead cell linux /bulkhead/configs/arm64/{b.config}-linux'
              f'.cell {KERNEL} -i {INITRD}', timeout=300)
        # a follower of an earlier linux2 must not write into the new log;
        # from a subshell: no job, no "Done" notice in a later command's
        # output when the follower ends with its cell
        b.run(f"pkill -f 'cell console {NAME} -f'; "
              f'(bulkhead cell console {NAME} -f > {self.LOG} 2>&1 &)')
        self.wait(PROMPT, timeout=timeout)

    def output(self, since=0):
        return self.b.run(f'tail -c +{since + 1} {self.LOG}').replace('\r', '')

    def size(self):
        return int(self.b.run(f'wc -c < {self.LOG}'))

    def wait(self, text, timeout=60, since=0):
        deadline = time.monotonic() + timeout
        while True:
            out = self.output(since)
            if text in out:
                return out
            assert time.monotonic() < deadline, \
                f'no "{text}" from the Linux cell:\n{out[-3000:]}'
            time.sleep(1)

    def send(self, line):
        """Type one line at the cell's shell (no single quotes in it)."""
        assert "'" not in line
        self.b.run(f"printf '%s\\n' '{line}' | "
                   f'bulkhead cell console {NAME} --send')

    def run_rc(self, command, timeout=60):
        """Run a command in the cell; (exit status, output).  The marker
        lines are made by the shell's arithmetic, so the echoed command
        line never matches them."""
        self.serial += 1
        n = self.serial
        since = self.size()
        self.send(f'echo "@@b"$(({n})); {command}; echo "@@e"$(({n}))" $?"')
        out = self.wait(f'@@e{n} ', timeout=timeout, since=since)
        start = out.index(f'@@b{n}\n') + len(f'@@b{n}\n')
        end = out.index(f'@@e{n} ')
        rc = int(out[end:].split('\n', 1)[0].split()[1])
        return rc, out[start:end]

    def run(self, command, timeout=60):
        rc, out = self.run_rc(command, timeout)
        assert rc == 0, f'`{command}` in the Linux cell: exit {rc}:\n{out}'
        return out
