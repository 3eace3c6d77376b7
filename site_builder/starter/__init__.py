"""`briefing new DIR`: a ready project, made from the files beside this module (package data).

mkdocs.yml (content/ as docs_dir, the briefing plugin, the Material theme without outside
requests), content/ with its briefs/, actors/ and locations/ folders, seeds/ for the articles,
an empty templates/ for overrides of the shipped templates, a .gitignore, and the GitHub Pages
workflow with the requirements.txt it installs briefing from. This repository's own mkdocs.yml
and workflow are the same files (a test holds them equal).
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path

import yaml

from ..atomic import write_atomic
from ..problems import Problem

FILES = {  # file in this package -> where it goes in the project
    "mkdocs.yml": "mkdocs.yml",
    "pages.yml": ".github/workflows/pages.yml",
    "gitignore": ".gitignore",
    "requirements.txt": "requirements.txt",
}
FOLDERS = ("content/briefs", "content/actors", "content/locations", "seeds", "templates")
KEEP = ".gitkeep"  # git keeps no empty folder
INSTALL = "pip install -r requirements.txt"


def render(name: str, **values: str) -> str:
    """A starter file with its @NAME@ placeholders filled in."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    return text


def yaml_scalar(value: str) -> str:
    """value as YAML writes it after `key: `, quoted only where it must be."""
    return yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1000).strip()[1:-1]


def title_for(folder: Path) -> str:
    """`tajik-border` -> `Tajik border`: the site's name until mkdocs.yml says otherwise."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(words).capitalize() or "Briefing"


def project_files(title: str, install: str = INSTALL) -> dict[str, str]:
    """Every file of a new project, by its path in the project."""
    try:
        version = metadata.version("briefing")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        version = "0.1.0"
    values = {"SITE_NAME": yaml_scalar(title), "INSTALL": install, "VERSION": version}
    files = {target: render(name, **values) for name, target in FILES.items()}
    files.update({f"{folder}/{KEEP}": "" for folder in FOLDERS})
    return files


def create(folder: Path, title: str | None = None) -> list[Path]:
    """Write a new project into folder (made if missing); a folder holding anything is refused."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "is not empty" if folder.is_dir() else "is a file"
        raise Problem(folder, what, None, "choose a new folder; `briefing new` never writes over files")
    written = []
    for relative, text in project_files(title or title_for(folder)).items():
        path = folder / relative
        write_atomic(path, text)
        written.append(path)
    return written
