"""The signatures as `minhash.signatures` computed them before it was made faster (for the tests).

Kept as it was, remainder and all: the equivalence test asserts the new code gives exactly these
values, so that no stored index key changes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from zhenggai.documents.similarity.minhash import _A, _B, _BASE, EMPTY, PERMUTATIONS, PRIME, _mix
from zhenggai.documents.similarity.normalise import SHINGLE

_BATCH_SHINGLES = 1 << 14
_BLOCK = 8


def hash_shingles(texts: Sequence[str]) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """The 31-bit hashes of every shingle of every normalised text, and each text's count."""
    padded = [t + "\0" * (SHINGLE - len(t)) if 0 < len(t) < SHINGLE else t for t in texts]
    lengths = np.fromiter((len(t) for t in padded), dtype=np.int64, count=len(padded))
    counts = np.maximum(lengths - (SHINGLE - 1), 0)
    codes = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if codes.size < SHINGLE:
        return np.zeros(0, dtype=np.uint64), counts
    span = codes.size - SHINGLE + 1
    h = codes[:span].copy()
    with np.errstate(over="ignore"):
        for j in range(1, SHINGLE):
            h *= np.uint64(_BASE)
            h += codes[j : j + span]
    starts = np.cumsum(lengths) - lengths
    keep = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
    return _mix(h[keep]) >> np.uint64(33), counts


def signatures(texts: Sequence[str]) -> npt.NDArray[np.uint32]:
    """The MinHash signature of each normalised text, as the first numpy version computed it."""
    out = np.full((len(texts), PERMUTATIONS), EMPTY, dtype=np.uint32)
    start = 0
    while start < len(texts):
        end, total = start, 0
        while end < len(texts) and (total < _BATCH_SHINGLES or end == start):
            total += max(len(texts[end]) - SHINGLE + 1, 1 if texts[end] else 0)
            end += 1
        hashes, counts = hash_shingles(texts[start:end])
        present = np.flatnonzero(counts)
        if present.size:
            offsets = (np.cumsum(counts) - counts)[present]
            for k in range(0, PERMUTATIONS, _BLOCK):
                y = (hashes[None, :] * _A[k : k + _BLOCK, None] + _B[k : k + _BLOCK, None]) % np.uint64(PRIME)
                out[start:end][present, k : k + _BLOCK] = (
                    np.minimum.reduceat(y, offsets, axis=1).astype(np.uint32).T
                )
        start = end
    return out
