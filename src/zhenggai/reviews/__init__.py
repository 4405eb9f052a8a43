"""Reports and their review, the meeting record, and reports, criticisms and feedback into the ledger."""
