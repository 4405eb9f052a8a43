"""Text as the similarity engine compares it: no punctuation or spaces, one width, numbers alike.

Two copies of a passage differ in what carries no meaning: full- or half-width letters and
punctuation, spaces, the numbers filled in (2020年 / 2021年, 18个 / XX个) and the template's
placeholders (X, XX, ×××, ○○, **, 某某). `normalise` keeps only Han characters and ASCII letters
and digits, folds full-width forms and Latin case, and turns every run of digits or placeholder
characters into one "0". `normalise_with_offsets` gives the same string with, for each of its
characters, where it starts in the original text, so that a match can be shown in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from zhenggai.documents import regex
from zhenggai.documents.text import (
    TRADITIONAL_CHARACTERS,
    TRADITIONAL_NEEDED,
    TRADITIONAL_OPENING,
    is_traditional,
    simplified,
)

#: Characters in a shingle.
SHINGLE = 5
#: What a run of digits or placeholder characters becomes.
NUMBER = "0"

# Full-width ASCII (！ to ～) to half-width, the ideographic space to a space, Latin to lower case.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_FOLD = {
    code: (target + 32 if 0x41 <= target <= 0x5A and target != 0x58 else target)
    for code, target in _WIDTH.items()
}
_FOLD.update({code: code + 32 for code in range(0x41, 0x5B) if code != 0x58})  # X stays: a placeholder
# Only letters and digits need folding: punctuation of either width is dropped anyway.
_NEEDS_FOLD = regex.compile("[A-WYZ\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Digits (and digit groups), or placeholders: X runs (not inside a Latin word), ×, ○, 〇, *, 某某.
# The lookahead lets the regex engine skip to candidate characters (4–5× faster on Chinese text).
_NUMBER = r"(?=[0-9X×○〇*某])(?:[0-9]+(?:[.,][0-9]+)*|(?<![a-zA-Z])X+(?![a-zA-Z])|[×○〇*]|某某+)+"
_NUMBER_RUN = regex.compile(_NUMBER)
_DROP = regex.compile(rf"[^{_HAN}a-z0-9]+")
_TOKEN = regex.compile(rf"(?P<n>{_NUMBER})|[{_HAN}a-zX]")


def fold(text: str) -> str:
    """Full-width forms to half-width, Latin to lower case (X kept), Traditional to Simplified.

    The result has exactly the length of `text`: conversions that would change it are skipped.
    """
    folded = text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text
    if is_traditional(folded):
        converted = simplified(folded)
        if len(converted) == len(folded):
            folded = converted
    return folded


def normalise(text: str) -> str:
    """The comparable form of `text` (see the module's docstring)."""
    return _DROP.sub("", _NUMBER_RUN.sub(NUMBER, fold(text)).replace("X", "x"))


Codes = npt.NDArray[np.uint32]
Lengths = npt.NDArray[np.int64]
Positions = npt.NDArray[np.intp]


def _table(codes: list[int]) -> npt.NDArray[np.bool_]:
    table = np.zeros(0x10000, dtype=bool)
    table[codes] = True
    return table


# The same steps as `fold`, `_NUMBER_RUN` and `_DROP`, as tables over the Basic Multilingual Plane.
_FOLD_TABLE = np.arange(0x10000, dtype=np.uint32)
_FOLD_TABLE[list(_FOLD)] = list(_FOLD.values())
_FOLDED = _table(list(_FOLD))
_NEEDS_FOLD_TABLE = _table(
    [*range(0x41, 0x58), 0x59, 0x5A, *range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
)
_KEPT = _table([*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000), *range(0xF900, 0xFB00), *range(0x61, 0x7B)])
_LETTER = _table([*range(0x41, 0x5B), *range(0x61, 0x7B)])
_MARK = _table([ord(c) for c in "×○〇*"])
_TRADITIONAL = _table([ord(c) for c in TRADITIONAL_CHARACTERS])
_SPECIAL = _NEEDS_FOLD_TABLE | _MARK | _TRADITIONAL | _table([ord("X"), ord("某")])
_X, _MOU, _ZERO = ord("X"), ord("某"), ord(NUMBER)


def normalise_many(texts: Sequence[str]) -> tuple[Codes, Lengths]:
    """`normalise` of every text at once, as code points: all results concatenated, and each one's length.

    The same steps as `normalise`, vectorised with numpy over one array of all the texts' code
    points: full-width forms folded (in the texts `fold` folds), Traditional script converted (by
    OpenCC, text by text, for the texts `is_traditional` names), each run of numbers and
    placeholders turned into one "0" (digit groups joined by . or ,; X runs not touching a Latin
    letter; × ○ 〇 *; 某某…), the other X read as a letter, and only Han characters, a–z and digits
    kept. The result is exactly `normalise`'s; the tests compare them.
    """
    if not texts:
        return np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    # A newline after each text: never kept, never a letter nor part of a number, so nothing reads
    # across two texts.
    joined = "\n".join(texts) + "\n"
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    starts = np.cumsum(lengths + 1) - (lengths + 1)
    low = np.minimum(codes, 0xFFFF)  # beyond the plane nothing is kept nor special (0xFFFF is neither)
    special = np.flatnonzero(_SPECIAL[low])
    if special.size:
        owner = np.searchsorted(starts, special, side="right") - 1
        _fold(codes, low, starts, special, owner)
        _simplify(texts, codes, low, starts, lengths, special, owner)
    digit = (codes >= 0x30) & (codes <= 0x39)
    number = digit.copy()
    number[1:-1] |= ((codes[1:-1] == 0x2C) | (codes[1:-1] == 0x2E)) & digit[:-2] & digit[2:]
    letter_x = _placeholders(codes, low, number)
    first = number.copy()
    first[1:] &= ~number[:-1]
    keep = (_KEPT[low] & ~number) | first | letter_x
    kept = np.flatnonzero(keep)
    out = codes[kept]
    out[first[kept]] = _ZERO
    out[letter_x[kept]] = ord("x")
    bounds = np.searchsorted(kept, np.append(starts, codes.size))
    return out, np.diff(bounds).astype(np.int64)


def _fold(codes: Codes, low: Codes, starts: Lengths, special: Positions, owner: Positions) -> None:
    """`fold`'s width and case folding, in place, in the texts that hold a character `fold` looks for."""
    needs = np.unique(owner[_NEEDS_FOLD_TABLE[low[special]]])
    if not needs.size:
        return
    folded = np.flatnonzero(_FOLDED[low])
    inside = np.isin(np.searchsorted(starts, folded, side="right") - 1, needs)
    where = folded[inside]
    codes[where] = _FOLD_TABLE[codes[where]]
    low[where] = codes[where]


def _simplify(
    texts: Sequence[str],
    codes: Codes,
    low: Codes,
    starts: Lengths,
    lengths: Lengths,
    special: Positions,
    owner: Positions,
) -> None:
    """`fold`'s Traditional-to-Simplified step, in place, for the texts `is_traditional` names."""
    traditional = _TRADITIONAL[low[special]] & (special - starts[owner] < TRADITIONAL_OPENING)
    counts = np.bincount(owner[traditional], minlength=len(texts))
    chosen = np.flatnonzero(counts >= TRADITIONAL_NEEDED).tolist()
    if not chosen:
        return
    bounds = [(int(starts[i]), int(starts[i] + lengths[i])) for i in chosen]
    folded = [codes[a:b].tobytes().decode("utf-32-le", "surrogatepass") for a, b in bounds]
    # One call for all (OpenCC never converts across a line break), text by text if a text has one.
    converted = simplified("\n".join(folded)).split("\n")
    if len(converted) != len(folded):
        converted = [simplified(t) for t in folded]
    for (a, b), before, after in zip(bounds, folded, converted, strict=True):
        if len(after) == len(before) and after != before:
            codes[a:b] = np.frombuffer(after.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            low[a:b] = np.minimum(codes[a:b], 0xFFFF)


def _placeholders(codes: Codes, low: Codes, number: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Mark the placeholders as part of a number, in `number`; return where an X is a letter instead.

    An X run is a placeholder unless a Latin letter touches it; × ○ 〇 * always are; 某 only as a
    run of two or more.
    """
    letter_x = np.zeros(codes.size, dtype=bool)
    number[np.flatnonzero(_MARK[low])] = True
    for code, shortest in ((_X, 1), (_MOU, 2)):
        where = np.flatnonzero(codes == code)
        if not where.size:
            continue
        breaks = np.flatnonzero(np.diff(where) != 1) + 1
        first, last = where[np.r_[0, breaks]], where[np.r_[breaks - 1, where.size - 1]]
        runs = last - first + 1 >= shortest
        if code == _X:
            before = _LETTER[low[np.maximum(first - 1, 0)]] & (first > 0)
            after = _LETTER[low[np.minimum(last + 1, codes.size - 1)]] & (last + 1 < codes.size)
            runs &= ~before & ~after
        run_of = np.repeat(np.arange(first.size), last - first + 1)
        inside = runs[run_of]
        number[where[inside]] = True
        if code == _X:
            letter_x[where[~inside]] = True
    return letter_x


def normalise_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """`normalise(text)`, and for each of its characters the [start, end) it comes from in `text`."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _TOKEN.finditer(fold(text)):
        out.append(NUMBER if m.group("n") else m.group(0).lower())
        starts.append(m.start())
        ends.append(m.end())
    return "".join(out), starts, ends


def shingles(normalised: str, size: int = SHINGLE) -> list[str]:
    """The character shingles of a normalised text, in order; a shorter non-empty text is one shingle."""
    if len(normalised) <= size:
        return [normalised] if normalised else []
    return [normalised[i : i + size] for i in range(len(normalised) - size + 1)]
