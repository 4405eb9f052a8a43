"""Refusals of the meeting services: the ledger's errors, so pages show them the same way."""

from zhenggai.ledger.errors import LedgerError, LedgerForbidden


class MeetingError(LedgerError):
    """A change the rules refuse (status 400); the message is for the user, in Chinese."""


class MeetingForbidden(LedgerForbidden):
    """The person asking may not make this change (status 403)."""


class TooManyOpinions(MeetingError):
    """The collection link received too many opinions just now (status 429)."""

    status = 429
