"""Text as users' files hold it: encodings, invisible characters, stray spaces, Traditional script."""

from __future__ import annotations

from zhenggai.documents import regex
from zhenggai.documents.errors import DocumentError

# Regular expressions, not str.translate: translating non-ASCII text goes character by character.
_ZERO_WIDTH = regex.compile("[\u200b-\u200f\u2060\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069]")
_ODD_SPACE = regex.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

# A space touching a CJK character (or CJK punctuation) is damage from copying, never meaning.
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u2018-\u201f\u2460-\u24ff"
_SPACE_NEAR_CJK = regex.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
_MULTI_SPACE = regex.compile(r" {2,}")


def decode_text(data: bytes, name: str = "") -> tuple[str, str]:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK, Big5."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", name), "utf-16"
    if b"\x00" in data[:4096]:
        raise DocumentError(f"“{name}”不是文本文件（含有二进制内容），请上传 .docx 或 .txt 文件。")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded: list[tuple[int, str, str]] = []
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded.append((_plausibility(text), text, encoding))
    if decoded:
        # Big5 bytes often decode as GB18030 too (into nonsense): keep the more Chinese-looking text.
        _, text, encoding = max(decoded, key=lambda d: d[0])
        return text, encoding
    raise DocumentError(f"无法识别“{name}”的文字编码，请另存为 UTF-8 编码的 .txt 文件后再上传。")


# The most frequent characters of Chinese text, in both scripts.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家力里如化高自二理起现实加量都两体制机当使点从业本去把性好应开它合还"
    "因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道命此变条只没结"
    "解问意建月公无系军情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路"
    "級們個問題這與為對會發實學習說時間長門見於從黨設織組幹場專導檢查顧議認識務責當進難還過體關現義經無機"
)


def _plausibility(text: str) -> int:
    sample = text[:4000]
    common = sum(1 for ch in sample if ch in _COMMON)
    odd = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff")
    return common - 5 * odd


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DocumentError(f"“{name}”的文字编码有误（{encoding}），请另存为 UTF-8 编码后再上传。") from None


def split_lines(text: str) -> list[str]:
    """Split on every kind of line break: LF, CRLF, CR, U+2028/2029, form feed, vertical tab."""
    return text.splitlines()


def clean_line(text: str) -> str:
    """Drop invisible characters, turn odd spaces into plain ones, drop spaces touching CJK text."""
    text = _ODD_SPACE.sub(" ", _ZERO_WIDTH.sub("", text)).strip()
    if " " in text:
        text = _SPACE_NEAR_CJK.sub("", text)
        text = _MULTI_SPACE.sub(" ", text)
    return text


# Characters that only Traditional script uses, frequent in our genre: enough to tell the script.
#: Characters only Traditional script writes (common ones): three in a text's opening make it Traditional.
TRADITIONAL_CHARACTERS = (
    "們個問題這與為對會發實學習說時間長門見於從黨設織組幹場專導檢顧議認識務責當進難還過體關現義經無機"
    "產據劃歷屬濟開觀變貫徹覺釋論據邊決蘇處勢級參傳際隊權質樣結術項構條視員靈熱將報廣動"
)
#: How many characters of a text's opening `is_traditional` reads, and how many of those it needs.
TRADITIONAL_OPENING, TRADITIONAL_NEEDED = 4000, 3
_TRADITIONAL_CHAR = regex.compile(f"[{TRADITIONAL_CHARACTERS}]")


def is_traditional(text: str) -> bool:
    """True when the text is (mostly) in Traditional script."""
    return len(_TRADITIONAL_CHAR.findall(text, 0, TRADITIONAL_OPENING)) >= TRADITIONAL_NEEDED


_converter: list[object] = []  # the one OpenCC converter, made on first need


def _t2s() -> object:
    if not _converter:
        import opencc

        _converter.append(opencc.OpenCC("t2s"))
    return _converter[0]


def simplified(text: str) -> str:
    """The text in Simplified script, for matching keywords; the output keeps what was written."""
    if _TRADITIONAL_CHAR.search(text) is None:
        return text
    converter = _t2s()
    result: str = converter.convert(text)  # type: ignore[attr-defined]  # opencc's converter is untyped
    return result


_WIDE = regex.compile(
    "[\u1100-\u115f\u2018-\u201f\u2460-\u24ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uff60\uffe0-\uffe6]+"
)


def display_width(text: str) -> int:
    """Columns the text takes on a page: CJK and full-width characters count two."""
    return 2 * len(text) - len(_WIDE.sub("", text))


_CJK_RUN = regex.compile("[\u4e00-\u9fff]{2,}")


def bigrams(text: str) -> set[str]:
    """The character bigrams of the Chinese runs of `text`: how the engine compares wordings."""
    grams: set[str] = set()
    for run in _CJK_RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


# Han characters, the compatibility ideographs and extension A included (what search indexes).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORDS = regex.compile(rf"[{_HAN}]+|[0-9A-Za-z]+")
_IS_HAN = regex.compile(rf"[{_HAN}]")


def is_han(text: str) -> bool:
    """True when `text` starts with a Han character."""
    return _IS_HAN.match(text) is not None


def tokens(text: str) -> list[str]:
    """The bigram (Han) and word (Latin, digits) tokens of a text, in order, with repeats.

    A run of one Han character is a token of its own; Latin words are folded to lower case.
    """
    out: list[str] = []
    for run in _WORDS.findall(text or ""):
        if _IS_HAN.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out += [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            out.append(run.lower())
    return out
