"""The site: the corpus index, generated pages (templates/), exports and maps (assets/ ship here)."""
