"""Template filters of the meeting pages."""
