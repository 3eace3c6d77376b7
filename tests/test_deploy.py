"""`briefing deploy` publishes the built site to a gh-pages branch, here of a local bare repository."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from site_builder.cli import main
from site_builder.deploy import DeployError, deploy
from site_builder.project import Project

ROOT = Path(__file__).parent.parent
BRIEF = """\
---
schema: 1
id: 2024-03-12-salang-tunnel-closed
title: Salang tunnel closed by snow
date: 2024-03-12
source: {name: Test Wire, file: seeds/tunnel.txt}
summary: Heavy snow closed the Salang tunnel.
actors: []
locations:
- {id: afghanistan, name: Afghanistan, kind: country, lat: 33.9, lon: 67.7, mentions: 1}
events:
- {date: '2024-03-11', basis: stated, text: Snow closed the tunnel., actors: [], locations: [afghanistan]}
quotes: []
---

Heavy snow closed the Salang tunnel on Monday.
"""


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def make_project(root: Path) -> Project:
    """The repository's site configuration and templates, one brief, and a git clone with a remote."""
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "briefs").mkdir(parents=True)
    (root / "content" / "briefs" / "2024-03-12-salang-tunnel-closed.md").write_text(BRIEF, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Analyst")
    git(root, "config", "user.email", "analyst@example.org")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "briefs")
    return Project.at(root)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("deploy")
    remote = tmp / "remote.git"
    git(tmp, "init", "-q", "--bare", str(remote))
    project = make_project(tmp / "project")
    git(project.root, "remote", "add", "pages", str(remote))
    message = deploy(project, remote="pages")
    return project, remote, message


def test_gh_pages_holds_the_site_with_nojekyll(published):
    _, remote, message = published
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert ".nojekyll" in files
    assert "index.html" in files
    assert "briefs/2024-03-12-salang-tunnel-closed/index.html" in files
    assert "gh-pages" in message and str(remote) in message


def test_the_published_brief_page_is_the_brief(published):
    _, remote, _ = published
    page = git(remote, "show", "gh-pages:briefs/2024-03-12-salang-tunnel-closed/index.html")
    assert "Salang tunnel closed by snow" in page


def test_the_working_branch_is_untouched(published):
    project, _, _ = published
    assert not project.site.exists()  # built apart: the local site/ is never half-written by a deploy
    assert git(project.root, "rev-parse", "--abbrev-ref", "HEAD").strip() == "main"
    assert git(project.root, "status", "--porcelain", "--untracked-files=no").strip() == ""


def test_clear_errors_for_what_is_missing(tmp_path):
    project = Project.at(tmp_path)
    with pytest.raises(DeployError, match="no mkdocs.yml"):
        deploy(project)
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "x"}))
    with pytest.raises(DeployError, match="not a git repository; run `git init`"):
        deploy(project)
    git(tmp_path, "init", "-q")
    missing = "no git remote named `origin`; add one with `git remote add origin"
    with pytest.raises(DeployError, match=missing):
        deploy(project)


def test_remote_given_as_a_path_or_a_url_is_pushed_to(published, tmp_path, monkeypatch):
    """`--remote` takes a repository's path (relative to where the command runs) or URL too."""
    project, _, _ = published
    by_path, by_url = tmp_path / "by-path.git", tmp_path / "by-url.git"
    for bare in (by_path, by_url):
        git(tmp_path, "init", "-q", "--bare", str(bare))
    monkeypatch.chdir(project.root)
    message = deploy(project, remote=os.path.relpath(by_path, project.root))
    assert f"of {by_path}" in message
    assert deploy(project, remote=by_url.as_uri()).endswith(f"of {by_url.as_uri()}")
    for bare in (by_path, by_url):
        assert "index.html" in git(bare, "ls-tree", "--name-only", "gh-pages").split()
    assert git(project.root, "remote").split() == ["pages"]  # no remote was added


