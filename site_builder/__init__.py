"""briefing: news articles in, a linked and dated briefing site out."""

__version__ = "0.1.0"
