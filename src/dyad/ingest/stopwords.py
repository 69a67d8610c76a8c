"""Function-word profiles for the language detector, and the script table.

Each profile lists some of the most frequent function words of a language,
lowercased. A text's share of a profile's words says how much it reads like
that language: English news runs at 30-45% English function words, and a
French or German article at 1-5%. Lists overlap ("in", "de", "a"); the
detector credits every language a word belongs to, so only the distinctive
words separate them.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of ``words``, as a set."""
    return frozenset(words.split())


PROFILES: dict[str, str] = {
    "en": (
        "the of and to a in is that for on with as was it by at from he his be are have has "
        "had not this but or an they which were been their its said will would who there we "
        "you i her she him them than also after more about into over up out can could when "
        "what all our if no do does did these those other some such only any s t"
    ),
    "fr": (
        "le la les de des du un une et est en que qui dans pour par sur au aux pas ne se ce "
        "il elle ils sont été avec plus son sa ses leur leurs mais ou où nous vous on cette "
        "ces qu l d c n j lui aussi comme tout être fait y selon entre"
    ),
    "es": (
        "el la los las de del y en que un una por con para es se no al lo su sus como más "
        "pero ha han fue son este esta entre sobre también muy sin hasta desde ya o le "
        "cuando donde porque según ante tras"
    ),
    "it": (
        "il lo la i gli le di del della dei delle e è un una in che per con non si da dal al "
        "alla nel nella sono ha ma anche come più questo questa sul sulla l dell all degli "
        "essere stato stata tra fra"
    ),
    "pt": (
        "o a os as de do da dos das e em no na nos nas um uma que por para com não se é ao à "
        "foi mais como mas seu sua ele ela pelo pela são também já entre sobre após"
    ),
    "de": (
        "der die das und in den von zu mit ist im dem nicht ein eine sich auf für des es auch "
        "an als er sie wird bei nach aus wie hat sind war oder noch werden dass einen einer "
        "nur um am zum zur über vor wurde gegen seine ihre"
    ),
    "nl": (
        "de het een en van in is dat op te zijn met voor niet die er aan als ook door bij maar "
        "om hij ze was wordt werd naar heeft tot uit dan nog wel of worden zich deze hun"
    ),
    "tr": (
        "ve bir bu da de için ile olarak çok daha gibi ama ne kadar sonra olan ise değil ki "
        "var göre şu her en olduğu tarafından yeni ancak veya hem ilk diye"
    ),
    "az": (
        "və bir bu da də üçün ilə olaraq çox daha kimi amma nə qədər sonra olan isə deyil ki "
        "var görə hər ən olduğu tərəfindən yeni lakin ya həm ilk"
    ),
    "ru": (
        "и в не на что с по как а к из у за от о же для это то так но его все она он они бы "
        "был была было были уже если или только до при мы вы их ее её также который "
        "которые после более"
    ),
    "uk": (
        "і в у не на що з по як а до від за для це та але його всі вона він вони б був була "
        "було були вже якщо або тільки при ми ви їх її також який які після більш є й"
    ),
    "ar": (
        "في من على إلى أن عن مع هذا هذه التي الذي كان قد ما لا و أو ثم بين حيث كما إن ذلك "
        "تلك عند بعد قبل هو هي لم لن"
    ),
    "fa": (
        "و در به از که این را با است برای آن یک خود تا هم شد می ها کرد شده نیز بر اما پس "
        "بود های دارد کند"
    ),
}

NAMES: dict[str, str] = {
    "en": "English", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "de": "German", "nl": "Dutch", "tr": "Turkish", "az": "Azerbaijani", "ru": "Russian",
    "uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "hy": "Armenian", "el": "Greek", "he": "Hebrew", "hi": "Hindi",
    "ka": "Georgian", "th": "Thai", "und": "undetermined",
}

# Function words of other languages that are also common in English news
# ("war", "die", "met", "son", names such as "de Gaulle", "La Paz"). They say
# nothing against English, so they do not count as evidence for the other
# language when it is weighed against English.
ENGLISH_LOOKALIKES = word_set(
    "die war hat am um so den des er son plus con sin come per tra ha ma da dal al met door "
    "op om ten dan wel as do no me var her bir bu de la le ne ya ki"
)

# Letters that tell apart languages sharing a script.
MARKERS: dict[str, str] = {
    "uk": "іїєґ",
    "ru": "ыэъё",
    "fa": "پچژگکی",  # Persian letters, and Persian forms of kaf and yeh
    "ar": "ةيكى",  # teh marbuta and the Arabic forms of yeh and kaf
    "az": "ə",
}

# (first code point, script) in ascending order; a code point belongs to the
# last start at or below it. "-" marks ranges that are no script we track.
SCRIPT_RANGES: tuple[tuple[int, str], ...] = (
    (0x0000, "Latin"),
    (0x02B0, "-"),
    (0x0370, "Greek"),
    (0x0400, "Cyrillic"),
    (0x0530, "Armenian"),
    (0x0590, "Hebrew"),
    (0x0600, "Arabic"),
    (0x0700, "-"),
    (0x0750, "Arabic"),
    (0x0780, "-"),
    (0x0900, "Devanagari"),
    (0x0980, "-"),
    (0x0E00, "Thai"),
    (0x0E80, "-"),
    (0x10A0, "Georgian"),
    (0x1100, "Hangul"),
    (0x1200, "-"),
    (0x1E00, "Latin"),
    (0x1F00, "Greek"),
    (0x2000, "-"),
    (0x3040, "Kana"),
    (0x3100, "-"),
    (0x3130, "Hangul"),
    (0x3190, "-"),
    (0x3400, "Han"),
    (0x4DC0, "-"),
    (0x4E00, "Han"),
    (0xA000, "-"),
    (0xAC00, "Hangul"),
    (0xD7B0, "-"),
    (0xF900, "Han"),
    (0xFB00, "-"),
    (0xFB50, "Arabic"),
    (0xFE00, "-"),
    (0xFE70, "Arabic"),
    (0xFF00, "-"),
    (0xFF66, "Kana"),
    (0xFFA0, "-"),
)

# Scripts that one language owns among those we name.
SCRIPT_LANGUAGE: dict[str, str] = {
    "Armenian": "hy", "Greek": "el", "Hebrew": "he", "Devanagari": "hi", "Georgian": "ka",
    "Thai": "th", "Hangul": "ko",
}


def word_languages() -> dict[str, tuple[str, ...]]:
    """Map each function word to the languages whose profile lists it."""
    table: dict[str, list[str]] = {}
    for lang, words in PROFILES.items():
        for word in words.split():
            langs = table.setdefault(word, [])
            if lang not in langs:
                langs.append(lang)
    return {word: tuple(langs) for word, langs in table.items()}
