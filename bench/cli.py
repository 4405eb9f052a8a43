"""Whole-process figures of the command line (a figure, never a test): `.venv/bin/python bench/cli.py`.

1. Start: `zhenggai parse` of a one-line .txt against `python -c pass` (target: ≤ 30 ms above it).
2. A large .docx (the seed report repeated 40 times, ~0.8 MB of text): `zhenggai parse` against
   docx2python's text extraction, each a whole process, side by side in this run (target ≥ 2×).
3. `zhenggai check` of a folder of 1,000 reports on every core: reports per second.

Wall time (median) and CPU time (user + system of the child, median) are both printed: on a
shared, loaded machine CPU time is the steadier figure. The regex cache is warmed first. The
commands compared are run in turns (A, B, A, B …) so that both see the same load.
"""

from __future__ import annotations

import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "zhenggai" / "examples" / "seed.txt"
BIN = Path(sys.executable).parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as users run it


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """(median wall ms, median CPU ms) of `runs` runs of `command`."""
    return side_by_side([command], runs)[0]


def side_by_side(commands: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """(median wall ms, median CPU ms) of each command, run in turns so that all see the same load."""
    walls: list[list[float]] = [[] for _ in commands]
    cpus: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, env=ENV, check=False)
            walls[i].append((time.perf_counter() - start) * 1000)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[i].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
            assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")[-400:]
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def big_docx(path: Path, copies: int = 40) -> int:
    """The seed report repeated `copies` times as a .docx; the bytes of its text."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    for _ in range(copies):
        for line in lines:
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return sum(len(line.encode()) for line in lines) * copies


def main() -> int:
    """Print the three figures; the exit status."""
    zhenggai = str(BIN / "zhenggai")
    python = sys.executable
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        tiny = work / "tiny.txt"
        tiny.write_text("一、存在的问题\n", encoding="utf-8")
        subprocess.run(
            [zhenggai, "check", str(SEED)], capture_output=True, env=ENV, check=False
        )  # warm caches
        base, start = side_by_side([[python, "-c", "pass"], [zhenggai, "parse", str(tiny)]], 21)
        print(f"python -c pass                 wall {base[0]:7.1f} ms   CPU {base[1]:7.1f} ms")
        print(
            f"zhenggai parse (one line)      wall {start[0]:7.1f} ms   CPU {start[1]:7.1f} ms"
            f"   → start above Python: wall {start[0] - base[0]:.1f} ms, CPU {start[1] - base[1]:.1f} ms (target ≤ 30)"
        )
        big = work / "big.docx"
        size = big_docx(big)
        extract = "import sys\nfrom docx2python import docx2python\nwith docx2python(sys.argv[1]) as d: sys.stdout.write(d.text)"
        ours, theirs = side_by_side(
            [[zhenggai, "parse", str(big)], [python, "-W", "ignore", "-c", extract, str(big)]], 9
        )
        print(f"large .docx: {size / 1e6:.2f} MB of text, the seed report 40 times, whole processes")
        print(f"  zhenggai parse               wall {ours[0]:7.1f} ms   CPU {ours[1]:7.1f} ms")
        print(f"  docx2python text             wall {theirs[0]:7.1f} ms   CPU {theirs[1]:7.1f} ms")
        print(
            f"  ratio (target ≥ 2×)          wall {theirs[0] / ours[0]:7.2f} ×    CPU {theirs[1] / ours[1]:7.2f} ×"
        )
        reports = work / "reports"
        reports.mkdir()
        text = SEED.read_bytes()
        for i in range(1000):
            (reports / f"{i:04d}.txt").write_bytes(text)
        wall, cpu = timed([zhenggai, "check", str(reports)], 1)
        print(
            f"zhenggai check of 1,000 reports ({len(text) / 1024:.1f} KB each) on {os.cpu_count()} cores: "
            f"wall {wall / 1000:.2f} s → {1000 / (wall / 1000):.0f} reports/s (CPU {cpu / 1000:.2f} s)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
