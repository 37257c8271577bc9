"""Hypothesis strategies shared by the test modules (append yours below)."""

from __future__ import annotations

from hypothesis import strategies as st

# --- readout-like texts (diff) ------------------------------------------------------------

_WORDS = (
    "the sides discussed trade security climate cooperation partners agreed to meet again "
    "stability peace dialogue policy strategic president minister talks region support "
    "economic ties further develop shared interests responsible competition channels open"
).split()
_TYPOGRAPHY = ("“", "”", '"', "—", "–", "-", "\u00a0", "  ")


@st.composite
def readout_sentences(draw: st.DrawFn) -> str:
    """One sentence: a capitalised word, 2–12 more words, maybe quotes or a dash, a full stop."""
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=13))
    if draw(st.booleans()):
        k = draw(st.integers(1, len(words) - 1))
        words.insert(k, draw(st.sampled_from(_TYPOGRAPHY)).strip() or "-")
    words[0] = words[0].capitalize()
    return " ".join(words) + draw(st.sampled_from([".", ".", ".", "!", "?"]))


@st.composite
def readout_texts(draw: st.DrawFn, max_paragraphs: int = 5) -> str:
    """A readout: 0–``max_paragraphs`` paragraphs of 1–5 sentences separated by blank lines."""
    paragraphs = draw(
        st.lists(st.lists(readout_sentences(), min_size=1, max_size=5), max_size=max_paragraphs)
    )
    return "\n\n".join(" ".join(p) for p in paragraphs)


@st.composite
def edited_readouts(draw: st.DrawFn) -> tuple[str, str]:
    """A readout and an edited copy: sentences dropped, added, reworded, retyped or moved."""
    paragraphs = draw(
        st.lists(st.lists(readout_sentences(), min_size=1, max_size=5), min_size=1, max_size=5)
    )
    old = "\n\n".join(" ".join(p) for p in paragraphs)
    new_paragraphs = [list(p) for p in paragraphs]
    for _ in range(draw(st.integers(0, 4))):
        p = draw(st.integers(0, len(new_paragraphs) - 1))
        sents = new_paragraphs[p]
        op = draw(st.sampled_from(["drop", "add", "reword", "retype", "move"]))
        k = draw(st.integers(0, max(0, len(sents) - 1)))
        if op == "add" or not sents:
            sents.insert(k, draw(readout_sentences()))
        elif op == "drop":
            del sents[k]
        elif op == "reword":
            words = sents[k].split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(_WORDS))
            sents[k] = " ".join(words)
        elif op == "retype":
            sents[k] = sents[k].replace("-", "—").replace('"', "“").replace(" ", "\u00a0", 1)
        else:
            q = draw(st.integers(0, len(new_paragraphs) - 1))
            new_paragraphs[q].append(sents.pop(k))
    new = "\n\n".join(" ".join(p) for p in new_paragraphs if p)
    return old, new


# --- tracking corpora (track) -------------------------------------------------------------

# A small vocabulary so that random texts contain phrases, near misses and variants.
_TRACK_WORDS = (
    "no not new era year strategic partnership partnerships cooperation co operation "
    "areas area of the and peace stability across taiwan strait organisation organization "
    "neighbour neighbor win sco eaeu limits limit forbidden mentality cold war"
).split()
_TRACK_GAPS = (" ", " ", " ", ", ", "-", " “", "” ", "\n", ". ")


# tokens that are hard to find by prefix or to cut the same way as the regex does:
# accents, apostrophes inside and around words, digits after an apostrophe, CJK,
# Cyrillic ё/е
_TRICKY_WORDS = (
    *_TRACK_WORDS,
    *(
        "résumé resume communiqués communiques lópez china's it's5 o'neill x'sco 2024 5g "
        "中国 合作 ёлка елка a''b don't war's"
    ).split(),
)
_TRICKY_GAPS = (*_TRACK_GAPS, "'", " '", "' ", "—", "\u00a0", "é", "5'")


@st.composite
def track_phrases(draw: st.DrawFn, tricky: bool = False) -> str:
    """A watchlist phrase of 1–7 words from the tracking vocabulary."""
    vocab = _TRICKY_WORDS if tricky else _TRACK_WORDS
    return " ".join(draw(st.lists(st.sampled_from(vocab), min_size=1, max_size=7)))


