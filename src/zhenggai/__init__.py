"""Zhenggai: reads, checks and tracks the rectification (整改) cycle of Party meetings."""

__version__ = "0.1.0"
