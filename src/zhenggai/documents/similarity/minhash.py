"""MinHash signatures of many texts at once, computed with numpy.

Each shingle is hashed once to a 31-bit value `x` (a polynomial of its five code points, mixed by
splitmix64's finaliser, top 31 bits kept). A signature has `PERMUTATIONS` values: for permutation
k, the minimum over the text's shingles of (a_k·x + b_k) mod p, p = 2³¹ − 1, with 0 < a_k < p and
0 ≤ b_k < p drawn once from a fixed seed; a_k·x + b_k < 2⁶³ is exact in uint64, and since it wraps
p up to 2³¹ times the permutations are well mixed (with x and a of 32 bits and p = 2⁶¹ − 1 the
product wraps only a few times, each permutation is nearly x's own order, and the estimates
scatter twice as much — measured). Texts are processed in batches: all shingles of a batch form
one array, every permutation is applied to the whole array (a block of permutations at a time, as
a 2-D array written into buffers allocated once), and `np.minimum.reduceat` takes the minimum
per text. Values are below 2³¹ and kept as uint32. `reference_signature` is the same computation
in plain Python, one shingle at a time, that the tests compare against.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from zhenggai.documents.similarity.normalise import SHINGLE

#: Values in a signature.
PERMUTATIONS = 64
#: The Mersenne prime of the permutations.
PRIME = (1 << 31) - 1
#: A signature value for a text without any shingle (it matches nothing).
EMPTY = np.uint32(0xFFFFFFFF)
_MASK64 = (1 << 64) - 1
_BASE = 0x100000001B3  # FNV's 64-bit prime: the polynomial's base
_SEED = 20211220
#: Shingles a batch holds at most (the 2-D block of permutations × shingles stays in the cache).
_BATCH_SHINGLES = 1 << 14
_BLOCK = 8

Signatures = npt.NDArray[np.uint32]
Hashes = npt.NDArray[np.uint64]


def _parameters(count: int) -> tuple[Hashes, Hashes]:
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, PRIME, size=count, dtype=np.uint64)
    b = rng.integers(0, PRIME, size=count, dtype=np.uint64)
    return a, b


_A, _B = _parameters(PERMUTATIONS)


def _mix(z: Hashes) -> Hashes:
    """splitmix64's finaliser, in place on uint64 (wrapping arithmetic)."""
    z ^= z >> np.uint64(30)
    z *= np.uint64(0xBF58476D1CE4E5B9)
    z ^= z >> np.uint64(27)
    z *= np.uint64(0x94D049BB133111EB)
    z ^= z >> np.uint64(31)
    return z


def hash_shingles(texts: Sequence[str]) -> tuple[Hashes, npt.NDArray[np.int64]]:
    """The 31-bit hashes (as uint64) of every shingle of every normalised text, and each text's count.

    A text shorter than a shingle but not empty counts as one shingle, padded with NUL characters.
    """
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
    # Keep the shingles that lie inside one text: positions start .. start + count − 1 of each.
    starts = np.cumsum(lengths) - lengths
    keep = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
    return _mix(h[keep]) >> np.uint64(33), counts


def signatures(texts: Sequence[str]) -> Signatures:
    """The MinHash signature (PERMUTATIONS uint32 values) of each normalised text, one row a text."""
    out = np.full((len(texts), PERMUTATIONS), EMPTY, dtype=np.uint32)
    buffers = _Buffers(max((len(t) for t in texts), default=0) + _BATCH_SHINGLES)
    start = 0
    while start < len(texts):
        end, total = start, 0
        while end < len(texts) and (total < _BATCH_SHINGLES or end == start):
            total += max(len(texts[end]) - SHINGLE + 1, 1 if texts[end] else 0)
            end += 1
        hashes, counts = hash_shingles(texts[start:end])
        _fill(out[start:end], hashes, counts, buffers)
        start = end
    return out


class _Buffers:
    """The 2-D work arrays of `_fill`, allocated once for all batches.

    Fresh temporaries for every step would cost more in page faults than the arithmetic.
    """

    def __init__(self, size: int) -> None:
        self.y = np.empty((_BLOCK, size), dtype=np.uint64)


def _fill(out: Signatures, hashes: Hashes, counts: npt.NDArray[np.int64], buffers: _Buffers) -> None:
    """Write the signatures of one batch (texts without shingles keep EMPTY)."""
    present = np.flatnonzero(counts)
    if present.size == 0:
        return
    offsets = (np.cumsum(counts) - counts)[present]
    p = np.uint64(PRIME)
    y = buffers.y[:, : hashes.size]
    for k in range(0, PERMUTATIONS, _BLOCK):
        np.multiply(hashes[None, :], _A[k : k + _BLOCK, None], out=y)
        np.add(y, _B[k : k + _BLOCK, None], out=y)  # a·x + b < 2⁶³: a, b, x < 2³¹
        np.remainder(y, p, out=y)
        minima = np.minimum.reduceat(y, offsets, axis=1)
        out[present, k : k + _BLOCK] = minima.astype(np.uint32).T


def reference_signature(normalised: str) -> list[int]:
    """The signature of one text computed in plain Python, shingle by shingle (for the tests)."""
    from zhenggai.documents.similarity.normalise import shingles

    text = normalised + "\0" * (SHINGLE - len(normalised)) if 0 < len(normalised) < SHINGLE else normalised
    values = []
    for shingle in shingles(text):
        h = 0
        for ch in shingle:
            h = (h * _BASE + ord(ch)) & _MASK64
        values.append(_mix_int(h) >> 33)
    if not values:
        return [int(EMPTY)] * PERMUTATIONS
    return [min((int(a) * x + int(b)) % PRIME for x in values) for a, b in zip(_A, _B, strict=True)]


def _mix_int(z: int) -> int:
    z ^= z >> 30
    z = (z * 0xBF58476D1CE4E5B9) & _MASK64
    z ^= z >> 27
    z = (z * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def estimated_jaccard(left: Signatures, right: Signatures) -> npt.NDArray[np.float64]:
    """The share of equal values, row against row (broadcasting): the estimate of Jaccard similarity."""
    both_empty = (left == EMPTY) & (right == EMPTY)
    return np.asarray(((left == right) & ~both_empty).mean(axis=-1), dtype=np.float64)
