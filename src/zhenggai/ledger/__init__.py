"""The rectification ledger (整改台账): sources, problems, measures, progress, evidence, audit."""
