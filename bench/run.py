"""The speed benchmark (issue 7): corpora of N articles -> ingest -> build, against a plain `mkdocs build`.

    python -m bench.run                       # N = 250, 1000, 4000 (about 40 minutes on 2 cores)
    python -m bench.run --sizes 250,1000      # chosen sizes
    python -m bench.run --quick               # N = 100: a smoke run of every step

For each N it makes a corpus from the dev articles (bench/corpus.py), then measures, each in its own
process: ingest into an empty project, ingest again with nothing new, then `briefing build` and the
reference build (bench/reference.py) alternately, twice each, the faster of each counting (this
machine's speed drifts within minutes), and for N <= 1000 the build again with no brief changed
(parsed briefs reused), a build after one edit and, under `briefing serve`, the time from saving
a brief to its new page (bench/rebuild.py). It also measures the
extraction rate on the dev articles. Results go to bench/out/results.{md,json}; nothing here is a
pass/fail test.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import time
from pathlib import Path

from site_builder.site.corpus import BRIEF_CACHE
from site_builder.site.last_build import STATE_FILE

from .corpus import make_corpus
from .measure import Run, run, tree_size
from .rebuild import build_after_edit, serve_edits
from .reference import make_reference, project_theme

REPO = Path(__file__).resolve().parent.parent
REBUILD_UP_TO = 1000  # corpus sizes whose build is also timed warm: nothing changed, parsed briefs reused
ROUNDS = 2  # builds and reference builds per size, alternating; the faster of each counts
PROJECT_FILES = ("mkdocs.yml", "templates", "overrides", "content/assets")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in x
        )
        ram = f"{mem_kb / 2**20:.0f} GB RAM"
    except (OSError, StopIteration):
        ram = "RAM unknown"
    from site_builder.cores import cpu_count

    return f"{cpu}, {cpu_count()} cores, {ram}, Python {platform.python_version()}, {platform.system()}"


def briefing(*args: str) -> list[str]:
    return [sys.executable, "-m", "site_builder.cli", *args]


def has_build() -> bool:
    from site_builder.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return "build" in sub.choices


def setup_project(folder: Path) -> None:
    """An empty briefing project with the repository's site configuration, templates and assets."""
    for name in ("content", ".briefing", "site", *PROJECT_FILES):
        target = folder / name
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
    for name in PROJECT_FILES:
        src, dst = REPO / name, folder / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.is_file():
            shutil.copy2(src, dst)
    for name in ("briefs", "actors", "locations"):
        (folder / "content" / name).mkdir(parents=True, exist_ok=True)