@st.composite
def track_texts(draw: st.DrawFn, phrases: tuple[str, ...] = (), tricky: bool = False) -> str:
    """A text of random words, with copies of ``phrases`` planted, maybe edited, in it.

    With ``tricky``, the words and gaps include accents, apostrophes, digits and CJK.
    """
    vocab = _TRICKY_WORDS if tricky else _TRACK_WORDS
    gaps = _TRICKY_GAPS if tricky else _TRACK_GAPS
    words = draw(st.lists(st.sampled_from(vocab), max_size=40))
    for phrase in phrases:
        if not draw(st.booleans()):
            continue
        planted = phrase.split()
        for _ in range(draw(st.integers(0, 2))):
            k = draw(st.integers(0, len(planted)))
            op = draw(st.sampled_from(["insert", "delete", "replace"]))
            if op == "insert" or not planted:
                planted.insert(k, draw(st.sampled_from(vocab)))
            elif op == "delete":
                del planted[min(k, len(planted) - 1)]
            else:
                planted[min(k, len(planted) - 1)] = draw(st.sampled_from(vocab))
        k = draw(st.integers(0, len(words)))
        words[k:k] = planted
    out = []
    for w in words:
        out.append(w.capitalize() if draw(st.integers(0, 4)) == 0 else w)
        out.append(draw(st.sampled_from(gaps)))
    return "".join(out)


# --- segmentation and normalisation (segment) -------------------------------------------

_SEGMENT_PIECES = (
    "Mr.",
    "Dr.",
    "U.S.",
    "E.U.",
    "No.",
    "Jan.",
    "a.m.",
    "etc.",
    "e.g.",
    "J.",
    "В.В.",
    "т.е.",
    "3.5",
    "22.",
    "said",
    "Xi",
    "Путин",
    "talks",
    "agreed",
    "the",
    "and",
    "but",
    "which",
    ".",
    "!",
    "?",
    "...",
    "…",
    ",",
    ";",
    ":",
    "—",
    "-",
    "'",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "「",
    "」",
    "。",
    "！",
    "？",
    "合作",
    "(",
    ")",
    "**",
    "#",
    "*",
    "don't",
    "Xi’s",
    "\u00a0",
    "\u200b",
    "\u00ad",
    "ﬁ",
    "Ｃ",
    "ё",
    "İ",
    "e\u0301",
)
_SEGMENT_GAPS = (" ", " ", " ", "", "\n", "\n\n", "\t", "  ", " \n ")


@st.composite
def segment_texts(draw: st.DrawFn) -> str:
    """Hostile readout-like text: abbreviations, quotes, numbers, CJK, odd spaces and breaks."""
    pieces = draw(st.lists(st.sampled_from(_SEGMENT_PIECES), max_size=40))
    gaps = draw(
        st.lists(st.sampled_from(_SEGMENT_GAPS), min_size=len(pieces), max_size=len(pieces))
    )
    return "".join(p + g for p, g in zip(pieces, gaps, strict=True))


#: Any text at all, or hostile readout-like text: what segmentation and normalisation must survive.
any_texts = st.one_of(st.text(max_size=200), segment_texts(), readout_texts())


# --- HTML pages (ingest) ---------------------------------------------------------------

_HTML_WORDS = ("Xi", "Jinping", "President", "agreed", "talks", "Путин", "合作", "no-limits", "5.3")
_HTML_BLOCKS = ("p", "div", "li", "h2", "blockquote", "section", "td")
_HTML_INLINES = ("span", "b", "a", "em", "i")


@st.composite
def html_fragments(draw: st.DrawFn, depth: int = 3) -> tuple[str, list[str]]:
    """An HTML fragment of nested block and inline elements, and its words in order.

    Every word is written with a space or an element boundary around it, so a
    correct extractor gives back exactly these words.
    """
    parts: list[str] = []
    words: list[str] = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3)) if depth > 0 else 0
        if kind == 0:
            word = draw(st.sampled_from(_HTML_WORDS))
            words.append(word)
            parts.append(f" {word} ")
        elif kind == 1:
            parts.append(draw(st.sampled_from(("<br>", " ", "\n", "&nbsp;"))))
        else:
            tag = draw(st.sampled_from(_HTML_BLOCKS if kind == 2 else _HTML_INLINES))
            inner, inner_words = draw(html_fragments(depth - 1))
            words.extend(inner_words)
            parts.append(f"<{tag}>{inner}</{tag}>")
    return "".join(parts), words


# --- token boundaries (bounds) ------------------------------------------------------------

#: Characters that make tokenising hard: apostrophes, digits after letters, accents, a CJK
#: character, a non-ASCII digit, symbols and the replacement marker "?".
_BOUNDS_ALPHABET = "ab5' -é中.Z²ü?\n’—"


def token_texts() -> st.SearchStrategy[str]:
    """Short strings over :data:`_BOUNDS_ALPHABET` (for the vectorised token boundaries)."""
    return st.text(alphabet=_BOUNDS_ALPHABET, max_size=24)


