# SPDX-License-Identifier: GPL-2.0
"""QEMU's GICv2 virtual-EOI bug, shown without Bulkhead and probed by it.

When a vCPU EOIs an interrupt whose list register has the hardware bit,
QEMU's GICv2 model (hw/intc/arm_gic.c, QEMU 7.2) deactivates the physical
interrupt but recomputes only the virtual CPU interface: a level interrupt
whose line is still high is pending again yet not signalled (GICC_HPPIR
stale, no IRQ to the CPU) until an unrelated GIC event.  On the zcu102 this
stalled the RTOS cell's timer for 1 to 85 ms (test_rtos_cell.py, crunch).

The hypervisor asks the GIC at enable (virtual_eoi_resignals() in
hypervisor/arch/arm64/gicv2.c) and, where it gets the answer wrong,
deactivates itself, saying so on its console.  Two tests:

- the bare-metal reproducer tests/gicv2-eoi (`make gicv2-eoi`; it runs at
  EL2 on xlnx-zcu102, no hypervisor, no inmate library) walks the same
  sequence step by step and prints a verdict; its console is kept in
  build/logs/gicv2-eoi-repro.log;
- the hypervisor's probe on the same QEMU must reach the same verdict: its
  message is in `bulkhead console` iff the reproducer says "NOT
  re-signalled" (boot log build/logs/gicv2-eoi-probe.log).

Neither test assumes which way the verdict goes: a QEMU with the bug fixed
must pass too, as long as both agree.
"""
import re
import shutil

import pexpect
import pytest

import bare_qemu
from cells_common import boot_enabled

ELF = bare_qemu.REPO / 'build' / 'gicv2-eoi' / 'repro.elf'
LOG = bare_qemu.LOG_DIR / 'gicv2-eoi-repro.log'
STEP_RE = re.compile(r'gicv2-eoi: step (\d) (\S+) value (0x[0-9a-f]+) '
                     r'expect (0x[0-9a-f]+)')
VERDICT_RE = r'gicv2-eoi: verdict: ([^\r\n]+)\r*\n'
NOT_RESIGNALLED = ('NOT re-signalled (pending, not signalled until an '
                   'unrelated GIC event)')
HV_MESSAGE = ("GICv2: a cell's EOI does not re-signal a still pending line "
              "(QEMU's model): EL2 deactivates")
PPI = 0x1a


@pytest.fixture(scope='module')
def repro():
    """Run the reproducer once: ({(step, what): value}, verdict)."""
    if not shutil.which('qemu-system-aarch64'):
        pytest.skip('qemu-system-aarch64 not installed')
    if not ELF.exists():
        pytest.skip(f'{ELF} not built (make gicv2-eoi)')
    cmd = ['qemu-system-aarch64', '-M', 'xlnx-zcu102,virtualization=on',
           '-m', '2G', '-nographic', '-no-reboot', '-kernel', str(ELF)]
    bare_qemu.LOG_DIR.mkdir(parents=True, exist_ok=True)
    with open(LOG, 'w') as log:
        log.write('# ' + ' '.join(cmd) + '\n')
        p = pexpect.spawn(cmd[0], cmd[1:], env=bare_qemu.qemu_env(),
                          encoding='utf-8', codec_errors='replace',
                          timeout=20)
        p.logfile_read = log
        try:
            p.expect(VERDICT_RE)
            text = p.before
            verdict = p.match.group(1)
            # PSCI SYSTEM_OFF: QEMU emulates the firmware (SMC conduit)
            p.expect(pexpect.EOF, timeout=10)
        finally:
            p.close(force=True)
    steps = {(int(s[0]), s[1]): (int(s[2], 16), int(s[3], 16))
             for s in STEP_RE.findall(text)}
    return steps, verdict


def test_bare_reproducer(repro):
    steps, verdict = repro
    value = {k: v[0] for k, v in steps.items()}
    # every step up to the EOI went as on a real GIC: the setup is sound
    for key in [(1, 'CurrentEL'), (2, 'GICC_HPPIR'), (3, 'GICC_IAR'),
                (3, 'GICC_HPPIR'), (4, 'GICV_IAR'),
                (5, 'GICD_ISACTIVER0.26'), (5, 'GICD_ISPENDR0.26'),
                (6, 'GICC_HPPIR'), (6, 'ISR_EL1.I')]:
        assert key in steps and steps[key][0] == steps[key][1], (key, steps)
    assert verdict in ('re-signalled', NOT_RESIGNALLED), verdict
    signalled = value[(5, 'GICC_HPPIR')] == PPI and value[(5, 'ISR_EL1.I')]
    assert signalled == (verdict == 're-signalled'), (verdict, steps)


def test_hypervisor_probe_agrees(repro):
    _, verdict = repro
    b = boot_enabled('zcu102', 'gicv2-eoi-probe')
    try:
        out = b.run('bulkhead console')
    finally:
        b.close()
    assert (HV_MESSAGE in out) == (verdict == NOT_RESIGNALLED), \
        f'bare verdict "{verdict}", hypervisor console:\n{out[-3000:]}'
