"""`briefing ingest --dask ADDRESS`: extraction on a Dask cluster gives the briefs a local ingest gives."""

from __future__ import annotations

import filecmp

from conftest import new_project, write

from site_builder.cli import main

ARTICLES = {
    "floods.txt": "date 2022-03-01 Test Wire\n\nFloods hit Dushanbe\n\nDUSHANBE: Floods forced 3,000 people "
    "from their homes in Dushanbe on Monday, officials said. President Emomali Rahmon visited the city "
    "on Tuesday.\n",
    "talks.txt": "date 2022-03-02 Test Wire\n\nTalks in Geneva\n\nGeneva talks between Iran and the "
    'European Union resumed on Wednesday. "We expect progress within days," said Josep Borrell, the EU '
    "foreign policy chief.\n",
}


def project_with_articles(root):
    project = new_project(root)
    for name, text in ARTICLES.items():
        write(project.seeds / name, text)
    return project


def test_ingest_on_a_dask_cluster_writes_what_a_local_ingest_writes(tmp_path, monkeypatch):
    from distributed import LocalCluster

    local = project_with_articles(tmp_path / "local")
    monkeypatch.chdir(local.root)
    assert main(["ingest"]) == 0
    remote = project_with_articles(tmp_path / "remote")
    monkeypatch.chdir(remote.root)
    # one worker process with one thread: the tasks and their results cross a process boundary
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["ingest", "--dask", cluster.scheduler_address]) == 0
    names = sorted(p.name for p in local.briefs.glob("*.md"))
    assert len(names) == 2 and names == sorted(p.name for p in remote.briefs.glob("*.md"))
    _, mismatch, errors = filecmp.cmpfiles(local.briefs, remote.briefs, names, shallow=False)
    assert not mismatch and not errors  # the same bytes
    texts = "".join((local.briefs / n).read_text(encoding="utf-8") for n in names)
    assert "emomali-rahmon" in texts and "josep-borrell" in texts  # extraction ran


def test_no_scheduler_at_the_address_is_a_clear_error(tmp_path, monkeypatch, capsys):
    import site_builder.ingest.cluster as cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 2)
    project = project_with_articles(tmp_path / "p")
    monkeypatch.chdir(project.root)
    assert main(["ingest", "--dask", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in err
    assert not list(project.briefs.glob("*.md"))  # nothing written


def test_without_dask_installed_the_option_says_what_to_install(tmp_path, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    project = project_with_articles(tmp_path / "p")
    monkeypatch.chdir(project.root)
    assert main(["ingest", "--dask", "tcp://127.0.0.1:9"]) == 1
    assert "pip install 'briefing[dask]'" in capsys.readouterr().err
