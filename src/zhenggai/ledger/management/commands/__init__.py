"""`zhenggai ledger` (the ledger in and out of Excel) and `zhenggai remind` (the 待办 list, for cron)."""
