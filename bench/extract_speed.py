"""Extraction speed: articles per second of `extract_all` on the dev articles, in one process.

Prints one JSON object. The model load and a warm-up article are timed apart from the run, so
the figure is the steady rate of the pipeline (spaCy plus the rules).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dev", type=Path)
    parser.add_argument("--rounds", type=int, default=1, help="passes over the articles")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    from site_builder.extract import extract_all
    from site_builder.extract.nlp import load_nlp
    from site_builder.inputs.articles import read_article

    articles = [read_article(p) for p in sorted(args.dev.glob("*/articles/*.txt"))]
    load_nlp()
    list(extract_all(articles[:1]))
    loaded, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.rounds):
        for _ in extract_all(articles):
            pass
    seconds, cpu = time.perf_counter() - loaded, time.process_time() - cpu
    n = len(articles) * args.rounds
    chars = sum(len(a.text) for a in articles) * args.rounds
    print(
        json.dumps(
            {
                "articles": n,
                "seconds": round(seconds, 3),
                "articles_per_s": round(n / seconds, 2),
                "articles_per_cpu_s": round(n / cpu, 2),
                "chars_per_s": round(chars / seconds),
                "load_seconds": round(loaded - start, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
