"""The size limits of align and the dedup skip of pairs too short for any relation."""

from __future__ import annotations

import numpy as np
import pytest

import newsalign as na
from newsalign.alignment import AlignParams
from newsalign.deduplication import DedupParams, may_relate
from newsalign.deduplication.events import EventFacts
from newsalign.deduplication.verify import verify_pairs


def test_too_many_sentences_is_one_input_error() -> None:
    text = " ".join(f"Troops moved {k} miles north." for k in range(5))
    with pytest.raises(na.InputError, match="left has 5 sentences, more than max_sentences=4"):
        na.align(text, "Troops moved.", encoder="tfidf", params=AlignParams(max_sentences=4))
    al = na.align(text, "Troops moved.", encoder="tfidf", params=AlignParams(max_sentences=0))
    assert len(al.left) == 5


def test_long_text_is_encoded_from_its_start() -> None:
    seen: list[int] = []

    class Spy:
        name = "spy"

        def encode(self, texts: list[str]) -> np.ndarray:
            seen.extend(len(t) for t in texts)
            return np.ones((len(texts), 4), dtype=np.float32)

    long = "word " * 10_000
    na.align(long, "Troops moved.", encoder=Spy(), params=AlignParams(max_encode_chars=100))
    assert max(seen) == 100


def test_tfidf_blocks_match_one_block() -> None:
    texts = [f"Troops moved {k} miles, officials said." for k in range(2500)]
    enc = na.TfidfEncoder()
    blocked = enc.encode(texts)
    enc.block = 10**9
    np.testing.assert_array_equal(blocked, enc.encode(texts))


def test_may_relate_follows_the_bars() -> None:
    p = DedupParams()
    assert not may_relate(1, 50, True, "unknown", p)  # one language: story_min_links (4)
    assert may_relate(4, 4, True, "unknown", p)
    assert may_relate(1, 9, False, "unknown", p)  # across languages: any pair may translate
    assert may_relate(1, 9, True, "agree", p)  # agreeing days: any pair may be one story
    # the skipped pairs are the ones the alignment would have decided None
    a = "Troops moved north on Monday. Talks failed in Geneva."
    b = "Soldiers headed northward that day. Negotiations in Switzerland collapsed."
    e = EventFacts()
    out = verify_pairs([(0, 1, a, b, "en", "en", e, e, None, 0.9, 2, False)], "tfidf", p)
    assert out[0][2] is None and out[0][3].method == "length"
