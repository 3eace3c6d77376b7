"""The `briefing` command: a thin adapter over ingest, extraction, checking and the MkDocs build."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import socket
import sys
from pathlib import Path
from typing import NoReturn

from .inputs import read_articles
from .inputs.articles import ArticleError


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract.identity import Registry
    from .extract.jsonl import extraction_record
    from .ingest.workers import ExtractionFailed, extract_parallel

    articles, failed = [], 0
    for given in args.paths:
        for item in read_articles(given):  # a feed holds several articles: FILE#entry-...
            if isinstance(item, ArticleError):
                print(f"error: {item}", file=sys.stderr)
                failed += 1
            else:
                articles.append((f"{given}#{item.part}" if item.part else given, item))
    found = extract_parallel([a for _, a in articles], workers=1)  # an article that fails, fails alone
    registry = Registry()  # one id per actor across the files of this call
    for (given, article), result in zip(articles, found, strict=True):
        if isinstance(result, ExtractionFailed):
            print(f"error: {given}: {result.reason}", file=sys.stderr)
            failed += 1
            continue
        record = extraction_record(given, article, registry.resolve(result))
        if args.format == "jsonl":
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(json.dumps(record, ensure_ascii=False, indent=2))
    if failed:
        print(f"{failed} of {len(args.paths)} files failed", file=sys.stderr)
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .console import ProgressBar, skip_lines
    from .ingest.run import ALREADY_BRIEFED, ingest
    from .project import NOT_A_PROJECT, Project

    project = Project.at()
    if not args.paths and not project.seeds.exists() and not project.config_file.is_file():
        print(f"error: {project.seeds}: no such folder, and {NOT_A_PROJECT}", file=sys.stderr)
        print("  (or name the articles to ingest: briefing ingest FILE_OR_FOLDER ...)", file=sys.stderr)
        return 1
    paths = args.paths or [project.seeds]
    if args.update:
        return _ingest_update(paths, project, args.verbose)
    from .ingest.cluster import ClusterError

    try:
        with ProgressBar("ingest") as progress:
            report = ingest(paths, project, on_progress=progress, on_wait=_waiting("ingest"), dask=args.dask)
    except ClusterError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in report.written:
        print(f"wrote {project.relative(path)}")
    for line in skip_lines(report.skipped, ALREADY_BRIEFED, args.verbose):
        print(line)
    for message in report.failed:
        print(f"error: {message}", file=sys.stderr)
    print(f"ingest: {report.summary()}", file=sys.stderr)
    return 0 if report.ok else 1


def _waiting(command: str):
    """What a command says while another one holds the project (see locks.py)."""

    def say(holder: str) -> None:
        who = f" (pid {holder})" if holder.isdigit() else ""
        print(f"{command}: another {command} of this project is running{who}; waiting", file=sys.stderr)

    return say


def _ingest_update(paths: list[Path], project, verbose: bool) -> int:
    from .console import ProgressBar, skip_lines
    from .ingest.run import ALREADY_BRIEFED
    from .ingest.update import update
    from .locks import project_lock

    with (
        project_lock(project.state, "ingest", _waiting("ingest")),
        ProgressBar("ingest --update") as progress,
    ):
        report, new = update(paths, project, on_progress=progress)
    for path, fields in report.updated:
        print(f"updated {project.relative(path)}: {', '.join(fields)}")
    for path in new.written:
        print(f"wrote {project.relative(path)}")
    for line in skip_lines(new.skipped, ALREADY_BRIEFED, verbose):
        print(line)
    for conflict in report.conflicts:
        print(f"conflict: {conflict}")
    for message in report.failed + new.failed:
        print(f"error: {message}", file=sys.stderr)
    print(f"ingest --update: {report.summary()}; new articles: {new.summary()}", file=sys.stderr)
    return 0 if report.ok and new.ok else 1


def run_check(project, before_build: bool = False) -> bool:
    """Print every problem in content/ as FILE:LINE: message; False when any is an error. Before a
    build, the briefs check parsed are left for the build to take and save (briefs/cache.py)."""
    from .briefs.check import check_project, errors
    from .long_lived import loading

    with loading(kept=before_build):  # the briefs parsed live on through the build
        problems = check_project(project, save=not before_build)
    for problem in problems:
        print(problem.listed(), file=sys.stderr)
    bad = errors(problems)
    if problems:
        print(
            f"check: {_count(len(bad), 'error')}, {_count(len(problems) - len(bad), 'warning')}",
            file=sys.stderr,
        )
    return not bad


def cmd_check(args: argparse.Namespace) -> int:
    from .briefs.check import checked_files
    from .project import Project

    project = Project.at()
    ok = run_check(project)
    if ok and project.content.is_dir():  # silence would not say whether anything was read
        briefs, notes = checked_files(project)
        print(f"check: {_count(briefs, 'brief')} and {_count(notes, 'note')} read", file=sys.stderr)
    return 0 if ok else 1


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


def cmd_deploy(args: argparse.Namespace) -> int:
    from .deploy import DeployError, deploy
    from .project import Project

    project = Project.at()
    _pass_include(args)
    if not args.skip_check and not run_check(project):
        print("deploy: stopped; fix the errors above first", file=sys.stderr)
        return 1
    try:
        print(deploy(project, remote=args.remote, branch=args.branch, message=args.message))
    except DeployError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def _mkdocs_yml(project) -> Path | None:
    config = project.config_file
    if not config.is_file():
        print(f"error: {config}: not found; run briefing in the project folder or pass -f", file=sys.stderr)
        return None
    return config


def cmd_build(args: argparse.Namespace) -> int:
    from .console import show_mkdocs_warnings
    from .mkdocs_commands import build_errors, build_site
    from .project import Project

    project = Project.at(config_file=args.config_file)
    config = _mkdocs_yml(project)
    if config is None:
        return 2
    _pass_include(args)
    _show_plugin_messages("build")
    if not args.skip_check and not run_check(project, before_build=True):
        print("build: stopped; fix the errors above, or pass --skip-check", file=sys.stderr)
        return 1
    show_mkdocs_warnings("build")
    try:
        site = build_site(
            config,
            strict=args.strict,
            site_dir=args.site_dir,
            offline=args.offline,
            on_wait=_waiting("build"),
        )
    except build_errors() as err:
        print(f"error: build failed: {err}", file=sys.stderr)
        return 1
    except OSError as err:  # the output folder cannot be written: say which, and what to do
        where = project.relative(Path(err.filename)) if err.filename else "the site folder"
        print(
            f"error: {where}: cannot write the site ({err.strerror}); make it a writable folder "
            "or pass --site-dir",
            file=sys.stderr,
        )
        return 1
    where = project.relative(site)
    opening = f"; open {where}/index.html in a browser" if args.offline else ""
    print(f"build: the site is in {where}/{opening}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .console import show_mkdocs_warnings, show_serve_messages
    from .mkdocs_commands import serve_site
    from .project import Project

    config = _mkdocs_yml(Project.at(config_file=args.config_file))
    if config is None:
        return 2
    address = args.dev_addr or ("127.0.0.1:8000" if "dev_addr" not in config.read_text("utf-8") else None)
    if address and _in_use(address):  # say it now, not after building a site it cannot serve
        print(f"error: {address} {ADDRESS_IN_USE}", file=sys.stderr)
        return 1
    show_serve_messages()
    show_mkdocs_warnings("serve")
    print("serve: building the site first; its address follows", file=sys.stderr, flush=True)
    try:
        serve_site(config, dev_addr=args.dev_addr, open_in_browser=args.open)
    except OSError as err:
        address = args.dev_addr or "127.0.0.1:8000"
        if err.errno == errno.EADDRINUSE:
            why = ADDRESS_IN_USE
        else:
            why = f"cannot be served on ({err.strerror or err}); pass another address with -a HOST:PORT"
        print(f"error: {address} {why}", file=sys.stderr)
        return 1
    return 0


ADDRESS_IN_USE = "is already in use (another `briefing serve`?); stop that server or pass -a 127.0.0.1:8001"


def _in_use(address: str) -> bool:
    """Whether a server already listens on HOST:PORT (an address that cannot be read is left to MkDocs)."""
    host, _, port = address.rpartition(":")
    host = host.strip("[]")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
            probe.bind((host, int(port)))
    except OSError as err:
        return err.errno == errno.EADDRINUSE
    except (ValueError, OverflowError):
        return False
    return False


def cmd_new(args: argparse.Namespace) -> int:
    from .problems import Problem
    from .starter import create

    try:
        written = create(args.folder, args.title)
    except (Problem, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print(
        f"new: a briefing project in {args.folder}/. Next: put articles in {args.folder}/seeds/, then\n"
        f"  cd {args.folder} && briefing ingest && briefing serve",
        file=sys.stderr,
    )
    return 0


class _PluginMessages(logging.Handler):
    """What the plugin says during a build (files left out, files refused), on stderr."""

    def __init__(self, command: str):
        super().__init__(logging.INFO)
        self.command = command

    def emit(self, record: logging.LogRecord) -> None:
        level = "" if record.levelno < logging.WARNING else f" {record.levelname.lower()}:"
        print(f"{self.command}:{level} {record.getMessage()}", file=sys.stderr)


def _show_plugin_messages(command: str) -> None:
    log = logging.getLogger("mkdocs.plugins.briefing")
    if not any(isinstance(h, _PluginMessages) for h in log.handlers):
        log.addHandler(_PluginMessages(command))
        log.setLevel(logging.INFO)


def _include_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="also publish content/ files matching GLOB that no page links to (repeatable)",
    )


def _pass_include(args: argparse.Namespace) -> None:
    """--include reaches the plugin (in this process, or in `mkdocs gh-deploy`) through the environment."""
    from .site.content_files import INCLUDE_ENV

    if args.include:
        os.environ[INCLUDE_ENV] = os.pathsep.join(args.include)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("new", help="make a ready project in FOLDER: mkdocs.yml, content/, seeds/, templates/")
    p.add_argument("folder", type=Path, metavar="FOLDER", help="a new or empty folder for the project")
    p.add_argument("--title", help="the site's name (default: from the folder's name)")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("ingest", help="articles (files or folders; default seeds/) -> content/briefs/")
    p.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="article files or folders (default: seeds/)"
    )
    p.add_argument(
        "--update",
        action="store_true",
        help="refresh machine-made fields of existing briefs that nobody edited; list conflicts kept",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="name every unchanged article skipped, not just their number",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="extract on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786) "
        "instead of this machine's cores; needs briefing[dask] here and on the workers",
    )
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("check", help="validate every brief and note; problems as FILE:LINE: message")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("deploy", help="build and publish the site to GitHub Pages (mkdocs gh-deploy)")
    p.add_argument(
        "--remote",
        default="origin",
        help="where to push: a git remote's name, a repository URL or a repository's path (default: origin)",
    )
    p.add_argument("--branch", default="gh-pages", help="branch that holds the site (default: gh-pages)")
    p.add_argument("--message", default=None, help="commit message on the pages branch")
    p.add_argument("--skip-check", action="store_true", help="publish even if `briefing check` finds errors")
    _include_option(p)
    p.set_defaults(func=cmd_deploy)
    p = sub.add_parser("extract", help="print what is found in articles, one JSON object per article")
    p.add_argument(
        "--format",
        choices=["jsonl", "json"],
        default="json",
        help="jsonl: one object per line, for programs; json: indented, for people (default)",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files: text, Markdown, web page or feed")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("build", help="build the site into site/ (mkdocs build)")
    p.add_argument("-f", "--config-file", help="the mkdocs.yml to use (default: ./mkdocs.yml)")
    p.add_argument("-d", "--site-dir", type=Path, help="write the site here instead of site/")
    p.add_argument("--strict", action="store_true", help="fail on any MkDocs warning")
    p.add_argument("--offline", action="store_true", help="pages as NAME.html, to browse from disk (file://)")
    p.add_argument("--skip-check", action="store_true", help="build even if `briefing check` finds errors")
    _include_option(p)
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("serve", help="live preview; editing a brief, note or template updates its pages")
    p.add_argument("-f", "--config-file", help="the mkdocs.yml to use (default: ./mkdocs.yml)")
    p.add_argument("-a", "--dev-addr", help="IP:PORT to serve on (default 127.0.0.1:8000)")
    p.add_argument("--open", action="store_true", help="open the site in a browser")
    p.set_defaults(func=cmd_serve)
    for command in sub._choices_actions:  # each command's --help opens with its one-line summary
        sub.choices[command.dest].description = sub.choices[command.dest].description or command.help
    return parser


def main(argv: list[str] | None = None, *, leave: bool = False) -> int:
    """`leave`: the process ends as soon as a build is done (the `briefing` command, not a caller)."""
    args = build_parser().parse_args(argv)
    code = args.func(args)
    if leave and args.func is cmd_build:
        _leave(code)
    return code


def _leave(code: int) -> NoReturn:
    """Python frees every object one by one at exit: after a build, millions of them, 3.3 s at
    4,000 briefs, while the site and the build's state are written already. Output is flushed,
    then the process ends without that."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run() -> int:
    """The `briefing` command."""
    return main(leave=True)


if __name__ == "__main__":
    sys.exit(run())
