"""ZG101: placeholders left unfilled, and Latin text that is not one."""

from __future__ import annotations

from zhenggai.documents import parse_document, read_text
from zhenggai.documents.checks import CheckContext, Finding, run_checks


def findings(text: str, rule: str = "placeholders") -> list[Finding]:
    return run_checks(parse_document(read_text(text)), CheckContext(), enable=[rule])


def test_it_reports_each_placeholder_with_line_column_and_excerpt() -> None:
    found = findings("一、存在的问题\n我在XX方面查摆出X个问题，【待补】，由某某同志负责，×××镇。")
    assert [f.message for f in found] == [
        "占位符“XX”未填写，请填入实际内容",
        "占位符“X”未填写，请填入实际内容",
        "占位符“【待补】”未填写，请填入实际内容",
        "占位符“某某”未填写，请填入实际内容",
        "占位符“×××”未填写，请填入实际内容",
    ]
    first = found[0]
    assert (first.code, first.severity, first.line, first.column) == ("ZG101", "error", 2, 3)
    assert "XX方面" in first.excerpt


def test_circles_are_placeholders_but_the_numeral_zero_is_not() -> None:
    assert [f.message for f in findings("二〇二一年在○○镇调研。")] == ["占位符“○○”未填写，请填入实际内容"]


def test_real_latin_text_is_not_a_placeholder() -> None:
    text = "做好X光机采购，推进XML数据交换，x86服务器3x4台，访问 https://example.com/x?x=1 查看。"
    assert findings(text) == []


def test_a_filled_report_has_no_placeholder_findings() -> None:
    assert findings("一、存在的问题\n（一）在理论学习方面：学习不够深入。") == []
