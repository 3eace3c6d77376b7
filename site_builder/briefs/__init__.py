"""Briefs: the model, reading and writing, curated notes, the check and the parsed-brief cache."""
