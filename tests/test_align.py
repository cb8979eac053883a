from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from helpers import DATA, pair_f1
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsalign as na

STORIES = json.loads((DATA / "mini_stories.json").read_text(encoding="utf-8"))["stories"]


def beads(al: na.Alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(link.left, link.right) for link in al.links}


# -- quality bar ------------------------------------------------------------------------
def test_seeds_f1_bar(gold: dict[str, Any]) -> None:
    left = na.Document.from_sentences(gold["a"])
    right = na.Document.from_sentences(gold["b"])
    al = na.align(left, right)  # default encoder, default settings, rewrite mode
    p, r, f1 = pair_f1(al, gold)
    assert f1 >= 0.95, (p, r, f1, sorted(beads(al)))


def test_seeds_from_raw_text_match_presegmented(seed_texts: tuple[str, str]) -> None:
    al = na.align(*seed_texts)
    assert len(al.left) == 13 and len(al.right) == 17
    assert {(link.left, link.right) for link in al.links} == beads(
        na.align(
            na.Document.from_sentences(al.left.texts), na.Document.from_sentences(al.right.texts)
        )
    )


@pytest.mark.parametrize("story", STORIES, ids=[s["name"] for s in STORIES])
def test_mini_stories(story: dict[str, Any]) -> None:
    mode = "translation" if story["name"] == "translation" else "rewrite"
    al = na.align(
        na.Document.from_sentences(story["left"]),
        na.Document.from_sentences(story["right"]),
        mode=mode,
    )
    expected = {(tuple(a), tuple(b)) for a, b in story["links"]}
    assert beads(al) == expected


# -- results and errors -----------------------------------------------------------------
def test_every_sentence_is_linked_once_or_unmatched(seed_texts: tuple[str, str]) -> None:
    al = na.align(*seed_texts)
    left_seen = sorted([i for link in al.links for i in link.left] + list(al.unmatched_left))
    right_seen = sorted([j for link in al.links for j in link.right] + list(al.unmatched_right))
    assert left_seen == list(range(len(al.left)))
    assert right_seen == list(range(len(al.right)))
    for link in al.links:
        assert 0.0 <= link.score <= 1.0
        assert link.kind in na.LINK_KINDS


def test_to_dict_schema(seed_texts: tuple[str, str]) -> None:
    al = na.align(*seed_texts)
    d = al.to_dict()
    assert set(d) == {
        "left",
        "right",
        "links",
        "unmatched_left",
        "unmatched_right",
        "encoder",
        "mode",
    }
    assert d["encoder"] == "use-m3" and d["mode"] == "rewrite"
    assert d["left"] == list(al.left.texts)
    for link in d["links"]:
        assert set(link) == {"left", "right", "score", "kind"}
    json.dumps(d)  # JSON-ready


