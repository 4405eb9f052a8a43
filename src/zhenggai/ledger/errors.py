"""The one exception of the ledger's services: a Chinese message the page shows as it is."""


class LedgerError(Exception):
    """A change the rules refuse (shown with status 400)."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LedgerForbidden(LedgerError):
    """The person asking may not make this change (shown with status 403)."""

    status = 403
