"""An index of many texts' sentences: which texts may share passages with a new one, found by LSH.

Aligning a report with every text of a large corpus (every report of earlier years, thousands of
templates) costs too much; the index narrows it to the texts worth aligning. Each sentence with
enough shingles (MIN_SHINGLES, boilerplate aside) gets a MinHash signature of its normalised text
and is indexed by its LSH bands; a query signs the new text's sentences the same way and returns,
per indexed text, how many of its sentences have an estimated Jaccard of at least `threshold`
with one of the query's. A verbatim or lightly edited sentence (Jaccard ≥ 0.7) is a candidate with
probability ≥ 0.988; a passage of several edited sentences is found when any one of them is.

`rows` gives (sentence, band, key) with the key as a signed 64-bit integer; `text_keys` gives what
the system's database index stores for a text: its distinct keys with the band mixed in
(`salted_keys`), so that one indexed column answers every band.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from zhenggai.documents.similarity.lsh import BANDS, LSHIndex, band_keys
from zhenggai.documents.similarity.minhash import Signatures, signatures
from zhenggai.documents.similarity.texts import Sentence, Text

#: Sentences with fewer comparable shingles than this are not indexed (as the aligner ignores them).
MIN_SHINGLES = 6


def indexed_sentences(text: Text) -> list[Sentence]:
    """The sentences of `text` worth indexing: unmasked, with enough shingles besides boilerplate."""
    return [s for s in text.sentences if len(s.shingles) >= MIN_SHINGLES]


def sentence_signatures(text: Text) -> tuple[list[Sentence], Signatures]:
    """The indexed sentences of `text` and their signatures (one row each)."""
    sentences = indexed_sentences(text)
    return sentences, signatures([s.normal for s in sentences])


def rows(text: Text) -> Iterator[tuple[int, int, int]]:
    """(sentence index, band, key as a signed 64-bit integer) for every indexed sentence of `text`."""
    sentences, sigs = sentence_signatures(text)
    keys = band_keys(sigs).view(np.int64)
    for sentence, row in zip(sentences, keys, strict=True):
        for band, key in enumerate(row.tolist()):
            yield sentence.index, band, key


#: Mixed into each band's key so that one column of keys serves every band (band b's key ^ salt b).
_BAND_SALT = (np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)).view(np.int64)


def salted_keys(sigs: Signatures) -> npt.NDArray[np.int64]:
    """One signed 64-bit key per (row, band), the band mixed in: equal keys mean the same band agrees.

    What a database index keeps in a single indexed column: no (band, key) pair to match, one `=`.
    """
    keys = band_keys(sigs).view(np.int64)
    return np.asarray(keys ^ _BAND_SALT[None, : keys.shape[1]], dtype=np.int64)


def text_keys(text: Text) -> list[int]:
    """The distinct salted band keys of every indexed sentence of `text`, sorted (what the database stores)."""
    _, sigs = sentence_signatures(text)
    if not len(sigs):
        return []
    return sorted(set(salted_keys(sigs).ravel().tolist()))


@dataclass
class SentenceIndex:
    """Sentences of many texts under their keys; `build` once, then `query` as often as needed."""

    _keys: list[Hashable] = field(default_factory=list)
    _owners: list[int] = field(default_factory=list)
    _signatures: list[Signatures] = field(default_factory=list)
    _index: LSHIndex | None = None

    def add(self, key: Hashable, text: Text) -> None:
        """Add the sentences of `text` under `key` (the index must be built again before a query)."""
        _, sigs = sentence_signatures(text)
        self._keys.append(key)
        self._owners += [len(self._keys) - 1] * len(sigs)
        self._signatures.append(sigs)
        self._index = None

    def build(self) -> None:
        """Build the band index of every sentence added."""
        stacked = np.vstack(self._signatures) if self._signatures else np.zeros((0, 64), dtype=np.uint32)
        self._index = LSHIndex(stacked.astype(np.uint32))

    def query(self, text: Text, threshold: float = 0.5) -> Counter[Hashable]:
        """Per key, how many of its sentences are estimated at least `threshold` alike to one of `text`'s."""
        if self._index is None:
            self.build()
        assert self._index is not None
        owners = np.asarray(self._owners, dtype=np.int64)
        _, sigs = sentence_signatures(text)
        hits: set[int] = set()
        for signature in sigs:
            hits.update(row for row, _ in self._index.query(signature, threshold))
        return Counter(self._keys[int(owners[row])] for row in hits)
