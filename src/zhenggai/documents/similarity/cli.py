"""`zhenggai similar FILE --against DIR_OR_FILES… [--notice NOTICE] [--json]`: what a report shares with others.

Each text named by --against (a folder: every readable file below it) is compared with FILE
as a whole, sentence by sentence (`align.py`): with the few texts a reviewer names, exact
alignment is cheap, and MinHash/LSH (`minhash.py`, `lsh.py`) is what serves a corpus too large
to align with every text. Exit status: 0 nothing shared, 1 shared passages found, 2 a file could
not be read (the others are still compared).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

from zhenggai.documents.errors import DocumentError
from zhenggai.documents.model import SourceDocument
from zhenggai.documents.quickargs import Arguments
from zhenggai.documents.reading import read_document
from zhenggai.documents.similarity.align import Passage, Span
from zhenggai.documents.similarity.compare import SourceMatch, compare_documents

EXIT_OK, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2
KIND_LABELS = {"verbatim": "照搬", "edited": "改写"}


def read_against(paths: list[str], exclude: str) -> tuple[list[SourceDocument], list[str]]:
    """The documents named (folders searched), `exclude` left out; and a message per unreadable file."""
    from zhenggai.documents.checks.batch import files_of

    documents, errors = [], []
    for path in files_of(paths):
        if os.path.exists(exclude) and os.path.samefile(path, exclude):
            continue
        try:
            document = read_document(path)
        except DocumentError as exc:
            errors.append(f"{path}: 无法读取：{exc.message}")
            continue
        document.name = path
        documents.append(document)
    return documents, errors


def run_similar(args: Arguments, out: Callable[[str], None]) -> int:
    """Run `zhenggai similar` with parsed arguments; `out` writes UTF-8 text to stdout."""
    document = read_document(args.file)
    document.name = args.file
    notice = read_document(args.notice) if args.notice else None
    others, errors = read_against(args.against, args.file)
    for error in errors:
        sys.stderr.write(error + "\n")
    if not others and not errors:
        sys.stderr.write("错误：--against 所给的文件或文件夹中没有可比对的材料（.docx、.txt 等）。\n")
        return EXIT_UNREADABLE
    matches = compare_documents(document, others, notice)
    if args.json:
        found = [m.to_json() for m in matches if m.passages]
        out(
            json.dumps({"file": args.file, "sources": found, "unreadable": errors}, ensure_ascii=False) + "\n"
        )
    else:
        out(render_matches(args.file, matches))
    if errors:
        return EXIT_UNREADABLE
    return EXIT_FOUND if any(m.passages for m in matches) else EXIT_OK


def _range(span: Span) -> str:
    (l1, c1), (l2, c2) = span.first, span.last
    return f"{l1}:{c1}-{l2}:{c2}"


def render_passage(file: str, source: str, passage: Passage) -> str:
    """One line: both ranges, the kind, the similarity and the start of the text."""
    excerpt = passage.left.text.replace("\n", " ")
    excerpt = excerpt if len(excerpt) <= 30 else excerpt[:29] + "…"
    return (
        f"{file}:{_range(passage.left)} ~ {source}:{_range(passage.right)}  "
        f"{KIND_LABELS[passage.kind]}  相似度 {passage.similarity:.2f}  “{excerpt}”"
    )


def render_matches(file: str, matches: list[SourceMatch]) -> str:
    """Every shared passage, then the share of the file each source covers, in Chinese."""
    found = [m for m in matches if m.passages]
    lines = [render_passage(file, m.source, p) for m in found for p in m.passages]
    for m in sorted(found, key=lambda m: -m.share):
        lines.append(f"与 {m.source} 相同或相近的内容 {len(m.passages)} 处，占本材料的 {m.share:.1%}")
    if not found:
        lines.append(f"未发现与所给 {len(matches)} 份材料相同或相近的内容")
    return "\n".join(lines) + "\n"
