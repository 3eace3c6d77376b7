"""Cost bounds on single oversized inputs: one very long article, one brief naming thousands of actors.

    python -m bench.bounds                    # an article of 1,200,000 characters; a brief with 4,000 actors
    python -m bench.bounds --chars 400000 --actors 1000

Each is measured in its own process (bench/measure.py): `briefing ingest` of a project holding
only the long article (made of the dev articles' paragraphs, read at run time), and `briefing build`
of a project holding the seed's brief plus one brief that lists N actors, all in one event.
Prints one JSON object and writes it to bench/out/bounds.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from .measure import run

REPO = Path(__file__).resolve().parent.parent


def long_article(dev: Path, chars: int) -> str:
    paragraphs: list[str] = []
    texts = [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*/articles/*.txt"))]
    if not texts:
        raise SystemExit(f"bench: no dev articles under {dev}; pass --dev PATH/TO/eval/dev")
    size = 0
    while size < chars:
        for text in texts:
            for para in (p.strip() for p in text.split("\n")):
                if para and not para.startswith("date "):
                    paragraphs.append(para)
                    size += len(para) + 2
            if size >= chars:
                break
    return "date 2021-07-06 Bench Wire\n\nA very long article\n\n" + "\n\n".join(paragraphs) + "\n"


def crowded_brief(actors: int) -> str:
    ids = [f"person-{i}" for i in range(actors)]
    listed = "\n".join(
        f"- {{id: {i}, name: Person {n}, kind: person, mentions: 1}}" for n, i in enumerate(ids)
    )
    return (
        "---\nschema: 1\nid: 2021-07-07-crowd\ntitle: A crowd\ndate: 2021-07-07\nsource: {name: Bench}\n"
        f"actors:\n{listed}\nevents:\n- date: 2021-07-07\n  basis: stated\n  text: Everyone met.\n"
        f"  actors: [{', '.join(ids)}]\n---\n\nEveryone met.\n"
    )


def project(root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "briefs").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=1_200_000, help="length of the long article")
    parser.add_argument("--actors", type=int, default=4000, help="actors listed in the crowded brief")
    parser.add_argument("--dev", type=Path, default=REPO.parent / "shared" / "eval" / "dev")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    args = parser.parse_args(argv)
    briefing = [sys.executable, "-m", "site_builder.cli"]

    long = project(args.out / "bounds-long")
    text = long_article(args.dev, args.chars)
    (long / "seeds").mkdir()
    (long / "seeds" / "long.txt").write_text(text, encoding="utf-8")
    ingest = run([*briefing, "ingest"], long, env={"BRIEFING_WORKERS": "1"}).check()

    crowd = project(args.out / "bounds-crowd")
    (crowd / "content" / "briefs" / "2021-07-07-crowd.md").write_text(crowded_brief(args.actors))
    build = run([*briefing, "build", "--skip-check"], crowd).check()

    result = {
        "long_article_chars": len(text),
        "long_ingest_s": round(ingest.seconds, 1),
        "long_ingest_cpu_s": round(ingest.cpu_seconds, 1),
        "long_ingest_peak_mb": round(ingest.peak_tree_mb),
        "crowd_actors": args.actors,
        "crowd_build_s": round(build.seconds, 1),
        "crowd_build_cpu_s": round(build.cpu_seconds, 1),
        "crowd_build_peak_mb": round(build.peak_tree_mb),
        "crowd_entities_json_mb": round((crowd / "site" / "entities.json").stat().st_size / 2**20, 1),
        "load": round(ingest.load, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bounds.json").write_text(json.dumps(result, indent=1) + "\n")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
