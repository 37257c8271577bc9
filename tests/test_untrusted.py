"""Untrusted watchlists, rule files, pages, archives and reports (issue 20, audit).

What a file from someone else can make statement-tracker do: never run code
(no pickle, marshal, eval, exec, YAML loaders or SQLite extensions), never read
a file the user did not name (no external entities, XInclude, ``file://``
fetches, ``document()`` in rule XPath, includes in rules or watchlists, SQLite
functions in a doctored archive), never put script into a report.  Each test
plants a marker in a file next to the input and checks it does not come out.
"""

from __future__ import annotations

import ast
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

import statement_tracker as st

SRC = Path(__file__).resolve().parents[1] / "src" / "statement_tracker"
MARKER = "SECRET-MARKER-7f3a"

#: Modules that turn data into code or objects of any class, or run programs.
_FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "yaml", "subprocess", "ctypes"}
#: Built-in functions that run code.
_FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__", "breakpoint"}
#: Methods that load native code or run programs (os.system, sqlite3 extensions, urllib).
_FORBIDDEN_METHODS = {"enable_load_extension", "load_extension", "system", "popen", "urlopen"}


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file the user did not name, holding a marker that must never come out."""
    path = tmp_path / "secret.txt"
    path.write_text(f"{MARKER}\n")
    return path


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_module_that_runs_data_as_code() -> None:
    """No module imports pickle, marshal, shelve, yaml, subprocess or ctypes."""
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in _FORBIDDEN_MODULES]
    assert [] == found


def test_no_call_that_runs_code() -> None:
    """No module calls eval, exec, compile, __import__, os.system or loads SQLite extensions."""
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                if (isinstance(f, ast.Name) and f.id in _FORBIDDEN_BUILTINS) or (
                    isinstance(f, ast.Attribute) and f.attr in _FORBIDDEN_METHODS
                ):
                    found.append(f"{path.name}:{node.lineno}: {ast.unparse(f)}")
    assert [] == found


@pytest.mark.parametrize(
    "page",
    [
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file://{s}">]>'
        "<html><body><p>Both sides agreed &x; on trade.</p></body></html>",
        '<!DOCTYPE html [<!ENTITY x SYSTEM "{s}">]>'
        "<html><body><p>Talks &x; held.</p></body></html>",
        '<html xmlns:xi="http://www.w3.org/2001/XInclude"><body><p>Talks held.</p>'
        '<xi:include href="{s}" parse="text"/></body></html>',
        '<?xml-stylesheet href="file://{s}"?><html><body><p>Talks held.</p></body></html>',
        '<html><body><p>Talks held.</p><iframe src="file://{s}"></iframe>'
        '<object data="file://{s}"></object><img src="file://{s}"></body></html>',
        '<html><head><link rel="stylesheet" href="file://{s}"><base href="file://{s}">'
        "</head><body><p>Talks held.</p></body></html>",
    ],
    ids=[
        "external-entity-url",
        "external-entity-path",
        "xinclude",
        "stylesheet-pi",
        "embeds",
        "links",
    ],
)
def test_page_cannot_read_other_files(tmp_path: Path, secret: Path, page: str) -> None:
    """Entities, XInclude and file:// references in a page are never fetched."""
    path = tmp_path / "page.html"
    path.write_text(page.replace("{s}", str(secret)))
    try:
        doc = st.load(path)
    except st.StatementTrackerError as exc:
        assert MARKER not in str(exc)
        return
    assert MARKER not in doc.text
    assert MARKER not in (doc.title or "")


@pytest.mark.parametrize(
    "selector",
    ["document('{s}')//p", "//p[document('{s}')]", "unparsed-text('{s}')", "doc('{s}')//p"],
)
def test_rule_xpath_cannot_read_files(tmp_path: Path, secret: Path, selector: str) -> None:
    """A rule selector that would read another file is refused when the rules are loaded."""
    rules = tmp_path / "r.toml"
    xpath = selector.replace("{s}", str(secret))
    rules.write_text(f'[[rule]]\nname = "example.org"\nbody = ["{xpath}"]\n')
    with pytest.raises(st.UsageError) as info:
        st.load_rules(rules)
    assert MARKER not in str(info.value)


