"""Markdown releases to plain paragraphs, and the YAML front matter above them.

Readouts published as Markdown (and the White House corpus, converted from
HTML by pandoc) are hard-wrapped, escape punctuation (``\\###``, ``\\[``),
link words to other pages and end with a sign-off line (``###``, ``-30-``,
``END``).  :func:`markdown_to_text` keeps what a reader sees: hard-wrapped
lines joined into paragraphs, headings and list items as paragraphs of their
own, link text without the URL, no emphasis markers, no sign-off.

Front matter is read by a small safe parser for the part of YAML that front
matter uses (``key: value`` with plain, single- and double-quoted scalars,
including ``\\u`` escapes and folded continuation lines, block scalars and
lists); nothing is ever executed or constructed beyond strings.

>>> source = '---\\ntitle: "Talks \\\\u2014 Day 1"\\n---\\nHello\\nworld.\\n\\n\\\\###\\n'
>>> meta, body = split_front_matter(source)
>>> meta["title"], markdown_to_text(body)
('Talks — Day 1', 'Hello world.')
"""

from __future__ import annotations

import re

from .._errors import InputError

__all__ = ["markdown_to_text", "parse_front_matter", "split_front_matter"]

FrontMatter = dict[str, str | tuple[str, ...] | None]

# --- front matter --------------------------------------------------------------------------

_FM_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# the value is stripped in code: a lazy value before "[ \t]*$" was quadratic in a run of spaces
_KEY = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*))?$")
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}  # fmt: skip


def split_front_matter(text: str, *, name: str = "<text>") -> tuple[FrontMatter, str]:
    """Split ``---``-delimited YAML front matter from a Markdown document.

    Returns the parsed front matter (empty when there is none) and the body.

    >>> split_front_matter("No front matter.")
    ({}, 'No front matter.')
    """
    m = _FM_OPEN.match(text)
    if m is None:
        return {}, text
    close = _FM_CLOSE.search(text, m.end())
    if close is None:
        return {}, text
    meta = parse_front_matter(text[m.end() : close.start()], name=name)
    return meta, text[close.end() :].lstrip("\r\n")


def parse_front_matter(text: str, *, name: str = "<front matter>") -> FrontMatter:
    """Parse the YAML subset front matter uses into strings, tuples of strings and ``None``.

    Nested mappings are skipped; values are never converted to numbers or dates.

    >>> parse_front_matter("title: 'It''s done'\\ntags:\\n- a\\n- b\\ndate: 2024-05-16")
    {'title': "It's done", 'tags': ('a', 'b'), 'date': '2024-05-16'}
    >>> parse_front_matter('title: "unclosed')
    Traceback (most recent call last):
    ...
    statement_tracker._errors.InputError: <front matter>:1: unclosed double-quoted string
    """
    lines = text.replace("\r\n", "\n").split("\n")
    result: FrontMatter = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in " \t":
            i += 1
            continue
        m = _KEY.match(line)
        if m is None:
            i += 1
            continue
        key, raw = m.group(1), (m.group(2) or "").rstrip(" \t")
        start = i
        i += 1
        # the lines that belong to this key: indented, blank, or list items
        body: list[str] = []
        while i < len(lines) and (
            not lines[i].strip() or lines[i][:1] in " \t" or lines[i].startswith("- ")
        ):
            body.append(lines[i])
            i += 1
        while body and not body[-1].strip():
            body.pop()
        result[key] = _value(raw, body, name=name, line=start + 1)
    return result


def _value(raw: str, body: list[str], *, name: str, line: int) -> str | tuple[str, ...] | None:
    if raw[:1] == '"':
        return _double_quoted(raw, body, name=name, line=line)
    if raw[:1] == "'":
        return _single_quoted(raw, body, name=name, line=line)
    if raw.startswith(("|", ">")):
        return _block_scalar(raw, body)
    if raw[:1] == "[" and raw.endswith("]"):
        return tuple(_plain(v) for v in raw[1:-1].split(",") if v.strip())
    if not raw:
        items = [b.strip()[2:] for b in body if b.strip().startswith("- ")]
        if items and len(items) == len([b for b in body if b.strip()]):
            return tuple(_unquote(item, name=name, line=line) for item in items)
        if not any(b.strip() for b in body) or any(_KEY.match(b.strip()) for b in body):
            return None  # empty, or a nested mapping we do not use
    return _plain(" ".join([raw, *(b.strip() for b in body)]))


def _plain(text: str) -> str:
    text = re.sub(r"\s+#.*$", "", text.strip())
    return " ".join(text.split())


def _unquote(item: str, *, name: str, line: int) -> str:
    item = item.strip()
    if item[:1] == '"':
        return _double_quoted(item, [], name=name, line=line)
    if item[:1] == "'":
        return _single_quoted(item, [], name=name, line=line)
    return _plain(item)


