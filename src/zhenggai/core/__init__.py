"""What every app shares: refusals, view helpers, the asking person's request type and the date.

The core imports Django and the document engine, never an app of this project: apps import it.
"""
