"""The machinery behind issue 7's speed: worker processes, the brief cache, lazy imports, the bench tools.

These check behaviour (same results, cache invalidation, safety), never timings: speed is measured
by `make bench`, not by tests.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SEED

from bench.corpus import load_dev, make_corpus
from bench.measure import run, tree_size
from site_builder.briefs.cache import BriefCache
from site_builder.ingest.workers import extract_parallel, workers_for
from site_builder.inputs.articles import read_article
from site_builder.site.corpus import load_briefs

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = [
    "date 2022-03-01 Test Wire\n\nFloods hit Dushanbe\n\nDUSHANBE: Floods forced 3,000 people from their "
    "homes in Dushanbe on Monday, officials said. President Emomali Rahmon visited the city on Tuesday.\n",
    "date 2022-03-02 Test Wire\n\nTalks in Geneva\n\nGeneva talks between Iran and the European Union "
    'resumed on Wednesday. "We expect progress within days," said Josep Borrell, the EU foreign '
    "policy chief.\n",
    "date 2022-03-03 Test Wire\n\nBorder crossing reopens\n\nThe Ishkashim border crossing between "
    "Tajikistan and Afghanistan reopened on 2 March 2022 after a week of closure, the Afghan "
    "ministry said.\n",
]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    paths = [SEED]
    for i, text in enumerate(ARTICLES):
        paths.append(folder / f"a{i}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    return [read_article(p) for p in paths]


def test_workers_give_the_same_results_in_the_same_order(articles):
    from site_builder.extract import extract_all

    alone = list(extract_all(articles))
    # two workers, one article per task: results must come back in input order all the same
    import site_builder.ingest.workers as parallel

    chunk, parallel.CHUNK = parallel.CHUNK, 1
    try:
        spread = list(extract_parallel(articles, workers=2))
    finally:
        parallel.CHUNK = chunk
    assert len(spread) == len(articles)
    assert spread == alone
    assert any(e.name == "Emomali Rahmon" for e in spread[0].entities)


DIED = Path("/nonexistent")  # set by the test: the file that says a worker has died once


def _dying_once(articles):
    import site_builder.ingest.workers as parallel

    if not DIED.exists():
        DIED.touch()
        os._exit(1)  # a worker killed mid-job (out of memory, a signal), once
    return parallel.extract_each(articles, parallel._known)


def test_a_dead_worker_does_not_lose_articles(articles, monkeypatch, tmp_path):
    import site_builder.ingest.workers as parallel
    from site_builder.extract import extract_all

    monkeypatch.setattr(sys.modules[__name__], "DIED", tmp_path / "died")
    monkeypatch.setattr(parallel, "_extract_chunk", _dying_once)
    found = list(extract_parallel(articles, workers=2))
    assert (tmp_path / "died").exists()
    assert found == list(extract_all(articles))


def test_small_jobs_stay_in_process_and_the_environment_can_choose(monkeypatch):
    monkeypatch.delenv("BRIEFING_WORKERS", raising=False)
    assert workers_for(5, cpus=2) == 1  # starting a worker would cost more than it saves
    assert workers_for(4000, cpus=2) == 2
    assert workers_for(4000, cpus=1) == 1
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    assert workers_for(4000, cpus=2) == 1
    monkeypatch.setenv("BRIEFING_WORKERS", "3")
    assert workers_for(2, cpus=2) == 2  # never more workers than articles


def test_no_op_ingest_and_build_do_not_import_spacy():
    modules = "site_builder.ingest.run, site_builder.site.corpus, site_builder.briefs.check"
    code = f"import sys, {modules}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


BRIEF = """\
---
schema: 1
id: {id}
title: {title}
date: 2021-07-06
source: {{name: AT News, file: seeds/x.txt}}
actors:
  - {{id: emomali-rahmon, name: Emomali Rahmon, kind: person, mentions: 2}}
---

