"""The reference: a plain `mkdocs build` of the same number of static pages, of the same size.

Same theme as the project's mkdocs.yml, no plugin, and a nav that lists the home page only (the
briefing site keeps its generated pages out of the sidebar too, so both sides avoid the nav that
grows with the square of the page count). Each page is real article text cut to the average size
of a brief, with a few links to other pages, so link checking costs what it costs in the real site.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml


def project_theme(repo: Path) -> dict:
    """The theme section of the repository's mkdocs.yml (material when there is none)."""
    try:
        config = yaml.safe_load((repo / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        config = {}
    theme = config.get("theme") or {"name": "material"}
    return (
        {"name": theme} if isinstance(theme, str) else {k: v for k, v in theme.items() if k != "custom_dir"}
    )


def make_reference(
    folder: Path, pages: int, page_bytes: int, texts: list[str], theme: dict, seed: int = 3
) -> None:
    """Write mkdocs.yml and docs/ with `pages` pages (home included) of about `page_bytes` each."""
    rng = random.Random(seed)
    docs = folder / "docs" / "pages"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.md"):
        old.unlink()
    words = " ".join(texts).split()
    config = {
        "site_name": "Reference",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "nav": ["index.md"],
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (folder / "docs" / "index.md").write_text(
        "# Reference\n\n[first page](pages/p00001.md)\n", encoding="utf-8"
    )
    for i in range(1, pages):
        links = " ".join(f"[page {j}](p{j:05d}.md)" for j in (rng.randrange(1, pages) for _ in range(5)))
        parts, size = [f"# Page {i}\n", links + "\n"], 0
        while size < page_bytes:
            start = rng.randrange(max(1, len(words) - 80))
            para = " ".join(words[start : start + rng.randrange(30, 80)])
            parts.append(para + "\n")
            size += len(para) + 2
        (docs / f"p{i:05d}.md").write_text("\n".join(parts), encoding="utf-8")