def test_a_remote_that_is_not_one_says_what_to_give(published, tmp_path):
    project, _, _ = published
    (tmp_path / "plain").mkdir()
    (tmp_path / "file.txt").write_text("x")
    (project.root / "sub").mkdir(exist_ok=True)
    wrong = {
        str(tmp_path / "missing.git"): "no such folder",
        str(tmp_path / "plain"): "not a git repository",
        str(project.root / "sub"): "not a git repository",  # a folder inside the project's repository
        str(tmp_path / "file.txt"): "a file, not a git repository",
        "upstream": "no git remote named `upstream`",
    }
    for remote, why in wrong.items():
        with pytest.raises(DeployError, match=why) as err:
            deploy(project, remote=remote)
        if remote != "upstream":
            assert "git remote add" not in str(err.value), remote
    (project.root / "sub").rmdir()
    with pytest.raises(DeployError, match=r"--remote https://github.com/USER/REPO.git \(or a path\)"):
        deploy(project, remote="upstream")


def test_a_url_is_printed_without_the_token_written_into_it():
    from site_builder.deploy import shown

    assert shown("https://me:ghp_secret@github.com/me/site.git") == "https://github.com/me/site.git"
    assert shown("git@github.com:me/site.git") == "git@github.com:me/site.git"
    assert shown("/srv/pages.git") == "/srv/pages.git"


def test_cli_stops_on_check_errors(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content" / "briefs").mkdir(parents=True)
    (tmp_path / "content" / "briefs" / "x.md").write_text(BRIEF.replace("kind: country", "kind: moon"))
    assert main(["deploy"]) == 1
    err = capsys.readouterr().err
    assert "content/briefs/x.md:" in err and "kind `moon`" in err and "deploy: stopped" in err


def test_the_pages_workflow_runs_commands_that_exist():
    from site_builder.cli import build_parser

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    commands = [s["run"] for s in steps if str(s.get("run", "")).startswith("briefing")]
    assert commands == ["briefing check", "briefing build --strict"]
    for command in commands:
        build_parser().parse_args(command.split()[1:])
    assert workflow["permissions"]["pages"] == "write"
    assert any(str(s.get("uses", "")).startswith("actions/deploy-pages") for s in steps)
    assert any(s.get("with", {}).get("path") == "site" for s in steps)


# --- issue 17: what must never be published, and where ---

STRAY = {"notes.txt": "private notes\n", "briefs/draft.md~": "an editor backup\n", "UNCOMMITTED.txt": "wip\n"}


def test_stray_files_under_content_are_not_published(tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    project = make_project(tmp_path / "project")
    for name, text in STRAY.items():
        (project.content / name).write_text(text)
    git(project.root, "remote", "add", "pages", str(remote))
    deploy(project, remote="pages")
    files = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert "index.html" in files
    assert not [f for f in files if f.endswith(("notes.txt", "draft.md~", "UNCOMMITTED.txt"))]


def test_deploy_refuses_the_checked_out_branch(tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    project = make_project(tmp_path / "project")
    git(project.root, "remote", "add", "origin", str(remote))
    head = git(project.root, "rev-parse", "main")
    with pytest.raises(DeployError, match="branch `main` is checked out here"):
        deploy(project, branch="main")
    git(project.root, "branch", "sources")  # a branch that holds the project, not a site
    with pytest.raises(DeployError, match="branch `sources` holds a project"):
        deploy(project, branch="sources")
    assert git(project.root, "rev-parse", "main") == head
    assert (project.root / "mkdocs.yml").is_file()
    assert git(project.root, "status", "--porcelain").strip() == ""


def test_a_refused_push_is_said_in_one_line(tmp_path):
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n")
    hook.chmod(0o755)
    project = make_project(tmp_path / "project")
    git(project.root, "remote", "add", "pages", str(remote))
    with pytest.raises(DeployError) as caught:
        deploy(project, remote="pages")
    message = str(caught.value)
    assert message.startswith("the push to `pages` was refused (")
    assert "Traceback" not in message and "run `briefing deploy` again" in message
