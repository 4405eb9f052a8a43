"""`zhenggai run` (serve the site) and `zhenggai demo` (load the demo data)."""
