# SPDX-License-Identifier: GPL-2.0
"""Boot an emulated board with Linux and drive its shell over the console.

Every boot writes its console log to build/logs/<name>.log.
"""
import os

import pexpect

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
LOGS = os.path.join(ROOT, 'build', 'logs')
PROMPT = '[bulkhead]# '
BOARDS = ('virt', 'zcu102')
CONFIG = {'virt': 'qemu-virt', 'zcu102': 'zcu102'}


class CommandError(AssertionError):
    pass


class Board:
    """One QEMU run of a board: commands, their output and exit status."""

    def __init__(self, board, name, qemu_args=(), extra=(), timeout=240):
        self.board = board
        self.config = CONFIG[board]
        os.makedirs(LOGS, exist_ok=True)
        self.log_path = os.path.join(LOGS, f'{name}.log')
        self.uart1_path = os.path.join(LOGS, f'{name}-uart1.log')
        self.log = open(self.log_path, 'w', encoding='utf-8', errors='replace')
        cmd = [os.path.join(ROOT, 'tools', 'qemu-run')]
        if board == 'zcu102':
            cmd += ['--uart1', f'file:{self.uart1_path}']
        cmd += list(qemu_args) + [board]
        if extra:
            cmd += ['--'] + list(extra)
        self.child = pexpect.spawn(cmd[0], cmd[1:], encoding='utf-8',
                                   codec_errors='replace', timeout=timeout,
                                   dimensions=(50, 500))
        self.child.logfile_read = self.log
        self.child.expect_exact('Bulkhead on', timeout=timeout)
        self.child.expect_exact(PROMPT)
        self.run('stty -echo; export PS1="[bulkhead]# "')

    def run(self, command, timeout=120, check=True):
        """Run a shell command; return its output (without the prompt)."""
        marker = 'RC='
        self.child.sendline(f'{command}; echo "{marker}$?"')
        # not the prompt: the hypervisor may print into the middle of it
        # (it shares the UART); the next command's output starts with it.
        # It may print into the marker too ("R", its line, "C=0"): a line
        # may come between any two of the marker's characters.
        self.child.expect(r'R(?:[^\n]*\n)?C(?:[^\n]*\n)?=(?:[^\n]*\n)?'
                          r'(\d+)(?=\D)', timeout=timeout)
        out = self.child.before
        rc = int(self.child.match.group(1))
        out = out.replace('\r', '').lstrip('\n')
        if out.startswith(PROMPT):
            out = out[len(PROMPT):]
        # drop the echoed command line if the terminal still echoed it
        if out.startswith(command):
            out = out[len(command):]
        out = out.strip('\n')
        if check and rc != 0:
            raise CommandError(f'`{command}` failed ({rc}):\n{out}')
        self.last_rc = rc
        return out

    def run_rc(self, command, timeout=120):
        out = self.run(command, timeout=timeout, check=False)
        return self.last_rc, out

    def expect(self, pattern, timeout=60):
        self.child.expect(pattern, timeout=timeout)
        return self.child.match

    def sysfs(self, path):
        return self.run(f'cat /sys/devices/bulkhead/{path}').strip()

    def close(self):
        if self.child.isalive():
            try:
                self.child.sendline('poweroff -f')
                self.child.expect(pexpect.EOF, timeout=30)
            except (pexpect.TIMEOUT, pexpect.EOF):
                pass
        self.child.close(force=True)
        self.log.close()

    def kernel_healthy(self):
        out = self.run('dmesg')
        for bad in ('Oops', 'BUG:', 'Unable to handle', 'rcu_sched self-detected',
                    'Kernel panic', 'SError'):
            assert bad not in out, f'kernel log shows "{bad}":\n{out[-3000:]}'
        return out
