from __future__ import annotations

import pytest

import newsalign as na


def test_link_validation() -> None:
    with pytest.raises(na.ConfigError, match="both sides"):
        na.Link(left=(), right=(1,), score=0.5)
    with pytest.raises(na.ConfigError, match=r"score must be in \[0, 1\]"):
        na.Link(left=(0,), right=(1,), score=1.5)
    with pytest.raises(na.ConfigError, match="kind must be one of"):
        na.Link(left=(0,), right=(1,), score=0.5, kind="similar")  # type: ignore[arg-type]


def test_link_inverse_and_pairs() -> None:
    link = na.Link(left=(7,), right=(12, 13), score=0.83)
    assert link.inverse() == na.Link(left=(12, 13), right=(7,), score=0.83)
    assert list(link.pairs()) == [(7, 12), (7, 13)]
    assert link.to_dict() == {"left": [7], "right": [12, 13], "score": 0.83, "kind": "equivalent"}


def test_alignment_rejects_reused_sentences() -> None:
    doc = na.Document.from_sentences(["A.", "B."])
    links = (na.Link((0,), (0,), 0.9), na.Link((0,), (1,), 0.8))
    with pytest.raises(na.ConfigError, match="left sentence 0 is in more than one link"):
        na.Alignment(doc, doc, links)
    with pytest.raises(na.ConfigError, match="out of range"):
        na.Alignment(doc, doc, (na.Link((5,), (0,), 0.9),))


def test_alignment_unmatched_and_inverse() -> None:
    left = na.Document.from_sentences(["A.", "B.", "C."])
    right = na.Document.from_sentences(["X.", "Y."])
    al = na.Alignment(left, right, (na.Link((0, 1), (1,), 0.7),), "tfidf", "rewrite")
    assert al.unmatched_left == (2,)
    assert al.unmatched_right == (0,)
    inv = al.inverse()
    assert inv.left is right and inv.unmatched_left == (0,) and inv.unmatched_right == (2,)
    assert inv.inverse() == al


def test_records_are_frozen() -> None:
    link = na.Link((0,), (0,), 0.5)
    with pytest.raises(AttributeError):
        link.score = 0.9  # type: ignore[misc]
