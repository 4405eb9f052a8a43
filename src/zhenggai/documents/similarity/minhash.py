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

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import numpy.typing as npt

from zhenggai.documents.similarity.normalise import SHINGLE, Codes, Lengths, normalise_many

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
    codes, lengths = _codes(texts)
    return _hash_codes(codes, lengths)


def _codes(texts: Sequence[str]) -> tuple[Codes, Lengths]:
    """The code points of normalised texts, concatenated, and each text's length."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32), lengths


def _hash_codes(codes: Codes, lengths: Lengths) -> tuple[Hashes, Lengths]:
    """`hash_shingles` of texts given as concatenated code points and lengths."""
    short = (lengths > 0) & (lengths < SHINGLE)
    if short.any():  # pad each short text with NULs to one shingle
        padded = np.where(short, SHINGLE, lengths)
        out = np.zeros(int(padded.sum()), dtype=np.uint32)
        out[_positions(np.cumsum(padded) - padded, lengths)] = codes
        codes, lengths = out, padded
    counts = np.maximum(lengths - (SHINGLE - 1), 0)
    if codes.size < SHINGLE:
        return np.zeros(0, dtype=np.uint64), counts
    span = codes.size - SHINGLE + 1
    wide = codes.astype(np.uint64)
    h = wide[:span].copy()
    with np.errstate(over="ignore"):
        for j in range(1, SHINGLE):
            h *= np.uint64(_BASE)
            h += wide[j : j + span]
    # Keep the shingles that lie inside one text: positions start .. start + count − 1 of each.
    keep = _positions(np.cumsum(lengths) - lengths, counts)
    return _mix(h[keep]) >> np.uint64(33), counts


def _positions(starts: Lengths, counts: Lengths) -> npt.NDArray[np.int64]:
    """start, start + 1, …, start + count − 1 of every (start, count), concatenated."""
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))


def signatures(texts: Sequence[str]) -> Signatures:
    """The MinHash signature (PERMUTATIONS uint32 values) of each normalised text, one row a text."""
    return sign_codes(*_codes(texts))


def sign_texts(texts: Sequence[str]) -> Signatures:
    """The signatures of texts not yet normalised: `signatures([normalise(t) for t in texts])`, faster."""
    return sign_codes(*normalise_many(texts))


def sign_many(texts: Sequence[str], jobs: int = 2, chunk: int = 25_000) -> Signatures:
    """`sign_texts` of very many texts with `jobs` processes (the bulk path, as in bench/similarity.py).

    The worker processes are forked, so they read `texts` from the parent's memory instead of
    receiving them pickled; each signs ranges of `chunk` texts and sends back their rows. Where
    forking is not available, or for fewer than two chunks, it is `sign_texts` in this process.
    Forking copies only the calling thread: call it from a command, not from a threaded server.
    """
    ranges = [(start, min(start + chunk, len(texts))) for start in range(0, len(texts), chunk)]
    if jobs < 2 or len(ranges) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return sign_texts(texts)
    _shared[:] = [texts]
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            parts = list(pool.map(_sign_range, ranges))
    finally:
        _shared.clear()
    return np.vstack(parts)


_shared: list[Sequence[str]] = []  # the texts `sign_many`'s forked workers read


def _sign_range(bounds: tuple[int, int]) -> Signatures:
    return sign_texts(_shared[0][bounds[0] : bounds[1]])


def sign_codes(codes: Codes, lengths: Lengths) -> Signatures:
    """The signatures of normalised texts given as concatenated code points and each one's length.

    Texts are taken in batches of about `_BATCH_SHINGLES` shingles, so that the work arrays stay in
    the processor's cache.
    """
    out = np.full((len(lengths), PERMUTATIONS), EMPTY, dtype=np.uint32)
    shingle_counts = np.where(lengths >= SHINGLE, lengths - SHINGLE + 1, np.minimum(lengths, 1))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    # Batch boundaries: a new batch when the shingles so far reach _BATCH_SHINGLES (at least one text).
    cuts = (
        np.searchsorted(
            np.cumsum(shingle_counts),
            np.arange(_BATCH_SHINGLES, int(shingle_counts.sum()) + _BATCH_SHINGLES, _BATCH_SHINGLES),
            side="left",
        )
        + 1
    )
    bounds = np.unique(np.concatenate([[0], np.minimum(cuts, len(lengths)), [len(lengths)]]))
    widest = int(max(shingle_counts.max(initial=0), 0)) + _BATCH_SHINGLES
    buffers = _Buffers(widest)
    for first, last in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        piece = codes[starts[first] : ends[last - 1]] if last > first else codes[:0]
        hashes, counts = _hash_codes(piece, lengths[first:last])
        _fill(out[first:last], hashes, counts, buffers)
    return out


class _Buffers:
    """The 2-D work arrays of `_fill`, allocated once for all batches.

    Fresh temporaries for every step would cost more in page faults than the arithmetic.
    """

    def __init__(self, size: int) -> None:
        self.y = np.empty((_BLOCK, size), dtype=np.uint64)
        self.q = np.empty((_BLOCK, size), dtype=np.uint64)


def _fill(out: Signatures, hashes: Hashes, counts: Lengths, buffers: _Buffers) -> None:
    """Write the signatures of one batch (texts without shingles keep EMPTY).

    (a·x + b) mod p as a·x + b − ⌊(a·x + b) / p⌋·p: numpy divides by a constant with a multiply and
    shifts (libdivide), four times faster than its remainder, which divides.
    """
    present = np.flatnonzero(counts)
    if present.size == 0:
        return
    offsets = (np.cumsum(counts) - counts)[present]
    p = np.uint64(PRIME)
    y = buffers.y[:, : hashes.size]
    q = buffers.q[:, : hashes.size]
    for k in range(0, PERMUTATIONS, _BLOCK):
        np.multiply(hashes[None, :], _A[k : k + _BLOCK, None], out=y)
        np.add(y, _B[k : k + _BLOCK, None], out=y)  # a·x + b < 2⁶³: a, b, x < 2³¹
        np.floor_divide(y, p, out=q)
        np.multiply(q, p, out=q)
        np.subtract(y, q, out=y)
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
