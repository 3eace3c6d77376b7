"""briefing as a package people install (issue 14): `briefing new`, dependencies chosen on purpose,
imports that flow one way, and the wheel installed into a fresh virtual environment outside the
checkout, where `briefing new`, `ingest` and `build` make a site."""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from site_builder.cli import main
from site_builder.starter import FOLDERS, render

PACKAGE = ROOT / "site_builder"


# --- `briefing new` ---


def test_this_repository_is_the_project_briefing_new_makes():
    """One mkdocs.yml and one workflow: the repository's are the starter files, filled in."""
    assert (ROOT / "mkdocs.yml").read_text() == render("mkdocs.yml", SITE_NAME="Briefing")
    workflow = ROOT / ".github" / "workflows" / "pages.yml"
    assert workflow.read_text() == render("pages.yml", INSTALL="pip install -e .")
    for folder in FOLDERS:
        assert (ROOT / folder).is_dir(), folder


def test_new_makes_a_project_and_never_writes_over_one(tmp_path, capsys):
    target = tmp_path / "tajik-border"
    assert main(["new", str(target), "--title", "Border: week 1"]) == 0
    assert "site_name: 'Border: week 1'" in (target / "mkdocs.yml").read_text()
    assert "pip install -r requirements.txt" in (target / ".github/workflows/pages.yml").read_text()
    assert not [
        line for line in (target / "requirements.txt").read_text().splitlines() if line[:1].strip("#")
    ]
    assert "briefing==" not in (target / "requirements.txt").read_text().replace("`briefing==", "")
    assert all((target / folder).is_dir() for folder in FOLDERS)
    assert "/site/" in (target / ".gitignore").read_text().split()
    capsys.readouterr()
    (target / "seeds" / "mine.txt").write_text("date 2021-07-06 Wire\n\nText.\n")
    assert main(["new", str(target)]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert (target / "seeds" / "mine.txt").read_text().startswith("date 2021-07-06")


def test_the_workflow_of_a_new_project_never_installs_pypis_briefing(tmp_path):
    """The package called `briefing` on PyPI is another project: a new project's workflow installs
    nothing until requirements.txt names where briefing comes from, and says so."""
    target = tmp_path / "p"
    assert main(["new", str(target)]) == 0
    workflow = yaml.safe_load((target / ".github/workflows/pages.yml").read_text())
    (install,) = [s["run"] for s in workflow["jobs"]["build"]["steps"] if s.get("name") == "Install briefing"]
    fake_pip = tmp_path / "bin" / "pip"
    fake_pip.parent.mkdir()
    fake_pip.write_text('#!/bin/sh\necho "pip $*"\n')
    fake_pip.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake_pip.parent}{os.pathsep}{os.environ['PATH']}"}
    run = functools.partial(
        subprocess.run, ["bash", "-c", install], cwd=target, env=env, capture_output=True, text=True
    )
    done = run()
    assert (
        done.returncode == 1
        and "::error file=requirements.txt::" in done.stdout
        and "pip " not in done.stdout
    )
    with (target / "requirements.txt").open("a") as f:
        f.write("briefing @ git+https://example.org/briefing@v0.1.0\n")
    done = run()
    assert done.returncode == 0 and done.stdout.strip() == "pip install -r requirements.txt"


# --- dependencies ---

IMPORT_NAMES = {"yaml": "pyyaml", "shapefile": "pyshp"}  # module -> distribution, where they differ
NOT_IMPORTED = {  # declared, used without an import statement of ours, and why
    "mkdocs-material": "the theme mkdocs.yml names",
    "click": "a floor under MkDocs' own dependency (live reload in `briefing serve`)",
    "lxml-html-clean": "trafilatura cleans HTML with lxml.html.clean, which it does not declare",
}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _modules_used(folder: Path) -> set[str]:
    """Top-level modules imported anywhere under folder, or named as a string (package data, models)."""
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.isidentifier():
                found.add(node.value)
    return found


@functools.cache
def _distributions() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def _distribution(module: str) -> str | None:
    dists = _distributions().get(module)
    name = IMPORT_NAMES.get(module) or (dists[0] if dists else None)
    return name.lower().replace("_", "-") if name else None


