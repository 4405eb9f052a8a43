"""Errors the document engine raises; each carries a message in Chinese for the user."""

from __future__ import annotations


class DocumentError(Exception):
    """A file that cannot be read: wrong type, corrupt, encrypted, too large or hostile.

    `str(error)` is the message for the user, in Chinese, saying what is wrong and what to do.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
