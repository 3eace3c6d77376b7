"""The same article gives the same brief, run after run.

Each run is a separate process with its own hash seed (set and dict-from-set order change with it),
its own memory layout (spaCy objects hash by address), articles in another order (other batches
through the parser) and, for ingest, another number of worker processes.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, new_project, write
from test_quotes import NAMED_VERB_BEFORE_PRONOUN_AFTER, VERB_PAST_A_BLANK_LINE

FORMATS = Path(__file__).parent / "fixtures" / "formats"


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list[Path]:
    """The seed, a saved page, a feed, and an article whose quotes once changed speaker between runs."""
    folder = tmp_path_factory.mktemp("articles")
    quotes = write(
        folder / "hearing.txt",
        "date 2024-05-14 Coastal Courier\n\nSenator answers the water agency at a town hall\n\n"
        + VERB_PAST_A_BLANK_LINE
        + "\n\n"
        + NAMED_VERB_BEFORE_PRONOUN_AFTER
        + "\n",
    )
    copies = [shutil.copy(src, folder) for src in (SEED, FORMATS / "saved-page.html", FORMATS / "feed.rss")]
    return [quotes, *map(Path, copies)]


def run_both(first: tuple[list[str], Path, dict], second: tuple[list[str], Path, dict]) -> list[str]:
    """Two `briefing` runs side by side (args, folder, environment), each with its own hash seed;
    their outputs."""
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "site_builder.cli", *args],
            cwd=cwd,
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args, cwd, env in (first, second)
    ]
    outputs = []
    for process in running:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        outputs.append(out)
    return outputs


def records(jsonl: str) -> dict[str, dict]:
    """Each printed record by the file (and feed entry) it came from."""
    return {r["file"]: r for r in map(json.loads, jsonl.splitlines())}


def test_extract_prints_the_same_record_for_each_article_in_two_runs(articles, tmp_path):
    extract = ["extract", "--format", "jsonl"]
    first, second = run_both(
        ([*extract, *map(str, articles)], tmp_path, {"PYTHONHASHSEED": "1"}),
        ([*extract, *map(str, reversed(articles))], tmp_path, {"PYTHONHASHSEED": "2"}),
    )
    a, b = records(first), records(second)
    assert len(a) >= len(articles)
    assert a == b
    assert '"speaker": "anna-berg"' in first and '"speaker": "jim-dunn"' in first


def test_ingest_writes_the_same_briefs_in_two_runs(articles, tmp_path):
    projects = [new_project(tmp_path / name) for name in ("first", "second")]
    for project in projects:
        (project.root / "seeds").mkdir()
        for path in articles:
            shutil.copy(path, project.root / "seeds")
    run_both(
        (["ingest"], projects[0].root, {"PYTHONHASHSEED": "3", "BRIEFING_WORKERS": "1"}),
        (["ingest"], projects[1].root, {"PYTHONHASHSEED": "4", "BRIEFING_WORKERS": "2"}),
    )
    folders = [project.briefs for project in projects]
    written = [sorted(p.name for p in folder.glob("*.md")) for folder in folders]
    assert written[0] == written[1] and len(written[0]) >= len(articles)
    for name in written[0]:
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name
