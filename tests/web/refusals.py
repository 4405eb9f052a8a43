"""The parts of the refusal helper: what a refused request must leave alone, and what it must say.

A refusal leaves every row of every table and every stored file as it was, and tells the person
why in Chinese: on the page (`<p class="error" role="alert">`), in the API's JSON (`{"detail": …}`)
or, after a redirect, in the message shown on the next page.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.messages import constants, get_messages
from django.db import connection
from django.http import HttpResponse

#: Sessions change with every login and hold nothing of the ledger, meetings or reviews; the login
#: throttle (axes) counts refused logins on purpose — that count is what a refusal must write.
#: Every other table is compared, Django's own included: nothing may write them on a refusal.
#: (The rollup tables are no models: triggers derive them from the ledger's rows, on both databases.)
IGNORED_APPS = frozenset({"sessions", "axes"})
#: The opinion rate limit counts refused tries on purpose, like the login throttle. The 查重 findings
#: kept per version are derived from the reports: a refused request showing a report page may keep them.
IGNORED_TABLES = frozenset({"meetings_ratecount", "reviews_copycheck"})

_ELEMENT = re.compile(r"<(?P<tag>p|li)\b(?P<attrs>[^>]*)>(?P<text>.*?)</(?P=tag)>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SHOWN = 40  # characters of a value shown in a failure message


def _plain(value: Any) -> Any:
    """PostgreSQL hands binary columns out as memoryview; compare and print them as bytes."""
    return bytes(value) if isinstance(value, memoryview) else value


@dataclass(frozen=True)
class Snapshot:
    """Every row of every table (by table, then by primary key) and every file under a folder."""

    tables: dict[str, dict[Any, dict[str, Any]]]
    files: dict[str, str]

    @classmethod
    def take(cls, folder: Path) -> Snapshot:
        # Plain SQL: a queryset per model costs twenty times as much, and the stored values are
        # what is compared anyway.
        tables = {}
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model in apps.get_models(include_auto_created=True):
                meta = model._meta
                if (
                    meta.proxy
                    or not meta.managed
                    or meta.app_label in IGNORED_APPS
                    or meta.db_table in IGNORED_TABLES
                ):
                    continue
                cursor.execute(f"SELECT * FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}")
                columns = [c[0] for c in cursor.description]
                pk = columns.index(meta.pk.column)
                tables[meta.db_table] = {
                    row[pk]: {name: _plain(value) for name, value in zip(columns, row, strict=True)}
                    for row in cursor.fetchall()
                }
        files = {
            str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
        return cls(tables, files)

    def changes_since(self, before: Snapshot) -> list[str]:
        """What differs from `before`, one line per row or file, empty when nothing does."""
        lines = []
        for table in sorted(before.tables.keys() | self.tables.keys()):
            old, new = before.tables.get(table, {}), self.tables.get(table, {})
            for pk in sorted(old.keys() - new.keys(), key=str):
                lines.append(f"{table}: row {pk} deleted: {_row(old[pk])}")
            for pk in sorted(new.keys() - old.keys(), key=str):
                lines.append(f"{table}: row {pk} added: {_row(new[pk])}")
            for pk in sorted(old.keys() & new.keys(), key=str):
                fields = [
                    f"{name} {_short(value)} → {_short(new[pk].get(name))}"
                    for name, value in old[pk].items()
                    if new[pk].get(name) != value
                ]
                if fields:
                    lines.append(f"{table}: row {pk} changed: {', '.join(fields)}")
        for name in sorted(before.files.keys() - self.files.keys()):
            lines.append(f"file {name} deleted")
        for name in sorted(self.files.keys() - before.files.keys()):
            lines.append(f"file {name} added")
        for name in sorted(before.files.keys() & self.files.keys()):
            if before.files[name] != self.files[name]:
                lines.append(f"file {name} rewritten")
        return lines


def _short(value: Any) -> str:
    if isinstance(value, datetime.date):
        text = value.isoformat()
    elif isinstance(value, bytes):
        text = f"<{len(value)} bytes>"
    else:
        text = repr(value)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _row(row: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{name}={_short(value)}" for name, value in row.items()) + "}"


def shown_messages(response: HttpResponse) -> list[str]:
    """The refusal messages the person sees for `response`, as plain text.

    JSON (the API): its "detail". A redirect: the error messages it leaves for the next page.
    A page: its alerts (role="alert"); failing those, the elements of class "error" — the public
    opinion page of a closed link and the import page's row errors are marked by class only.
    """
    if response.headers.get("Content-Type", "").startswith("application/json"):
        detail = response.json().get("detail")
        return [detail] if detail else []
    if response.status_code in (301, 302, 303):
        # Only what this request added: an earlier message still waits in the cookie when a test
        # does not follow its redirects.
        added = get_messages(response.wsgi_request)._queued_messages  # type: ignore[attr-defined]
        return [m.message for m in added if m.level == constants.ERROR]
    if getattr(response, "streaming", False):
        return []
    page = response.content.decode(response.charset or "utf-8")
    elements = [(m["attrs"], m["text"]) for m in _ELEMENT.finditer(page)]
    alerts = [text for attrs, text in elements if 'role="alert"' in attrs]
    if not alerts:
        alerts = [text for attrs, text in elements if re.search(r'class="[^"]*\berror\b', attrs)]
    return [" ".join(html.unescape(_TAG.sub("", text)).split()) for text in alerts]
