"""Django's configuration of the ledger app (整改台账)."""

from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """The ledger app, shown in the admin as 整改台账."""

    name = "zhenggai.ledger"
    label = "ledger"
    verbose_name = "整改台账"
