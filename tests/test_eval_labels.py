"""Integrity of the frozen evaluation labels of ``fixtures/labels/eval/`` (issues 12, 18).

The second and third held-out test splits (``*_test2.*``, ``en_test3.*``) are frozen:
their files must match the SHA-256 sums recorded when they were made (``test2.sha256``,
``test3.sha256``), their records must be well formed, their documents must be disjoint
from those of the other sets, and, when the shared corpus is present, every label's
fingerprint must match the text it points into (and ``en_test3``'s documents must be
exactly those its selection rule picks).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "fixtures" / "labels" / "eval"
TEST2 = ("en_test2", "zh_test2")
TEST3 = ("en_test3",)
CORPUS = {"en_test2": "whitehouse", "zh_test2": "cctv-zh", "en_test3": "whitehouse"}
SPLIT = {"en_test2": "test2", "zh_test2": "test2", "en_test3": "test3"}


def _records(name: str) -> list[dict[str, object]]:
    with open(EVAL / f"{name}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _docs(name: str) -> set[str]:
    return {x.strip() for x in (EVAL / f"{name}.docs.txt").read_text().splitlines() if x.strip()}


@pytest.mark.parametrize(("split", "files"), [("test2", 8), ("test3", 4)])
def test_held_out_files_are_frozen(split: str, files: int) -> None:
    lines = (EVAL / f"{split}.sha256").read_text().splitlines()
    assert len(lines) == files
    for line in lines:
        digest, name = line.split()
        actual = hashlib.sha256((EVAL / name).read_bytes()).hexdigest()
        assert actual == digest, f"{name} changed after the {split} labels were frozen"


@pytest.mark.parametrize("name", TEST2 + TEST3)
def test_held_out_records_are_well_formed(name: str) -> None:
    ids = {p["id"] for p in tomllib.loads((EVAL / f"{name}.toml").read_text())["phrase"]}
    coverage = json.loads((EVAL / f"{name}.coverage.json").read_text())
    assert set(coverage) == ids
    docs = _docs(name)
    records = _records(name)
    assert records
    for r in records:
        assert r["split"] == SPLIT[name]
        assert r["corpus"] == CORPUS[name]
        assert r["level"] in ("surface", "variant", "rejected")
        assert r["phrase_id"] in ids
        assert r["doc"] in docs
        assert 0 <= int(r["start"]) < int(r["end"])  # type: ignore[call-overload]
        assert len(str(r["sha1"])) == 12
    assert sum(r["level"] == "variant" for r in records) >= 20


def test_en_test3_has_enough_labels_of_each_level() -> None:
    records = _records("en_test3")
    for level in ("surface", "variant", "rejected"):
        assert sum(r["level"] == level for r in records) >= (60 if level != "rejected" else 20)
    spans = [(r["phrase_id"], r["doc"], r["start"], r["end"]) for r in records]
    assert len(spans) == len(set(spans))


def test_held_out_formulas_are_those_of_the_existing_watchlists() -> None:
    known: dict[str, str] = {}
    for name in ("en_wh", "en_kremlin", "en_ungd", "zh"):
        for p in tomllib.loads((EVAL / f"{name}.toml").read_text())["phrase"]:
            known[p["id"]] = p["text"]
    for name in TEST2 + TEST3:
        for p in tomllib.loads((EVAL / f"{name}.toml").read_text())["phrase"]:
            assert known.get(p["id"]) == p["text"], f"{name}: {p['id']} is not an existing formula"


def _used_elsewhere(*exclude: str) -> set[str]:
    """White House records used by any label set but the named ones."""
    labels = EVAL.parent
    used: set[str] = set()
    with open(labels / "sentences.jsonl", encoding="utf-8") as f:
        used |= {r["doc"] for r in map(json.loads, f) if r["corpus"] == "whitehouse"}
    with open(labels / "track_labels.jsonl", encoding="utf-8") as f:
        used |= {r["source_id"] for r in map(json.loads, f) if r["corpus"] == "whitehouse"}
    for path in EVAL.glob("*.jsonl"):
        if path.stem not in exclude:
            used |= {str(r["doc"]) for r in _records(path.stem) if r["corpus"] == "whitehouse"}
    for path in EVAL.glob("*.docs.txt"):
        name = path.name.removesuffix(".docs.txt")
        if name not in exclude:
            used |= _docs(name)
    return used


def test_en_test2_documents_are_used_by_no_other_label_set() -> None:
    # en_test3 was chosen after en_test2 and excludes its documents (checked below)
    assert not _docs("en_test2") & _used_elsewhere("en_test2", "en_test3")


def test_en_test3_documents_are_used_by_no_other_label_set() -> None:
    docs = _docs("en_test3")
    assert len(docs) >= 150
    assert not docs & _used_elsewhere("en_test3")
    assert {str(r["doc"]) for r in _records("en_test3")} <= docs


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


@pytest.mark.parametrize("name", TEST2 + TEST3)
def test_held_out_fingerprints_match_the_reference_texts(labelkit: ModuleType, name: str) -> None:
    records = _records(name)
    assert labelkit.check(records) == []
    known = set(labelkit.doc_ids(CORPUS[name]))
    assert _docs(name) <= known


def test_en_test3_documents_are_those_of_its_rule(shared_corpus: Path) -> None:
    """The selection rule of ``en_test3.md``, recomputed from the corpus."""
    genre = re.compile(r"fact-sheet|statement-(by|from|of)")
    other = re.compile(r"readout|joint-statement|joint-declaration|joint-communique|joint-leaders")
    topic = re.compile(r"Indo-Pacific|ASEAN|Taiwan|South China Sea")
    used = _used_elsewhere("en_test3")
    picked = set()
    path = shared_corpus / "whitehouse" / "briefings.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            rid = rec["id"]
            folder, last = rid.split("/", 1)[0], rid.rsplit("/", 1)[-1][11:]
            if folder not in ("fact-sheets", "briefings-statements") and not (
                folder == "statements-releases" and genre.search(last)
            ):
                continue
            if other.search(last) or not topic.search(rec["text"]) or rid in used:
                continue
            picked.add(rid)
    assert picked == _docs("en_test3")
