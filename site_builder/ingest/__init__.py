"""Ingest: folders of articles -> briefs on disk (extraction in worker processes, --update)."""
