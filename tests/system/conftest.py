# SPDX-License-Identifier: GPL-2.0
"""Time per group: `make test` must stay under 15 minutes on two cores, so
the end of every run says where the time went, file by file (boots and
fixtures included)."""
import collections


def pytest_terminal_summary(terminalreporter):
    per_file = collections.Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if hasattr(report, 'duration') and hasattr(report, 'nodeid'):
                per_file[report.nodeid.split('::')[0]] += report.duration
    if not per_file:
        return
    terminalreporter.section('time per group')
    for name, seconds in per_file.most_common():
        terminalreporter.write_line(f'{seconds:8.1f} s  {name}')
    terminalreporter.write_line(f'{sum(per_file.values()):8.1f} s  in all')