def bench_size(n: int, dev: Path, out: Path, build: bool, log) -> dict:
    folder = out / f"n{n}"
    project = folder / "project"
    project.mkdir(parents=True, exist_ok=True)
    setup_project(project)
    t = time.perf_counter()
    make_corpus(dev, n, project / "seeds")
    log(f"n={n}: corpus made in {time.perf_counter() - t:.1f} s; ingest ...")
    row: dict = {"n": n}
    ingest = run(briefing("ingest", "seeds"), project).check()
    briefs = list((project / "content" / "briefs").glob("*.md"))
    row.update(
        ingest_s=ingest.seconds,
        ingest_per_s=n / ingest.seconds,
        ingest_mb=ingest.peak_tree_mb,
        briefs=len(briefs),
        brief_bytes=sum(p.stat().st_size for p in briefs),
    )
    rate, mb = n / ingest.seconds, ingest.peak_tree_mb
    log(f"n={n}: ingest {ingest.seconds:.1f} s ({rate:.1f}/s), {mb:.0f} MB; again ...")
    again = run(briefing("ingest", "seeds"), project).check()
    row.update(reingest_s=again.seconds, ingest_cpu=ingest.cpu_seconds, ingest_load=ingest.load)
    page_bytes = row["brief_bytes"] // max(1, len(briefs))
    ref_dir = folder / "reference"
    texts = [p.read_text(encoding="utf-8") for p in sorted((project / "seeds").glob("*.txt"))[:60]]
    builds: list[Run] = []
    refs: list[Run] = []
    # Build and reference alternate, twice each, and the faster of each pair counts: this machine's
    # speed drifts by tens of percent within minutes, and alternating keeps both sides in step.
    for attempt in range(ROUNDS):
        if build:
            for name in (BRIEF_CACHE, STATE_FILE):  # both builds cold and full
                (project / ".briefing" / name).unlink(missing_ok=True)
            shutil.rmtree(project / "site", ignore_errors=True)  # no old site to delete, as for the reference
            log(f"n={n}: build {attempt + 1}/{ROUNDS} ...")
            b = run(briefing("build"), project).check()
            builds.append(b)
            pages, files, size = tree_size(project / "site")
            row.update(pages=pages, site_files=files, site_bytes=size)
            log(
                f"n={n}: build {b.seconds:.1f} s, {pages} pages, {size / 2**20:.0f} MB, "
                f"peak {b.peak_tree_mb:.0f} MB"
            )
        pages = row.get("pages", n)
        if attempt == 0:
            make_reference(ref_dir, pages, page_bytes, texts, project_theme(REPO))
        shutil.rmtree(ref_dir / "site", ignore_errors=True)
        log(
            f"n={n}: reference {attempt + 1}/{ROUNDS}: mkdocs build of {pages} pages, {page_bytes} bytes each"
        )
        refs.append(run([sys.executable, "-m", "mkdocs", "build", "-q"], ref_dir).check())
        log(f"n={n}: reference {refs[-1].seconds:.1f} s")
    ref = min(refs, key=lambda r: r.seconds)
    ref_pages, _, ref_size = tree_size(ref_dir / "site")
    row.update(
        ref_s=ref.seconds, ref_mb=max(r.peak_tree_mb for r in refs), ref_pages=ref_pages, ref_bytes=ref_size
    )
    row.update(ref_cpu=min(r.cpu_seconds for r in refs), ref_load=ref.load, ref_all=[r.seconds for r in refs])
    if builds:
        b = min(builds, key=lambda r: r.seconds)
        row.update(
            build_s=b.seconds,
            build_mb=max(r.peak_tree_mb for r in builds),
            build_all=[r.seconds for r in builds],
        )
        row.update(build_cpu=min(r.cpu_seconds for r in builds), build_load=b.load)
        row["build_ratio"] = row["build_s"] / ref.seconds
        row["build_cpu_ratio"] = row["build_cpu"] / row["ref_cpu"]
        if n <= REBUILD_UP_TO:  # a build with nothing changed reuses the parsed briefs
            row["rebuild_s"] = run(briefing("build"), project).check().seconds
        log(f"n={n}: build after one edit, then edits under serve ...")
        row.update(build_after_edit(project))
        row["edit_build_ratio"] = row["edit_build_s"] / row["build_s"]
        row.update(serve_edits(project))
        pages = " / ".join(f"{row[f'serve_{k}_page_s']:.1f}" for k in ("title", "actor", "delete"))
        log(f"n={n}: build after an edit {row['edit_build_s']:.1f} s; serve edit -> page {pages} s")
    return row


def extract_rate(dev: Path) -> dict:
    r: Run = run([sys.executable, "-m", "bench.extract_speed", str(dev.resolve())], REPO).check()
    return json.loads(r.output.strip().splitlines()[-1]) | {"peak_mb": r.peak_tree_mb}


def _f(value, fmt: str) -> str:
    return format(value, fmt) if isinstance(value, (int, float)) else "n/a"


