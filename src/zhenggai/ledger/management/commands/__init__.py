"""`zhenggai ledger`: the ledger in and out of Excel."""
