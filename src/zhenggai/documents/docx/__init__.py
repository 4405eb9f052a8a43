"""Read the paragraphs of a .docx straight from its XML, with Word's automatic numbering as text.

Inside: `package` finds the parts, `body` reads the paragraphs, `numbering` keeps Word's list
counters (with `styles` for the numbering paragraph styles carry and `number_formats` for 一, ①,
A …), and `wordml` holds the names of the WordprocessingML vocabulary.
"""

from __future__ import annotations

from zhenggai.documents.docx.body import drop_hidden_runs, read_body
from zhenggai.documents.docx.number_formats import FORMATS, MAX_VALUE, custom_format, format_number
from zhenggai.documents.docx.numbering import Numbering
from zhenggai.documents.docx.package import main_part, not_word, numbering_parts
from zhenggai.documents.docx.styles import Styles
from zhenggai.documents.docx.wordml import tags_of
from zhenggai.documents.errors import DocumentError
from zhenggai.documents.safety import advice, open_zip, parse_xml


def read_docx_paragraphs(data: bytes, name: str) -> list[str]:
    """The text of every paragraph of a .docx in reading order, automatic numbering in front.

    A line break inside a paragraph (Shift+Enter) starts a new output paragraph. Raises
    DocumentError, with a message for the user, for anything that cannot be read.
    """
    try:
        return _read(data, name)
    except DocumentError:
        raise
    except RecursionError:
        raise DocumentError(f"“{name}”结构嵌套过深，无法读取。{advice(name)}。") from None
    except Exception as exc:  # a reader of hostile files must never leak a traceback
        raise DocumentError(f"“{name}”无法读取（{type(exc).__name__}）。{advice(name)}。") from exc


def _read(data: bytes, name: str) -> list[str]:
    package = open_zip(data, name)
    main = main_part(package, name)
    raw = package.read(main)
    root = parse_xml(raw, name)
    tags = tags_of(root)
    if tags is None or root.tag != tags.document:
        raise DocumentError(not_word(package, name))
    body = root.find(tags.body)
    if body is None:
        return []
    # Cheap byte tests spare most documents the numbering and tracked-change look-ups.
    numbering = None
    if b"numPr" in raw or b"pStyle" in raw:
        part, style_part = numbering_parts(package, main, name)
        if part is not None:
            styles = Styles(package, style_part, tags, name) if style_part is not None else None
            numbering = Numbering(package, part, styles, tags, name)
    hidden = b"vanish" in raw
    if hidden:
        drop_hidden_runs(body, tags)
    return read_body(body, tags, numbering, marks=hidden or b":del" in raw or b"<del" in raw)


__all__ = ["FORMATS", "MAX_VALUE", "custom_format", "format_number", "read_docx_paragraphs"]
