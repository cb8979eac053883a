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
        threshold: near duplicate: the larger lexically aligned share must reach this.
        min_share: near duplicate: the smaller lexically aligned share must reach this.
        translation_threshold: translation: the larger aligned share must reach this.
        translation_min_share: translation: the smaller aligned share must reach this.
        translation_evidence: a translation also needs this expected share of the shorter
            record's sentences to say the same thing (:func:`~.verify.expected_share`, the
            calibrated link scores summed over that record's sentences): shares counted
            over every link reached the bars between unrelated articles on one topic
            (chosen on the synthetic ``dev`` split: 0.15 let 5 such pairs through, 0.2 none).
        translation_min_equal: and at least this many sentences expected to say the same
            (the same sum, not divided): two one-line records are a translation only when
            their one link is more likely than not equal.
        story_threshold: same story without dates to agree on: the larger aligned share
            must reach this.
        story_min_links: same story without dates to agree on: at least this many
            ``equivalent`` links (0: no same story without dates).
        dated_story_evidence: same story when the two records' event days agree: the
            probability that at least one linked sentence pair says the same thing
            (``1 - prod(1 - score)`` over the calibrated link scores) must reach this.
        event_lead: leading sentences read for the event's days and counts.
        date_tolerance: days two event dates may differ and still be one (time zones).
        fact_veto: a conflict of event days or lead counts vetoes a translation or same
            story (and a text-date conflict a near duplicate); ``False`` is the ablation.
        max_candidates: cluster representatives each record is verified against, at most
            (the ``k`` that bounds the aligned pairs by ``k * n``).
        shingle_size: words per shingle for MinHash.
        num_perm: MinHash permutations.
        lsh_threshold: Jaccard similarity the LSH bands are tuned for (recall, not decision).
        lexical_link: RapidFuzz ratio (in [0, 1]) for two sentences to link lexically.
        semantic: also look for translations and same-story pairs (needs an encoder);
            ``False`` runs the near-duplicate path only.
        strong_shared_features: shared signature features that let a neighbour with a
            passage cosine between ``min_cosine`` and ``weak_min_cosine`` be verified.
        signature_filter: ``False`` ignores the signature: only ``weak_min_cosine`` lets a
            neighbour through.
        max_feature_df: a signature feature found in more records than this is ignored
            (too common to tell stories apart).
        lead_sentences: leading sentences in the passage embedded per record.
        sample_sentences: further sentences, evenly spaced, in that passage.
        neighbors: nearest neighbours searched per record and language.
        min_cosine: passage cosine a neighbour with shared signature features needs.
        weak_min_cosine: passage cosine that makes a neighbour a candidate by itself.
        max_days: when set, records whose ``date`` fields are further apart than this many
            days are never paired.
    """

    threshold: float = 0.8
    min_share: float = 0.5
    translation_threshold: float = 0.7
    translation_min_share: float = 0.4
    translation_evidence: float = 0.2
    translation_min_equal: float = 0.5
    story_threshold: float = 0.3
    story_min_links: int = 4
    dated_story_evidence: float = 0.5
    event_lead: int = 5
    date_tolerance: int = 1
    fact_veto: bool = True
    max_candidates: int = 10
    shingle_size: int = 3
    num_perm: int = 128
    lsh_threshold: float = 0.4
    lexical_link: float = 0.7
    semantic: bool = True
    strong_shared_features: int = 2
    signature_filter: bool = True
    max_feature_df: int = 100
    lead_sentences: int = 3
    sample_sentences: int = 2
    neighbors: int = 50
    min_cosine: float = 0.35
    weak_min_cosine: float = 0.5
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
            "dated_story_evidence",
            "translation_evidence",
        ):
            check_unit(name, getattr(self, name))
        for name in (
            "shingle_size",
            "num_perm",
            "neighbors",
            "max_candidates",
            "event_lead",
        ):
            check_at_least(name, getattr(self, name), 1)
        for name in (
            "story_min_links",
            "date_tolerance",
            "translation_min_equal",
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
