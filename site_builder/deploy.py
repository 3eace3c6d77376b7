"""Publish the built site to GitHub Pages with `mkdocs gh-deploy`, after checking what it needs.

MkDocs is run as a command (only mkdocs_plugin.py and mkdocs_commands.py import it): it builds the
site, commits it to the pages branch with a `.nojekyll` file (so GitHub serves folders such as
`assets/` as is) and pushes that branch to the remote. A missing piece gets an error that says what to set up.
"""

from __future__ import annotations

import subprocess
import sys

from .project import Project


class DeployError(RuntimeError):
    """What stopped the deploy, and what to do about it."""


def _git(project: Project, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=project.root, capture_output=True, text=True)


def deploy_command(project: Project, remote: str, branch: str, message: str | None) -> list[str]:
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
    if _git(project, "remote", "get-url", remote).returncode != 0:
        raise DeployError(
            f"no git remote named `{remote}`; add one: git remote add {remote} <repository URL>"
        )
    done = subprocess.run(
        deploy_command(project, remote, branch, message), cwd=project.root, capture_output=True, text=True
    )
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
        raise DeployError(f"mkdocs gh-deploy failed (exit {done.returncode}):\n{tail}")
    url = _git(project, "remote", "get-url", remote).stdout.strip()
    return f"deploy: the site is on branch {branch} of {url}"
