"""The argparse parser of the document commands: help, usage errors in Chinese, unusual spellings.

The usual command lines are read by `quickargs` without it (argparse is a start cost).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_UNREADABLE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse's English usage errors, in Chinese and exit 2
        self.print_usage(sys.stderr)
        sys.stderr.write(f"错误：参数有误（{message}）\n")
        raise SystemExit(EXIT_UNREADABLE)


def build_parser() -> argparse.ArgumentParser:
    """The parser of `zhenggai parse|check|aspects`; its errors are in Chinese and exit with 2."""
    parser = _Parser(prog="zhenggai", description="对照检查材料的解析与审核。")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("parse", help="解析材料，显示其结构（各部分、问题、措施）")
    p.add_argument("file", help="材料文件（.docx 或 .txt）")
    p.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    p.add_argument("--notice", help="会议通知（.docx/.txt）或方面清单（每行一个），用于对应查摆方面")
    c = sub.add_parser("check", help="审核材料，列出发现的问题")
    c.add_argument(
        "file", nargs="*", help="材料文件或文件夹（可多个；文件夹内的 .docx/.txt/.pdf 等逐一审核）"
    )
    c.add_argument(
        "--jobs", "-j", type=int, default=0, metavar="N", help="同时审核的进程数（默认：全部 CPU 核心）"
    )
    c.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    c.add_argument("--notice", help="会议通知（.docx/.txt）或方面清单（每行一个）")
    c.add_argument(
        "--enable", action="append", default=[], metavar="规则", help="只运行这些规则（名称或代码，可重复）"
    )
    c.add_argument(
        "--disable", action="append", default=[], metavar="规则", help="不运行这些规则（名称或代码，可重复）"
    )
    c.add_argument("--list-rules", action="store_true", help="列出所有审核规则")
    c.add_argument(
        "--against",
        action="append",
        default=[],
        metavar="文件或文件夹",
        help="与这些材料查重：同事的材料、本人往年的材料（可重复）",
    )
    _add_similar(sub)
    f = sub.add_parser("feedback", help="读出巡察/巡视/审计/督查反馈意见中的问题（按方面归类）")
    f.add_argument("file", help="反馈意见文件（.docx 或 .txt）")
    f.add_argument("--json", action="store_true", help="以 JSON 格式输出")
    r = sub.add_parser("render", help="按公文格式（GB/T 9704）生成 Word 文件")
    kinds = r.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    rr = kinds.add_parser("report", help="个人对照检查材料：读入材料，按公文格式重新排版")
    rr.add_argument("file", help="材料文件（.docx 或 .txt）")
    rr.add_argument("-o", "--output", required=True, help="输出的 .docx 文件；“-”表示写到标准输出")
    rr.add_argument("--numbering", action="store_true", help="标题序号用 Word 自动编号（默认直接写成文字）")
    a = sub.add_parser("aspects", help="从会议通知中读出要求查摆的方面")
    a.add_argument("notice", help="会议通知（.docx 或 .txt）")
    a.add_argument("--json", action="store_true", help="以 JSON 列表输出")
    return parser


def _add_similar(sub: Any) -> None:
    """The `similar` command's arguments."""
    s = sub.add_parser(
        "similar",
        help="查重：列出材料与其他材料相同或相近的段落",
        epilog="zhenggai similar --rebuild：重建系统数据库中的查重索引（所有材料版本和参考范文），显示进度条",
    )
    s.add_argument("file", help="要查重的材料文件")
    s.add_argument(
        "--against", nargs="+", required=True, metavar="文件或文件夹", help="用来比对的材料文件或文件夹"
    )
    s.add_argument("--notice", help="会议通知（.docx/.txt）：通知中的方面和表述不算雷同")
    s.add_argument("--json", action="store_true", help="以 JSON 格式输出")