Body of {id}.
"""


def _brief(folder: Path, bid: str, title: str) -> Path:
    path = folder / f"{bid}.md"
    path.write_text(BRIEF.format(id=bid, title=title), encoding="utf-8")
    return path


def test_brief_cache_reuses_unchanged_briefs_and_rereads_edited_ones(tmp_path):
    folder, cache = tmp_path / "briefs", tmp_path / ".briefing" / "briefs.cache"
    folder.mkdir()
    a = _brief(folder, "a", "First")
    _brief(folder, "b", "Second")
    first, errors = load_briefs(folder, cache)
    assert [b.title for b in first] == ["First", "Second"] and not errors
    assert cache.exists()
    again, _ = load_briefs(folder, cache)
    assert [b.__dict__ for b in again] == [b.__dict__ for b in first]
    # a person edits one brief (same size, so only the file times tell): it is read again
    a.write_text(a.read_text(encoding="utf-8").replace("First", "Fixed"), encoding="utf-8")
    (folder / "b.md").unlink()
    _brief(folder, "c", "Third")
    edited, _ = load_briefs(folder, cache)
    assert [b.title for b in edited] == ["Fixed", "Third"]
    assert set(BriefCache.open(cache).entries) == {"a.md", "c.md"}  # the removed brief left the cache too


def test_brief_cache_never_hides_a_broken_brief(tmp_path):
    folder, cache = tmp_path / "briefs", tmp_path / "briefs.cache"
    folder.mkdir()
    path = _brief(folder, "a", "First")
    load_briefs(folder, cache)
    path.write_text("---\nid: a\ntitle: [unclosed\n---\n", encoding="utf-8")
    briefs, errors = load_briefs(folder, cache)
    assert briefs == [] and len(errors) == 1 and "a.md" in str(errors[0])


def test_brief_cache_refuses_to_unpickle_anything_but_briefs(tmp_path):
    folder, cache = tmp_path / "briefs", tmp_path / "briefs.cache"
    folder.mkdir()
    _brief(folder, "a", "First")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    cache.write_bytes(pickle.dumps({"format": 1, "entries": {"a.md": Evil()}}))
    briefs, errors = load_briefs(folder, cache)
    assert not marker.exists()
    assert [b.title for b in briefs] == ["First"] and not errors  # the bad cache is ignored and rewritten
    cache.write_bytes(b"not a pickle at all")
    assert [b.title for b in load_briefs(folder, cache)[0]] == ["First"]


# --- the bench's own tools, on a small dev folder written here ---

DEV_ARTICLE = """\
date 2006-02-23 Wikinews

Leaders meet in Paris

Jacques Chirac met Angela Merkel in Paris on February 20, 2006. Chirac said the European Commission
would act. Merkel returned to Berlin in 2006.
"""


def _dev(folder: Path) -> Path:
    for name in ("one", "two"):
        (folder / "set" / "articles").mkdir(parents=True, exist_ok=True)
        (folder / "set" / "gold").mkdir(parents=True, exist_ok=True)
        (folder / "set" / "articles" / f"{name}.txt").write_text(DEV_ARTICLE, encoding="utf-8")
        gold = {
            "entities": [
                {"type": "PER", "name": "Jacques Chirac"},
                {"type": "PER", "name": "Angela Merkel"},
                {"type": "ORG", "name": "European Commission"},
                {"type": "LOC", "name": "Paris"},
            ]
        }
        (folder / "set" / "gold" / f"{name}.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_corpus_maker_renames_entities_and_shifts_dates(tmp_path):
    dev = _dev(tmp_path / "dev")
    assert [a.people for a in load_dev(dev)][0] == ["Jacques Chirac", "Angela Merkel"]
    paths = make_corpus(dev, 12, tmp_path / "out")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(paths) == 12 and len({t.split("\n", 1)[1] for t in texts}) == 12  # every article distinct
    assert texts[0] == DEV_ARTICLE  # the first copy is the article as it is
    later = texts[-1]
    assert "Jacques Chirac" not in later and "Chirac" not in later and "European Commission" not in later
    date = dt.date.fromisoformat(later.split()[1])
    assert date > dt.date(2006, 2, 23)
    assert f"in {date.year}" in later or date.year == 2006  # years in the text move with the date
    again = [p.read_text(encoding="utf-8") for p in make_corpus(dev, 12, tmp_path / "again")]
    assert again == texts  # the same corpus every run


def test_measure_reports_the_peak_memory_of_the_child(tmp_path):
    code = textwrap.dedent("""
        import time
        block = bytearray(300 * 2**20)
        for i in range(0, len(block), 4096):
            block[i] = 1
        time.sleep(0.3)
    """)
    r = run([sys.executable, "-c", code], tmp_path)
    assert r.returncode == 0 and r.peak_tree_mb >= 300 and r.peak_process_mb >= 300
    failed = run([sys.executable, "-c", "raise SystemExit(3)"], tmp_path)
    assert failed.returncode == 3
    (tmp_path / "site" / "a").mkdir(parents=True)
    (tmp_path / "site" / "a" / "index.html").write_text("x" * 10)
    assert tree_size(tmp_path / "site") == (1, 1, 10)