def table(rows: list[dict], extract: dict, where: str) -> str:
    lines = [
        f"Machine: {where}.",
        "",
        "| N | ingest art/s | ingest s | ingest again s | ingest peak MB | build s | build again s "
        "| pages | site MB | build peak MB | plain mkdocs s | plain peak MB | build / plain |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        cells = [
            str(r["n"]),
            _f(r["ingest_per_s"], ".1f"),
            _f(r["ingest_s"], ".1f"),
            _f(r["reingest_s"], ".2f"),
            _f(r["ingest_mb"], ".0f"),
            _f(r.get("build_s"), ".1f"),
            _f(r.get("rebuild_s"), ".1f"),
            _f(r.get("pages", r["ref_pages"]), "d"),
            _f(r.get("site_bytes", 0) / 2**20, ".1f"),
            _f(r.get("build_mb"), ".0f"),
            _f(r["ref_s"], ".1f"),
            _f(r.get("ref_mb"), ".0f"),
            _f(r.get("build_ratio"), ".2f"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "CPU seconds (user + system, workers included) and the 1-minute load average when each step began "
        "(2 cores: a load above 2 means other work shared the machine and stretched the wall times above):",
        "",
        "| N | ingest CPU s | ingest load | build CPU s | build load | plain CPU s | plain load "
        "| build / plain (CPU) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        cells = [
            str(r["n"]),
            _f(r.get("ingest_cpu"), ".1f"),
            _f(r.get("ingest_load"), ".1f"),
            _f(r.get("build_cpu"), ".1f"),
            _f(r.get("build_load"), ".1f"),
            _f(r.get("ref_cpu"), ".1f"),
            _f(r.get("ref_load"), ".1f"),
            _f(r.get("build_cpu_ratio"), ".2f"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "Incremental builds: `briefing build` after one edit (a title) against the full build, and under "
        "`briefing serve` the seconds from saving a brief to its new page on disk (to the end of that "
        "rebuild in brackets: exports, search index, browsers told to reload):",
        "",
        "| N | full build s | build after one edit s | edit / full | serve first build s "
        "| title edit -> page s | added actor -> page s | deleted brief -> page gone s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        cells = [
            str(r["n"]),
            _f(r.get("build_s"), ".1f"),
            _f(r.get("edit_build_s"), ".1f"),
            _f(r.get("edit_build_ratio"), ".2f"),
            _f(r.get("serve_first_s"), ".1f"),
            *(
                f"{_f(r.get(f'serve_{k}_page_s'), '.2f')} ({_f(r.get(f'serve_{k}_rebuild_s'), '.1f')})"
                for k in ("title", "actor", "delete")
            ),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("\nEvery timed build and plain build, in the order run (seconds):\n")
    for r in rows:
        runs = zip(r.get("build_all", []), r.get("ref_all", []), strict=False)
        lines.append(f"- N={r['n']}: " + "; ".join(f"build {b:.1f}, plain {p:.1f}" for b, p in runs))
    by_n = {r["n"]: r for r in rows}
    if 1000 in by_n and 4000 in by_n:
        for key, what in (
            ("ingest_s", "ingest"),
            ("build_s", "build"),
            ("ingest_cpu", "ingest CPU"),
            ("build_cpu", "build CPU"),
        ):
            if key in by_n[4000]:
                lines.append(f"\n{what} 4000 / 1000: {by_n[4000][key] / by_n[1000][key]:.2f}x")
    e = extract
    lines.append(
        f"\nextract: {e['articles_per_s']:.1f} articles/s ({e['chars_per_s']:,} chars/s) of `extract_all` "
        f"on {e['articles']} dev articles, one process, after a {e['load_seconds']:.1f} s load; "
        f"{e['articles_per_cpu_s']:.1f} articles per CPU second"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="250,1000,4000", help="comma-separated corpus sizes")
    parser.add_argument(
        "--quick", action="store_true", help="one small corpus (N=100): checks every step runs"
    )
    parser.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "eval" / "dev")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument(
        "--no-build", action="store_true", help="skip `briefing build` (ingest and reference only)"
    )
    args = parser.parse_args(argv)
    sizes = [100] if args.quick else [int(s) for s in args.sizes.split(",") if s.strip()]
    if not args.dev.is_dir():
        raise SystemExit(f"bench: {args.dev} is not a folder; pass --dev PATH/TO/eval/dev")
    build = not args.no_build and has_build()
    if not build and not args.no_build:
        print(
            "bench: `briefing build` is not available yet; measuring ingest and the reference only",
            file=sys.stderr,
        )

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    log("extract rate on the dev articles ...")
    extract = extract_rate(args.dev)
    log(f"extract: {extract['articles_per_s']:.1f} articles/s")
    rows = [bench_size(n, args.dev, args.out, build, log) for n in sizes]
    where = machine()
    text = table(rows, extract, where)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    results = {"machine": where, "extract": extract, "sizes": rows}
    (args.out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
