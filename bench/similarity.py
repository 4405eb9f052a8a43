"""查重 at scale: MinHash signatures, LSH and the aligner on generated paragraphs (figures, never a test).

    .venv/bin/python bench/similarity.py            # 1,000,000 paragraphs (a few minutes)
    .venv/bin/python bench/similarity.py --quick    # 50,000

The paragraphs are made from the sentences of tests/corpus (reports of unrelated units): each
joins 2–4 of them, perturbed (characters substituted, a phrase inserted, clauses swapped), so
paragraphs share sentences by chance as real reports share stock wording. Among the first
SAMPLE paragraphs PLANTED copies are planted: a paragraph copied over another, with characters
substituted until its shingle Jaccard with the original falls to a target drawn from 0.5–1.0.

Printed:
1. normalising N paragraphs, then signatures + LSH index of them (and paragraphs/s), with --jobs
   processes;
2. on the same 5,000 normalised paragraphs, one process each: this engine (signatures + index)
   against datasketch (MinHash.update_batch over the same shingles + MinHashLSH.insert, the same
   64 permutations in 16 bands of 4), its time extrapolated to N, and the ratio;
3. one 60-paragraph report (30 edited copies of indexed paragraphs, 30 new) queried against the
   N in memory: normalise + signatures + band look-up + estimate filter (median of 7);
4. on the first SAMPLE paragraphs: the pairs with exact shingle Jaccard ≥ 0.7 (all pairs, by an
   exact prefix-filtered join, itself checked against the naive all-pairs loop on 1,500) and the
   LSH candidates' recall of them; then after alignment (candidates whose signature estimate is
   ≥ 0.5, aligned sentence by sentence, no boilerplate subtracted): recall = pairs whose shared
   passages cover ≥ 70 % of the paragraph, among the planted pairs ≥ 0.7 and among all exact
   pairs ≥ 0.7; precision = of the passages reported with similarity ≥ 0.7, those whose two spans
   have an exact (brute-force) shingle Jaccard ≥ 0.7, computed afresh from their text.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zhenggai.documents.model import Paragraph, SourceDocument
from zhenggai.documents.reading import read_document
from zhenggai.documents.similarity import Boilerplate, Text, align, share, text_of
from zhenggai.documents.similarity.lsh import BANDS, ROWS, LSHIndex
from zhenggai.documents.similarity.minhash import PERMUTATIONS, signatures
from zhenggai.documents.similarity.normalise import normalise, shingles

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
SAMPLE = 20_000
PLANTED = 400
THRESHOLD = 0.7
_HAN = [chr(c) for c in range(0x4E00, 0x9FA5)]
_PHRASES = ["进一步", "切实", "认真", "扎实推进", "全面加强", "有效", "持续", "不断"]


def corpus_sentences() -> list[str]:
    """The distinct sentences (≥ 12 characters) of the reports in tests/corpus and tests/corpus/extra."""
    found: dict[str, None] = {}
    for folder in (CORPUS, CORPUS / "extra"):
        for path in sorted(folder.glob("*.txt")):
            for p in read_document(path).paragraphs:
                for s in p.text.replace("！", "。").replace("；", "。").split("。"):
                    if len(s) >= 12:
                        found[s + "。"] = None
    return list(found)


def perturb(rng: random.Random, sentence: str) -> str:
    """The sentence with, by chance, characters substituted, a phrase inserted, two clauses swapped."""
    chars = list(sentence)
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        chars[rng.randrange(len(chars))] = rng.choice(_HAN)
    text = "".join(chars)
    if rng.random() < 0.3:
        at = rng.randrange(len(text))
        text = text[:at] + rng.choice(_PHRASES) + text[at:]
    clauses = text.split("，")
    if len(clauses) > 2 and rng.random() < 0.3:
        i = rng.randrange(len(clauses) - 2)
        clauses[i], clauses[i + 1] = clauses[i + 1], clauses[i]
    return "，".join(clauses)


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    return len(a & b) / len(a | b) if a or b else 0.0


def copy_at(rng: random.Random, text: str, target: float) -> str:
    """A copy of `text` with characters substituted until its Jaccard with `text` is at most `target`."""
    original = set(shingles(normalise(text)))
    chars = list(text)
    while jaccard(original, set(shingles(normalise("".join(chars))))) > target:
        chars[rng.randrange(len(chars))] = rng.choice(_HAN)
    return "".join(chars)


def generate(n: int, seed: int = 2021, plant: bool = True) -> tuple[list[str], list[tuple[int, int]]]:
    """N paragraphs, and the planted (original, copy) pairs among the first SAMPLE (when `plant`)."""
    rng = random.Random(seed)
    sentences = corpus_sentences()
    paragraphs = [
        "".join(perturb(rng, rng.choice(sentences)) for _ in range(rng.randint(2, 4))) for _ in range(n)
    ]
    planted: list[tuple[int, int]] = []
    slots = rng.sample(range(min(n, SAMPLE)), 2 * PLANTED) if plant else []
    for original, copy in zip(slots[::2], slots[1::2], strict=True):
        paragraphs[copy] = copy_at(rng, paragraphs[original], rng.uniform(0.5, 1.0))
        planted.append((min(original, copy), max(original, copy)))
    return paragraphs, planted


def _chunk(texts: list[str]) -> np.ndarray:
    return signatures([normalise(t) for t in texts])


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_all(paragraphs: list[str], jobs: int) -> tuple[np.ndarray, LSHIndex, dict[str, float]]:
    """Normalise, sign and index every paragraph; the times of each step (wall, and CPU of all processes)."""
    t0, c0 = time.perf_counter(), _cpu()
    size = 50_000
    size = min(size, -(-len(paragraphs) // (4 * jobs)))
    chunks = [paragraphs[i : i + size] for i in range(0, len(paragraphs), size)]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_chunk, chunks))
    else:
        results = [_chunk(c) for c in chunks]
    sigs = np.vstack(results)
    t1, c1 = time.perf_counter(), _cpu()
    index = LSHIndex(sigs)
    t2, c2 = time.perf_counter(), _cpu()
    return (
        sigs,
        index,
        {"signatures": t1 - t0, "index": t2 - t1, "signatures cpu": c1 - c0, "index cpu": c2 - c1},
    )


def ours_vs_datasketch(normal: list[str]) -> tuple[float, float]:
    """Paragraphs/s of this engine and of datasketch on the same normalised paragraphs, one process."""
    from datasketch import MinHash, MinHashLSH

    best = math.inf
    for _ in range(3):
        t = time.perf_counter()
        LSHIndex(signatures(normal))
        best = min(best, time.perf_counter() - t)
    t = time.perf_counter()
    lsh = MinHashLSH(num_perm=PERMUTATIONS, params=(BANDS, ROWS))
    for i, text in enumerate(normal):
        m = MinHash(num_perm=PERMUTATIONS)
        m.update_batch([s.encode("utf-8") for s in set(shingles(text))])
        lsh.insert(i, m)
    theirs = time.perf_counter() - t
    return len(normal) / best, len(normal) / theirs


def query_report(rng: random.Random, paragraphs: list[str], index: LSHIndex) -> tuple[float, int]:
    """Median time of one 60-paragraph report queried against the index, and the copies it found."""
    picked = rng.sample(range(len(paragraphs)), 30)
    report = [copy_at(rng, paragraphs[i], 0.8) for i in picked] + generate(30, seed=7, plant=False)[0]
    times, found = [], 0
    for _ in range(7):
        t = time.perf_counter()
        sigs = signatures([normalise(p) for p in report])
        hits = [index.query(sig, 0.5) for sig in sigs]
        times.append(time.perf_counter() - t)
        found = sum(1 for i, h in zip(picked, hits[:30], strict=True) if i in {j for j, _ in h})
    return statistics.median(times), found


def exact_pairs(sets: list[set[str]], threshold: float) -> dict[tuple[int, int], float]:
    """Every pair (i < j) with Jaccard ≥ threshold: an exact join (prefix and length filtering)."""
    df = Counter(s for x in sets for s in x)
    rank = {s: r for r, s in enumerate(sorted(df, key=lambda s: (df[s], s)))}
    ranked = [sorted(rank[s] for s in x) for x in sets]
    index: dict[int, list[int]] = defaultdict(list)
    found = {}
    for i in sorted(range(len(sets)), key=lambda i: len(ranked[i])):
        size = len(ranked[i])
        prefix = size - math.ceil(threshold * size) + 1
        candidates = {j for r in ranked[i][:prefix] for j in index[r] if len(ranked[j]) >= threshold * size}
        for r in ranked[i][:prefix]:
            index[r].append(i)
        for j in candidates:
            similarity = jaccard(sets[i], sets[j])
            if similarity >= threshold:
                found[(min(i, j), max(i, j))] = similarity
    return found


def naive_pairs(sets: list[set[str]], threshold: float) -> set[tuple[int, int]]:
    """Every pair with Jaccard ≥ threshold by comparing all pairs (to check `exact_pairs`)."""
    return {
        (i, j)
        for i in range(len(sets))
        for j in range(i + 1, len(sets))
        if jaccard(sets[i], sets[j]) >= threshold
    }


def _text(paragraph: str, name: str) -> Text:
    return text_of(SourceDocument(name, "txt", [Paragraph(paragraph, 1)]), Boilerplate())


def aligned(a: str, b: str) -> tuple[float, list[tuple[float, float]]]:
    """The share of `a` that passages shared with `b` cover, and each passage's (similarity, exact
    Jaccard of its two spans computed afresh from their text)."""
    left, right = _text(a, "a"), _text(b, "b")
    passages = align(left, right)
    checked = [
        (p.similarity, jaccard(set(shingles(normalise(p.left.text))), set(shingles(normalise(p.right.text)))))
        for p in passages
    ]
    return share(left, passages), checked


def accuracy(paragraphs: list[str], normal: list[str], planted: list[tuple[int, int]]) -> None:
    """Recall and precision on the first SAMPLE paragraphs against the exact join."""
    n = min(SAMPLE, len(paragraphs))
    sets = [set(shingles(t)) for t in normal[:n]]
    t = time.perf_counter()
    truth = exact_pairs(sets, THRESHOLD)
    exact_time = time.perf_counter() - t
    check = 1500
    same = set(exact_pairs(sets[:check], THRESHOLD)) == naive_pairs(sets[:check], THRESHOLD)
    print(
        f"exact pairs ≥ {THRESHOLD} among {n:,}: {len(truth):,} ({exact_time:.1f} s; naive check on {check}: {same})"
    )
    index = LSHIndex(signatures(normal[:n]))
    candidates = index.candidate_pairs()
    sigs = index.signatures
    kept = [(i, j) for i, j in candidates if (sigs[i] == sigs[j]).mean() >= 0.5]
    print(
        f"LSH candidates: {len(candidates):,} pairs, recall of the exact pairs ≥ {THRESHOLD}: {_ratio(truth, candidates)}"
    )
    found, passages = set(), []
    for i, j in kept:
        covered, checked = aligned(paragraphs[j], paragraphs[i])
        passages += [exact for similarity, exact in checked if similarity >= THRESHOLD]
        if covered >= THRESHOLD:
            found.add((i, j))
    strong = [p for p in planted if jaccard(sets[p[0]], sets[p[1]]) >= THRESHOLD]
    print(
        f"aligned {len(kept):,} candidates with estimate ≥ 0.5; {len(found):,} pairs covered ≥ 70 % by passages"
    )
    print(f"recall, planted pairs ≥ {THRESHOLD} ({len(strong)}): {_ratio(strong, found)}")
    print(f"recall, all exact pairs ≥ {THRESHOLD} ({len(truth)}): {_ratio(truth, found)}")
    good = sum(1 for exact in passages if exact >= THRESHOLD)
    print(
        f"precision: {good / max(len(passages), 1):.3f} of {len(passages):,} passages reported with similarity ≥ "
        f"{THRESHOLD} have exact Jaccard ≥ {THRESHOLD} (brute force on their two spans)"
    )


def _ratio(wanted: Iterable[tuple[int, int]], found: Iterable[tuple[int, int]]) -> str:
    """|wanted ∩ found| / |wanted|, three decimals."""
    want, got = set(wanted), set(found)
    return f"{len(want & got) / len(want):.3f}" if want else "n/a"


def main(argv: list[str] | None = None) -> int:
    """Generate, measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="paragraphs to generate")
    parser.add_argument("--quick", action="store_true", help="50,000 paragraphs")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the signatures of all N")
    args = parser.parse_args(argv)
    n = 50_000 if args.quick else args.n
    t = time.perf_counter()
    paragraphs, planted = generate(n)
    chars = sum(map(len, paragraphs))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"generated {n:,} paragraphs ({chars / n:.0f} characters each) in {time.perf_counter() - t:.1f} s")
    _, index, times = build_all(paragraphs, args.jobs)
    total = times["signatures"] + times["index"]
    cpu = times["signatures cpu"] + times["index cpu"]
    print(
        f"normalise + signatures of {n:,}: {times['signatures']:.1f} s wall ({times['signatures cpu']:.1f} s CPU), "
        f"LSH index {times['index']:.1f} s; together {total:.1f} s wall = {n / total:,.0f} paragraphs/s "
        f"({args.jobs} processes), {cpu:.1f} s CPU = {n / cpu:,.0f} paragraphs per CPU second"
    )
    normal = [normalise(p) for p in paragraphs[: max(SAMPLE, 5000)]]
    mine, theirs = ours_vs_datasketch(normal[:5000])
    print(
        f"one process, 5,000 normalised paragraphs: this engine {mine:,.0f} paragraphs/s, "
        f"datasketch {theirs:,.0f} paragraphs/s (extrapolated to {n:,}: {n / theirs:.0f} s); ratio {mine / theirs:.1f}×"
    )
    seconds, found = query_report(random.Random(5), paragraphs, index)
    print(
        f"one 60-paragraph report against {n:,} in memory: {seconds * 1000:.0f} ms (median of 7); copies found {found}/30"
    )
    accuracy(paragraphs, normal, planted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