# --- hostile inputs (fuzzing every parser and stage, issue 20) ---------------------------------

_HOSTILE_BYTES = (
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00",
    b"\x01",
    b"\x1b",
    b"\x7f",
    b"\xc2\xb7",
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xff",
    b"\x80",
    "中".encode("gb18030"),
    "щ".encode("cp1251"),
    "é".encode("utf-16-le"),
    b"\n",
    b"\r\n",
    b"\t",
    b"   ",
    b"\\",
    b'"',
    b"'",
    b"[",
    b"]",
    b"{",
    b"}",
    b"=",
    b"#",
    b"---",
)
_HTML_JUNK = (
    b"<!DOCTYPE html>",
    b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>',
    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    b"&e;",
    b"&b;",
    b'<meta charset="windows-1251">',
    b'<meta charset="gbk">',
    b'<meta charset="utf-16">',
    b'<meta http-equiv="Content-Type" content="text/html; charset=x-unknown">',
    b"<?xml version='1.0' encoding='utf-8'?>",
    b'<xi:include href="/etc/passwd" xmlns:xi="http://www.w3.org/2001/XInclude"/>',
    b"<script>alert(1)</script>",
    b"<style>p{}</style>",
    b"<title>",
    b"</title>",
    b"<time datetime='2024-13-45'>",
    b'<meta property="article:published_time" content="99999-01-01">',
    b'<script type="application/ld+json">{"datePublished": [1, {}]}</script>',
    b'<link rel="canonical" href="javascript:alert(1)">',
    b"<div class>",
    b"<a>",
    b"</div>",
    b"<p>",
    b"</p>",
    b"<br>",
    b"<nav>",
    b"<table><tr><td>",
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
)


@st.composite
def hostile_bytes(draw: st.DrawFn, junk: tuple[bytes, ...] = ()) -> bytes:
    """Bytes that start readable and turn hostile: BOMs, NULs, controls, broken encodings.

    ``junk`` adds format-specific pieces (tags, declarations, entities) to the mix.
    """
    prose = draw(readout_texts(max_paragraphs=3)).encode()
    pieces = draw(st.lists(st.sampled_from(_HOSTILE_BYTES + junk), max_size=12))
    raw = draw(st.binary(max_size=24))
    out = bytearray(prose)
    for piece in [*pieces, raw]:
        at = draw(st.integers(0, len(out)))
        out[at:at] = piece
    return bytes(out)


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    """An HTML page of nested elements with hostile pieces (entities, declarations, junk)."""
    fragment, _ = draw(html_fragments())
    page = f"<html><head><title>Talks</title></head><body>{fragment}</body></html>".encode()
    junk = draw(st.lists(st.sampled_from(_HTML_JUNK + _HOSTILE_BYTES), max_size=8))
    out = bytearray(page)
    for piece in junk:
        at = draw(st.integers(0, len(out)))
        out[at:at] = piece
    return bytes(out)


_MD_PIECES = (
    "---\n",
    "title: ",
    "date: 2024-02-30\n",
    'title: "unclosed\n',
    "title: |\n  block\n",
    "tags: [a, b\n",
    "# ",
    "## ",
    "> ",
    "* ",
    "1. ",
    "```\n",
    "`",
    "**",
    "_",
    "[link](http://x/)",
    "![img](x.png)",
    "<div>",
    "\\",
    "  \n",
    "\n\n",
    "| a | b |\n|---|---|\n",
    "&amp;",
    "\ud800",
)


@st.composite
def markdown_texts(draw: st.DrawFn) -> bytes:
    """Markdown with front matter, broken front matter and Markdown syntax among readout text."""
    pieces = st.one_of(readout_sentences(), st.sampled_from(_MD_PIECES))
    words = draw(st.lists(pieces, max_size=20))
    return "".join(words).encode("utf-8", "surrogatepass")


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


_RECORD_KEYS = ("date", "title", "url", "series", "publisher", "language", "format", "front_matter")


@st.composite
def jsonl_corpora(draw: st.DrawFn) -> bytes:
    """A JSONL corpus: good records, records with wrong types, junk lines and hostile bytes."""
    import json

    lines: list[bytes] = []
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            text = draw(readout_texts(max_paragraphs=2))
            record: dict[str, object] = {"id": draw(st.text(max_size=4)), "text": text}
            for key in draw(st.lists(st.sampled_from(_RECORD_KEYS), max_size=3)):
                record[key] = draw(st.one_of(st.text(max_size=12), _JSON_VALUES))
            lines.append(json.dumps(record).encode())
        elif kind == 1:
            lines.append(json.dumps(draw(_JSON_VALUES)).encode())
        elif kind == 2:
            lines.append(draw(hostile_bytes()))
        else:
            lines.append(b'{"text": "\\ud800 lone surrogate", "format": "html"}')
    return b"\n".join(lines)


