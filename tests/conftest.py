"""What every test may use: real-browser fixtures (tests/browser.py) and the audit trail's flush
between transactional tests (tests/audit_flush.py); the process's cache starts empty for each test
(ids repeat between tests whose data was rolled back, so a key with ids could find another test's)."""

import pytest

pytest_plugins = ["tests.browser", "tests.audit_flush"]


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import caches

    caches["default"].clear()
    yield