def _fold(lines: list[str]) -> str:
    """YAML flow folding: a line break is a space, an empty line a newline."""
    # parts joined once, looking only at the end of the text so far: joining to the
    # whole text at each line was quadratic (a 2 MB title folded in 7 s, issue 20)
    first = lines[0].rstrip(" \t")
    parts = [first]
    tail, size = first[-3:], len(first)
    for piece in lines[1:]:
        piece = piece.strip(" \t")
        if not piece:
            add = "\n"
        elif tail.endswith("\\") and not tail.endswith("\\\\"):
            parts[-1] = parts[-1][:-1]  # an escaped line break joins without a space
            tail, size = tail[:-1], size - 1
            add = piece
        elif tail.endswith("\n") or not size:
            add = piece
        else:
            add = " " + piece
        parts.append(add)
        tail, size = (tail + add)[-3:], size + len(add)
    return "".join(parts)


# possessive runs: one backtracking point per character made a long value slow (issue 20)
_DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_SINGLE_QUOTED = re.compile(r"'(?:[^']++|'')*'")


def _closing(text: str, quote: str) -> int:
    """Index of the quote closing the string that opens ``text``, or -1."""
    m = (_DOUBLE_QUOTED if quote == '"' else _SINGLE_QUOTED).match(text)
    return m.end() - 1 if m else -1


def _double_quoted(raw: str, body: list[str], *, name: str, line: int) -> str:
    folded = _fold([raw, *body])
    end = _closing(folded, '"')
    if end < 0:
        raise InputError(name, "unclosed double-quoted string", line=line)
    return _unescape(folded[1:end], name=name, line=line)


def _single_quoted(raw: str, body: list[str], *, name: str, line: int) -> str:
    folded = _fold([raw, *body])
    end = _closing(folded, "'")
    if end < 0:
        raise InputError(name, "unclosed single-quoted string", line=line)
    return folded[1:end].replace("''", "'")


_ESCAPE = re.compile(
    r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([xuU])|(.))", re.DOTALL
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unescape(text: str, *, name: str, line: int) -> str:
    if "\\" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        hexa = m.group(1) or m.group(2) or m.group(3)
        if hexa:
            try:
                return chr(int(hexa, 16))
            except (ValueError, OverflowError) as exc:  # beyond U+10FFFF, or a C int
                raise InputError(name, f"bad escape {m.group()}", line=line) from exc
        if m.group(4):
            bad = text[m.start() : m.start() + 6]
            raise InputError(name, f"bad escape {bad}", line=line)
        e = m.group(5)
        return _ESCAPES.get(e, "\\" + e)

    return _join_surrogates(_ESCAPE.sub(one, text))


def _join_surrogates(text: str) -> str:
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _block_scalar(raw: str, body: list[str]) -> str:
    indent = min((len(b) - len(b.lstrip()) for b in body if b.strip()), default=0)
    lines = [b[indent:] for b in body]
    if raw.startswith("|"):
        return "\n".join(lines).rstrip("\n")
    paragraphs = "\n".join(lines).split("\n\n")
    return "\n".join(" ".join(p.split("\n")) for p in paragraphs).rstrip("\n")


# --- Markdown body -------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_RULE_LINE = re.compile(
    r"^ {0,3}(?:(?:-[ \t]*+){3,}+|(?:\*[ \t]*+){3,}+|(?:_[ \t]*+){3,}+|=++)[ \t]*$"
)
_ITEM = re.compile(r"^[ \t]*(?:([-*+])|(\d{1,9}[.)]))[ \t]+(?=\S)")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?")
_HARD_BREAK = re.compile(r"(?:  +|\\)$")

_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s@]+\.[A-Za-z]{2,})>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# possessive: a URL is followed by white space or ")", which none of its characters is,
# so giving characters back never helps a match; the engine takes a run at a time
_URL = r"(?:[^()\s]++|\([^()\s]*+\))*+"
_IMAGE = re.compile(r"!\[[^\[\]]*\]\(\s*" + _URL + r'(?:\s+"[^"]*")?\s*\)')
_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*" + _URL + r'(?:\s+"[^"]*")?\s*\)')
# a URL with an unbalanced parenthesis: up to the first ")" that ends a word
_LOOSE_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[A-Za-z]+:|/|#)\S*?\)(?=[\s.,;:!?)”\"'’]|$)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
# an opening marker (not after a word, before a non-space) or a closing one; the pattern
# starts with the marker itself so the engine only stops where there is one
_EMPH = re.compile(r"[*_](?:(?<![\w*][*_])(?=[^\s*_])|(?<=[^\s*_][*_])(?![\w*]))")
_SIGN_OFF = re.compile(r"^(?:#(?:[ \t]*#){2}|-[ \t]*30[ \t]*-|END|ENDS|-?###-?|\*{3})$")

_LINE_BREAK = "\u2028"


def _protect(m: re.Match[str]) -> str:
    return chr(0xE000 + ord(m.group(1)))


