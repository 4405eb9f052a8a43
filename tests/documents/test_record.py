"""`@record()` classes behave as the dataclasses they replace: fields, defaults, equality, frozen, pickling."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from zhenggai.documents.markers import Marker
from zhenggai.documents.model import Item, Paragraph
from zhenggai.documents.record import field, record


@record()
class Counted:
    """A record with a default, a fresh list per instance and a __post_init__."""

    name: str
    count: int = 1
    seen: list[str] = field(default_factory=list)
    total: int = 0

    def __post_init__(self) -> None:
        self.total = self.count * 2


@dataclasses.dataclass(slots=True)
class CountedDataclass:
    name: str
    count: int = 1
    seen: list[str] = dataclasses.field(default_factory=list)
    total: int = 0


def test_fields_defaults_and_post_init() -> None:
    a, b = Counted("a"), Counted("b", 3)
    assert (a.count, a.total, b.total) == (1, 2, 6)
    assert a.seen == [] and a.seen is not b.seen
    assert Counted("a", seen=["x"]).seen == ["x"]
    with pytest.raises(TypeError):
        Counted()  # type: ignore[call-arg]  # the missing field is the point
    assert not hasattr(a, "__dict__")


def test_repr_and_equality_as_dataclasses_write_them() -> None:
    ours, theirs = Counted("a", 2, ["x"], 0), CountedDataclass("a", 2, ["x"], 4)
    assert repr(ours).removeprefix("Counted") == repr(theirs).removeprefix("CountedDataclass")
    assert Paragraph("一、问题", 3) == Paragraph("一、问题", 3) != Paragraph("一、问题", 4)
    assert Paragraph("x", 1) != ("x", 1, 0)
    with pytest.raises(TypeError):
        hash(Paragraph("x", 1))  # mutable records are unhashable, as dataclasses with eq


def test_frozen_records_refuse_changes_and_hash() -> None:
    marker = Marker("cn", 1, 2, "二、")
    with pytest.raises(AttributeError):
        marker.number = 3  # type: ignore[misc]  # assigning is the point
    assert hash(marker) == hash(Marker("cn", 1, 2, "二、"))
    assert len({marker, Marker("cn", 1, 2, "二、")}) == 1


def test_records_pickle_and_copy() -> None:
    item = Item("（一）问题", 2, "（一）", 1, "cn_paren", "text", paragraphs=[Paragraph("p", 2)])
    for again in (pickle.loads(pickle.dumps(item)), copy.deepcopy(item), copy.copy(item)):
        assert again == item and again is not item
    assert pickle.loads(pickle.dumps(Marker("cn", 1, 2, "二、"))) == Marker("cn", 1, 2, "二、")