@st.composite
def manifest_tables(draw: st.DrawFn) -> bytes:
    """A CSV/TSV manifest: known and unknown columns, odd cells, quotes and hostile bytes."""
    sep = draw(st.sampled_from(["\t", ","]))
    columns = draw(st.lists(st.sampled_from(
        ["file", "date", "year", "title", "url", "publisher", "series", "language", "x"]
    ), min_size=1, max_size=5))  # fmt: skip
    cell = st.one_of(
        st.sampled_from(["a.txt", "2024-01-02", "2024", "99999", "en", "EN", '"', '"a""b"', ""]),
        st.text(max_size=10),
    )
    rows = [sep.join(columns)]
    for _ in range(draw(st.integers(0, 4))):
        rows.append(sep.join(draw(st.lists(cell, max_size=len(columns) + 1))))
    text = "\n".join(rows).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        text += draw(st.sampled_from(_HOSTILE_BYTES))
    return text


_TOML_PIECES = (
    "[[phrase]]\n",
    "[[rule]]\n",
    "[phrase]\n",
    'id = "A"\n',
    'text = "new era"\n',
    "text = 1\n",
    'aliases = ["no limits", ""]\n',
    "aliases = [[]]\n",
    "threshold = 101\n",
    "threshold = nan\n",
    'match = "loose"\n',
    'family = "x"\n',
    'translations = { zh = "新时代", ru = ["новая эпоха"] }\n',
    "translations = { xx = 1 }\n",
    'name = "example.org"\n',
    'hosts = ["example.org"]\n',
    'body = ["//main", "//*["]\n',
    'title = ["//h1"]\n',
    'drop = ["//nav", "document(\'/etc/passwd\')"]\n',
    'date = ["//time/@datetime"]\n',
    'fallback = ["//body"]\n',
    "a = [" * 8,
    "]" * 8,
    "= \n",
    '"""\n',
    "# comment\n",
    "\x00",
)


@st.composite
def toml_texts(draw: st.DrawFn) -> bytes:
    """TOML-like watchlists and rule files: tables, keys, wrong types, bad XPath, deep nesting."""
    pieces = draw(st.lists(st.sampled_from(_TOML_PIECES), max_size=14))
    return "".join(pieces).encode()


@st.composite
def watchlist_lines(draw: st.DrawFn) -> bytes:
    """A plain-text watchlist: phrases, comments, blank lines, punctuation-only lines."""
    lines = draw(st.lists(st.one_of(
        track_phrases(tricky=True), st.sampled_from(["# c", "", "...", "“”", "-", "\u200b"]),
        st.text(max_size=12),
    ), max_size=8))  # fmt: skip
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def track_inputs(draw: st.DrawFn) -> bytes:
    """A plain-text watchlist, a NUL, then a text with its phrases planted (``track`` target)."""
    phrases = tuple(draw(st.lists(track_phrases(tricky=True), min_size=1, max_size=3)))
    text = draw(st.one_of(track_texts(phrases, tricky=True), any_texts))
    return "\n".join(phrases).encode() + b"\x00" + text.encode("utf-8", "surrogatepass")


@st.composite
def diff_inputs(draw: st.DrawFn) -> bytes:
    """Two texts separated by a NUL (the ``diff`` target): an edited readout or any two texts."""
    old, new = draw(st.one_of(edited_readouts(), st.tuples(any_texts, any_texts)))
    return old.encode("utf-8", "surrogatepass") + b"\x00" + new.encode("utf-8", "surrogatepass")


#: Text, as bytes, for the text stages (normalise, segment).
text_bytes = st.one_of(any_texts, segment_texts()).map(lambda t: t.encode("utf-8", "surrogatepass"))

#: A Chinese formula cut into words, with or without a partnership head (伙伴关系, or 伙伴 + 关系).
chinese_formula_words = st.lists(
    st.sampled_from(["全面", "战略", "协作", "合作", "伙伴", "关系", "伙伴关系", "全天候"]),
    max_size=6,
)

_FEW_WORDS = "the of and peace security strategic partnership cooperation region mutual".split()


@st.composite
def many_edit_inputs(draw: st.DrawFn) -> tuple[str, str]:
    """A long phrase and a text over the same ten words: under a low threshold a form
    tolerates many edits, and nearly every word of the text is a candidate."""
    words = st.sampled_from(_FEW_WORDS)
    phrase = " ".join(draw(st.lists(words, min_size=8, max_size=16)))
    text = " ".join(draw(st.lists(words, min_size=0, max_size=60)))
    return phrase, text