def _inline(text: str) -> str:
    # Each substitution is skipped when its trigger character is absent: most
    # paragraphs of a release have no markup at all.
    # A character class at the start of a pattern makes the regex engine slow, so
    # literal-led patterns and str.replace are preferred below.
    escaped = set(_ESCAPED.findall(text)) if "\\" in text else set()
    if escaped:
        text = _ESCAPED.sub(_protect, text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _COMMENT.sub("", text)
        text = _BR.sub(_LINE_BREAK, text)
        text = _TAG.sub("", text)
    if "](" in text:
        text = _IMAGE.sub("", text)
        for _ in range(3):  # links inside link text: [[a](x)](y)
            text, n = _LINK.subn(r"\1", text)
            if not n:
                break
        text = _LOOSE_LINK.sub(r"\1", text)
    if "][" in text:
        text = _REF_LINK.sub(r"\1", text)
    if "**" in text:
        text = text.replace("**", "")
    if "__" in text:
        text = text.replace("__", "")
    if "*" in text or "_" in text:
        text = _unemphasise(text)
    if "`" in text:
        text = text.replace("`", "")
    for ch in escaped:
        text = text.replace(chr(0xE000 + ord(ch)), ch)
    return text


def _unemphasise(text: str) -> str:
    """``_EMPH.sub("", text)``: the few marks left are found with ``str.find`` and the
    pattern is tried at each (scanning for its character class was most of the time)."""
    if (text.count("*") + text.count("_")) * 64 > len(text):
        return _EMPH.sub("", text)  # many marks: one scan is cheaper
    drop = []
    for mark in "*_":
        k = text.find(mark)
        while k >= 0:
            if _EMPH.match(text, k):
                drop.append(k)
            k = text.find(mark, k + 1)
    if not drop:
        return text
    drop.sort()
    return "".join(text[a + 1 : b] for a, b in zip([-1, *drop], [*drop, len(text)], strict=True))


_MARKUP_START = frozenset("`~>#-*_=+0123456789")


def _blocks(markdown: str) -> list[str]:
    """Group source lines into blocks (paragraphs, items, headings), joined, hard breaks marked."""
    blocks: list[str] = []
    current: list[str] = []
    broken = False  # a line of the current block ends in a hard break

    def close() -> None:
        nonlocal broken
        if current:
            if not broken:
                blocks.append(" ".join(current))
            else:
                joined = current[0]
                for line in current[1:]:
                    joined += line if joined.endswith(_LINE_BREAK) else " " + line
                blocks.append(joined)
                broken = False
            current.clear()

    fence: str | None = None
    in_list = False
    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
                close()
            else:
                current.append(line.rstrip() + _LINE_BREAK)
                broken = True
            continue
        if not stripped:
            close()
            in_list = False
            continue
        if stripped[0] in _MARKUP_START:
            if not current and _SIGN_OFF.match(stripped):
                continue  # "###", "# # #", "- 30 -" on a line of their own
            m = _FENCE.match(line)
            if m:
                close()
                fence = m.group(1)
                continue
            if stripped[0] == ">":
                line = _QUOTE.sub("", line)
                stripped = line.strip()
                if not stripped:
                    close()
                    continue
            heading = _ATX.match(line)
            if heading:
                close()
                current.append(heading.group(2) or "")
                close()
                continue
            if _RULE_LINE.match(line):
                close()  # a thematic break, or a setext underline ending its heading
                continue
            item = _ITEM.match(line)
            # an ordered item interrupts a paragraph only when numbered 1 (CommonMark)
            if item and (not current or in_list or not item.group(2) or item.group(2)[:-1] == "1"):
                close()
                in_list = True
                number = item.group(2)
                stripped = (number + " " if number else "") + line[item.end() :].strip()
        if line.endswith(("  ", "\\")):
            stripped = stripped.rstrip("\\").rstrip() + _LINE_BREAK
            broken = True
        current.append(stripped)
    close()
    return blocks


_PARA = "\u2029"


def markdown_to_text(markdown: str) -> str:
    """Return the visible text of a Markdown body: paragraphs separated by ``"\\n\\n"``.

    >>> markdown_to_text("# Readout\\n\\nThe **two** sides [agreed](https://x.org)\\nto meet.")
    'Readout\\n\\nThe two sides agreed to meet.'
    >>> markdown_to_text("-   one\\n-   two\\n\\n\\\\###")
    'one\\n\\ntwo'
    >>> markdown_to_text("Intro:\\n\\n-   one\\n-   two")
    'Intro:\\n\\none\\n\\ntwo'
    """
    text = _inline(_PARA.join(_blocks(markdown)))
    paragraphs: list[str] = []
    for block in text.split(_PARA):
        if _LINE_BREAK in block:
            block = "\n".join(ln for ln in (x.strip() for x in block.split(_LINE_BREAK)) if ln)
        else:
            block = block.strip()
        if block and not _SIGN_OFF.match(block):
            paragraphs.append(block)
    return "\n\n".join(paragraphs)
