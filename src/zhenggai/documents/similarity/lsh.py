"""LSH bands over MinHash signatures: which texts may be alike, found without comparing all pairs.

A signature of PERMUTATIONS values is cut into BANDS bands of ROWS values; each band is hashed
to one 64-bit key. Two texts are candidates when any band's key is the same: with Jaccard
similarity s the chance is 1 − (1 − s^ROWS)^BANDS — 0.988 at s = 0.7, 0.64 at s = 0.5, 0.12 at
s = 0.3 — and candidates are then kept by the share of equal signature values (the estimate of s).
The index keeps, per band, its keys sorted with the ids beside them (numpy arrays, no Python
object per text), so a query is one `searchsorted` per band.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from zhenggai.documents.similarity.minhash import EMPTY, PERMUTATIONS, Signatures

#: Bands, and signature values in a band.
BANDS, ROWS = 16, 4
assert BANDS * ROWS == PERMUTATIONS
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5], dtype=np.uint64
)

Ids = npt.NDArray[np.int64]


def band_keys(signatures: Signatures) -> npt.NDArray[np.uint64]:
    """One key per (text, band): the band's values combined by multiply-add (wrapping), shape (n, BANDS)."""
    values = signatures.reshape(len(signatures), BANDS, ROWS).astype(np.uint64)
    keys = np.zeros(values.shape[:2], dtype=np.uint64)
    for r in range(ROWS):
        keys = keys * _MULTIPLIERS[r] + values[:, :, r] + np.uint64(r + 1)
    return keys


class LSHIndex:
    """Texts' signatures under integer ids, searchable by band; built once from arrays."""

    def __init__(self, signatures: Signatures, ids: Ids | None = None) -> None:
        """Index `signatures` (one row a text) under `ids` (default 0, 1, 2 …)."""
        self.signatures = signatures
        self.ids = np.arange(len(signatures), dtype=np.int64) if ids is None else ids
        keys = band_keys(signatures)
        # Texts without a shingle (all EMPTY) are never anyone's candidate.
        live = np.flatnonzero(~(signatures == EMPTY).all(axis=1))
        self._keys: list[npt.NDArray[np.uint64]] = []
        self._rows: list[Ids] = []
        for band in range(BANDS):
            column = keys[live, band]
            order = np.argsort(column, kind="stable")
            self._keys.append(column[order])
            self._rows.append(live[order])

    def __len__(self) -> int:
        """How many texts the index holds."""
        return len(self.signatures)

    def candidates(self, signature: npt.NDArray[np.uint32]) -> Ids:
        """The rows (positions in the index) sharing at least one band with `signature`, sorted."""
        if (signature == EMPTY).all():
            return np.zeros(0, dtype=np.int64)
        keys = band_keys(signature[None, :])[0]
        found = []
        for band in range(BANDS):
            column = self._keys[band]
            lo = np.searchsorted(column, keys[band], side="left")
            hi = np.searchsorted(column, keys[band], side="right")
            if hi > lo:
                found.append(self._rows[band][lo:hi])
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)

    def query(self, signature: npt.NDArray[np.uint32], threshold: float) -> list[tuple[int, float]]:
        """(id, estimated Jaccard) of the candidates whose estimate is at least `threshold`, best first."""
        rows = self.candidates(signature)
        if rows.size == 0:
            return []
        estimates = (self.signatures[rows] == signature[None, :]).mean(axis=1)
        keep = np.flatnonzero(estimates >= threshold)
        order = keep[np.argsort(-estimates[keep], kind="stable")]
        return [(int(self.ids[rows[i]]), float(estimates[i])) for i in order]

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """Every pair of rows (i < j) of the index that shares a band with the other."""
        pairs: set[tuple[int, int]] = set()
        for band in range(BANDS):
            column, rows = self._keys[band], self._rows[band]
            boundaries = np.flatnonzero(np.diff(column)) + 1
            for group in np.split(rows, boundaries):
                if 1 < group.size <= 1000:  # a huge bucket is one stock text: not a copy of anyone
                    members = np.sort(group)
                    for a in range(members.size):
                        for b in range(a + 1, members.size):
                            pairs.add((int(members[a]), int(members[b])))
        return pairs
