"""What every test may use: real-browser fixtures (tests/browser.py) and the audit trail's flush
between transactional tests (tests/audit_flush.py)."""

pytest_plugins = ["tests.browser", "tests.audit_flush"]
