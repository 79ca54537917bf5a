"""The batch: a corpus folder in, one audit per subject out, in parallel, resumable, on local
processes or a Dask cluster. The corpora here are made of real laws from corpus/ (copied into a
temporary folder with a manifest), plus a truncated PDF and the real scanned Pakistan gazette."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from auditor.audit import audit
from auditor.batch import ManifestError, read_manifest, run_batch
from auditor.cli import main

COLUMNS = ["jurisdiction", "label", "path", "title", "year", "language", "role", "source", "licence"]
FILES = {
    "FR": [("fr/ceseda-2017-livre-vi-sanctions-excerpt.txt", "fr"),
           ("fr/code-penal-traite-travail-force-excerpt.txt", "fr")],
    "BB": [("bb/immigration-amendment-bill-2016.pdf", "en"),
           ("bb/trafficking-in-persons-prevention-bill-2016.pdf", "en")],
    "NL": [("nl/wetboek-van-strafrecht-197a-273f-excerpt.txt", "nl")],
}


def make_corpus(folder: Path, extra_rows: list[list[str]] = ()) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for code, files in FILES.items():
        for rel, lang in files:
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(CORPUS / rel, folder / rel)
            rows.append([code, code, rel, "t", "2000", lang, "law", "s", "l"])
    rows.append(["UN", "UN", "un/smuggling-of-migrants-protocol-2000.txt", "t", "2000", "en", "reference",
                 "s", "l"])
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows([*rows, *extra_rows])
    return folder


def test_batch_gives_the_same_audits_as_single_runs_and_a_matrix(tmp_path):
    folder = make_corpus(tmp_path / "corpus")
    result = run_batch(folder, tmp_path / "out", jobs=2)
    assert [(o.jurisdiction, o.status) for o in result.outcomes] == [("FR", "audited"), ("BB", "audited"),
                                                                     ("NL", "audited")]
    for code, files in FILES.items():
        single = audit([str(folder / rel) for rel, _ in files], jurisdiction=code, label=code,
                       languages=[lang for _, lang in files]).data
        for document in single["documents"]:
            document["title"] = "t"  # the manifest's title wins in a batch
        assert json.loads((tmp_path / "out" / f"{code}.json").read_text()) == single, code
        assert (tmp_path / "out" / f"{code}.html").exists()
    matrix = list(csv.reader((tmp_path / "out" / "matrix.csv").open()))
    assert [r[0] for r in matrix[1:]] == ["FR", "BB", "NL"]  # reference texts are not subjects
    assert 'href="BB.html#SOM-3a-benefit"' in (tmp_path / "out" / "index.html").read_text()


def test_bad_files_are_reported_and_the_rest_goes_on(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "bad").mkdir(parents=True)
    original = (CORPUS / "bb/immigration-amendment-bill-2016.pdf").read_bytes()
    (folder / "bad/truncated.pdf").write_bytes(original[:5000])
    shutil.copy(CORPUS / "pk/prevention-of-trafficking-in-persons-act-2018.pdf", folder / "bad/scanned.pdf")
    (tmp_path / "secret.txt").write_text("not for the batch")
    make_corpus(folder, [["XX", "Bad", "bad/truncated.pdf", "t", "2018", "en", "law", "s", "l"],
                         ["XX", "Bad", "bad/scanned.pdf", "t", "2018", "en", "law", "s", "l"],
                         ["XX", "Bad", "../secret.txt", "t", "2018", "en", "law", "s", "l"]])
    result = run_batch(folder, tmp_path / "out", jobs=2, ocr="never")  # the scan refused, not recognised
    assert {o.jurisdiction: o.status for o in result.outcomes} == {"FR": "audited", "BB": "audited",
                                                                    "NL": "audited", "XX": "audited"}
    bad = json.loads((tmp_path / "out" / "XX.json").read_text())
    assert [e["code"] for e in bad["errors"]] == ["corrupt-pdf", "no-text-layer", "path-outside"]
    assert bad["findings"] == [] and "not for the batch" not in json.dumps(bad)
    index = (tmp_path / "out" / "index.html").read_text()
    assert "3 not read" in index


def test_manifest_errors_name_the_line(tmp_path):
    (tmp_path / "manifest.csv").write_text("jurisdiction,label,path\nBB,Barbados,x.pdf\n")
    with pytest.raises(ManifestError, match=r"manifest.csv: line 1: missing column\(s\) title, year"):
        read_manifest(tmp_path)
    with pytest.raises(ManifestError, match=r"no manifest\.csv"):
        read_manifest(tmp_path / "nowhere")
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "missing column" in result.output


def test_an_interrupted_batch_resumes_without_redoing_finished_subjects(tmp_path):
    folder = make_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from auditor.cli import main; main()", "batch", str(folder),
               "-o", str(out), "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline and not list((out / ".cache").glob("*.key")):
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = sorted(p.stem for p in (out / ".cache").glob("*.key"))
    assert finished  # (on a fast machine the batch may even have finished: the checks below still hold)
    for stem in finished:
        json.loads((out / f"{stem}.json").read_text())  # complete, not half-written
    result = run_batch(folder, out, jobs=1)
    statuses = {o.jurisdiction: o.status for o in result.outcomes}
    assert all(statuses[s] == "cached" for s in finished)
    assert sorted(s for s, v in statuses.items() if v == "audited") == sorted(set(FILES) - set(finished))
    assert (out / "index.html").exists()
    # an input that changes is audited again; --force redoes everything
    (folder / FILES["NL"][0][0]).write_text((CORPUS / FILES["NL"][0][0]).read_text() + "\n", encoding="utf-8")
    again = {o.jurisdiction: o.status for o in run_batch(folder, out, jobs=1).outcomes}
    assert again == {"FR": "cached", "BB": "cached", "NL": "audited"}
    forced = {o.jurisdiction: o.status for o in run_batch(folder, out, jobs=1, force=True).outcomes}
    assert set(forced.values()) == {"audited"}


def test_an_interrupted_batch_keeps_finished_subjects(tmp_path):
    """Ctrl-C after the first subject: what is done stays done, nothing half-written is left behind."""
    folder = make_corpus(tmp_path / "corpus")
    out = tmp_path / "out"

    def interrupt(_outcome):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(folder, out, jobs=1, on_done=interrupt)
    done = sorted(p.stem for p in (out / ".cache").glob("*.key"))
    assert len(done) == 1 and not (out / "index.html").exists()
    assert not list(out.rglob("*.tmp"))
    statuses = {o.jurisdiction: o.status for o in run_batch(folder, out, jobs=1).outcomes}
    assert [s for s, v in statuses.items() if v == "cached"] == done
    assert (out / "index.html").exists()


def test_dask_cluster_gives_the_same_outputs_as_local_processes(tmp_path):
    distributed = pytest.importorskip("distributed")
    folder = make_corpus(tmp_path / "corpus")
    run_batch(folder, tmp_path / "local", jobs=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        result = run_batch(folder, tmp_path / "dask", scheduler=cluster.scheduler_address)
    assert all(o.status == "audited" for o in result.outcomes)
    for name in ("FR.json", "BB.json", "NL.json", "matrix.csv", "index.html", "BB.html"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_baseline_lists_verdicts_gained_and_lost(tmp_path):
    folder = make_corpus(tmp_path / "corpus")
    run_batch(folder, tmp_path / "before", jobs=2)
    after = tmp_path / "after"
    shutil.copytree(tmp_path / "before", after)
    data = json.loads((after / "FR.json").read_text())
    data["findings"][0]["status"] = "satisfied" if data["findings"][0]["status"] != "satisfied" else "missing"
    (after / "FR.json").write_text(json.dumps(data))
    from auditor.batch import regression, regression_markdown

    report = regression(tmp_path / "before", after)
    assert [(c["subject"], c["item"]) for c in report["changes"]] == [("FR", data["findings"][0]["item"])]
    assert "| FR | " in regression_markdown(report)


def test_output_names_cannot_leave_the_output_folder(tmp_path):
    folder = tmp_path / "corpus"
    rel = FILES["NL"][0][0]
    (folder / rel).parent.mkdir(parents=True)
    shutil.copy(CORPUS / rel, folder / rel)
    with open(folder / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        row = ["../../evil", "<Evil>", rel, "t", "1881", "nl", "law", "s", "l"]
        csv.writer(handle).writerows([COLUMNS, row])
    run_batch(folder, tmp_path / "out", jobs=1)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert "out/evil.json" in written and "out/evil.html" in written
    assert all(w.startswith(("out/", "corpus/")) for w in written)
    assert "&lt;Evil&gt;" in (tmp_path / "out/index.html").read_text()
