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
