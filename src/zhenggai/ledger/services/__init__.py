"""Every change to the ledger, with its state rules, one transaction each, each audited.

Views, the API, imports and commands call these functions and nothing else to change the ledger.
A refused change raises `Refusal` (or `Forbidden`) from `zhenggai.core.errors` with a message in
Chinese and leaves the database and the evidence folder as they were. One module per object acted
on: problems, measures, a measure's status, its progress and evidence.
"""

from __future__ import annotations

from zhenggai.ledger.services.common import audit, must_manage
from zhenggai.ledger.services.measures import (
    create_measure,
    delete_measure,
    extend_deadline,
    move_measure,
    update_measure,
)
from zhenggai.ledger.services.problems import (
    close_problem,
    create_problem,
    delete_problem,
    reopen_problem,
    update_problem,
)
from zhenggai.ledger.services.progress import add_evidence, delete_evidence, delete_progress, post_progress
from zhenggai.ledger.services.status import change_status

__all__ = [
    "add_evidence",
    "audit",
    "change_status",
    "close_problem",
    "create_measure",
    "create_problem",
    "delete_evidence",
    "delete_measure",
    "delete_problem",
    "delete_progress",
    "extend_deadline",
    "move_measure",
    "must_manage",
    "post_progress",
    "reopen_problem",
    "update_measure",
    "update_problem",
]
