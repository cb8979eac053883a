"""Hashed character n-grams of texts and their TF-IDF rows: the lexical side of encoding.

:func:`char_ngram_counts` counts every character n-gram of each text (scikit-learn's
``char_wb`` n-grams, hashed without a vocabulary), :func:`tfidf_of_counts` weighs them
(sublinear TF-IDF, the IDF estimated on the rows themselves) and :func:`lexical_vectors` does
both. :mod:`newsalign.embed` re-exports all three: the TF-IDF encoder projects these rows,
and the aligner reads them for its lexical anchor.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import ConfigError

__all__ = ["char_ngram_counts", "lexical_vectors", "tfidf_of_counts"]


def lexical_vectors(
    texts: Sequence[str], *, n_features: int = 2**18, ngram_range: tuple[int, int] = (2, 4)
) -> Any:
    """Sparse character n-gram TF-IDF rows (L2-normalised) for ``texts``, as a CSR matrix.

    N-grams are hashed, so no vocabulary is fitted; the inverse document frequency is
    estimated on ``texts`` themselves. The aligner uses these rows for its lexical anchor
    (shared numbers, names and wording), :class:`TfidfEncoder` projected to dense vectors.

    Example:
        >>> lexical_vectors(["Kim said 3,000.", "Kim said 3,000."]).shape
        (2, 262144)
    """
    counts = char_ngram_counts(texts, n_features=n_features, ngram_range=ngram_range)
    return tfidf_of_counts(counts)


def tfidf_of_counts(counts: Any) -> Any:
    """The :func:`lexical_vectors` of texts from their :func:`char_ngram_counts` (for a caller
    that needs the counts too): sublinear TF-IDF, the IDF estimated on these rows.

    Example:
        >>> tfidf_of_counts(char_ngram_counts(["Kim said 3,000."])).shape
        (1, 262144)
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True, smooth_idf=True).fit_transform(counts).tocsr()


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _mix64(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser: a bijection of uint64 that spreads every input bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    out: np.ndarray = x ^ (x >> np.uint64(31))
    return out


def char_ngram_counts(
    texts: Sequence[str], *, n_features: int = 2**18, ngram_range: tuple[int, int] = (2, 4)
) -> Any:
    """Hashed counts of the character n-grams inside word boundaries, as a CSR matrix.

    The features are those of scikit-learn's ``HashingVectorizer(analyzer="char_wb")``:
    texts are lower-cased and split on white space, each word is padded with one space on
    either side, and every n-gram of the padded word with ``n`` in ``ngram_range`` is
    counted (a padded word shorter than the smallest ``n`` counts once, whole). The n-grams
    are hashed with a polynomial over their code points and the SplitMix64 finaliser, all
    in numpy, which is about ten times faster than the vectoriser's per-word Python loop;
    the column of an n-gram therefore differs from scikit-learn's, not the counts.

    Example:
        >>> m = char_ngram_counts(["ab ab", ""], n_features=64)
        >>> int(m[0].sum()), int(m[1].sum())  # " ab " twice: 3 + 2 + 1 n-grams each
        (12, 0)
    """
    from scipy.sparse import csr_matrix, vstack

    lo, hi = ngram_range
    if not 1 <= lo <= hi:
        raise ConfigError(f"ngram_range must be 1 <= min <= max, got {ngram_range!r}")
    # Texts are counted a block of about _NGRAM_BLOCK characters at a time: the work arrays
    # are some 80 bytes a character, so the whole of two 2 MB texts at once took 0.6 GB.
    # Each row depends on its text alone, so the blocks stacked are the matrix at once.
    blocks: list[Any] = []
    start, size = 0, 0
    for k, text in enumerate(texts):
        size += len(text)
        if size >= _NGRAM_BLOCK or k == len(texts) - 1:
            blocks.append(_ngram_block(texts[start : k + 1], n_features, lo, hi))
            start, size = k + 1, 0
    if len(blocks) == 1:
        return blocks[0]
    if not blocks:
        return csr_matrix((0, n_features), dtype=np.float64)
    return vstack(blocks, format="csr")


_NGRAM_BLOCK = 1 << 18


def _ngram_block(texts: Sequence[str], n_features: int, lo: int, hi: int) -> Any:
    """:func:`char_ngram_counts` of a few texts at once."""
    from scipy.sparse import csr_matrix

    word_lists = [t.lower().split() for t in texts]
    n_words = np.fromiter((len(w) for w in word_lists), dtype=np.int64, count=len(word_lists))
    words = [w for ws in word_lists for w in ws]
    shape = (len(word_lists), n_features)
    if not words:
        return csr_matrix(shape, dtype=np.float64)
    padded = np.fromiter((len(w) + 2 for w in words), dtype=np.int64, count=len(words))
    stream = " " + "  ".join(words) + " "  # every word padded: " w1 " + " w2 " + ...
    cps = np.frombuffer(stream.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    word_doc = np.repeat(np.arange(len(word_lists)), n_words)
    ends = np.cumsum(padded)
    word_of = np.repeat(np.arange(len(words)), padded)
    room = ends[word_of] - np.arange(len(cps))  # characters left in the word from here
    doc_parts: list[np.ndarray] = []
    feat_parts: list[np.ndarray] = []
    h = np.zeros(len(cps), dtype=np.uint64)
    for n in range(1, hi + 1):
        # h[p] is the polynomial hash of cps[p : p + n] (garbage where room < n; masked)
        fit = max(len(cps) - n + 1, 0)  # no n-gram fits in a stream shorter than n
        h[:fit] = h[:fit] * _GOLDEN + cps[n - 1 : n - 1 + fit] + np.uint64(1)
        if n < lo:
            continue
        ok = room >= n
        if n == lo and lo > 1:
            # a padded word shorter than ``lo`` counts once, whole (as scikit-learn does)
            short = np.flatnonzero(padded < lo)
            if len(short):
                sh = np.zeros(len(short), dtype=np.uint64)
                starts = ends[short] - padded[short]
                for k in range(int(padded[short].max())):
                    live = padded[short] > k
                    sh[live] = sh[live] * _GOLDEN + cps[starts[live] + k] + np.uint64(1)
                doc_parts.append(word_doc[short])
                feat_parts.append(_mix64(sh))
        doc_parts.append(word_doc[word_of[ok]])
        feat_parts.append(_mix64(h[ok]))
    docs = np.concatenate(doc_parts)
    feats = (np.concatenate(feat_parts) % np.uint64(n_features)).astype(np.int64)
    keys, counts = np.unique(docs * n_features + feats, return_counts=True)
    return csr_matrix(
        (counts.astype(np.float64), (keys // n_features, keys % n_features)), shape=shape
    )