@pytest.mark.parametrize("key", ["include", "import", "extends", "file"])
def test_rules_file_cannot_include_another(tmp_path: Path, secret: Path, key: str) -> None:
    """A rules file has no include: an unknown key naming another file is refused, unread."""
    rules = tmp_path / "r.toml"
    rules.write_text(f'[[rule]]\nname = "example.org"\nbody = ["//p"]\n{key} = "{secret}"\n')
    with pytest.raises(st.UsageError, match="unknown key") as info:
        st.load_rules(rules)
    assert MARKER not in str(info.value)


@pytest.mark.parametrize("key", ["include", "file", "source"])
def test_watchlist_cannot_include_another(tmp_path: Path, secret: Path, key: str) -> None:
    """A watchlist's keys never read a file: the secret's marker is not a phrase."""
    path = tmp_path / "w.toml"
    path.write_text(f'{key} = "{secret}"\n[[phrase]]\nid = "A"\ntext = "new era"\n')
    try:
        wl = st.Watchlist.from_file(path)
    except st.WatchlistError as exc:
        assert MARKER not in str(exc)
        return
    forms = [f for p in wl for f in (p.text, *p.aliases)]
    assert all(MARKER.lower() not in f.lower() for f in forms)


def _doctored_archive(tmp_path: Path, select: str) -> Path:
    """An archive whose ``documents`` table was replaced by a view running ``select``."""
    path = tmp_path / "a.db"
    with st.Archive.open(path) as a:
        a.add([st.Document.from_text("A new era.", source="a", date="2024-01-02")])
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("ALTER TABLE documents RENAME TO real_documents")
        conn.execute(f"CREATE VIEW documents AS SELECT *, {select} AS evil FROM real_documents")
    conn.close()
    return path


@pytest.mark.parametrize(
    "select",
    ["readfile('{s}')", "load_extension('{s}')", "edit('x', '{s}')", "fts3_tokenizer('x')"],
)
def test_doctored_archive_runs_no_file_functions(tmp_path: Path, secret: Path, select: str) -> None:
    """Views calling SQLite's file or extension functions: a typed error, nothing read."""
    path = _doctored_archive(tmp_path, select.replace("{s}", str(secret)))
    try:
        with st.Archive.open(path, readonly=True) as a:
            texts = [d.text for d in a.documents()] + [e.title or "" for e in a.entries()]
    except st.StatementTrackerError as exc:
        assert MARKER not in str(exc)
        return
    assert all(MARKER not in t for t in texts)


_HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">'


def _hostile_docs() -> list[st.Document]:
    return [
        st.Document.from_text(
            f"A new era {_HOSTILE}. Both sides agreed.",
            source=f"{_HOSTILE}.txt",
            title=f"Talks {_HOSTILE}",
            date=f"2024-01-0{i}",
            publisher=_HOSTILE,
            url=f"javascript:alert({i})",
            series=_HOSTILE,
        )
        for i in (1, 2)
    ]


class _Markup(HTMLParser):
    """The elements and attributes of a page, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]


def _assert_inert(page: str) -> None:
    markup = _Markup()
    markup.feed(page)
    assert not {"script", "img", "iframe", "object"} & set(markup.tags)
    assert [] == [k for k, _ in markup.attrs if k.startswith("on")]
    urls = [v.strip().lower() for k, v in markup.attrs if k in ("href", "src", "action")]
    assert [] == [u for u in urls if u.startswith(("javascript:", "data:", "file:"))]
    assert MARKER not in page


def test_timeline_report_is_inert() -> None:
    """Script, event handlers and javascript: links in documents come out as text."""
    docs = _hostile_docs()
    wl = st.Watchlist([f"new era {_HOSTILE}"[:60], "new era"])
    occurrences = st.track(docs, wl)
    diff = st.diff(docs[0], docs[1])
    page = st.render_timeline_html(st.timeline(occurrences, docs), occurrences, docs,
                                   title=_HOSTILE, diff=diff)  # fmt: skip
    _assert_inert(page)


def test_diff_report_is_inert() -> None:
    """The HTML redline of two hostile documents carries no markup from them."""
    old, new = _hostile_docs()
    _assert_inert(st.render_diff_html(st.diff(old, new)))
