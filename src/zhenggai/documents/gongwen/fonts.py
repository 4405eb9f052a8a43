"""Which of the house style's fonts this machine lacks (fontconfig's fc-list), to warn before printing."""

from __future__ import annotations

import shutil
import subprocess

from zhenggai.documents.gongwen.style import HouseStyle


def installed_font_families() -> set[str] | None:
    """Every font family fontconfig knows, in all the languages it names them; None without fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run(
            [fc_list, ":", "family"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    names: set[str] = set()
    for line in done.stdout.splitlines():
        names.update(name.strip() for name in line.split(",") if name.strip())
    return names


def missing_fonts(house: HouseStyle, installed: set[str] | None = None) -> list[str]:
    """The fonts `house` asks for that are not installed here (empty when fc-list is unavailable)."""
    families = installed_font_families() if installed is None else installed
    if families is None:
        return []
    folded = {name.casefold() for name in families}
    return [name for name in house.fonts() if name.casefold() not in folded]


def missing_fonts_warning(missing: list[str]) -> str:
    """The Chinese warning for a machine that lacks `missing`; empty when nothing is missing."""
    if not missing:
        return ""
    return (
        f"提示：本机没有安装字体 {'、'.join(missing)}。文件中仍按这些字体设置，"
        "在装有这些字体的电脑上打开即为标准公文格式；在本机用 Word 或 LibreOffice 打开、打印时"
        "将以其他字体代替，字形会与正式公文不同。"
    )
