from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsalign as na
from newsalign.text import detect_lang, segment


def texts(text: str) -> list[str]:
    return [s.text for s in segment(text)]


def test_seeds_reproduce_gold_sentences(seed_texts: tuple[str, str], gold: dict[str, Any]) -> None:
    left, right = seed_texts
    assert list(na.Document.from_text(left).texts) == gold["a"]
    assert list(na.Document.from_text(right).texts) == gold["b"]


def test_multi_sentence_quote_is_split_inside() -> None:
    text = (
        "They noted, “While there may be discrepancies, we believe it is accurate. "
        "We anticipate 10,000 troops by December.” He left."
    )
    assert texts(text) == [
        "They noted, “While there may be discrepancies, we believe it is accurate.",
        "We anticipate 10,000 troops by December.”",
        "He left.",
    ]


def test_quote_followed_by_attribution_stays_whole() -> None:
    assert texts('"Is it over?" he asked. "No," she said.') == [
        '"Is it over?" he asked.',
        '"No," she said.',
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rep. Kim met Adm. Aquilino on Oct. 23. They talked.", 2),
        ("The U.S. Army left at 9 a.m. Monday. It rained.", 2),
        ("Growth was 12.3 percent, or 1,500 jobs. Good.", 2),
        ("He ranks No. 1 in Asia. No. He does not.", 3),
        ("Jay Y. Lee of Samsung Electronics Co. Ltd. spoke. Then he left.", 2),
        ("They met in the U.S. The talks failed.", 2),
        ("Prices rose... The bank acted.", 2),
    ],
)
def test_abbreviations_numbers_and_initials(text: str, expected: int) -> None:
    assert len(segment(text)) == expected, texts(text)


def test_headlines_are_their_own_sentences_and_paragraphs() -> None:
    doc = na.Document.from_text("Troops Moved to Russia\nMore Expected\n\nSeoul said so. It did.")
    assert [(s.text, s.paragraph) for s in doc] == [
        ("Troops Moved to Russia", 0),
        ("More Expected", 1),
        ("Seoul said so.", 2),
        ("It did.", 2),
    ]


def test_hard_wrapped_line_is_joined() -> None:
    assert texts("The agency said the troops\nwere moved in October. Then more.") == [
        "The agency said the troops\nwere moved in October.",
        "Then more.",
    ]


def test_korean_endings_and_quotes() -> None:
    text = (
        "북한군 3천명이 러시아로 이동했다. "
        "국정원은 “12월까지 1만명이 될 것”이라고 밝혔다. 정말요? 네."
    )
    assert texts(text) == [
        "북한군 3천명이 러시아로 이동했다.",
        "국정원은 “12월까지 1만명이 될 것”이라고 밝혔다.",
        "정말요?",
        "네.",
    ]
    assert detect_lang(text) == "ko"
    assert na.Document.from_text(text).lang is None  # the hint is kept as given


def test_cjk_full_stops() -> None:
    assert texts("朝鲜向俄罗斯派兵。数量超过三千人。") == ["朝鲜向俄罗斯派兵。", "数量超过三千人。"]


def test_empty_and_blank_text() -> None:
    assert segment("") == ()
    assert segment(" \n\t\n") == ()
    assert len(na.Document.from_text("")) == 0


def test_from_lines_keeps_segmentation() -> None:
    doc = na.Document.from_lines("  One. Two.\n\nThree\n")
    assert doc.texts == ("One. Two.", "Three")
    assert [s.paragraph for s in doc] == [0, 1]
    assert all(doc.text[s.start : s.end] == s.text for s in doc)


def test_from_sentences_rejects_empty() -> None:
    with pytest.raises(na.InputError, match="sentence 1 is empty"):
        na.Document.from_sentences(["A.", "  "])


def test_document_rejects_lost_characters() -> None:
    with pytest.raises(na.InputError, match="belong to no sentence"):
        na.Document("Hello world.", (na.Sentence("Hello", 0, 5),))


_ALPHABET = st.sampled_from([*"abc ABC.,!?\n“”\"'0123 다요북한。", "U.S.", "Rep.", "12.3"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_cover_the_input(text: str) -> None:
    sentences = segment(text)
    pos = 0
    for s in sentences:
        assert text[pos : s.start].strip() == ""  # only whitespace between sentences
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        pos = s.end
    assert text[pos:].strip() == ""
    # nothing is lost: the non-space characters are exactly those of the input
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)
