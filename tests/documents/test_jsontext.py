"""The commands' JSON writer writes what json.dumps(ensure_ascii=False) writes, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhenggai.documents import jsontext
from zhenggai.documents.api import parse_file
from zhenggai.documents.feedback import read_feedback
from zhenggai.documents.reading import read_document

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "zhenggai" / "examples"
SEED, NOTICE = EXAMPLES / "seed.txt", EXAMPLES / "seed-notice.txt"
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(VALUES, st.sampled_from([None, 0, 1, 2, 4]))
def test_any_value_is_written_as_json_writes_it(value: object, indent: int | None) -> None:
    assert jsontext.dumps(value, indent=indent) == json.dumps(value, ensure_ascii=False, indent=indent)


@pytest.mark.parametrize("indent", [None, 1])
def test_the_commands_outputs_are_written_as_json_writes_them(indent: int | None) -> None:
    for value in (
        parse_file(SEED, None).to_json(),
        parse_file(SEED, ["理论学习", "担当作为"]).to_json(),
        read_feedback(read_document(NOTICE)).to_json(),
        {1: "a key json turns into a string", "b": [1.5, float("nan")]},
    ):
        assert jsontext.dumps(value, indent=indent) == json.dumps(value, ensure_ascii=False, indent=indent)
