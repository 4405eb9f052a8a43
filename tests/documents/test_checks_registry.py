"""The registry: rule records, selection by name or code, order, a rule that raises, hostile input."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import (
    INTERNAL_ERROR,
    RULES,
    CheckContext,
    Finding,
    Rule,
    UnknownRuleError,
    registry,
    run_checks,
)
from zhenggai.documents.model import Report

TEXT = "一、存在的问题\n（一）学习XX不够。\n（三）作风不实,调研不深。"


def report() -> Report:
    return parse_document(read_text(TEXT))


def test_every_rule_has_a_name_codes_and_a_chinese_description() -> None:
    codes = [c for r in RULES for c in r.codes]
    assert len(codes) == len(set(codes))
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert re.fullmatch(r"[a-z][a-z-]+", rule.name)
        assert all(re.fullmatch(r"ZG\d{3}", c) for c in rule.codes)
        assert re.search(r"[\u4e00-\u9fff]", rule.description)


def test_findings_are_sorted_by_line_and_column() -> None:
    found = run_checks(report())
    assert [(f.line, f.column) for f in found] == sorted((f.line, f.column) for f in found)
    assert {"ZG101", "ZG201", "ZG302", "ZG303", "ZG702"} <= {f.code for f in found}


def test_enable_by_name_runs_only_that_rule() -> None:
    assert {f.code for f in run_checks(report(), enable=["placeholders"])} == {"ZG101"}


def test_enable_by_code_keeps_only_that_code() -> None:
    assert {f.code for f in run_checks(report(), enable=["zg302"])} == {"ZG302"}


def test_disable_by_name_or_code() -> None:
    codes = {f.code for f in run_checks(report(), disable=["placeholders", "ZG302"])}
    assert "ZG101" not in codes and "ZG302" not in codes and "ZG303" in codes


def test_an_unknown_rule_is_refused_with_a_chinese_message() -> None:
    with pytest.raises(UnknownRuleError) as caught:
        run_checks(report(), enable=["no-such-rule"])
    assert (
        caught.value.message
        == "没有名为“no-such-rule”的审核规则，请用 --list-rules 查看可用的规则名称和代码。"
    )


def _broken(report: Report, context: CheckContext) -> Iterator[Finding]:
    yield Finding("ZG999", "info", "之前的发现", 1)
    raise ZeroDivisionError


def test_a_rule_that_raises_becomes_a_finding_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = Rule("broken", ("ZG999",), "坏规则", _broken)
    monkeypatch.setattr(registry, "RULES", (broken, *RULES))
    found = run_checks(report())
    assert found[0].code == INTERNAL_ERROR and found[0].severity == "warning"
    assert "“broken”运行出错（ZeroDivisionError）" in found[0].message
    assert "ZG101" in {f.code for f in found}


def test_a_rule_disabled_by_default_runs_only_when_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    quiet = Rule("quiet", ("ZG998",), "默认停用", lambda r, c: [Finding("ZG998", "info", "提示", 1)], False)
    monkeypatch.setattr(registry, "RULES", (*RULES, quiet))
    assert "ZG998" not in {f.code for f in run_checks(report())}
    assert [f.code for f in run_checks(report(), enable=["quiet"])] == ["ZG998"]


HOSTILE = [
    "",
    "（）",
    "一、",
    "（一）\n（一）\n（一）",
    "一、" * 500,
    "“" * 1000 + "）" * 1000,
    "X" * 5000,
    "一是二是三是四是五是六是七是八是九是十是",
    "查摆出999999999999方面0个问题，制定整改措施0条，其余-1项已整改到位。",
    "\x00\ufeff\u200b（一）\u3000\t",
    "一、上年度民主生活会整改落实情况\n查摆出十个问题，已整改到位九十九项，还有一百项正在整改。",
    "\n".join(f"（{n}）" for n in range(1, 60)),
    "①②③④\n⑳\n1)\n2）\n第一部分\n第二部分",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_input_makes_a_rule_raise(text: str) -> None:
    aspects = ["带头学习", "带头担当", ""]
    found = run_checks(parse_document(read_text(text), aspects), CheckContext(aspects, True))
    assert INTERNAL_ERROR not in {f.code for f in found}
    assert all(f.line >= 1 and f.column >= 1 for f in found)


_PIECES = st.sampled_from(
    [
        "一、",
        "（一）",
        "(二)",
        "1.",
        "2、",
        "（1）",
        "①",
        "一是",
        "二是",
        "存在的问题",
        "原因",
        "整改措施",
        "上年度民主生活会",
        "方面：",
        "查摆出5方面18个问题",
        "其余3项已整改到位",
        "XX",
        "，",
        ",",
        "。",
        "“",
        "》",
        "\n",
        "学习不够深入",
        "习总书记",
        "https://a.b/x",
        "情况。",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40))
def test_no_generated_text_makes_a_rule_raise(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = run_checks(
        parse_document(read_text(text), ["带头学习方面"]), CheckContext(["带头学习方面"], True)
    )
    assert INTERNAL_ERROR not in {f.code for f in found}
