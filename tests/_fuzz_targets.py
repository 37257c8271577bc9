"""The fuzz targets: one parser or stage each, bytes in, a typed error or nothing out.

Shared by the Hypothesis tests (``tests/test_fuzz.py``) and the atheris harness
(``benchmarks/fuzz.py``).  A target raises :class:`ContractError` when a span
breaks the offset contract ``doc.text[start:end] == record.text``; any
exception other than :class:`~statement_tracker.StatementTrackerError` is a
finding.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import statement_tracker as st
from statement_tracker import Document, StatementTrackerError

ROOT = Path(__file__).resolve().parent.parent
_SHM = "/dev/shm" if os.path.isdir("/dev/shm") else None
TMP = Path(tempfile.mkdtemp(prefix="st-fuzz-", dir=_SHM))
_MAX_TEXT = 4096
atexit.register(shutil.rmtree, TMP, True)


class ContractError(AssertionError):
    """A span that does not satisfy ``doc.text[start:end] == text``."""


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise ContractError(what)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _two(data: bytes) -> tuple[str, str]:
    head, _, tail = data.partition(b"\x00")
    return _text(head), _text(tail)


def check_document(doc: Document) -> None:
    """The offset contract for every record, quotation and normalised span of ``doc``."""
    text = doc.text
    for r in st.records(doc):
        _check(text[r.start : r.end] == r.text, f"record {r.kind} {r.start}:{r.end}")
        _check(r.norm == st.normalise(r.text).text, f"record {r.kind} norm")
    for q in st.quotations(text):
        _check(text[q.start : q.end] == q.text, f"quotation {q.start}:{q.end}")
    n = st.normalise(text)
    if n.text:
        s, e = n.span_to_original(0, len(n.text))
        _check(0 <= s <= e <= len(text), "normalised span outside the text")


def _write(name: str, data: bytes) -> str:
    path = TMP / name
    path.write_bytes(data)
    return str(path)


# --- targets: bytes in, typed errors or nothing out ---------------------------------------------


def t_html(data: bytes) -> None:
    check_document(st.load_bytes(data, name="x.html"))


def t_markdown(data: bytes) -> None:
    check_document(st.load_bytes(data, name="x.md"))


def t_text(data: bytes) -> None:
    check_document(st.load_bytes(data, name="x.txt"))


def t_jsonl(data: bytes) -> None:
    path = _write("c.jsonl", data)
    skipped: list[StatementTrackerError] = []
    for doc in st.load_corpus(path, errors="skip", on_error=skipped.append):
        check_document(doc)
    if skipped:
        raise skipped[0]


def t_manifest(data: bytes) -> None:
    path = _write("m.tsv", data)
    m = st.Manifest.from_file(path)
    m.apply(Document.from_text("Both sides agreed.", source=str(TMP / "a.txt")))


def t_watchlist_toml(data: bytes) -> None:
    path = _write("w.toml", data)
    wl = st.Watchlist.from_file(path)
    wl.to_toml()
    st.track([Document.from_text("A new era of no limits partnership.")], wl)


def t_watchlist_text(data: bytes) -> None:
    path = _write("w.txt", data)
    wl = st.Watchlist.from_file(path)
    st.track([Document.from_text("A new era of no limits partnership.")], wl)


_RULE_PAGE = (
    b"<html><head><title>T</title><meta property='og:site_name' content='Ex'></head>"
    b"<body><nav>Menu</nav><main><h1>Talks</h1><p class='lead'>Both sides agreed.</p>"
    b"<p>They met.</p></main></body></html>"
)


def t_rules(data: bytes) -> None:
    path = _write("r.toml", data)
    rules = st.load_rules(path)
    for url in ("https://example.org/a", None):
        try:
            check_document(st.load_bytes(_RULE_PAGE, name="p.html", url=url, rules=rules))
        except StatementTrackerError:
            pass


def t_normalise(data: bytes) -> None:
    text = _text(data)[:_MAX_TEXT]
    for fold in (True, False):
        n = st.normalise(text, fold_case=fold)
        _check(st.normalise(n.text, fold_case=fold).text == n.text, "normalise not idempotent")
        for i in range(0, len(n.text) + 1, max(1, len(n.text) // 16)):
            j = min(len(n.text), i + 7)
            s, e = n.span_to_original(i, j)
            _check(0 <= s <= e <= len(text), f"span {i}:{j} -> {s}:{e}")


def t_segment(data: bytes) -> None:
    text = _text(data)[:_MAX_TEXT]
    for spans in (st.paragraph_spans(text), st.sentence_spans(text)):
        last = 0
        for s, e in spans:
            _check(last <= s <= e <= len(text), f"span {s}:{e} out of order")
            last = e
    for s, e in st.clause_spans(text):
        _check(0 <= s <= e <= len(text), f"clause {s}:{e}")
    if text.strip():
        check_document(Document.from_text(text))


def t_track(data: bytes) -> None:
    phrases, text = _two(data)
    wl = st.Watchlist.from_lines(phrases[:400])
    doc = Document.from_text(text[:_MAX_TEXT] or "-")
    for match in ("exact", "close", "loose"):
        for o in st.track([doc], wl, match=match):
            _check(doc.text[o.start : o.end] == o.text, f"occurrence {o.start}:{o.end} ({match})")


def t_diff(data: bytes) -> None:
    a, b = _two(data)
    old, new = Document.from_text(a[:_MAX_TEXT]), Document.from_text(b[:_MAX_TEXT])
    d = st.diff(old, new)
    for c in d.changes:
        for span, doc in ((c.old, old), (c.new, new)):
            if span is not None:
                _check(doc.text[span.start : span.end] == span.text, f"{c.kind} {span}")
    _check(d.apply_to(old.text) == new.text, "edit script does not rebuild the new text")


def t_archive(data: bytes) -> None:
    path = _write("a.db", data)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(path + suffix).unlink(missing_ok=True)
    with st.Archive.open(path, create=False, readonly=True, timeout=0.1) as a:
        len(a)
        a.verify()
        for doc in list(a.documents())[:3]:
            check_document(doc)
        for entry in list(a.entries())[:3]:
            a.get(entry.doc_id)
        a.series()
        a.watchlist_names()
        a.track(["new era"])
        a.timeline(["new era"])


TARGETS: dict[str, Callable[[bytes], None]] = {
    "html": t_html,
    "markdown": t_markdown,
    "text": t_text,
    "jsonl": t_jsonl,
    "manifest": t_manifest,
    "watchlist_toml": t_watchlist_toml,
    "watchlist_text": t_watchlist_text,
    "rules": t_rules,
    "normalise": t_normalise,
    "segment": t_segment,
    "track": t_track,
    "diff": t_diff,
    "archive": t_archive,
}


# --- seeds -------------------------------------------------------------------------------------


def _fixture_files(*suffixes: str) -> list[bytes]:
    out = []
    for p in sorted((ROOT / "fixtures").rglob("*")):
        if p.is_file() and p.suffix in suffixes and p.stat().st_size < 64_000:
            out.append(p.read_bytes())
    return out[:20]


def _archive_seed() -> bytes:
    path = TMP / "seed.db"
    path.unlink(missing_ok=True)
    with st.Archive.open(path) as a:
        a.add(
            [
                Document.from_text("A new era. They met.", source="a", date="2024-01-02"),
                Document.from_text("No new era. They agreed.", source="b", date="2024-02-02"),
            ],
            series="s",
        )
        a.save_watchlist("w", st.Watchlist(["new era"]))
    # fold the write-ahead log into the file so that one file is the whole archive
    data = path.read_bytes()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return data


def seeds(target: str) -> list[bytes]:
    """A few valid inputs for ``target`` for the fuzzer to start from."""
    prose = "Both sides agreed. Mr. Xi said “no limits”.\n\nA new era — of cooperation."
    if target == "html":
        return _fixture_files(".html", ".htm") or [_RULE_PAGE]
    if target == "markdown":
        return [
            *_fixture_files(".md"),
            f"---\ntitle: T\ndate: 2024-01-02\n---\n# T\n\n{prose}".encode(),
        ]
    if target == "text":
        return [
            *_fixture_files(".txt")[:10],
            prose.encode(),
            prose.encode("utf-16"),
            "Стороны".encode("cp1251"),
        ]
    if target == "jsonl":
        return [
            json.dumps({"id": "a", "date": "2024-01-02", "text": prose}).encode()
            + b"\n"
            + json.dumps({"format": "html", "text": "<p>Hi.</p>"}).encode()
        ]
    if target == "manifest":
        return [b"file\tdate\ttitle\tlanguage\na.txt\t2024-01-02\tTalks\ten\n"]
    if target == "watchlist_toml":
        return [p.read_bytes() for p in sorted((ROOT / "fixtures").rglob("*.toml"))][:5] or [
            b'[[phrase]]\nid = "A"\ntext = "new era"\naliases = ["no limits"]\n'
        ]
    if target == "watchlist_text":
        return [b"# formulas\nno limits\nnew era\n"]
    if target == "rules":
        return [
            b'[[rule]]\nname = "example.org"\nhosts = ["example.org"]\nbody = ["//main"]\n'
            b'title = ["//h1"]\ndrop = ["//nav"]\n'
        ]
    if target in ("normalise", "segment"):
        return [prose.encode(), "ＣＯＯＰ，合作。 Ещё «нет»".encode()]
    if target == "track":
        return [b"new era\nno limits\n\x00" + prose.encode()]
    if target == "diff":
        return [prose.encode() + b"\x00" + prose.replace("agreed", "disagreed").encode()]
    if target == "archive":
        return [_archive_seed()]
    raise SystemExit(f"unknown target {target!r}")


def run(name: str, data: bytes) -> str | None:
    """Run target ``name`` on ``data``; the class name of the typed error it raised, or ``None``."""
    try:
        TARGETS[name](data)
    except StatementTrackerError as exc:
        return type(exc).__name__
    return None
