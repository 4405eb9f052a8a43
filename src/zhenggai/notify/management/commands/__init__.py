"""`zhenggai remind`: the 待办 report and the daily digest, for cron."""
