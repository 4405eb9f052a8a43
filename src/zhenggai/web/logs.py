"""Log lines never carry an opinion link's token: whatever writes them, the handler blots it out.

The public collection page catches its own errors (meetings/views/public.py); this filter, on the
log handler, is for what happens before or around that view (middleware, the WSGI server).
"""

from __future__ import annotations

import logging
import re

#: The public page's path (meetings/urls.py, "collect") up to the end of its token.
PUBLIC_LINK = re.compile(r"/meetings/o/[^/\s\"'?#]+")
HIDDEN = "/meetings/o/…"


def hide_links(text: str) -> str:
    """`text` with every opinion link's token replaced, so the line can be logged."""
    return PUBLIC_LINK.sub(HIDDEN, text)


class HidePublicLinks(logging.Filter):
    """Rewrite each record so that no part of it (message, arguments, traceback, request) holds a token."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always keep the record (True), after rewriting whatever part of it names a token."""
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if PUBLIC_LINK.search(message) or (record.exc_text and PUBLIC_LINK.search(record.exc_text)):
            record.msg, record.args = hide_links(message), None
            record.exc_text = hide_links(record.exc_text) if record.exc_text else record.exc_text
            record.exc_info = None
        request = getattr(record, "request", None)
        if request is not None and PUBLIC_LINK.search(getattr(request, "path", "")):
            record.request = None
        return True
