"""The ledger's pages; each view checks who is asking, calls a service, and renders."""
