"""查重 at scale: MinHash signatures, LSH and the aligner on generated paragraphs (figures, never a test).

    .venv/bin/python bench/similarity.py            # 1,000,000 paragraphs (a few minutes)
    .venv/bin/python bench/similarity.py --quick    # 50,000
    .venv/bin/python bench/similarity.py --signatures-only   # 1,000,000: steps 1 and 2 only
    .venv/bin/python bench/similarity.py --postgres postgres://…/scratch   # also through PostgreSQL

The paragraphs are made from the sentences of tests/corpus (reports of unrelated units): each
joins 2–4 of them, perturbed (characters substituted, a phrase inserted, clauses swapped), so
paragraphs share sentences by chance as real reports share stock wording. Among the first
SAMPLE paragraphs PLANTED copies are planted: a paragraph copied over another, with characters
substituted until its shingle Jaccard with the original falls to a target drawn from 0.5–1.0.

Printed:
1. normalising and signing N paragraphs (`minhash.sign_many`: vectorised normalisation and
   signatures, --jobs forked processes), then the LSH index of them: wall and CPU seconds (of all
   processes), paragraphs/s;
2. on the same 5,000 normalised paragraphs, one process each: this engine (signatures + index)
   against datasketch (MinHash.update_batch over the same shingles + MinHashLSH.insert, the same
   64 permutations in 16 bands of 4), its time extrapolated to N, and the ratio; then datasketch's
   extrapolated time against this run's wall time for all N (step 1), and that ratio;
3. one 60-paragraph report (30 edited copies of indexed paragraphs, 30 new) queried against the
   N in memory: normalise + signatures + band look-up + estimate filter (median of 7);
4. on the first SAMPLE paragraphs: the pairs with exact shingle Jaccard ≥ 0.7 (all pairs, by an
   exact prefix-filtered join, itself checked against the naive all-pairs loop on 1,500) and the
   LSH candidates' recall of them; then after alignment (candidates whose signature estimate is
   ≥ 0.5, aligned sentence by sentence, no boilerplate subtracted): recall = pairs whose shared
   passages cover ≥ 70 % of the paragraph, among the planted pairs ≥ 0.7 and among all exact
   pairs ≥ 0.7; precision = of the passages reported with similarity ≥ 0.7, those whose two spans
   have an exact (brute-force) shingle Jaccard ≥ 0.7, computed afresh from their text.
5. with --postgres URL: the N paragraphs put into the system's 查重 index in that database (its
   tables, migrated; each paragraph one entry, its 16 band keys as rows; loaded by binary COPY, the
   index built after), then the same report queried through it: sign, fetch every stored row
   sharing one of its keys (`reviews.similar_index.matching_rows`, one `key = ANY(array)`), keep per
   paragraph the entries sharing ≥ 2 bands (the 4 best) and align each with it (their text from
   memory here; the system reads a version's text by its key). Median of 7 after one warm-up.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from zhenggai.documents.model import Paragraph, SourceDocument
from zhenggai.documents.reading import read_document
from zhenggai.documents.similarity import Boilerplate, Text, align, share, text_of
from zhenggai.documents.similarity.lsh import BANDS, ROWS, LSHIndex
from zhenggai.documents.similarity.minhash import PERMUTATIONS, sign_many, signatures
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


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_all(paragraphs: list[str], jobs: int) -> tuple[np.ndarray, LSHIndex, dict[str, float]]:
    """Normalise, sign and index every paragraph; the times of each step (wall, and CPU of all processes)."""
    t0, c0 = time.perf_counter(), _cpu()
    sigs = sign_many(paragraphs, jobs=jobs)
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


def _django(dsn: str) -> None:
    """Set Django up on the PostgreSQL database `dsn` and migrate it (the system's own tables)."""
    os.environ["DATABASE_URL"] = dsn
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhenggai.web.settings")
    os.environ.setdefault("ZHENGGAI_DATA_DIR", tempfile.mkdtemp(prefix="zhenggai-bench-"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _copy_rows(cursor: object, table: str, columns: str, fields: list[np.ndarray]) -> None:
    """COPY … FROM STDIN (FORMAT binary) of equal-length integer columns, built with numpy."""
    kinds = [(">i2", 0)] + [(f">i{a.dtype.itemsize}", a.dtype.itemsize) for a in fields]
    dtype = np.dtype(
        [("n", ">i2")]
        + [x for i, (t, size) in enumerate(kinds[1:]) for x in ((f"l{i}", ">i4"), (f"v{i}", t))]
    )
    rows = np.empty(len(fields[0]), dtype=dtype)
    rows["n"] = len(fields)
    for i, (array, (_, size)) in enumerate(zip(fields, kinds[1:], strict=True)):
        rows[f"l{i}"] = size
        rows[f"v{i}"] = array
    header = b"PGCOPY\n\xff\r\n\x00" + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT binary)") as copy:  # type: ignore[attr-defined]
        copy.write(header)
        step = 1_000_000
        for start in range(0, len(rows), step):
            copy.write(rows[start : start + step].tobytes())
        copy.write(b"\xff\xff")


def load_postgres(sigs: np.ndarray) -> dict[str, float]:
    """Empty the system's 查重 index and put every paragraph in it as one entry with its band keys."""
    from django.db import connection

    from zhenggai.documents.similarity.index import salted_keys
    from zhenggai.documents.similarity.minhash import EMPTY
    from zhenggai.reviews.models import IndexedText, IndexKey

    entries, keys_table = IndexedText._meta.db_table, IndexKey._meta.db_table
    live = np.flatnonzero(~(sigs == EMPTY).all(axis=1))
    keys = salted_keys(sigs[live])
    times = {}
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {keys_table}, {entries} RESTART IDENTITY CASCADE")
        # The indexes are built once after the load, not row by row during it.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
            [keys_table, "%pkey"],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {name}")
        # No foreign-key trigger per row (16 million deferred checks): the bench writes consistent ids.
        cursor.execute("SET session_replication_role = replica")
        ids = np.arange(1, len(sigs) + 1, dtype=np.int64)
        now = np.full(len(ids), int((time.time() - 946_684_800) * 1e6), dtype=np.int64)  # µs since 2000
        _copy_rows(
            cursor, entries, "id, sentences, created_at", [ids, np.ones(len(ids), dtype=np.int32), now]
        )
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{entries}', 'id'), {len(ids)})")
        times["entries"] = time.perf_counter() - t
        t = time.perf_counter()
        text_ids = np.repeat(live + 1, keys.shape[1]).astype(np.int64)
        row_ids = np.arange(1, text_ids.size + 1, dtype=np.int64)
        _copy_rows(cursor, keys_table, "id, text_id, key", [row_ids, text_ids, keys.ravel()])
        cursor.execute("SET session_replication_role = DEFAULT")
        times["keys"] = time.perf_counter() - t
        t = time.perf_counter()
        for _, definition in indexes:
            cursor.execute(definition)
        dropped = {name for name, _ in indexes}
        with connection.schema_editor() as editor:  # an index an interrupted run dropped: as the model says
            for index in IndexKey._meta.indexes:
                if index.name not in dropped:
                    editor.add_index(IndexKey, index)
        cursor.execute(f"ANALYZE {keys_table}")
        times["index"] = time.perf_counter() - t
        cursor.execute(f"SELECT count(*), pg_total_relation_size('{keys_table}') FROM {keys_table}")
        count, size = cursor.fetchone()
    times["rows"], times["bytes"] = float(count), float(size)
    return times


def query_postgres(
    rng: random.Random, paragraphs: list[str]
) -> tuple[list[float], list[float], tuple[int, int]]:
    """One 60-paragraph report (as `query_report`) against the index in PostgreSQL, 7 times: sign, fetch
    the stored keys it shares (the system's `matching_rows`), keep per paragraph the entries sharing
    at least 2 bands (the 4 best), align each with its paragraph. Times of the look-up and in all."""
    from zhenggai.documents.similarity.index import salted_keys
    from zhenggai.reviews.similar_index import matching_rows

    picked = rng.sample(range(len(paragraphs)), 30)
    report = [copy_at(rng, paragraphs[i], 0.8) for i in picked] + generate(30, seed=7, plant=False)[0]
    lookups: list[float] = []
    totals: list[float] = []
    found = (0, 0)
    for _ in range(7):
        t = time.perf_counter()
        keys = salted_keys(signatures([normalise(p) for p in report]))
        owners: dict[int, list[int]] = defaultdict(list)
        for row, values in enumerate(keys.tolist()):
            for key in values:
                owners[key].append(row)
        t1 = time.perf_counter()
        rows = matching_rows(sorted(owners))
        lookups.append(time.perf_counter() - t1)
        shared: list[Counter[int]] = [Counter() for _ in report]
        for key, text in rows:
            for row in owners[key]:
                shared[row][text - 1] += 1
        candidates, hits = [], []
        for row, counter in enumerate(shared):
            best = [i for i, n in counter.most_common(4) if n >= 2]
            candidates.append(set(best))
            hits.append({i for i in best if aligned(report[row], paragraphs[i])[0] >= 0.5})
        totals.append(time.perf_counter() - t)
        found = (
            sum(1 for i, c in zip(picked, candidates[:30], strict=True) if i in c),
            sum(1 for i, h in zip(picked, hits[:30], strict=True) if i in h),
        )
    return lookups, totals, found


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
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also load the N into the 查重 index of this PostgreSQL database (emptied first: a scratch "
        "database) and query the report through it",
    )
    parser.add_argument("--only-postgres", action="store_true", help="skip datasketch and the accuracy")
    parser.add_argument(
        "--signatures-only",
        action="store_true",
        help="stop after the signatures and the datasketch comparison (steps 1 and 2)",
    )
    args = parser.parse_args(argv)
    n = 50_000 if args.quick else args.n
    t = time.perf_counter()
    paragraphs, planted = generate(n)
    chars = sum(map(len, paragraphs))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"generated {n:,} paragraphs ({chars / n:.0f} characters each) in {time.perf_counter() - t:.1f} s")
    sigs, index, times = build_all(paragraphs, args.jobs)
    total = times["signatures"] + times["index"]
    cpu = times["signatures cpu"] + times["index cpu"]
    print(
        f"normalise + signatures of {n:,}: {times['signatures']:.1f} s wall ({times['signatures cpu']:.1f} s CPU), "
        f"LSH index {times['index']:.1f} s; together {total:.1f} s wall = {n / total:,.0f} paragraphs/s "
        f"({args.jobs} processes), {cpu:.1f} s CPU = {n / cpu:,.0f} paragraphs per CPU second"
    )
    if args.postgres:
        _django(args.postgres)
        loaded = load_postgres(sigs)
        print(
            f"PostgreSQL: {n:,} entries in {loaded['entries']:.1f} s, {loaded['rows']:,.0f} band keys by COPY in "
            f"{loaded['keys']:.1f} s, index (key, text) + ANALYZE {loaded['index']:.1f} s; "
            f"{loaded['bytes'] / 1048576:,.0f} MB with its index"
        )
        query_postgres(random.Random(5), paragraphs)  # once to warm the cache
        lookups, totals, found = query_postgres(random.Random(5), paragraphs)
        print(
            f"one 60-paragraph report against {n:,} through PostgreSQL: {statistics.median(totals) * 1000:.0f} ms "
            f"(median of 7; the look-up of its {PERMUTATIONS // ROWS * 60} keys "
            f"{statistics.median(lookups) * 1000:.0f} ms); copies among the candidates {found[0]}/30, "
            f"aligned over ≥ 50 % of their paragraph {found[1]}/30"
        )
    if args.only_postgres:
        return 0
    normal = [normalise(p) for p in paragraphs[: max(SAMPLE, 5000)]]
    mine, theirs = ours_vs_datasketch(normal[:5000])
    print(
        f"one process, 5,000 normalised paragraphs: this engine {mine:,.0f} paragraphs/s, "
        f"datasketch {theirs:,.0f} paragraphs/s (extrapolated to {n:,}: {n / theirs:.0f} s); ratio {mine / theirs:.1f}×"
    )
    print(
        f"datasketch's {n / theirs:.0f} s for {n:,} against this run's {total:.1f} s wall "
        f"(normalise + signatures + LSH index, {args.jobs} processes): ratio {n / theirs / total:.1f}×"
    )
    if args.signatures_only:
        return 0
    seconds, found = query_report(random.Random(5), paragraphs, index)
    print(
        f"one 60-paragraph report against {n:,} in memory: {seconds * 1000:.0f} ms (median of 7); copies found {found}/30"
    )
    accuracy(paragraphs, normal, planted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
