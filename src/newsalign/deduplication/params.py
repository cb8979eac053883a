"""The settings of a deduplication run: :class:`DedupParams`, and the one rule that folds the
``threshold`` shortcut of :func:`newsalign.dedup` into them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import ConfigError
from ..validate import check_at_least, check_unit

__all__ = ["DedupParams", "resolve_params"]


@dataclass(frozen=True, slots=True)
class DedupParams:
    """Settings of :func:`newsalign.dedup`. Defaults were tuned on the development corpus only
    (``benchmarks/dedup_corpus.py --split dev``).

    Attributes:
        threshold: near duplicate: the larger aligned share must reach this.
        min_share: near duplicate: the smaller aligned share must reach this.
        translation_threshold: translation: the larger aligned share must reach this.
        translation_min_share: translation: the smaller aligned share must reach this.
        story_threshold: same story: the larger aligned share must reach this.
        story_min_links: same story: at least this many ``equivalent`` links.
        min_equivalent_links: a pair verified by :func:`newsalign.align` (semantic stage)
            is a ``near_duplicate`` or ``translation`` only with at least this many
            ``equivalent`` links: a share counted over ``partial`` links and wide beads alone
            reached the bars between unrelated articles on one topic.
        near_min_equivalent_links: the same for a ``near_duplicate`` found by meaning (two
            same-language articles that MinHash did not pair): copies are the lexical path's
            job, so the semantic stage needs more evidence to call one.
        shingle_size: words per shingle for MinHash.
        num_perm: MinHash permutations.
        lsh_threshold: Jaccard similarity the LSH bands are tuned for (recall, not decision).
        lexical_link: RapidFuzz ratio (in [0, 1]) for two sentences to link lexically.
        semantic: also look for translations and same-story pairs (needs an encoder);
            ``False`` runs the near-duplicate path only.
        min_shared_features: signature features two records must share to be plausible.
        strong_shared_features: shared features that make a pair strongly plausible.
        signature_filter: ``False`` skips the signature: every record is embedded and
            judged by its neighbours' cosine alone (the baseline of the benchmark).
        max_feature_df: a signature feature found in more records than this is ignored
            (too common to tell stories apart, and it bounds the pairs generated).
        lead_sentences: leading sentences in the passage embedded per record.
        sample_sentences: further sentences, evenly spaced, in that passage.
        neighbors: nearest neighbours kept per embedded record.
        min_cosine: passage cosine a strongly plausible pair needs.
        weak_min_cosine: passage cosine a weakly plausible pair needs, or a pair where a
            side's signature is too poor to judge.
        pairs_per_components: semantic pairs verified per pair of near-duplicate groups.
        max_days: when set, records whose ``date`` fields are further apart than this many
            days are never paired.
    """

    threshold: float = 0.8
    min_share: float = 0.5
    translation_threshold: float = 0.7
    translation_min_share: float = 0.4
    story_threshold: float = 0.3
    story_min_links: int = 4
    min_equivalent_links: int = 2
    near_min_equivalent_links: int = 4
    shingle_size: int = 3
    num_perm: int = 128
    lsh_threshold: float = 0.4
    lexical_link: float = 0.7
    semantic: bool = True
    min_shared_features: int = 1
    strong_shared_features: int = 2
    signature_filter: bool = True
    max_feature_df: int = 100
    lead_sentences: int = 3
    sample_sentences: int = 2
    neighbors: int = 10
    min_cosine: float = 0.35
    weak_min_cosine: float = 0.5
    pairs_per_components: int = 2
    max_days: int | None = None

    def __post_init__(self) -> None:
        for name in (
            "threshold",
            "min_share",
            "translation_threshold",
            "translation_min_share",
            "story_threshold",
            "lsh_threshold",
            "lexical_link",
            "min_cosine",
            "weak_min_cosine",
        ):
            check_unit(name, getattr(self, name))
        for name in (
            "shingle_size",
            "num_perm",
            "neighbors",
            "pairs_per_components",
            "min_shared_features",
        ):
            check_at_least(name, getattr(self, name), 1)
        for name in (
            "story_min_links",
            "min_equivalent_links",
            "near_min_equivalent_links",
            "strong_shared_features",
            "max_feature_df",
            "lead_sentences",
            "sample_sentences",
        ):
            check_at_least(name, getattr(self, name), 0)
        if self.lead_sentences + self.sample_sentences < 1:
            raise ConfigError("lead_sentences + sample_sentences must be >= 1")
        if self.max_days is not None:
            check_at_least("max_days", self.max_days, 0)


def resolve_params(params: DedupParams | None, threshold: float | None) -> DedupParams:
    """``params`` (or the defaults) with ``threshold``, when given, as its ``threshold``.

    Example:
        >>> resolve_params(None, 0.9).threshold
        0.9
    """
    p = params or DedupParams()
    if threshold is not None:
        p = replace(p, threshold=check_unit("threshold", threshold))
    return p
