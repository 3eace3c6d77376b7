"""The Jinja environment of the site's templates, and the assets shipped beside them.

Templates hold all the markup; Python hands them view models (views.py). Project templates come
first, then the shipped ones, so a file of the same name overrides a default, macros included.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined

from .dates import format_date
from .escape import escape_text, finalize
from .links import brief_src
from .views import kind_label


def assets() -> dict[str, bytes]:
    """The site's stylesheet and script, shipped in the package: {site path: content}."""
    folder = resources.files("site_builder.site") / "assets"
    return {f"assets/{f.name}": f.read_bytes() for f in folder.iterdir() if f.is_file()}


def make_env(template_dirs: list[Path]) -> Environment:
    overrides = [FileSystemLoader(str(d)) for d in template_dirs if Path(d).is_dir()]
    env = Environment(
        loader=ChoiceLoader([*overrides, PackageLoader("site_builder.site", "templates")]),
        autoescape=True,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["e"] = escape_text
    env.filters["escape"] = escape_text
    env.filters["date"] = lambda v, range_=None: format_date(v, range_=range_)
    env.filters["kind"] = kind_label
    env.filters["ids"] = lambda ids: " ".join(ids)
    env.filters["brief_src"] = brief_src
    return env
