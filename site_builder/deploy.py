"""Publish the built site to GitHub Pages with `mkdocs gh-deploy`, after checking what it needs.

MkDocs is run as a command (only mkdocs_plugin.py and mkdocs_commands.py import it): it builds the
site, commits it to the pages branch with a `.nojekyll` file (so GitHub serves folders such as
`assets/` as is) and pushes that branch to the remote. A missing piece gets an error that says
what to set up.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .project import Project

URL = re.compile(
    r"^[a-z][a-z0-9+.-]*://|^(?:[\w.-]+@)?[\w.-]{2,}:(?!//)", re.IGNORECASE
)  # https://, git@host:


class DeployError(RuntimeError):
    """What stopped the deploy, and what to do about it."""


def _git(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True)


def push_target(project: Project, remote: str) -> str:
    """Where `--remote` points: a remote's name, a repository URL, or the path of a repository
    (a bare one, say); a path is made absolute, as MkDocs pushes from the project folder."""
    if _git(project, "remote", "get-url", remote).returncode == 0 or URL.match(remote):
        return remote
    path = Path(remote).expanduser()
    if path.is_dir():
        found = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--absolute-git-dir"], capture_output=True, text=True
        )
        git_dir = Path(found.stdout.strip()) if found.returncode == 0 else None
        if git_dir not in (
            path.resolve(),
            path.resolve() / ".git",
        ):  # a folder inside a repository is not one
            raise DeployError(
                f"{remote}: not a git repository; give a repository's path (an empty folder becomes "
                f"one with `git init --bare {remote}`) or its URL"
            )
        return str(path.resolve())
    if path.exists():
        raise DeployError(f"{remote}: a file, not a git repository; give a repository's path or its URL")
    if "/" in remote or remote.startswith((".", "~")):
        raise DeployError(f"{remote}: no such folder; give the path of a git repository, or its URL")
    raise DeployError(
        f"no git remote named `{remote}`; add one with `git remote add {remote} <repository URL>`, "
        "or pass the repository itself: --remote https://github.com/USER/REPO.git (or a path)"
    )


def checked_out_branches(project: Project) -> set[str]:
    """Branches checked out in this repository's work trees (the main one and any `git worktree`)."""
    listing = _git(project, "worktree", "list", "--porcelain").stdout
    refs = {line.split(" ", 1)[1] for line in listing.splitlines() if line.startswith("branch ")}
    return {ref.removeprefix("refs/heads/") for ref in refs}


def unsafe_branch(project: Project, branch: str) -> str | None:
    """Why the site must not be committed to branch, else None: the site replaces a branch's files."""
    if branch in checked_out_branches(project):
        return (
            f"branch `{branch}` is checked out here; deploying onto it would replace your working "
            "files with the built site. Deploy to another branch: --branch gh-pages"
        )
    if _git(project, "cat-file", "-e", f"refs/heads/{branch}:mkdocs.yml").returncode == 0:
        return (
            f"branch `{branch}` holds a project (it has a mkdocs.yml), not a built site; "
            "deploy to a branch of its own: --branch gh-pages"
        )
    return None


REJECTED = ("[rejected]", "! [remote rejected]", "failed to push", "Permission denied", "Could not read from")


def failure(output: str, code: int, remote: str, branch: str) -> str:
    """What went wrong in `mkdocs gh-deploy`, in one line when it is a known case, else its last lines."""
    lines = [line for line in output.strip().splitlines() if line.strip()]
    if any(mark in output for mark in REJECTED):
        why = next((line.strip() for line in lines if any(m in line for m in REJECTED)), "")
        return (
            f"the push to `{remote}` was refused ({why}); the site was built and committed to the local "
            f"branch `{branch}`: check your access to the remote, then run `briefing deploy` again"
        )
    tail = "\n".join(line for line in lines[-15:] if not line.startswith(("Traceback", "  File ")))
    return f"mkdocs gh-deploy failed (exit {code}):\n{tail}"


def deploy_command(
    project: Project, remote: str, branch: str, message: str | None, site_dir: Path | None = None
) -> list[str]:
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "gh-deploy",
        "--force",
        "--clean",
        "--config-file",
        str(project.root / "mkdocs.yml"),
        "--remote-name",
        remote,
        "--remote-branch",
        branch,
    ]
    if message:
        command += ["--message", message]
    if site_dir:
        command += ["--site-dir", str(site_dir)]
    return command


def deploy(
    project: Project, remote: str = "origin", branch: str = "gh-pages", message: str | None = None
) -> str:
    """Build and push the site to `remote`'s `branch`; returns a one-line account of what was done."""
    if not (project.root / "mkdocs.yml").is_file():
        raise DeployError(
            f"{project.root}: no mkdocs.yml here; run `briefing deploy` from the project folder"
        )
    if _git(project, "rev-parse", "--git-dir").returncode != 0:
        raise DeployError(f"{project.root}: not a git repository; run `git init` and add a GitHub remote")
    target = push_target(project, remote)
    if problem := unsafe_branch(project, branch):
        raise DeployError(problem)
    project.state.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deploy-site-", dir=project.state) as built:
        # built apart from site/: a deploy that fails or is killed leaves the local site as it was
        command = deploy_command(project, target, branch, message, Path(built))
        done = subprocess.run(command, cwd=project.root, capture_output=True, text=True)
    if done.returncode != 0:
        raise DeployError(failure(done.stderr or done.stdout, done.returncode, shown(target), branch))
    named = _git(project, "remote", "get-url", target)
    return f"deploy: the site is on branch {branch} of {shown(named.stdout.strip() or target)}"


def shown(url: str) -> str:
    """A repository URL fit to print: without a user name or token written into it."""
    parts = urlsplit(url)
    if parts.scheme and "@" in parts.netloc:
        return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
    return url
