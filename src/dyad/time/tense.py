"""A cheap guess at the tense governing a time expression, from nearby words.

Used only when the NLP stage gives no ``tense_at`` callback. It looks at up to
eight words either side inside the sentence and takes the nearest cue: modal
and scheduling words say future, past forms and "ago"/"last" say past, present
forms of be/say say present.
"""

from __future__ import annotations

import re

_FUTURE = {"will", "'ll", "shall", "wo", "would", "going", "plans", "plan", "planned",
           "scheduled", "expected", "expects", "expect", "due", "upcoming", "intends",
           "next", "tomorrow", "coming", "soon", "promised", "pledged", "vowed", "planning",
           "preparing", "intending", "intend", "aims", "aiming"}
_PRESENT = {"is", "are", "am", "says", "say", "does", "do", "now", "today", "this"}
_PAST = {"was", "were", "had", "did", "said", "ago", "last", "yesterday", "has", "have",
         "went", "came", "took", "made", "met", "gave", "got", "saw", "began", "fell", "rose",
         "left", "held", "won", "lost", "paid", "sold", "bought", "told", "found", "thought",
         "became", "brought", "struck", "spoke", "wrote", "ran", "fled", "chose", "kept",
         "led", "sent", "spent", "knew", "felt", "heard", "meant", "stood", "put", "shot",
         "earlier", "since", "fought", "caught", "taught", "sought", "built", "swore", "drew",
         "grew", "threw", "flew", "broke", "froze", "woke", "wore", "tore", "hid", "bit",
         "slid", "dealt", "lit", "fed", "bled", "quit"}
# Words in -ed that are not past tenses.
_NOT_PAST = {"need", "needed", "feed", "speed", "seed", "bed", "red", "shed", "bleed",
             "proceed", "succeed", "exceed", "indeed", "hundred", "breed", "weed", "steed",
             "greed", "embed", "united", "based", "limited", "related", "interested", "ed",
             "expected", "scheduled", "planned", "proposed", "unprecedented", "armed",
             "aged", "concerned", "detailed", "advanced", "fixed", "mixed", "supposed"}
_WORD = re.compile(r"[A-Za-z']+")
_SENTENCE_END = re.compile(r"[!?;\n]|\.(?=\s+[A-Z\"`])")


_PASSIVE_AUX = {"be", "been", "being", "to"}
_CLAUSE_BREAK = {"and", "but", "while", "whereas", "although", "though", "because"}
_SCHEDULE = {"scheduled", "expected", "due", "planned", "set"}


def _cue(word: str, before: str, weak: bool) -> str | None:
    """The tense a word signals; ``weak`` admits -ed forms, which are often
    adjectives or participles and so only count when no auxiliary is near."""
    w = word.lower()
    if w.endswith("n't"):
        w = w[:-3]
    if not weak:
        if w in _SCHEDULE and before in ("had", "was", "were", "been"):
            return None  # "had been scheduled to": the past of a plan
        if w in _FUTURE:
            return "future"
        if w in _PAST:
            return None if before in ("be", "been", "being") else "past"
        if w in _PRESENT:
            return "present"
        return None
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST and before not in _PASSIVE_AUX:
        return "past"
    return None


def infer_tense(text: str, start: int, end: int, window: int = 10) -> str | None:
    """Guess the tense around ``text[start:end]``: ``"past"``, ``"present"``,
    ``"future"`` or None when no cue is near.

    >>> infer_tense("The minister will visit Kyiv on Friday.", 33, 39)
    'future'
    """
    left_text = text[max(0, start - 160):start]
    stops = list(_SENTENCE_END.finditer(left_text))
    if stops:
        left_text = left_text[stops[-1].end():]
    right_text = text[end:end + 160]
    stop = _SENTENCE_END.search(right_text)
    if stop:
        right_text = right_text[:stop.start()]
    left_words = _WORD.findall(left_text)[-window - 1:]
    right_words = _WORD.findall(right_text)[:window]
    for i, w in enumerate(right_words[:-1]):
        # "on Saturday and were planning ...": the verb after the conjunction is
        # another clause's ("Abortion and Reproductive Rights" is no clause)
        if w.lower() in _CLAUSE_BREAK and _cue(right_words[i + 1], w.lower(), False):
            right_words = right_words[:i]
            break
    best: tuple[float, str] | None = None
    # Cost grows with distance; the governing verb usually precedes, so words on
    # the right cost more, and -ed forms (often adjectives) cost more still.
    for side, words, scale in (("left", left_words[::-1], 1.0), ("right", right_words, 1.6)):
        for i, word in enumerate(words[:window]):
            before = (words[i + 1] if side == "left" and i + 1 < len(words)
                      else (words[i - 1] if side == "right" and i else "")).lower()
            if side == "right" and i == 0:
                before = left_words[-1].lower() if left_words else ""
            for weak, penalty in ((False, 0.0), (True, 2.5)):
                cue = _cue(word, before, weak)
                if cue:
                    cost = (i + 1) * scale + penalty
                    if best is None or cost < best[0]:
                        best = (cost, cue)
                    break
    return best[1] if best else None
