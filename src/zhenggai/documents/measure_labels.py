"""A measure's terms and statuses (GLOSSARY: term, status): their code names and the words users read.

The one place these words are written: the ledger workbook reads and writes them, and the ledger's
database choices (`zhenggai.ledger.models.Term`, `Status`) take their labels from here.
"""

from __future__ import annotations

#: Measure terms and the words the ledger writes for them.
TERM_LABELS: dict[str, str] = {"immediate": "立行立改", "deadline": "限期整改", "ongoing": "长期坚持"}
#: Measure statuses and the words the ledger writes for them, in the order a reader lists them.
STATUS_LABELS: dict[str, str] = {
    "done": "已完成",
    "in_progress": "正在推进",
    "not_started": "未启动",
    "blocked": "暂不具备整改条件",
}
