"""The aligner's settings and modes: one record, checked once, defaults tuned on dev data."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import ConfigError
from ..records import MODES, Mode
from ..validate import check_at_least, check_unit

__all__ = ["MODES", "AlignParams", "Mode", "check_mode", "resolve_params"]


@dataclass(frozen=True, slots=True)
class AlignParams:
    """Settings of the aligner. Defaults come from tuning on development data.

    Attributes:
        threshold: lowest search score for a 1-1 backbone link. The search scores rank
            candidate pairs within one document pair (cosine measured from the documents'
            mean, plus anchors); they are not the links' scores.
        attach_threshold: lowest gain in search score for a sentence to join a link.
        attach_floor: lowest search score between a joining sentence and the other side.
        equivalent_threshold: a link whose calibrated score (P(the two sides say the same
            thing), see :mod:`newsalign.alignment.calibration`) reaches this is
            ``"equivalent"``, one below it ``"partial"``. With 0.5: more likely than not.
        link_floor: a bead the search found whose calibrated score is below this is not
            linked (its sentences stay unmatched).
        attach_neighbours: rewrite mode: a leftover sentence may join the link of the
            sentence next to it as well as the link of its best candidate (merges and
            splits mostly join neighbours).
        merge_gap: rewrite mode with ``attach_neighbours``: a candidate pair waits until the
            beads are built when one of its sentences scores more than this higher with its
            best match, whose own best match is that sentence's neighbour (half of a merge
            or split; it may join that link instead).
        max_bead: rewrite mode: most sentences on one side of a link (translation mode
            takes up to ``max_bead_total - 1`` a side).
        top_k: candidates kept per sentence and direction.
        lexical_weight: weight of the centred character n-gram overlap.
        number_weight: weight of the share of numbers two sentences have in common.
        name_weight: weight of the share of people (name keys, any spelling or script)
            two sentences have in common.
        path_window: translation mode: distance from the path (in sentences) that is "near".
        band: translation mode: half width (in sentences) of the band around the anchor
            path that the bead search explores.
        skip_penalty: translation mode: least cost of leaving a sentence unmatched in the
            search.
        skip_match_weight: translation mode: leaving a sentence unmatched costs, besides
            ``skip_penalty``, this times its best score with any sentence of the other side
            (its cosine rescaled so that the documents' mean is 0 and identity 1), so a line
            that matches nothing is cheap to leave out.
        margin_weight: translation mode: weight of the neighbours' similarity subtracted
            from a bead's cosine (Bertalign's margin).
        length_weight: translation mode: exponent of the length agreement factor
            ``log2(1 + short / long)`` that multiplies a bead's similarity.
        bead_penalty: translation mode: cost of each sentence a bead has beyond one a side.
        size_weight: translation mode: a bead's score in the search is multiplied by
            ``((left + right sentences) / 2) ** size_weight``, so that one bead covering
            some sentences can win against several smaller beads over the same sentences
            (a sum of scores otherwise favours splitting).
        max_bead_total: translation mode: most sentences in a bead of the search, both sides
            together (the second pass takes up to ``refine_bead_total``).
        anchor_weight: translation mode: weight of the character n-gram overlap of a bead's
            two passages (shared names, figures) in the search.
        refine: translation mode: run the second pass of :mod:`.refine`, which re-decides
            the search's close calls on encoded passages.
        refine_gap: translation mode: an alternative bead whose best path scores within
            this of the search's best (on composed passages) is re-scored encoded.
        refine_bead_total: translation mode: most sentences in a bead of the second pass,
            both sides together (never fewer than ``max_bead_total``).
        refine_size_weight: translation mode: ``size_weight`` of the second pass's beads
            (their encoded passages score higher than composed ones as they grow).
        refine_number_weight: translation mode: added to a bead's score in both passes of
            :mod:`.refine` for each number its two passages have in common.
        max_sentences: most sentences a side may have; :func:`~newsalign.align` refuses a
            longer document at once with an :class:`~newsalign.InputError` (memory and time
            grow with the sentences: two 2 MB texts, some 16,000 sentences a side, take
            about 1 GB and 9 minutes on two cores). ``0`` lifts the limit.
        max_encode_chars: most characters of one text (a sentence or a joined passage)
            the encoder reads; a longer one is encoded from its first ``max_encode_chars``
            characters (its anchors still read all of it). ``0`` lifts the limit.
    """

    threshold: float = 0.11
    attach_threshold: float = 0.015
    attach_floor: float = 0.0
    equivalent_threshold: float = 0.5
    link_floor: float = 0.0
    attach_neighbours: bool = True
    merge_gap: float = 0.07
    max_bead: int = 3
    top_k: int = 8
    lexical_weight: float = 0.30
    number_weight: float = 0.10
    name_weight: float = 0.10
    path_window: float = 3.0
    band: float = 8.0
    skip_penalty: float = 0.0
    skip_match_weight: float = 0.3
    margin_weight: float = 0.0
    length_weight: float = 1.0
    bead_penalty: float = 0.0
    size_weight: float = 0.4
    max_bead_total: int = 5
    anchor_weight: float = 0.3
    refine: bool = True
    refine_gap: float = 0.2
    refine_bead_total: int = 6
    refine_size_weight: float = 0.3
    refine_number_weight: float = 0.2
    max_sentences: int = 20_000
    max_encode_chars: int = 20_000

    def __post_init__(self) -> None:
        for name in (
            "threshold", "attach_threshold", "attach_floor", "equivalent_threshold", "link_floor"
        ):  # fmt: skip
            check_unit(name, getattr(self, name))
        check_at_least("max_bead", self.max_bead, 1)
        check_at_least("top_k", self.top_k, 1)
        check_at_least("max_bead_total", self.max_bead_total, 2)
        check_at_least("refine_bead_total", self.refine_bead_total, 2)
        check_at_least("max_sentences", self.max_sentences, 0)
        check_at_least("max_encode_chars", self.max_encode_chars, 0)
        for name in (
            "merge_gap", "lexical_weight", "number_weight", "name_weight", "path_window",
            "band", "skip_penalty", "skip_match_weight", "margin_weight", "length_weight",
            "bead_penalty", "size_weight", "anchor_weight", "refine_gap", "refine_size_weight",
            "refine_number_weight",
        ):  # fmt: skip
            check_at_least(name, getattr(self, name), 0)


# -- helpers for the public functions ---------------------------------------------------
def check_mode(mode: str) -> Mode:
    if mode not in MODES:
        raise ConfigError(f"unknown mode {mode!r}; valid modes: {', '.join(MODES)}")
    return mode


def resolve_params(params: AlignParams | None, threshold: float | None) -> AlignParams:
    p = params or AlignParams()
    if threshold is not None:
        p = replace(p, threshold=check_unit("threshold", threshold))
    return p
