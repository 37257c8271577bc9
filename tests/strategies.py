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
