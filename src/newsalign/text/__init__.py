"""Plain text in, plain facts out: sentences with offsets, numbers, shared word tables.

This package knows nothing of alignments or documents; everything else builds on it.

- :mod:`.segmentation`: :func:`segment` splits news prose into :class:`Sentence` records,
  :func:`detect_lang` guesses the language from the script.
- :mod:`.numbers`: :func:`parse_number`, :func:`number_values`, :func:`number_spans`.
- :mod:`.lexicon`: :data:`MONTHS`, :data:`TYPOGRAPHY`.
"""

from __future__ import annotations

from .lexicon import MONTHS, TYPOGRAPHY
from .numbers import number_spans, number_values, parse_number
from .segmentation import Sentence, detect_lang, segment

__all__ = [
    "MONTHS",
    "TYPOGRAPHY",
    "Sentence",
    "detect_lang",
    "number_spans",
    "number_values",
    "parse_number",
    "segment",
]
