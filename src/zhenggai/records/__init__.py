"""The records behind a report: 双重组织生活 (`dual_life`) and 公开承诺 (`commitment`)."""
