"""The engine's scans written for speed find exactly what the plain patterns they replace find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from zhenggai.documents import claims, markers, repair

CN = "一二三四五六七八九十"
#: The single alternation find_enum_markers used to run, and its loop.
ENUM = re.compile(
    rf"(?P<n>[{CN}]{{1,3}})(?:是|要)"
    rf"|第(?P<o>[{CN}]{{1,3}})(?:[，,、：:；]|条[，,、：:]|方面[，,、：:])"
    r"|(?P<s>首先|其次|再次|最后|最後)(?=[，,、：:])"
)
SEQUENCE = {"首先": 1, "其次": 2, "再次": 3, "最后": 99, "最後": 99}
NUM = r"(?:\d+|[一二三四五六七八九十百两零〇]+|[XxＸｘ×]+)"
COUNT = re.compile(rf"{NUM}\s*个?\s*(?:方面|领域|类|个|项|条|件)")
GLUED = re.compile(
    rf"[{repair._SENTENCE_END}.](?:[{CN}]{{1,3}}[、．.]|[（(][{CN}]{{1,3}}[）)])"
    rf"|^[{CN}]{{1,3}}[、．.][^。！？；：:!?;]{{2,40}}?[（(]一[）)]"
)

TEXTS = st.text(
    alphabet="一二三四五六七八九十百两零〇第是要条方面领域类个项件，,、：:；。.！（）()”首先其次再次最后最後 X×1２中国",
    max_size=30,
)


def enum_markers(text: str) -> list[tuple[str, int, int, int, str]]:
    found = []
    for m in ENUM.finditer(text):
        start = m.start()
        if start and text[start - 1] not in markers.ENUM_BOUNDARY:
            continue
        if m.group("s"):
            found.append(("sequence", SEQUENCE[m.group("s")], start, m.end(), m.group(0)))
            continue
        number = markers.chinese_to_int(m.group("n") or m.group("o"))
        if number:
            found.append(("shi" if m.group("n") else "ordinal", number, start, m.end(), m.group(0)))
    return found


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_enumeration_markers_are_those_of_the_single_pattern(text: str) -> None:
    ours = [(m.kind, m.number, m.start, m.end, m.text) for m in markers.find_enum_markers(text)]
    assert ours == enum_markers(text)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_a_count_is_found_where_the_full_pattern_finds_one(text: str) -> None:
    assert (claims._COUNT.search(text) is None) == (COUNT.search(text) is None)


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_a_glued_heading_is_found_where_the_single_pattern_finds_one(text: str) -> None:
    ours = repair._GLUED_INSIDE.search(text) is None and repair._GLUED_AT_START.match(text) is None
    assert ours == (GLUED.search(text) is None)


def marker_trying_every_style(text: str) -> tuple[str, int, int, str] | None:
    """match_marker as it was: every style in order, for any paragraph that opens with a possible character."""
    if not text:
        return None
    for style in markers.STYLES:
        m = style.pattern.match(text)
        if m is None:
            continue
        raw = m.group("n")
        number = markers.CIRCLED.index(raw) + 1 if style.key == "circled" else markers.chinese_to_int(raw)
        if number is None or number == 0:
            continue
        return None if len(text) == m.end() else (style.key, style.level, number, m.group(0))
    return None


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="一二三十第部分章、.．：:，,（）()①②⑳1234５²٣ 中", max_size=9))
def test_a_heading_marker_is_the_first_style_that_matches(text: str) -> None:
    marker = markers.match_marker(text)
    assert (marker and (marker.style, marker.level, marker.number, marker.text)) == marker_trying_every_style(
        text
    )
