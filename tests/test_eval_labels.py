"""Integrity of the frozen evaluation labels of ``fixtures/labels/eval/`` (issues 12, 18).

The second held-out test split (``*_test2.*``) is frozen: its files must match the
SHA-256 sums recorded when it was made (``test2.sha256``), its records must be well
formed, its documents must be disjoint from those of the sets tuned on, and, when the
shared corpus is present, every label's fingerprint must match the text it points into.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "fixtures" / "labels" / "eval"
TEST2 = ("en_test2", "zh_test2")
CORPUS = {"en_test2": "whitehouse", "zh_test2": "cctv-zh"}


def _records(name: str) -> list[dict[str, object]]:
    with open(EVAL / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _docs(name: str) -> set[str]:
    return {x.strip() for x in (EVAL / f"{name}.docs.txt").read_text().splitlines() if x.strip()}


def test_test2_files_are_frozen() -> None:
    lines = (EVAL / "test2.sha256").read_text().splitlines()
    assert len(lines) == 8
    for line in lines:
        digest, name = line.split()
        actual = hashlib.sha256((EVAL / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} changed after the test2 labels were frozen"


@pytest.mark.parametrize("name", TEST2)
def test_test2_records_are_well_formed(name: str) -> None:
    ids = {p["id"] for p in tomllib.loads((EVAL / f"{name}.toml").read_text())["phrase"]}
    coverage = json.loads((EVAL / f"{name}.coverage.json").read_text())
    assert set(coverage) == ids
    docs = _docs(name)
    records = _records(name)
    assert records
    for r in records:
        assert r["split"] == "test2"
        assert r["corpus"] == CORPUS[name]
        assert r["level"] in ("surface", "variant", "rejected")
        assert r["phrase_id"] in ids
        assert r["doc"] in docs
        assert 0 <= int(r["start"]) < int(r["end"])  # type: ignore[call-overload]
        assert len(str(r["sha1"])) == 12
    assert sum(r["level"] == "variant" for r in records) >= 20


def test_test2_formulas_are_those_of_the_existing_watchlists() -> None:
    known: dict[str, str] = {}
    for name in ("en_wh", "en_kremlin", "en_ungd", "zh"):
        for p in tomllib.loads((EVAL / f"{name}.toml").read_text())["phrase"]:
            known[p["id"]] = p["text"]
    for name in TEST2:
        for p in tomllib.loads((EVAL / f"{name}.toml").read_text())["phrase"]:
            assert known.get(p["id"]) == p["text"], f"{name}: {p['id']} is not an existing formula"


def test_en_test2_documents_are_used_by_no_other_label_set() -> None:
    labels = EVAL.parent
    used = _docs("en_wh")
    with open(labels / "sentences.jsonl", encoding="utf-8") as f:
        used |= {r["doc"] for r in map(json.loads, f) if r["corpus"] == "whitehouse"}
    with open(labels / "track_labels.jsonl", encoding="utf-8") as f:
        used |= {r["source_id"] for r in map(json.loads, f) if r["corpus"] == "whitehouse"}
    assert not _docs("en_test2") & used
    assert not _docs("en_test2") & {str(r["doc"]) for r in _records("en_wh")}


def test_zh_test2_pairs_were_never_labelled_by_zh() -> None:
    coverage = json.loads((EVAL / "zh.coverage.json").read_text())
    docs = _docs("zh_test2")
    for pid in json.loads((EVAL / "zh_test2.coverage.json").read_text()):
        assert coverage[pid] != "all"
        assert not docs & set(coverage[pid]), pid
    labelled = {(r["phrase_id"], r["doc"]) for r in _records("zh")}
    assert not {(r["phrase_id"], r["doc"]) for r in _records("zh_test2")} & labelled


@pytest.fixture(scope="module")
def labelkit(shared_corpus: Path) -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        return importlib.import_module("labelkit")
    finally:
        sys.path.pop(0)


@pytest.mark.parametrize("name", TEST2)
def test_test2_fingerprints_match_the_reference_texts(labelkit: ModuleType, name: str) -> None:
    records = _records(name)
    assert labelkit.check(records) == []
    known = set(labelkit.doc_ids(CORPUS[name]))
    assert _docs(name) <= known
