"""The refusals every service raises: a Chinese message that pages and the API show as it is."""

from __future__ import annotations


class Refusal(Exception):
    """A change the rules refuse (HTTP 400); `message` is for the user, in Chinese."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Forbidden(Refusal):
    """The person asking may not make this change (HTTP 403)."""

    status = 403


class Conflict(Refusal):
    """The change was based on a page someone else has changed since (HTTP 409): nothing was saved, and
    the message says who changed what and when.
    """

    status = 409


class TooManyRequests(Refusal):
    """The same thing was asked too often just now (HTTP 429)."""

    status = 429
