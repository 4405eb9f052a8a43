"""Pages of the reviews app: reports and their review, the meeting record, into the ledger."""
