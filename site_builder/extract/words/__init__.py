"""Word lists the extraction rules read, kept apart from the code (like spaCy's lang/en data)."""