def _imported(paths: list[Path], stdlib: set[str]) -> set[str]:
    """The distributions whose modules these files import (absolute imports, not the stdlib's)."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in stdlib and (dist := _distribution(top)):
                    found.add(dist)
    return found


def test_every_import_is_declared_and_every_dependency_is_used():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"]}
    test_declared = {_name(r) for r in project["optional-dependencies"]["test"]}
    stdlib = set(sys.stdlib_module_names) | {"site_builder", "conftest", "bench"}

    def third_party(folder: Path, strings: bool) -> set[str]:
        used = _modules_used(folder) if strings else {m for m in _modules_used(folder) if m[0].islower()}
        return {d for m in used - stdlib if (d := _distribution(m))}

    used = third_party(PACKAGE, strings=True)
    imported = _imported(list(PACKAGE.rglob("*.py")), stdlib)
    optional = {_name(r) for r in project["optional-dependencies"].get("dask", [])}  # ingest --dask only
    missing = imported - declared - optional
    assert not missing, f"imported, not declared: {sorted(missing)}"
    unused = declared - used - set(NOT_IMPORTED)
    assert not unused, f"declared, never used: {sorted(unused)}"
    tests_import = _imported([*(ROOT / "tests").glob("*.py"), *(ROOT / "bench").glob("*.py")], stdlib)
    assert tests_import <= declared | test_declared, sorted(tests_import - declared - test_declared)
    data_declared = {_name(r) for r in project["optional-dependencies"].get("data", [])}
    scripts_import = _imported(list((ROOT / "scripts").glob("*.py")), stdlib)
    assert scripts_import <= declared | data_declared, sorted(scripts_import - declared - data_declared)
    assert project["license"] == "MIT" and (ROOT / "LICENSE").read_text().startswith("MIT License")


# --- imports flow one way ---

LAYERS = [  # lowest first; a module may import its own layer and those below it
    {"problems", "atomic", "frontmatter", "project", "slugs", "urls", "locks", "site_folder", "cores"},
    {"inputs"},
    {"extract"},
    {"briefs"},
    {"ingest", "site"},
    {"cli", "console", "mkdocs_plugin", "mkdocs_files", "mkdocs_commands", "deploy", "starter"}
    | {"first_build_edits", "long_lived", "native_watch", "build_jobs"},
]
MKDOCS_ADAPTERS = {"mkdocs_plugin", "mkdocs_files", "mkdocs_commands"}


def _layer(part: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if part in names)


def test_imports_flow_down_and_only_the_adapters_import_mkdocs():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).with_suffix("").parts
        if rel == ("__init__",):
            continue
        own = _layer(rel[0])
        package = ["site_builder", *rel[:-1]] if rel[-1] != "__init__" else ["site_builder", *rel[:-1]]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module or "").split(".")] if node.module else base
                if len(target) > 1 and target[1] and _layer(target[1]) > own:
                    wrong.append(f"{'/'.join(rel)} imports {'.'.join(target)}")
            elif isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                if any(n.split(".")[0] == "mkdocs" for n in names) and rel[0] not in MKDOCS_ADAPTERS:
                    wrong.append(f"{'/'.join(rel)} imports MkDocs")
    assert wrong == []


# --- the wheel, installed where no checkout is ---

ARTICLE = """\
date 2024-03-12 Test Wire

Flooding closes the Salang tunnel

KABUL: Heavy snow and flooding closed the Salang tunnel in Afghanistan on Monday, officials said.

The Ministry of Public Works said crews would reopen the road by Friday.
"""


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the sources (a build leaves build/ and *.egg-info behind)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(PACKAGE, src / "site_builder", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(src)]
    subprocess.run(pip, check=True, timeout=600)
    (built,) = out.glob("briefing-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_environment_makes_a_site(wheel, tmp_path):
    """pip installs the wheel and its real dependencies (from the package index or pip's cache) into
    a virtual environment of its own, with nothing of this checkout on its path. The environment's
    pip is the one Python bundles (23.x for 3.11), which left lxml_html_clean out until it was
    declared."""
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    bin_dir = env_dir / "bin"
    pip = [bin_dir / "python", "-m", "pip", "install", "--quiet", str(wheel)]
    subprocess.run(pip, check=True, timeout=1500)
    work = tmp_path / "work"
    work.mkdir()

    def briefing(*args: str, cwd: Path) -> str:
        done = subprocess.run(
            [bin_dir / "briefing", *args], cwd=cwd, capture_output=True, text=True, timeout=600,
            env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout + done.stderr

    briefing("new", "salang", cwd=work)
    project = work / "salang"
    (project / "seeds" / "tunnel.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "formats" / "saved-page.html", project / "seeds")
    assert "2 written" in briefing("ingest", cwd=project)  # a web page too: trafilatura's HTML cleaner
    assert "build: the site is in site/" in briefing("build", "--strict", cwd=project)
    assert (project / ".briefing" / "site.json").is_file()  # written before the command ends
    site = project / "site"
    (brief,) = (site / "briefs").glob("2024-03-12-*/index.html")
    assert "Salang tunnel" in brief.read_text()
    for page in ("index.html", "timeline/index.html", "actors/index.html", "locations/index.html"):
        assert (site / page).is_file(), page
    assert (site / "locations" / "afghanistan" / "index.html").is_file()
    assert (site / "assets" / "briefing.css").is_file()
    origin = subprocess.run(
        [bin_dir / "python", "-c", "import site_builder; print(site_builder.__file__)"],
        capture_output=True, text=True, check=True, cwd=work,
    ).stdout  # fmt: skip
    assert str(env_dir) in origin and str(ROOT) not in origin
