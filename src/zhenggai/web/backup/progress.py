"""Progress on the terminal: one line per stage, a counter that redraws itself when it is a terminal."""

from __future__ import annotations

from django.core.management.base import OutputWrapper


class Progress:
    """Writes stages and counts to a command's output; a counter redraws in place only on a terminal."""

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out
        self.live = out.isatty()
        self._last = ""

    def say(self, text: str) -> None:
        """One line, written at once."""
        self.out.write(text)
        self.out.flush()

    def count(self, label: str, done: int, total: int, size: int = 0) -> None:
        """`label done/total` redrawn in place on a terminal; elsewhere only the final count is written."""
        line = f"{label} {done}/{total}" + (f"（{human_size(size)}）" if size else "")
        if self.live:
            padding = " " * max(0, len(self._last) - len(line))
            self._last = line
            self.out.write("\r" + line + padding, ending="\n" if done == total else "")
            self.out.flush()
        elif done == total:
            self.say(line)


def human_size(size: int) -> str:
    """A size as people read it: 512 B, 3.4 KB, 12.0 MB, 1.2 GB."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
