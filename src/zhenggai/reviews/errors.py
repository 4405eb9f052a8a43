"""Refusals of the review services: the ledger's errors, so pages show them the same way."""

from zhenggai.ledger.errors import LedgerError, LedgerForbidden


class ReviewError(LedgerError):
    """A change the rules refuse (status 400); the message is for the user, in Chinese."""


class ReviewForbidden(LedgerForbidden):
    """The person asking may not make this change (status 403)."""
