"""The `briefing` command: a thin adapter over ingest, extraction, checking and the MkDocs build."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .articles import ArticleError, read_article


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract_all
    from .extract_json import extraction_record

    articles, failed = [], 0
    for given in args.paths:
        try:
            articles.append((given, read_article(given)))
        except ArticleError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
    found = extract_all(a for _, a in articles)
    for (given, article), result in zip(articles, found, strict=True):
        record = extraction_record(given, article, result)
        if args.format == "jsonl":
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(json.dumps(record, ensure_ascii=False, indent=2))
    if failed:
        print(f"{failed} of {len(args.paths)} files failed", file=sys.stderr)
    return 1 if failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest import ingest
    from .project import Project

    project = Project.at()
    paths = args.paths or [project.seeds]
    report = ingest(paths, project)
    for path in report.written:
        print(f"wrote {project.relative(path)}")
    for file, why in report.skipped:
        print(f"skipped {file}: {why}")
    for message in report.failed:
        print(f"error: {message}", file=sys.stderr)
    print(f"ingest: {report.summary()}", file=sys.stderr)
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("ingest", help="articles (files or folders; default seeds/) -> content/briefs/")
    p.add_argument("paths", nargs="*", type=Path)
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("extract", help="print what is found in articles, one JSON object per article")
    p.add_argument("--format", choices=["jsonl", "json"], default="json")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
