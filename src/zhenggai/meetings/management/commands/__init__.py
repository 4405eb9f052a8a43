"""`zhenggai publish_opinions`: publish the opinions that are due (for cron, after midnight)."""
