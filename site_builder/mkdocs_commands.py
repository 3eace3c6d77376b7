"""What `briefing build` and `briefing serve` run: MkDocs' own Python API, behind three functions.

The CLI calls these and never imports MkDocs itself; with mkdocs_plugin.py (the build's events),
this is the only module that does.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from . import site_folder
from .locks import project_lock
from .project import Project


def build_site(
    config_file: Path,
    *,
    strict: bool = False,
    site_dir: Path | None = None,
    offline: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> Path:
    """`mkdocs build` of the project's mkdocs.yml; returns the folder the site was written to.

    `offline` builds pages as `actors/x.html` rather than `actors/x/`, so the site can be browsed
    straight from disk (file://), where a browser will not open a folder's index.html itself.
    The site is built into a new folder that is then put in place (site_folder.py): the whole site
    after a full build, or what changed after an edit. One build runs at a time per project: a
    second one waits (telling `on_wait`).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    overrides: dict = {"site_dir": str(site_dir)} if site_dir else {}
    if offline:
        overrides["use_directory_urls"] = False
    config = load_config(str(config_file), strict=strict, **overrides)
    target = Path(config.site_dir)
    with project_lock(Project.at(config_file=config_file).state, "build", on_wait):
        building = site_folder.new_folder(target)
        config.site_dir = str(building)
        config.plugins.on_startup(command="build", dirty=True)  # the plugin renders what changed
        plugin = config.plugins.get("briefing")
        if plugin is not None and hasattr(plugin, "reuse_from"):
            plugin.reuse_from = target  # after an edit, untouched pages stay there
        try:
            build(config, dirty=True)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        finally:
            config.plugins.on_shutdown()
        gone = getattr(plugin, "gone", None)  # set by a build that wrote only what changed
        if gone is None:
            site_folder.swap_in(building, target)
        else:
            site_folder.update_in_place(building, target, gone)
        if plugin is not None and hasattr(plugin, "site_in_place"):
            plugin.site_in_place()
    return target


def serve_site(config_file: Path, *, dev_addr: str | None = None, open_in_browser: bool = False) -> None:
    """`mkdocs serve` with live reload on: editing a brief, note or template rebuilds the pages."""
    from mkdocs.commands.serve import serve

    serve(
        str(config_file),
        livereload=True,
        build_type="dirty",  # the plugin renders the pages an edit touches, the rest stay
        dev_addr=dev_addr,
        open_in_browser=open_in_browser,
    )


def build_errors() -> tuple[type[Exception], ...]:
    """The exceptions MkDocs raises for a failed build, for the CLI to catch without importing MkDocs."""
    from mkdocs.exceptions import MkDocsException

    return (MkDocsException,)
