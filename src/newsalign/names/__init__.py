"""Person names across romanisations and scripts: keys, matching, extraction, clustering.

News spells one person many ways: ``Lee Seong-gwon``, ``Lee Seong Kwon``, ``이성권``;
``Zelensky``, ``Zelenskyy``, ``Зеленский``; ``Gaddafi``, ``Qadhafi``, ``Kadafi``. This package
maps such variants to one *key* and compares names with more care than the key can.

Two levels, and how they relate:

* :func:`name_key` folds a name to a coarse canonical string (a *blocking key*). Variants of
  one person share it. Korean names are parsed into surname and given-name syllables and each
  syllable is folded to a sound class (``Seong``, ``Sung``, ``성`` -> ``song``; ``gwon``,
  ``Kwon``, ``kweun``, ``권`` -> ``kwon``), so ``Lee Seong-gwon`` and ``이성권`` both give
  ``"i song-kwon"``. Other names are transliterated (Cyrillic, Greek, Arabic, kana, Hangul
  loanwords) and folded to a consonant skeleton with the vowels collapsed (``Gaddafi`` ->
  ``katafi``); the key is the surname's skeleton coarsened to what a Hangul loanword spelling
  keeps (no vowels, l = r, f = b, the sibilants one class: ``~ktb``), while
  :func:`match_names` compares the full skeletons of two spellings that both make the finer
  distinctions. A key is a name itself: ``name_key(name_key(x)) == name_key(x)``.
* :func:`match_names` compares two names and says ``"same"``, ``"different"`` or
  ``"ambiguous"``. Equal keys are necessary for ``"same"`` but not sufficient: a Korean name is
  compared syllable by syllable, each romanised syllable standing for the *set* of Hangul
  sounds it can spell. Where one spelling's set contains the other's (``Seon`` = {선} inside
  ``Sun`` = {선, 순, 슨}) the names are the same; where the sets only overlap (``Dae-jong`` /
  ``Dae-jung``) the verdict is ``"ambiguous"`` and :func:`same_person` says ``False``.

So ``same_person(a, b)`` implies ``name_key(a) == name_key(b)``; the converse does not hold.
The exceptions (listed in :func:`same_person`) are pairs the rules keep apart that a learned
transducer joins, with keys that may differ: a Latin name and a Hangul one whose every word
it pairs by sound (``Julia Michaels`` / ``줄리아 마이클스``), or a Latin name and a Cyrillic,
Greek or Latin one whose every word it pairs letter by letter (``Colbert`` / ``Кольбер``); and
readings the key does not make (a Korean name in Han characters or in Cyrillic).

Extraction (:func:`extract_people`) is rule based and conservative: titles and Korean
honorifics, the shape of a Korean name, verbs of saying, and back-references (``Park`` after
``Park Seon-won``). :func:`cluster_people` groups mentions from several versions of a story
into :class:`Person` records.

Public names: :class:`Mention`, :class:`Person`, :class:`NameMatch`, :data:`Verdict`,
:data:`MATCH_VERDICTS`, :func:`name_key`, :func:`match_names`, :func:`same_person`,
:func:`name_similarity`, :func:`extract_people`, :func:`sentence_name_keys`,
:func:`cluster_people`, :func:`format_people`.

Seams, public for tests and benchmarks (documented in docs/names.md):
:func:`skeleton` (one word's consonant skeleton), :func:`rule_skeleton` (a one-word name's
skeleton before the equivalence table), :func:`name_equivalents` (that table),
:func:`korean_surnames` (the Hangul surnames known), :func:`romanized_spellings` and
:func:`syllable_class` (the romanisation tables and the sound classes of the key), and
:func:`clear_caches` (for cold timings).

Modules, each importing only those above it: ``records``; ``hangul``; ``kana``,
``chinese``, ``japanese``; ``sinokorean``; ``romanization``, ``skeleton``, ``translit``,
``titles``, ``equivalents``; ``surnames``, ``syllables``; ``parsed``; ``korean``,
``general``; ``parse``; ``keys``, ``loanmodel``; ``translitmodel``; ``match``; ``spans``;
``english_spans``, ``hangul_spans``; ``extract``; ``cluster``.
"""

# Examples in the docstrings hold Cyrillic and Hangul letters on purpose (RUF001 and RUF003
# are off project-wide).

from __future__ import annotations

from .cluster import cluster_people, format_people
from .equivalents import name_equivalents
from .extract import extract_people, sentence_name_keys
from .hangul import syllable_class
from .keys import name_key
from .match import match_names, name_similarity, same_person
from .parse import clear_caches, rule_skeleton
from .records import MATCH_VERDICTS, Mention, NameMatch, Person, Verdict
from .romanization import romanized_spellings
from .skeletons import skeleton
from .surnames import korean_surnames

__all__ = [
    "MATCH_VERDICTS",
    "Mention",
    "NameMatch",
    "Person",
    "Verdict",
    "clear_caches",
    "cluster_people",
    "extract_people",
    "format_people",
    "korean_surnames",
    "match_names",
    "name_equivalents",
    "name_key",
    "name_similarity",
    "romanized_spellings",
    "rule_skeleton",
    "same_person",
    "sentence_name_keys",
    "skeleton",
    "syllable_class",
]
