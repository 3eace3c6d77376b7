"""What `briefing build` and `briefing serve` run: MkDocs' own Python API, behind three functions.

The CLI calls these and never imports MkDocs itself; with mkdocs_plugin.py (the build's events),
this is the only module that does.
"""

from __future__ import annotations

from pathlib import Path


def build_site(
    config_file: Path, *, strict: bool = False, site_dir: Path | None = None, offline: bool = False
) -> Path:
    """`mkdocs build` of the project's mkdocs.yml; returns the folder the site was written to.

    `offline` builds pages as `actors/x.html` rather than `actors/x/`, so the site can be browsed
    straight from disk (file://), where a browser will not open a folder's index.html itself.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides: dict = {"site_dir": str(site_dir)} if site_dir else {}
    if offline:
        overrides["use_directory_urls"] = False
    config = load_config(str(config_file), strict=strict, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)


def serve_site(config_file: Path, *, dev_addr: str | None = None, open_in_browser: bool = False) -> None:
    """`mkdocs serve` with live reload on: editing a brief, note or template rebuilds the pages."""
    from mkdocs.commands.serve import serve

    serve(str(config_file), livereload=True, dev_addr=dev_addr, open_in_browser=open_in_browser)


def build_errors() -> tuple[type[Exception], ...]:
    """The exceptions MkDocs raises for a failed build, for the CLI to catch without importing MkDocs."""
    from mkdocs.exceptions import MkDocsException

    return (MkDocsException,)
