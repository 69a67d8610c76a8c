"""A light language detector: Unicode script shares plus function-word profiles.

One pass over the first ``SAMPLE_CHARS`` characters: split on whitespace,
classify each word's script by its first letter (character by character for
Chinese, Japanese and Korean, which do not separate words), and count the
words each language's function-word profile contains. The dominant script
names the language outright (Hangul, Armenian, ...) or narrows the choice
(Cyrillic: Russian or Ukrainian by their own letters); Latin text goes to the
profile with the highest share of function words.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from dyad.errors import InputRejected, Messages
from dyad.ingest.stopwords import (
    ENGLISH_LOOKALIKES,
    MARKERS,
    NAMES,
    SCRIPT_LANGUAGE,
    SCRIPT_RANGES,
    word_languages,
)

SAMPLE_CHARS = 20_000
"""Characters examined: enough for a stable answer, and it bounds the cost."""
SHORT_WORDS = 8
"""Texts with fewer words get the benefit of the doubt in ``check_text``."""
MIN_SHARE = 0.08
"""Lowest function-word share for a Latin-script language to be named at all."""
UND_WORDS = 30
"""Latin texts no profile matches are rejected only from this length: English
headlines can have no function words at all, and prose that long cannot."""

_WORDS = word_languages()
# Words that count against English: another profile's, not English-looking.
_EXCLUSIVE = frozenset(
    w for w, langs in _WORDS.items() if "en" not in langs and w not in ENGLISH_LOOKALIKES
)
_STARTS = [start for start, _ in SCRIPT_RANGES]
_NAMES = [name for _, name in SCRIPT_RANGES]
_CJK = frozenset({"Han", "Kana", "Hangul"})
_STRIP = "\"'`.,;:!?()[]{}<>«»“”‘’„‚…–—-_/\\|*#@%&+=~^$0123456789،؛؟。，、！？：；「」『』（）《》"
_APOSTROPHES = ("'", "’")


@dataclass
class Profile:
    """What the detector saw: the answer plus the evidence for messages."""

    code: str
    confidence: float
    words: int
    script: str | None
    script_share: float
    shares: dict[str, float] = field(default_factory=dict)

    def describe(self) -> str:
        """A short account for messages, e.g. ``"31% French function words against 2% English"``."""
        name = NAMES.get(self.code, self.code)
        if self.script and self.script != "Latin":
            script = "Han and kana" if self.code == "ja" else self.script
            return f"{self.script_share:.0%} {script} script, confidence {self.confidence:.2f}"
        own = self.shares.get(self.code, 0.0)
        en = self.shares.get("en", 0.0)
        if self.code == "und":
            return f"only {en:.0%} English function words"
        if self.code == "en":
            return f"{en:.0%} English function words"
        return f"{own:.0%} {name} function words against {en:.0%} English"


def _script(ch: str) -> str:
    return _NAMES[bisect_right(_STARTS, ord(ch)) - 1]


def profile(text: str) -> Profile:
    """Profile the first ``SAMPLE_CHARS`` characters of ``text``."""
    sample = text[:SAMPLE_CHARS].lower()
    scripts: dict[str, int] = {}
    hits: dict[str, int] = {}
    exclusive: dict[str, int] = {}
    latin_words = words = 0
    for token in sample.split():
        token = token.strip(_STRIP)
        if not token:
            continue
        parts = [token]
        if "'" in token or "’" in token:
            # "l'armée", "dell'Unione", "don't": the pieces are the function words.
            parts = token.replace("’", "'").split("'")
        for part in parts:
            if not part or not part[0].isalpha():
                continue
            script = _script(part[0])
            if script in _CJK:
                for ch in part:
                    if ch.isalpha():
                        name = _script(ch)
                        scripts[name] = scripts.get(name, 0) + 1
                        words += 1  # a CJK character stands for about a word
                continue
            words += 1
            scripts[script] = scripts.get(script, 0) + len(part)
            if script == "Latin":
                latin_words += 1
            for lang in _WORDS.get(part, ()):
                hits[lang] = hits.get(lang, 0) + 1
                if part in _EXCLUSIVE:
                    exclusive[lang] = exclusive.get(lang, 0) + 1
    letters = sum(n for name, n in scripts.items() if name != "-")
    if not letters:
        return Profile("und", 0.0, words, None, 0.0)
    # Kana and Han together are Japanese; count them as one script for dominance.
    merged = dict(scripts)
    if "Kana" in merged:
        merged["Han"] = merged.get("Han", 0) + merged.pop("Kana")
    top = max((n, name) for name, n in merged.items() if name != "-")[1]
    share = merged[top] / letters
    shares = {lang: n / max(words, 1) for lang, n in hits.items()}
    if top == "Latin":
        latin_shares = {lang: n / max(latin_words, 1) for lang, n in hits.items()}
        against_en = {lang: n / max(latin_words, 1) for lang, n in exclusive.items()}
        code, confidence = _latin(sample, latin_shares, against_en)
        return Profile(code, round(confidence * share, 3), words, top, share, latin_shares)
    code = _non_latin(top, sample, scripts)
    return Profile(code, round(share, 3), words, top, share, shares)


def _latin(
    sample: str, shares: dict[str, float], against_en: dict[str, float]
) -> tuple[str, float]:
    """Pick among Latin-script profiles; another language must beat English on its own words."""
    if "tr" in shares or "az" in shares:
        # Azerbaijani uses schwa constantly; Turkish never does.
        key = "az" if sample.count(MARKERS["az"]) > 2 else "tr"
        shares[key] = shares.get(key, 0.0) + 0.02
        against_en[key] = against_en.get(key, 0.0) + 0.02
    en = shares.get("en", 0.0)
    others = sorted(
        ((share, lang) for lang, share in shares.items() if lang != "en"), reverse=True
    )
    if others and others[0][0] >= MIN_SHARE and against_en.get(others[0][1], 0.0) > en:
        top, best = others[0]
        runner = max(en, others[1][0] if len(others) > 1 else 0.0)
    elif en >= MIN_SHARE:
        top, best = en, "en"
        runner = max(against_en.values(), default=0.0)
    else:
        return "und", 0.0
    # Margin over the runner-up, scaled down while the evidence is thin.
    return best, max(0.0, 1 - runner / top) * min(1.0, top / 0.2)


def _non_latin(script: str, sample: str, scripts: dict[str, int]) -> str:
    if script in SCRIPT_LANGUAGE:
        return SCRIPT_LANGUAGE[script]
    if script == "Han":
        kana = scripts.get("Kana", 0)
        return "ja" if kana >= 0.05 * (kana + scripts.get("Han", 0)) else "zh"
    pair = {"Cyrillic": ("uk", "ru"), "Arabic": ("fa", "ar")}.get(script)
    if pair is None:
        return "und"
    first, second = pair
    a = sum(sample.count(ch) for ch in MARKERS[first])
    b = sum(sample.count(ch) for ch in MARKERS[second])
    return first if a > b else second


def detect_language(text: str) -> tuple[str, float]:
    """Guess the language of ``text``: (ISO 639-1 code or ``"und"``, confidence 0-1).

    >>> detect_language("The minister said that the talks would resume in May.")[0]
    'en'
    """
    found = profile(text)
    return found.code, found.confidence


def check_text(text: str, origin: str) -> None:
    """Raise ``InputRejected`` when ``text`` is empty (E101) or not English (E105).

    English means Latin script with English function words at a share of at
    least ``MIN_SHARE`` and no other profile ahead on its own words. Latin texts
    under ``SHORT_WORDS`` words pass, and so do those under ``UND_WORDS`` that
    match no profile (headlines); text mostly in another script is rejected at
    any length. ``origin`` (a path, ``stdin:3``) goes into the exception's notes.

    >>> check_text("The minister said talks would resume.", "a.txt")  # passes
    """
    accept(text, origin)


def accept(text: str, origin: str) -> str:
    """Like ``check_text``, and return the detected language code of an accepted text."""
    if not text.strip():
        error = InputRejected(Messages.E101)
    else:
        found = profile(text)
        if found.code == "en":
            return found.code
        latin = found.script in (None, "Latin")
        if latin and found.words < (UND_WORDS if found.code == "und" else SHORT_WORDS):
            return found.code
        name = NAMES.get(found.code, found.code)
        error = InputRejected(Messages.E105, language=name, detail=found.describe())
    error.add_note(f"input: {origin}")
    raise error
