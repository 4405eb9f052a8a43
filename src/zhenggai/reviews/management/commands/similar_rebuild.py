"""`zhenggai similar --rebuild`: index every report version and reference text again for 查重.

The index (reviews.similar_index) is kept up to date by the background worker as versions are
stored; this rebuilds it whole — after an upgrade that changes how texts are signed, or to fill it
for versions stored before it existed — drawing a bar on stderr when it is a terminal.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand

from zhenggai.documents.checks.batch import progress_bar
from zhenggai.reviews.similar_index import rebuild


def _bar(done: int, total: int) -> None:
    progress_bar(done, total, "重建查重索引")


class Command(BaseCommand):
    """Rebuild the 查重 index (see the module)."""

    help = "重建查重索引：所有材料版本和参考范文"

    def handle(self, *args: Any, **options: Any) -> None:
        """Rebuild, with a bar on a terminal, then print what was indexed and how long it took."""
        started = time.monotonic()
        texts, keys = rebuild(_bar if sys.stderr.isatty() else None)
        seconds = time.monotonic() - started
        self.stdout.write(f"已重建查重索引：{texts} 份文本，{keys} 个索引键，用时 {seconds:.1f} 秒")
