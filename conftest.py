"""Repository-wide pytest settings.

Odoo skips its browser tests silently when Chromium or websocket-client is missing, and
a test that needs a service it cannot find may skip too. A run that skips what it should
run is a failing run: any skipped test fails the session unless IDESK_ALLOW_SKIPS=1.
"""

import os
import sys


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and os.environ.get("IDESK_ALLOW_SKIPS") != "1" and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    hostile = sys.modules.get("odoo.addons.idesk_reports.tests.test_hostile_routes")
    if hostile and hostile.ROUTES:
        for line in hostile.route_summary():
            terminalreporter.write_line(line)
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped and os.environ.get("IDESK_ALLOW_SKIPS") != "1":
        terminalreporter.write_line(
            f"FAILED RUN: {len(skipped)} test(s) were skipped; every test must run "
            "(set IDESK_ALLOW_SKIPS=1 to allow skips locally).",
            red=True,
        )
