"""Old and other office formats (.doc, .wps, .odt, .rtf) converted to .docx by LibreOffice headless.

The converter runs in a temporary directory of its own (its own user profile too, so that several
conversions can run at once), never through a shell, with a time limit, a memory limit and a limit
on the size of what it writes; the .docx it writes is then read like any other, under the same zip
and XML limits. Without LibreOffice the file is refused with a message naming the package.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from zhenggai.documents.errors import DocumentError

#: Seconds a conversion may take (LibreOffice starts in 2–5 s).
CONVERT_SECONDS = 90
#: Address space the converter may use.
CONVERT_MEMORY_BYTES = 2 * 1024**3
#: Largest file the converter may write.
CONVERT_OUTPUT_BYTES = 50 * 1024 * 1024
#: What users install when the converter is missing.
PACKAGE_HINT = "LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer）"

_LABELS = {".doc": "Word 97-2003", ".wps": "WPS 文字", ".odt": "OpenDocument", ".rtf": "RTF"}
# Sets the limits, then becomes the converter: limits set in the child, safe in threaded servers.
_LIMITED_EXEC = (
    "import os, resource, sys\n"
    "memory, output = int(sys.argv[1]), int(sys.argv[2])\n"
    "resource.setrlimit(resource.RLIMIT_AS, (memory, memory))\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))\n"
    "os.execv(sys.argv[3], sys.argv[3:])\n"
)


def converter() -> str | None:
    """The LibreOffice program on this machine (`soffice` or `libreoffice`), or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(name: str, data: bytes, suffix: str) -> bytes:
    """The file `name` (content `data`, format `suffix`: .doc .wps .odt .rtf) as .docx bytes."""
    label = _LABELS.get(suffix, suffix)
    program = converter()
    if program is None:
        raise DocumentError(
            f"“{name}”是 {label} 格式，读取它需要安装 {PACKAGE_HINT}；"
            "也可以在 Word 或 WPS 中“另存为” .docx 后再上传。"
        )
    with tempfile.TemporaryDirectory(prefix="zhenggai-convert-") as folder:
        work = Path(folder)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        _run(program, source, work, name)
        written = work / "out" / "input.docx"
        if not written.is_file() or written.stat().st_size == 0:
            raise DocumentError(
                f"“{name}”无法转换（文件可能已损坏或已加密），请在 Word 或 WPS 中打开后另存为 .docx 再上传。"
            )
        if written.stat().st_size > CONVERT_OUTPUT_BYTES:
            raise DocumentError(f"“{name}”转换后过大，请删去图片等内容后另存为 .docx 再上传。")
        return written.read_bytes()


def _run(program: str, source: Path, work: Path, name: str) -> None:
    """LibreOffice converting `source` into work/out, under the time, memory and output limits."""
    limits = [sys.executable, "-c", _LIMITED_EXEC, str(CONVERT_MEMORY_BYTES), str(CONVERT_OUTPUT_BYTES)]
    command = [
        *limits,
        program,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        "--convert-to",
        "docx",
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8"}
    try:
        # A session of its own: on a timeout the whole group goes (soffice starts soffice.bin).
        with subprocess.Popen(
            command,
            cwd=work,
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        ) as process:
            try:
                process.wait(timeout=CONVERT_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise DocumentError(
                    f"“{name}”转换超时（超过 {CONVERT_SECONDS} 秒），请在 Word 或 WPS 中另存为 .docx 后再上传。"
                ) from None
    except OSError as exc:
        raise DocumentError(f"无法启动 LibreOffice 转换“{name}”：{exc.strerror or exc}。") from None
