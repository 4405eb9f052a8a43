"""The .docx reader: text, reading order, tracked changes, and Word's automatic numbering as text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from tests.documents.docx_builders import (
    Para,
    abstract_num,
    build_docx,
    build_docx_body,
    level,
    num,
    replace_part,
)
from zhenggai.documents.docx import format_number, read_docx_paragraphs
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.reading import read_bytes, read_document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# The outline of a report: 一、 （一） 1. （1） ① on levels 0..4 of one list.
OUTLINE = abstract_num(
    1,
    level(0, "chineseCounting", "%1、"),
    level(1, "chineseCounting", "（%2）"),
    level(2, "decimal", "%3."),
    level(3, "decimal", "（%4）"),
    level(4, "decimalEnclosedCircle", "%5"),
) + num(1, 1)


def read(data: bytes) -> list[str]:
    return read_docx_paragraphs(data, "测试.docx")


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


# --- plain text ---------------------------------------------------------------------------------


def test_plain_paragraphs_in_order_with_empty_ones() -> None:
    data = build_docx(["一、存在的问题", "", "（一）理论学习方面"])
    assert read(data) == ["一、存在的问题", "", "（一）理论学习方面"]


def test_tab_is_a_space_and_line_breaks_split_paragraphs() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("一是学习不够\t深入。")
    paragraph.add_run().add_break()
    paragraph.add_run("二是联系实际不够。")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read(buffer.getvalue()) == ["一是学习不够 深入。", "二是联系实际不够。"]


def test_cr_splits_and_page_break_makes_no_empty_paragraph() -> None:
    body = p(run("甲"), "<w:r><w:cr/></w:r>", run("乙"))
    body += p('<w:r><w:br w:type="page"/></w:r>', run("二、原因剖析"))
    body += p(run("结尾"), '<w:r><w:br w:type="page"/></w:r>')
    assert read(build_docx_body(body)) == ["甲", "乙", "二、原因剖析", "结尾"]


def test_hyphens_symbols_and_field_instructions() -> None:
    body = p(
        run("2021"),
        "<w:r><w:noBreakHyphen/></w:r>",
        run("2022年"),
        "<w:r><w:softHyphen/></w:r>",
        '<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
        '<w:r><w:sym w:font="SimSun" w:char="2605"/></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        run("3"),
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )
    assert read(build_docx_body(p(run("前"), "") + body)) == ["前", "2021-2022年★3"]


def test_tab_stops_in_paragraph_properties_are_not_text() -> None:
    body = '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>' + run("正文") + "</w:p>"
    assert read(build_docx_body(body)) == ["正文"]


def test_tables_cell_by_cell_in_row_order_with_nested_tables() -> None:
    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "问题"
    table.cell(0, 1).text = "措施"
    table.cell(1, 0).text = "学习不够"
    inner = table.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内一"
    inner.cell(0, 1).text = "内二"
    document.add_paragraph("结语")
    buffer = io.BytesIO()
    document.save(buffer)
    texts = [t for t in read(buffer.getvalue()) if t]
    assert texts == ["前言", "问题", "措施", "学习不够", "内一", "内二", "结语"]


def test_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    body = p(
        run("我"),
        '<w:ins w:id="1" w:author="a"><w:r><w:t>认真</w:t></w:r></w:ins>',
        '<w:del w:id="2" w:author="a"><w:r><w:delText>不</w:delText><w:tab/></w:r></w:del>',
        run("学习"),
        '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>挪走</w:t></w:r></w:moveFrom>',
        '<w:moveTo w:id="4" w:author="a"><w:r><w:t>了</w:t></w:r></w:moveTo>',
    )
    assert read(build_docx_body(body)) == ["我认真学习了"]


def test_deleted_paragraph_mark_merges_with_next_paragraph() -> None:
    merged = '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a"/></w:rPr></w:pPr>' + run("一是") + "</w:p>"
    assert read(build_docx_body(merged + p(run("学习不够。")))) == ["一是学习不够。"]


def test_style_separator_runs_heading_into_next_paragraph() -> None:
    ppr = '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>'
    ppr += "<w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr>"
    body = f"<w:p>{ppr}{run('学习方面。')}</w:p>" + p(run("学习不够深入。")) + p(run("下一段"))
    assert read(build_docx_body(body, OUTLINE)) == ["（一）学习方面。学习不够深入。", "下一段"]


def test_ruby_annotation_is_skipped() -> None:
    ruby = f"<w:r><w:ruby><w:rubyPr/><w:rt>{run('huì')}</w:rt><w:rubyBase>{run('会')}</w:rubyBase></w:ruby></w:r>"
    assert read(build_docx_body(p(run("开"), ruby))) == ["开会"]


def test_hidden_text_is_not_read() -> None:
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（填写说明）</w:t></w:r>"
    assert read(build_docx_body(p(run("正文"), hidden))) == ["正文"]


def test_alternate_content_text_box_read_once_after_its_paragraph() -> None:
    textbox = "<w:txbxContent>" + p(run("框内文字")) + "</w:txbxContent>"
    alternate = (
        "<mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><wps:txbx>{textbox}</wps:txbx></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{textbox}</v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    body = p(run("锚点前"), f"<w:r>{alternate}</w:r>", run("锚点后")) + p(run("下一段"))
    assert read(build_docx_body(body)) == ["锚点前锚点后", "框内文字", "下一段"]


def test_vml_text_box_without_alternate_content() -> None:
    textbox = f"<w:pict><v:shape><v:textbox><w:txbxContent>{p(run('框'))}</w:txbxContent></v:textbox></v:shape></w:pict>"
    assert read(build_docx_body(p(run("前"), f"<w:r>{textbox}</w:r>"))) == ["前", "框"]


def test_fallback_is_read_when_there_is_no_choice() -> None:
    body = p(f"<mc:AlternateContent><mc:Fallback>{run('备选')}</mc:Fallback></mc:AlternateContent>")
    assert read(build_docx_body(body)) == ["备选"]


def test_content_controls_hyperlinks_and_math_are_read() -> None:
    sdt = f"<w:sdt><w:sdtPr/><w:sdtContent>{p(run('控件内段落'))}</w:sdtContent></w:sdt>"
    inline = f'<w:sdt><w:sdtContent>{run("姓名")}</w:sdtContent></w:sdt><w:hyperlink r:id="x">{run("链接")}</w:hyperlink>'
    math = "<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>"
    assert read(build_docx_body(sdt + p(inline, math))) == ["控件内段落", "姓名链接x+1"]


def test_headers_footers_and_comments_are_ignored() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉内容"
    document.sections[0].footer.paragraphs[0].text = "第1页"
    document.add_paragraph("正文")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read(buffer.getvalue()) == ["正文"]


def test_empty_body_and_missing_body() -> None:
    assert read(build_docx_body("")) == []
    no_body = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    assert read(replace_part(build_docx([]), "word/document.xml", no_body)) == []


def test_main_part_found_through_package_relationships() -> None:
    data = build_docx(["正文"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml")
        rels = archive.read("_rels/.rels").replace(b"word/document.xml", b"word/document2.xml")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename not in ("word/document.xml", "_rels/.rels"):
                dst.writestr(info, src.read(info))
        dst.writestr("word/document2.xml", document)
        dst.writestr("_rels/.rels", rels)
    assert read(out.getvalue()) == ["正文"]


def test_strict_ooxml_namespace() -> None:
    strict = (
        '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
        "<w:p><w:r><w:t>严格格式</w:t></w:r></w:p></w:body></w:document>"
    )
    assert read(replace_part(build_docx([]), "word/document.xml", strict)) == ["严格格式"]


# --- automatic numbering ------------------------------------------------------------------------


def test_outline_numbering_equals_typed_text() -> None:
    numbered = [
        ("存在的问题", 1, 0),
        ("理论学习方面", 1, 1),
        ("学习不够深入", 1, 2),
        ("系统性不强", 1, 3),
        ("碎片化", 1, 4),
        ("浅尝辄止", 1, 4),
        ("联系实际不够", 1, 2),
        ("政治建设方面", 1, 1),
        ("原因剖析", 1, 0),
        ("理想信念方面", 1, 1),
    ]
    typed = [
        "一、存在的问题",
        "（一）理论学习方面",
        "1.学习不够深入",
        "（1）系统性不强",
        "①碎片化",
        "②浅尝辄止",
        "2.联系实际不够",
        "（二）政治建设方面",
        "二、原因剖析",
        "（一）理想信念方面",
    ]
    assert read(build_docx(numbered, OUTLINE)) == typed
    assert read(build_docx(typed)) == typed


def test_numbering_end_to_end_through_read_bytes_matches_typed(tmp_path: Path) -> None:
    numbered = build_docx([("存在的问题", 1, 0), ("理论学习方面", 1, 1), "正文。"], OUTLINE)
    typed = build_docx(["一、存在的问题", "（一）理论学习方面", "正文。"])
    from_numbering = read_bytes("a.docx", numbered)
    from_typed = read_bytes("b.docx", typed)
    assert [x.text for x in from_numbering.paragraphs] == [x.text for x in from_typed.paragraphs]
    assert from_numbering.format == "docx"
    path = tmp_path / "报告.docx"
    path.write_bytes(numbered)
    document = read_document(path)
    assert [x.text for x in document.paragraphs] == ["一、存在的问题", "（一）理论学习方面", "正文。"]
    assert [x.line for x in document.paragraphs] == [1, 2, 3]


def test_chinese_counting_past_ten_and_thousand() -> None:
    numbering = abstract_num(1, level(0, "chineseCountingThousand", "%1、", start=9)) + num(1, 1)
    texts = read(build_docx([("项", 1, 0)] * 5, numbering))
    assert texts == ["九、项", "十、项", "十一、项", "十二、项", "十三、项"]
    numbering = abstract_num(1, level(0, "chineseCountingThousand", "%1、", start=99)) + num(1, 1)
    assert read(build_docx([("项", 1, 0)] * 3, numbering)) == ["九十九、项", "一百、项", "一百零一、项"]


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (21, "chineseCounting", "二十一"),
        (101, "chineseCountingThousand", "一百零一"),
        (110, "chineseCountingThousand", "一百一十"),
        (1010, "chineseCountingThousand", "一千零一十"),
        (1001, "chineseCountingThousand", "一千零一"),
        (10010, "chineseCountingThousand", "一万零一十"),
        (10, "chineseLegalSimplified", "壹拾"),
        (3, "ideographTraditional", "丙"),
        (10, "ideographTraditional", "癸"),
        (2, "ideographZodiac", "丑"),
        (1, "decimalEnclosedCircle", "①"),
        (20, "decimalEnclosedCircle", "⑳"),
        (21, "decimalEnclosedCircle", "21"),
        (12, "decimalFullWidth", "１２"),
        (3, "decimalZero", "03"),
        (28, "upperLetter", "BB"),
        (2, "lowerLetter", "b"),
        (14, "upperRoman", "XIV"),
        (9, "lowerRoman", "ix"),
        (5, "bullet", ""),
        (5, "none", ""),
        (7, "someFutureFormat", "7"),
    ],
)
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def test_ideograph_traditional_and_enclosed_circle_in_documents() -> None:
    numbering = abstract_num(
        1, level(0, "ideographTraditional", "%1、"), level(1, "decimalEnclosedCircle", "%2")
    ) + num(1, 1)
    paragraphs = [("总体", 1, 0), ("要点", 1, 1), ("要点", 1, 1), ("分论", 1, 0), ("要点", 1, 1)]
    assert read(build_docx(paragraphs, numbering)) == ["甲、总体", "①要点", "②要点", "乙、分论", "①要点"]


def test_bullets_give_no_marker_and_multi_level_text() -> None:
    numbering = (
        abstract_num(1, level(0, "bullet", "\uf0b7"))
        + abstract_num(2, level(0, "decimal", "%1"), level(1, "decimal", "%1.%2"))
        + num(1, 1)
        + num(2, 2)
    )
    paragraphs = [("要点", 1, 0), ("章", 2, 0), ("细目", 2, 1), ("细目", 2, 1)]
    assert read(build_docx(paragraphs, numbering)) == ["要点", "1章", "1.1细目", "1.2细目"]
    legal = abstract_num(1, level(0, "chineseCounting", "%1、"), level(1, "decimal", "%1.%2", legal=True))
    assert read(build_docx([("章", 1, 0), ("节", 1, 1)], legal + num(1, 1))) == ["一、章", "1.1节"]


def test_lower_levels_restart_unless_lvl_restart_says_otherwise() -> None:
    numbering = abstract_num(
        1,
        level(0, "chineseCounting", "%1、"),
        level(1, "decimal", "%2."),
        level(2, "decimal", "（%3）", restart=1),
    ) + num(1, 1)
    paragraphs = [
        ("甲", 1, 0),
        ("子", 1, 1),
        ("细", 1, 2),
        ("子", 1, 1),
        ("细", 1, 2),  # level 2 restarts only after level 0, so it continues here
        ("乙", 1, 0),
        ("子", 1, 1),
        ("细", 1, 2),
    ]
    assert read(build_docx(paragraphs, numbering)) == [
        "一、甲",
        "1.子",
        "（1）细",
        "2.子",
        "（2）细",
        "二、乙",
        "1.子",
        "（1）细",
    ]


def test_lvl_restart_zero_never_restarts() -> None:
    numbering = abstract_num(
        1, level(0, "chineseCounting", "%1、"), level(1, "decimal", "%2.", restart=0)
    ) + num(1, 1)
    paragraphs = [("甲", 1, 0), ("子", 1, 1), ("乙", 1, 0), ("子", 1, 1)]
    assert read(build_docx(paragraphs, numbering)) == ["一、甲", "1.子", "二、乙", "2.子"]


def test_two_nums_sharing_an_abstract_num_continue_one_list() -> None:
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、")) + num(1, 1) + num(2, 1)
    paragraphs = [("甲", 1, 0), "正文", ("乙", 2, 0), ("丙", 1, 0)]
    assert read(build_docx(paragraphs, numbering)) == ["一、甲", "正文", "二、乙", "三、丙"]


def test_start_override_restarts_the_list() -> None:
    numbering = (
        abstract_num(1, level(0, "decimal", "%1.")) + num(1, 1) + num(2, 1, {0: 1}) + num(3, 1, {0: 5})
    )
    paragraphs = [("a", 1, 0), ("b", 1, 0), ("c", 2, 0), ("d", 2, 0), ("e", 3, 0)]
    assert read(build_docx(paragraphs, numbering)) == ["1.a", "2.b", "1.c", "2.d", "5.e"]


def test_separate_abstract_nums_count_separately_and_num_id_zero_is_none() -> None:
    numbering = (
        abstract_num(1, level(0, "chineseCounting", "%1、"))
        + abstract_num(2, level(0, "decimal", "%1."))
        + num(1, 1)
        + num(2, 2)
    )
    paragraphs = [("甲", 1, 0), ("a", 2, 0), ("乙", 1, 0), ("无编号", 0, 0), ("b", 2, 0), ("缺", 9, 0)]
    assert read(build_docx(paragraphs, numbering)) == ["一、甲", "1.a", "二、乙", "无编号", "2.b", "缺"]


def test_numbering_through_paragraph_style_and_based_on() -> None:
    numbering = abstract_num(
        1, level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%2）")
    ) + num(4, 1)
    styles = (
        '<w:style w:type="paragraph" w:styleId="ZgPart"><w:name w:val="zg part"/>'
        '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ZgItem"><w:name w:val="zg item"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="ZgItemBold"><w:name w:val="zg item bold"/>'
        '<w:basedOn w:val="ZgItem"/></w:style>'
    )
    paragraphs = [
        Para("存在的问题", style="ZgPart"),
        Para("学习方面", style="ZgItem"),
        Para("作风方面", style="ZgItemBold"),
        Para("正文", style="Normal"),
        Para("原因剖析", style="ZgPart"),
        Para("直接编号二级", style="ZgPart", num_id=4, ilvl=1),
    ]
    assert read(build_docx(paragraphs, numbering, styles)) == [
        "一、存在的问题",
        "（一）学习方面",
        "（二）作风方面",
        "正文",
        "二、原因剖析",
        "（一）直接编号二级",
    ]


def test_unusual_style_markup_and_missing_styles() -> None:
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、")) + num(4, 1)
    styles = (
        "<w:style w:type='paragraph' w:styleId='ZgQuoted'><w:name w:val='q'/>"
        "<w:pPr><w:numPr><w:numId w:val='4'/></w:numPr></w:pPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Zg&amp;Amp"><w:name w:val="amp"/><w:basedOn w:val="ZgQuoted"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="ZgEmpty"/>'
        '<w:style w:type="paragraph" w:styleId="ZgLoopA"><w:basedOn w:val="ZgLoopB"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="ZgLoopB"><w:basedOn w:val="ZgLoopA"/></w:style>'
    )
    paragraphs = [
        Para("甲", style="ZgQuoted"),
        Para("乙", style="Zg&Amp"),
        Para("丙", style="ZgEmpty"),
        Para("丁", style="NoSuchStyle"),
        Para("戊", style="ZgLoopA"),
        Para("己", style="ZgQuoted"),
    ]
    assert read(build_docx(paragraphs, numbering, styles)) == ["一、甲", "二、乙", "丙", "丁", "戊", "三、己"]


def test_styles_xml_is_read_only_as_far_as_the_styles_used() -> None:
    numbering = abstract_num(1, level(0, "chineseCounting", "%1、")) + num(4, 1)
    data = build_docx([Para("存在的问题", style="ZgPart"), Para("原因剖析", style="ZgPart")], numbering)
    used = (
        '<w:style w:type="paragraph" w:styleId="ZgPart">'
        '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'
    )
    others = "".join(f'<w:style w:type="paragraph" w:styleId="Other{i}"/>' for i in range(2000))

    def styles(before: str, after: str) -> bytes:
        part = f'<w:styles xmlns:w="{W}">{before}{used}{others}{after}</w:styles>'
        return replace_part(data, "word/styles.xml", part)

    assert read(styles("", "<w:style a=1/>")) == ["一、存在的问题", "二、原因剖析"]  # damage never reached
    with pytest.raises(DocumentError, match="损坏"):
        read(styles("<w:style a=1/>", ""))


def test_list_style_through_num_style_link() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="ZgList"/>'
        + level(0, "chineseCounting", "%1、")
        + level(1, "chineseCounting", "（%2）")
        + "</w:abstractNum>"
        + '<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ZgList"/></w:abstractNum>'
        + num(1, 1)
        + num(2, 2)
    )
    styles = (
        '<w:style w:type="numbering" w:styleId="ZgList"><w:name w:val="zg list"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    )
    paragraphs = [("甲", 2, 0), ("子", 2, 1), ("乙", 2, 0)]
    assert read(build_docx(paragraphs, numbering, styles)) == ["一、甲", "（一）子", "二、乙"]


def test_style_level_found_through_lvl_pstyle() -> None:
    numbering = abstract_num(
        1,
        level(0, "chineseCounting", "%1、").replace("<w:start", '<w:pStyle w:val="ZgA"/><w:start'),
        level(1, "chineseCounting", "（%2）").replace("<w:start", '<w:pStyle w:val="ZgB"/><w:start'),
    ) + num(3, 1)
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{sid}"/>'
        '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>'
        for sid in ("ZgA", "ZgB")
    )
    paragraphs = [Para("一级", style="ZgA"), Para("二级", style="ZgB")]
    assert read(build_docx(paragraphs, numbering, styles)) == ["一、一级", "（一）二级"]


def test_python_docx_list_number_style() -> None:
    document = docx.Document()
    document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    document.add_paragraph("标题", style="Heading 1")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read(buffer.getvalue()) == ["1.第一项", "2.第二项", "标题"]


def test_numbering_in_table_cells_and_empty_numbered_paragraphs_count() -> None:
    cell = "<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>"

    def numbered(text: str) -> str:
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        return f"<w:p>{ppr}{run(text) if text else ''}</w:p>"

    body = numbered("甲") + cell.format(numbered("乙")) + numbered("") + numbered("丁")
    assert read(build_docx_body(body, OUTLINE)) == ["一、甲", "二、乙", "三、", "四、丁"]


def test_numbered_paragraph_with_line_break_numbers_only_first_line() -> None:
    ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = f'<w:p>{ppr}<w:r><w:br w:type="page"/></w:r>{run("标题")}<w:r><w:br/></w:r>{run("正文")}</w:p>'
    assert read(build_docx_body(body, OUTLINE)) == ["一、标题", "正文"]


def test_document_without_numbering_part_ignores_num_pr() -> None:
    data = build_docx([("存在的问题", 1, 0)])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != "word/numbering.xml":
                dst.writestr(info, src.read(info))
    assert read(out.getvalue()) == ["存在的问题"]


def test_seed_report_through_docx_matches_text() -> None:
    seed = Path(__file__).resolve().parents[2] / "src" / "zhenggai" / "examples" / "seed.txt"
    lines = seed.read_text(encoding="utf-8").splitlines()
    assert read(build_docx(lines)) == lines