def test_with_min_score_returns_a_new_alignment(seed_texts: tuple[str, str]) -> None:
    al = na.align(*seed_texts)
    strict = al.with_min_score(0.9)
    assert strict is not al
    assert all(link.score >= 0.9 for link in strict.links)
    assert len(strict.links) < len(al.links)
    assert set(strict.unmatched_left) >= set(al.unmatched_left)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mode": "poetry"}, "unknown mode 'poetry'"),
        ({"threshold": 1.5}, r"threshold must be in \[0, 1\]"),
        ({"encoder": "nope"}, "unknown encoder 'nope'"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(na.ConfigError, match=message):
        na.align("A.", "B.", **kwargs)


def test_bad_params() -> None:
    with pytest.raises(na.ConfigError, match="max_bead"):
        na.AlignParams(max_bead=0)
    with pytest.raises(na.ConfigError, match="merge_gap"):
        na.AlignParams(merge_gap=-0.1)


def test_embedding_shape_errors() -> None:
    with pytest.raises(na.ConfigError, match="widths differ"):
        na.align_embeddings(np.eye(2), np.eye(3))
    with pytest.raises(na.ConfigError, match="2 sentences but 3"):
        na.align_embeddings(np.eye(3), np.eye(3), left=["A.", "B."])


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_documents(n: int, encoder: na.Encoder) -> None:
    left = na.Document.from_sentences(["Troops moved to Russia."][:n])
    right = na.Document.from_sentences(["Troops were sent to Russia.", "It rained."])
    al = na.align(left, right)
    assert len(al.links) == n
    assert al.unmatched_right == ((1,) if n else (0, 1))
    assert na.align(left, na.Document.from_sentences([])).links == ()


def test_translation_mode_survives_a_local_swap(encoder: na.Encoder) -> None:
    story = next(s for s in STORIES if s["name"] == "translation")
    right = [story["right"][1], story["right"][0], story["right"][2]]
    al = na.align(
        na.Document.from_sentences(story["left"]),
        na.Document.from_sentences(right),
        mode="translation",
    )
    assert beads(al) == {((0,), (1,)), ((1,), (0,)), ((2,), (2,))}


class _Counting:
    """The real encoder, recording what it is asked to encode."""

    name = "use-m3"

    def __init__(self, inner: na.Encoder) -> None:
        self.inner = inner
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += list(texts)
        return np.asarray(self.inner.encode(texts))


def test_translation_mode_encodes_each_sentence_once(
    encoder: na.Encoder, seed_texts: tuple[str, str]
) -> None:
    """The bead search composes passages from sentence vectors; without the second pass,
    only the multi-sentence sides of the links found are encoded whole (for their
    calibrated scores)."""
    left, right = (na.Document.from_text(t) for t in seed_texts)
    enc = _Counting(encoder)
    params = na.AlignParams(refine=False)
    al = na.align(left, right, encoder=enc, mode="translation", params=params)
    joined = {" ".join(left.texts[i] for i in k.left) for k in al.links if len(k.left) > 1}
    joined |= {" ".join(right.texts[j] for j in k.right) for k in al.links if len(k.right) > 1}
    assert sorted(enc.texts) == sorted([*left.texts, *right.texts, *joined])
    assert al == na.align(left, right, encoder=encoder, mode="translation", params=params)


def test_second_pass_encodes_few_passages_once(
    encoder: na.Encoder, seed_texts: tuple[str, str]
) -> None:
    """The second pass encodes only the passages of its close calls: runs of consecutive
    sentences, each once (the backward search's reused for the scores), under half the
    runs the peers encode (every run of two to four sentences)."""
    left, right = (na.Document.from_text(t) for t in seed_texts)
    enc = _Counting(encoder)
    al = na.align(left, right, encoder=enc, mode="translation")
    sentences = [*left.texts, *right.texts]
    runs = {
        " ".join(doc.texts[x : x + size])
        for doc in (left, right)
        for size in range(2, 6)
        for x in range(len(doc) - size + 1)
    }
    passages = enc.texts[len(sentences) :]
    assert enc.texts[: len(sentences)] == [*left.texts, *right.texts]
    assert len(set(enc.texts)) == len(enc.texts)
    assert set(passages) <= runs
    peers = sum(max(len(doc) - size + 1, 0) for doc in (left, right) for size in (2, 3, 4))
    assert len(passages) < peers / 2
    joined = {" ".join(left.texts[i] for i in k.left) for k in al.links if len(k.left) > 1}
    joined |= {" ".join(right.texts[j] for j in k.right) for k in al.links if len(k.right) > 1}
    assert joined <= set(passages)


def test_second_pass_joins_beads_that_share_a_figure_across_them() -> None:
    """Two versions cut sentences 2 and 3 differently: the right side's sentence 2 says
    part of the left's sentence 3 (its 250). The search links 2-2 and 3-3; the second pass
    joins them into one 2-2 bead for the figure they share across the cut, and not when
    the figure is missing; both ways round alike."""
    lt = [
        "Troops moved north today.",
        "Talks resumed in Geneva.",
        "The climb took 6 hours.",
        "They spent 2 days on 250 m.",
        "Snow fell all night long.",
        "They went home at last.",
    ]
    rt = ["Les troupes sont parties.", "Les pourparlers reprennent.",
          "Il fallut 6 heures et 250 m.", "Ils ont passé 2 jours là.", "La neige tomba la nuit.",
          "Ils rentrèrent enfin."]  # fmt: skip
    rng = np.random.default_rng(1)
    left = rng.normal(size=(6, 32)).astype(np.float32)
    noise = rng.normal(size=(6, 32)).astype(np.float32)
    right = left + 0.3 * noise
    right[2] = left[2] + 1.3 * left[3] + 0.3 * noise[2]
    right[3] = 0.7 * left[3] + 0.6 * noise[3]
    ones = {((k,), (k,)) for k in range(6)}
    joined = (ones - {((2,), (2,)), ((3,), (3,))}) | {((2, 3), (2, 3))}

    def run(rtexts: list[str], refine: bool) -> na.Alignment:
        p = na.AlignParams(refine=refine)
        al = na.align_embeddings(left, right, left=lt, right=rtexts, mode="translation", params=p)
        back = na.align_embeddings(right, left, left=rtexts, right=lt, mode="translation", params=p)
        assert back.inverse() == al
        return al

    assert beads(run(rt, refine=False)) == ones
    assert beads(run(rt, refine=True)) == joined
    assert beads(run([t.replace("250", "cent") for t in rt], refine=True)) == ones


def test_large_documents_align_in_bounded_memory() -> None:
    rng = np.random.default_rng(0)
    left = rng.normal(size=(3000, 64)).astype(np.float32)
    perm = rng.permutation(3000)
    right = left[perm] + 0.3 * rng.normal(size=(3000, 64)).astype(np.float32)
    al = na.align_embeddings(left, right)
    found = {
        (link.left[0], link.right[0]) for link in al.links if len(link.left) == len(link.right) == 1
    }
    expected = {(int(perm[j]), j) for j in range(3000)}
    assert len(found & expected) >= 0.99 * 3000


# -- properties -------------------------------------------------------------------------
def _vectors(draw: st.DrawFn, n: int, dim: int = 8) -> np.ndarray:
    flat = draw(
        st.lists(st.floats(-1, 1, allow_nan=False, width=32), min_size=n * dim, max_size=n * dim)
    )
    arr = np.asarray(flat, dtype=np.float32).reshape(n, dim)
    # Distinct rows: with duplicate sentences the choice between them is an arbitrary tie,
    # and no tie-break can be the same from both sides for mirrored pairs.
    arr += 1e-3 * np.sin(np.arange(n * dim, dtype=np.float32) * 12.9898).reshape(n, dim)
    arr[np.linalg.norm(arr, axis=1) < 1e-2, 0] = 1.0  # no zero rows
    return arr


@st.composite
def pairs_of_sides(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(0, 9))
    m = draw(st.integers(0, 9))
    base = _vectors(draw, max(n, m) + 2)
    noise = _vectors(draw, max(n, m) + 2)
    left = base[:n]
    right = (base[:m] + draw(st.floats(0, 1.5)) * noise[:m])[::-1].copy()
    return left, right


_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(pairs_of_sides(), st.sampled_from(na.MODES))
def test_indices_valid_and_deterministic(sides: tuple[np.ndarray, np.ndarray], mode: str) -> None:
    left, right = sides
    al = na.align_embeddings(left, right, mode=mode)
    assert al == na.align_embeddings(left, right, mode=mode)
    for link in al.links:
        assert all(0 <= i < len(left) for i in link.left)
        assert all(0 <= j < len(right) for j in link.right)
        assert list(link.left) == sorted(set(link.left)) and list(link.right) == sorted(
            set(link.right)
        )
        p = na.AlignParams()
        # translation mode: the second pass may take beads up to refine_bead_total
        total = max(p.max_bead_total, p.refine_bead_total)
        cap = p.max_bead if mode == "rewrite" else total - 1
        assert len(link.left) <= cap and len(link.right) <= cap
        assert mode == "rewrite" or len(link.left) + len(link.right) <= total


@_SETTINGS
@given(pairs_of_sides(), st.sampled_from(na.MODES))
def test_self_alignment_is_identity(sides: tuple[np.ndarray, np.ndarray], mode: str) -> None:
    left, _ = sides
    al = na.align_embeddings(left, left, mode=mode)
    assert beads(al) == {((i,), (i,)) for i in range(len(left))}


@_SETTINGS
@given(pairs_of_sides(), st.sampled_from(na.MODES))
def test_swapping_sides_inverts(sides: tuple[np.ndarray, np.ndarray], mode: str) -> None:
    left, right = sides
    forward = na.align_embeddings(left, right, mode=mode)
    backward = na.align_embeddings(right, left, mode=mode)
    assert beads(forward) == beads(backward.inverse())


@_SETTINGS
@given(pairs_of_sides(), st.randoms(use_true_random=False))
def test_permuting_one_side_permutes_links(sides: tuple[np.ndarray, np.ndarray], rnd: Any) -> None:
    left, right = sides
    perm = list(range(len(right)))
    rnd.shuffle(perm)
    # order-free settings: by default a leftover sentence may also join its neighbour's link
    free = na.AlignParams(attach_neighbours=False)
    base = na.align_embeddings(left, right, params=free)
    moved = na.align_embeddings(left, right[perm], params=free)
    # right sentence j of `moved` is sentence perm[j] of `right`
    mapped = {(link.left, tuple(sorted(perm[j] for j in link.right))) for link in moved.links}
    assert mapped == beads(base)


def test_permutation_with_texts_and_lexical_anchor() -> None:
    left = ["Seoul said 3,000 troops moved.", "Prices rose.", "The bank acted on Monday."]
    right = ["On Monday the bank acted.", "Seoul reported 3,000 troops moved.", "Prices went up."]
    free = na.AlignParams(attach_neighbours=False)
    a = na.align(
        na.Document.from_sentences(left),
        na.Document.from_sentences(right),
        encoder="tfidf",
        params=free,
    )
    b = na.align(
        na.Document.from_sentences(left),
        na.Document.from_sentences(right[::-1]),
        encoder="tfidf",
        params=free,
    )
    n = len(right)
    assert {(x.left, tuple(sorted(n - 1 - j for j in x.right))) for x in b.links} == beads(a)


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def test_leftover_sentence_joins_its_neighbours_link() -> None:
    # Right 0 merges left 0 and left 1; left 1 also resembles right 1 (linked to left 2)
    # more than right 0, so only its neighbour's link can take it.
    a, b, d, f = np.eye(8)[[0, 1, 3, 4]]
    left = np.stack([_unit(a), _unit(0.55 * b + 0.835 * d), _unit(d), _unit(f)])
    right = np.stack([_unit(a + 0.9 * b), _unit(d + 0.1 * b), _unit(f)])
    merged = na.align_embeddings(left, right)
    assert beads(merged) == {((0, 1), (0,)), ((2,), (1,)), ((3,), (2,))}
    apart = na.align_embeddings(left, right, params=na.AlignParams(attach_neighbours=False))
    assert beads(apart) == {((0,), (0,)), ((2,), (1,)), ((3,), (2,))}


def test_lexical_anchor_scores_only_need_the_ngrams_both_sides_have() -> None:
    # The scorer keeps the n-grams both sides have for its dot products and the full rows
    # for the norms of passages: the lexical part of every score equals the full computation.
    from newsalign.alignment import Scorer
    from newsalign.embed import lexical_vectors, normalize_rows

    left = ["북한군 3천명이 러시아로 이동했다.", "Kim Jong-un 위원장은 말했다.", "날씨가 맑았다."]
    right = ["North Korea sent 3,000 troops.", "Kim Jong-un said so.", "It rained."]
    rng = np.random.default_rng(0)
    p = na.AlignParams(number_weight=0.0, name_weight=0.0)
    lv = normalize_rows(rng.standard_normal((3, 8))).astype(np.float32)
    rv = normalize_rows(rng.standard_normal((3, 8))).astype(np.float32)
    s = Scorer(lv, rv, left, right, p)
    assert s.dot_l.nnz < s.lex_l.nnz  # Hangul n-grams are gone from the dot rows
    full = lexical_vectors([*left, *right]).toarray()
    fl, fr = full[:3], full[3:]
    lex_mean = float(fl.mean(axis=0) @ fr.mean(axis=0))
    beads = [([0], [0]), ([0, 1], [1]), ([2], [1, 2]), ([0, 1, 2], [0, 1, 2])]
    got = s.bead_scores(beads) * s.norm
    for (a, b), score in zip(beads, got):
        va, vb = fl[a].sum(axis=0), fr[b].sum(axis=0)
        lex = va @ vb / (np.linalg.norm(va) * np.linalg.norm(vb))
        cos = s.lv[a].sum(axis=0) @ s.rv[b].sum(axis=0)
        cos /= np.linalg.norm(s.lv[a].sum(axis=0)) * np.linalg.norm(s.rv[b].sum(axis=0))
        expected = s.rescale(cos) + p.lexical_weight * max(0.0, lex - lex_mean)
        assert score == pytest.approx(expected, abs=1e-6)
    assert s.lex_mean == pytest.approx(lex_mean, abs=1e-12)


def test_half_of_a_merge_waits_for_the_beads() -> None:
    # Right 1 merges left 1 and left 2. Left 2 also resembles right 3 a little; taken first,
    # that weak pair would keep left 2 out of the merge. Left 2 scores much higher with
    # right 1, whose best match is left 1 (its neighbour), so the pair waits.
    e = np.eye(8)
    left = np.stack([_unit(e[0]), _unit(e[1]), _unit(e[2]), _unit(e[3])])
    right = np.stack(
        [_unit(e[0] + 0.1 * e[6]), _unit(e[1] + 0.9 * e[2]), _unit(e[3]), _unit(0.45 * e[2] + e[7])]
    )
    merged = na.align_embeddings(left, right)
    assert beads(merged) == {((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))}
    assert merged.unmatched_right == (3,)
    eager = na.align_embeddings(left, right, params=na.AlignParams(merge_gap=1.0))
    assert beads(eager) == {((0,), (0,)), ((1,), (1,)), ((2,), (3,)), ((3,), (2,))}
    # without neighbours nothing waits (the result must not depend on order)
    free = na.AlignParams(attach_neighbours=False)
    assert beads(na.align_embeddings(left, right, params=free)) == beads(
        na.align_embeddings(left, right, params=replace(free, merge_gap=1.0))
    )
