"""Management commands of the notify app."""
