"""The key that spelling variants of one person share: :func:`name_key`."""

from __future__ import annotations

from .parse import _parse


def name_key(name: str, *, lang: str | None = None) -> str:
    """The canonical key that spelling variants of one person share.

    Korean names (Hangul, or a known Korean surname with romanised given-name syllables, in
    either order) become ``"<surname class> <syllable-syllable>"``; other names become ``~``
    and their surname's consonant skeleton, coarsened to what a Hangul loanword spelling
    keeps (``~btn`` for Putin, 푸틴 and Путин). Titles and honorifics (Rep., Dr.,
    President, 의원, 대통령) are dropped, as are initials and patronymics. Never raises; an
    input with no letters gives ``""``.

    Spellings :func:`~newsalign.names.same_person` joins share a key, except a Latin name
    and a Hangul one joined by the learned loanword model or by the Sino-Korean reading of
    a Chinese name, a Latin name and a Cyrillic, Greek or Latin one joined by the learned
    transliteration models, one regnal name and number with a byname after it (Vlad II
    Dracul = 블라드 2세), a Korean name in Han characters against its Korean spellings (the key
    reads Han characters as Mandarin: 金正恩 keys as ``jin jong-on``, 김정은 as ``kim
    jong-on``), and a Korean name in Cyrillic: the Kontsevich system and the Soviet
    spellings write sounds alike that the key keeps apart (н is a final ㄴ or ㅇ, Чен is
    정 or 젠), so ``Ким Чен Ын`` keys as ``kim jen-on`` and ``Kim Jong-un`` as ``kim
    jong-on``.

    Args:
        name: a person's name in any script, with or without a title.
        lang: an ISO 639-1 hint; accepted for symmetry with the rest of the API and
            currently unused (the script decides).

    Returns:
        The key, a lower-case ASCII string.

    Example:
        >>> name_key("Lee Seong-gwon") == name_key("Lee Seong Kwon") == name_key("이성권")
        True
        >>> name_key("Rep. Park Sun Won")
        'pak son-won'
        >>> name_key("Muammar Qadhafi") == name_key("Moammar Gadhafi")
        True
    """
    del lang
    if not isinstance(name, str):
        return ""
    return _parse(name).key
