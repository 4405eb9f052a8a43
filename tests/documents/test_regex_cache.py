"""The regular-expression cache: the same patterns from it, and a damaged or missing cache is harmless."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = """
from zhenggai.documents import regex
p = regex.compile(r"(?P<n>[一二三四五六七八九十]{1,3})、|问题(?P<k>\\d+)：")
m = p.search("第一段。十二、标题 问题7：")
print(m.group("n"), p.search("问题7：").group("k"), p.groupindex["k"], p.pattern == r"(?P<n>[一二三四五六七八九十]{1,3})、|问题(?P<k>\\d+)：")
"""


def run(cache: Path, **env: str) -> str:
    environment = {"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin", **env}
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, env=environment, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("damage", [None, b"", b"not marshal at all", b"\x00" * 64])
def test_patterns_from_the_cache_match_as_compiled_ones(tmp_path: Path, damage: bytes | None) -> None:
    first = run(tmp_path)
    files = list((tmp_path / "zhenggai").glob("regex-*.marshal"))
    assert len(files) == 1, "the first run writes the cache"
    if damage is not None:
        files[0].write_bytes(damage)
    assert run(tmp_path) == first == "十二 7 2 True\n"


def test_the_cache_can_be_turned_off(tmp_path: Path) -> None:
    assert run(tmp_path, ZHENGGAI_REGEX_CACHE="0") == "十二 7 2 True\n"
    assert not (tmp_path / "zhenggai").exists()
