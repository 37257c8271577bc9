"""Hostile input to the loaders: what the fuzzer found, kept as regression tests (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import statement_tracker as st
from statement_tracker._ingest._decode import decode

_ZH = "中美双方同意继续推进全面战略合作伙伴关系，加强在经贸、人文等领域的交流与合作。"
_RU = "Стороны подтвердили приверженность дальнейшему развитию всеобъемлющего партнёрства."


def _page(charset: str, body: bytes) -> bytes:
    head = f'<html><head><meta charset="{charset}"><title>T</title></head><body><p>'.encode()
    return head + body + b"</p></body></html>"


def test_control_character_beside_dropped_chrome() -> None:
    """A C0 control character in the tail of an element dropped as chrome is not a ValueError.

    lxml parses the character but refuses it when the dropped element's tail is
    joined to its neighbour's (found by ``benchmarks/fuzz.py --target html``).
    """
    page = b"\x02<div class><a><a>\xc2\xb7<a></div>\n"
    with pytest.raises(st.ExtractionError):
        st.load_bytes(page, name="x.html")


def test_control_characters_in_a_page_read_as_spaces() -> None:
    """Stray control characters in a page do not stop its text being read."""
    page = b"<html><body><nav>Menu</nav>\x01<p>Both sides\x02agreed on trade.</p></body></html>"
    assert "Both sides agreed on trade." == st.load_bytes(page, name="x.html").text


def test_gb18030_page_declaring_windows_1251_is_read_as_gb18030() -> None:
    """A GB18030 page that declares windows-1251 is read as Chinese, not Cyrillic nonsense."""
    doc = st.load_bytes(_page("windows-1251", _ZH.encode("gb18030")), name="zh.html")
    assert _ZH == doc.text
    assert "zh" == doc.language


def test_utf8_page_declaring_windows_1251_is_read_as_utf8() -> None:
    """UTF-8 Russian under a windows-1251 declaration is read as UTF-8."""
    assert _RU == st.load_bytes(_page("windows-1251", _RU.encode()), name="ru.html").text


@pytest.mark.parametrize(
    ("charset", "text", "codec"),
    [
        ("windows-1251", _RU, "cp1251"),
        ("gbk", _ZH, "gb18030"),
        ("iso-8859-1", "Les parties ont réaffirmé leur coopération à long terme.", "cp1252"),
    ],
)
def test_right_declarations_are_kept(charset: str, text: str, codec: str) -> None:
    """A page in the encoding it declares is read in it ("declared")."""
    decoded = decode(_page(charset, text.encode(codec)), name="x.html")
    assert (codec, "declared") == (decoded.encoding, decoded.method)
    assert text in decoded.text


def test_mislabelled_page_strict_keeps_the_declaration() -> None:
    """With strict=True the declaration is obeyed (no guessing)."""
    decoded = decode(_page("windows-1251", _ZH.encode("gb18030")), name="x.html", strict=True)
    assert ("cp1251", "declared") == (decoded.encoding, decoded.method)


def test_jsonl_lone_surrogate_is_replaced(tmp_path: Path) -> None:
    """A JSON escape of half a surrogate pair becomes U+FFFD; HTML records with one load."""
    path = tmp_path / "c.jsonl"
    lines = [r'{"text": "\ud800 lone", "format": "html"}', r'{"text": "ok \ud83d\ude00 \udc00"}']
    path.write_text("\n".join(lines) + "\n")
    assert ["\ufffd lone", "ok 😀 \ufffd"] == [d.text for d in st.load_corpus(path)]


def test_json_array_lone_surrogate_is_replaced(tmp_path: Path) -> None:
    """The same in a ``.json`` array read whole."""
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"text": "a\ud800b"}]))
    assert ["a\ufffdb"] == [d.text for d in st.load_corpus(path)]


@pytest.mark.parametrize("xpath", ["//my = main", "/-/h1", "(//p) = 'x'", "//p + 1"])
def test_rule_xpath_that_is_not_a_node_set_is_refused(tmp_path: Path, xpath: str) -> None:
    """A rule selector that evaluates to a boolean, number or string is a UsageError at load.

    Such selectors compiled, and failed with TypeError during extraction (found by
    ``benchmarks/fuzz.py --target rules``).
    """
    path = tmp_path / "r.toml"
    path.write_text(f'[[rule]]\nname = "example.org"\nbody = ["{xpath}"]\n')
    with pytest.raises(st.UsageError, match="not elements or attribute values"):
        st.load_rules(path)


def test_empty_directory_is_an_input_error(tmp_path: Path) -> None:
    """A directory with no documents is an InputError naming it, not an empty corpus."""
    with pytest.raises(st.InputError, match="a directory with no documents"):
        list(st.load_corpus(tmp_path))


def test_directory_named_like_a_page_is_an_input_error(tmp_path: Path) -> None:
    """``x.html/`` (a directory) is not silently nothing."""
    (tmp_path / "x.html").mkdir()
    with pytest.raises(st.InputError, match=r"x\.html: a directory with no documents"):
        list(st.load_corpus(tmp_path / "x.html"))
    with pytest.raises(st.InputError, match="not a regular file"):
        st.load(tmp_path / "x.html")


def test_empty_directory_skipped_in_a_batch(tmp_path: Path) -> None:
    """With errors="skip" the empty directory is reported and the other inputs are read."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "a.txt").write_text("Both sides agreed.")
    seen: list[st.StatementTrackerError] = []
    docs = st.load_corpus([tmp_path / "empty", tmp_path / "a.txt"], errors="skip",
                          on_error=seen.append)  # fmt: skip
    assert ["Both sides agreed."] == [d.text for d in docs]
    assert ["InputError"] == [type(e).__name__ for e in seen]


def test_front_matter_value_with_long_run_of_spaces() -> None:
    """A front-matter value with a long run of spaces (once quadratic) reads, stripped."""
    page = f"---\ntitle: Talks{' ' * 5000}held{' ' * 300}\n---\nBody text.\n".encode()
    assert "Talks held" == st.load_bytes(page, name="x.md").title


def test_front_matter_escaped_line_breaks_join() -> None:
    """Escaped line breaks in a double-quoted value join without a space; others fold."""
    page = b'---\ntitle: "Talks\\\n  held\n  in\n\n  Geneva"\n---\nBody.\n'
    assert "Talksheld in Geneva" == st.load_bytes(page, name="x.md").title


def test_plain_text_hyphen_wraps_kept_across_long_paragraph() -> None:
    """Joining a long hard-wrapped paragraph keeps hyphen wraps as before (list-joined now)."""
    lines = ["The sides discussed coopera-", "tion and U.S.-", "China ties."] * 200
    text = st.load_bytes("\n".join(lines).encode(), name="x.txt").text
    assert text.count("coopera-\ntion") == 200
    assert text.count("U.S.-China") == 200


@pytest.mark.parametrize("escape", ["\\U99999999", "\\UFFFFFFFF", "\\U00110000"])
def test_escape_beyond_unicode_in_front_matter_is_an_input_error(escape: str) -> None:
    r"""A ``\U`` escape past U+10FFFF in a quoted front-matter value is a typed error.

    ``\U99999999`` is larger than a C int: ``chr`` raised OverflowError, not the
    ValueError the loader caught (found by ``benchmarks/fuzz.py --target markdown``).
    """
    page = f'---\ntitle: "Talks {escape} in Altenhaven"\n---\n\nBoth sides agreed.\n'
    with pytest.raises(st.InputError, match="bad escape"):
        st.load_bytes(page.encode(), name="x.md")
