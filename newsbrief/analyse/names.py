"""When two written names are one person: spelling and transliteration variants, shortened
forms, surname-only references.

A name is split into given names and a surname (Arabic articles such as ``al-`` set apart).
Each word is compared twice: as spelled (rapidfuzz ratio) and as a consonant skeleton that
ignores what transliteration varies most (vowels, doubled letters, q/k, ph/f ...), so
"Miqdad"/"Mokdad", "Shallal"/"Shalal", "Jassim"/"Jassem" agree while "Bashar"/"Hafez" do not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz

# Letters of Latin-script names, accents included ("Peña", "Calderón", "Óscar"), as the
# contents of a character class: the capitals and small letters of ASCII and of Latin-1 and
# Latin Extended-A/B. An ASCII-only class cut "Felipe Calderón" to "Felipe Calder".
_LATIN = [chr(c) for c in range(0xC0, 0x250)]
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
# One capitalised word of a name, with an Arabic or European particle before it ("al-Shallal",
# "de Blasio") and hyphenated parts ("Abdul-Aziz"), for the regexes that find names by cues.
# An apostrophe stays inside a word ("O'Brien") unless it starts a possessive, which ends the
# name: "President Felipe Calderon's National Action Party" names Felipe Calderon, not
# "Felipe Calderon's National Action".
NAME_PARTICLE = r"(?:(?:al|el|bin|ibn|de|van|von|da|di|le|la)[- ])?"
_NAME_PART = rf"[{UPPER}](?:[{UPPER}{LOWER}]|['’](?![sS]\b))+"
NAME_WORD = rf"{NAME_PARTICLE}{_NAME_PART}(?:-{_NAME_PART})*"

# Words that join a name but do not identify anyone: Arabic and European particles.
PARTICLES = frozenset("al el ul bin ibn de da di del dos das van von der du la le".split())
# Spelled-word similarity (0-100) at or above which two name words are one spelling apart.
SAME_WORD = 80
# Similarity of joined given names ("abdulaziz" / "abulaziz") at or above which they match.
SAME_GIVEN = 80
# Honorifics the tagger takes into a name. Left in, "sheik" would be both emirs' first given
# name, and Sheik Hamad bin Khalifa and his son Sheik Tamim bin Hamad (who shares the name
# Hamad) would be one person whose middle names agree.
_HONORIFICS = frozenset("sheik sheikh shaikh sir dame".split())
# Generational suffixes after a surname.
_SUFFIXES = frozenset("jr sr ii iii iv".split())
_SPLIT = re.compile(r"[\s\-‐–]+")
_POSSESSIVE = re.compile(r"['’]s?$")
_DIGRAPHS = (("ph", "f"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("sh", "s"),
             ("ch", "c"), ("ck", "k"), ("q", "k"), ("z", "s"), ("x", "ks"))


@dataclass(frozen=True)
class Name:
    given: tuple[str, ...]  # lowercased given names, particles removed
    surname: str  # lowercased, "" when the name is empty
    # Written with an umlaut ("ö" read as "oe"); not part of what the name is.
    umlaut: bool = field(default=False, compare=False)

    @property
    def full(self) -> bool:
        return bool(self.given)

    @property
    def key(self) -> str:
        """Spelling key: two mentions with the same key are written the same way."""
        return " ".join((*self.given, self.surname))


# German umlauts are written "ue", "oe", "ae" where they cannot be typed: "Jürgen" is
# "Juergen", one spelling. Letters that no accent-stripping turns into ASCII get their usual
# English spelling: "Løkke" is "Lokke", "Łukasz" is "Lukasz".
_UMLAUT_LETTERS = frozenset("üöäÜÖÄ")
_ASCII_SPELLINGS = str.maketrans({
    "ü": "ue", "ö": "oe", "ä": "ae", "Ü": "Ue", "Ö": "Oe", "Ä": "Ae", "ø": "o", "Ø": "O",
    "æ": "ae", "Æ": "Ae", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d",
    "þ": "th", "Þ": "Th"})


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_SPELLINGS))
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=20_000)
def parse(text: str) -> Name:
    """"Abdul-Aziz Jassem al-Shallal's" -> given (abdul, aziz, jassem), surname shallal."""
    words = [w for w in _SPLIT.split(_ascii(text).lower().strip(" ,.;:\"'“”‘’()")) if w]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    words = [re.sub(r"[^a-z0-9']", "", w) for w in words]
    words = [w for w in words if w and w not in PARTICLES and w != "the"]
    while len(words) > 1 and words[0] in _HONORIFICS:  # "Sheik Tamim bin Hamad al-Thani"
        words.pop(0)
    while len(words) > 1 and words[-1] in _SUFFIXES:  # "George O'Toole Jr." is O'Toole
        words.pop()
    if not words:
        return Name((), "")
    return Name(tuple(words[:-1]), words[-1], umlaut=not _UMLAUT_LETTERS.isdisjoint(text))


@lru_cache(maxsize=20_000)
def skeleton(word: str) -> str:
    """Consonant skeleton: initial letter (vowels folded to 'a'), then consonants without
    vowels or repeats. "miqdad" and "mokdad" -> "mkd"; "shallal" and "shalal" -> "sl"."""
    w = word.lower()
    for a, b in _DIGRAPHS:
        w = w.replace(a, b)
    if not w:
        return ""
    head = "a" if w[0] in "aeiouy" else w[0]
    out = [head]
    for c in w[1:]:
        if c in "aeiouyw'" or c == out[-1]:
            continue
        out.append(c)
    return "".join(out)


def same_word(a: str, b: str) -> bool:
    """Two spellings of one name word."""
    if a == b:
        return bool(a)
    if not a or not b or a[0].isdigit() or b[0].isdigit():
        return False
    # Spelled alike: only for words long enough that one letter is not most of the word
    # ("May" and "Macy" are two names).
    if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= SAME_WORD and _fold(a[0]) == _fold(b[0]):
        return True
    sa, sb = skeleton(a), skeleton(b)
    # A skeleton of one or two letters ("l" for Louai/Loay) is too short to trust alone.
    return sa == sb and (len(sa) >= 3 or fuzz.ratio(a, b) >= 60)


@lru_cache(maxsize=1)
def _given_names() -> dict[str, tuple[float, float]]:
    """First names of the 1990 US census (5,163 of them: James, Michael, Barry, Diane, Andre),
    as shipped by the ``names`` package, each with the share of men and of women who bear it
    (percent)."""
    try:
        root = resources.files("names")
    except ModuleNotFoundError:  # an install without it: no word counts as a given name
        return {}
    shares: dict[str, list[float]] = {}
    for k, part in enumerate(("dist.male.first", "dist.female.first")):
        for line in (root / part).read_text(encoding="ascii").splitlines():
            if line.strip():
                word, share = line.split()[:2]
                shares.setdefault(word.lower(), [0.0, 0.0])[k] = float(share)
    return {w: (m, f) for w, (m, f) in shares.items()}


def given_name(word: str) -> bool:
    """Whether ``word`` is a common first name."""
    return word.lower() in _given_names()


# A first name is a man's (a woman's) when at least this many times more men (women) bear it.
SEX_RATIO = 10.0


def sex_of(word: str) -> str:
    """"m" or "f" for a first name borne mostly by men or by women ("Andrew", "Andrea"), ""
    for one borne by both ("Jordan", "Leslie") or not a common first name."""
    male, female = _given_names().get(word.lower(), (0.0, 0.0))
    if male > SEX_RATIO * female:
        return "m"
    if female > SEX_RATIO * male:
        return "f"
    return ""


def other_sex(a: str, b: str) -> bool:
    """Whether two first names are a man's and a woman's ("Andrea" / "Andrew", "Michelle" /
    "Michael"): spelled alike, but two people, never one name respelled."""
    sa, sb = sex_of(a), sex_of(b)
    return bool(sa and sb and sa != sb)


def may_be_surname(word: str, surname: str) -> bool:
    """Whether a name written as one word can be the surname ``surname`` (both as ``parse``
    gives them). A common first name is that surname only as spelled the same: respelled, it
    is far more often someone's first name ("Michael" the baby and Sheriff Robert Maciol,
    "Barry" the brother and Sandra Berry, Antar "Jackson" and his wife Christina Jacobson),
    since a lowercased scrape hides the surname that follows it."""
    if word == surname:
        return bool(word)
    return same_word(word, surname) and not given_name(word) and _has_vowel(word)


def _has_vowel(word: str) -> bool:
    """A word without a vowel ("cnn", "nbc") is an acronym, not a respelled name."""
    return any(c in "aeiouy" for c in word)


def same_name_word(a: str, b: str) -> bool:
    """``same_word`` for two names written as one word each. A common first name matches
    another word only spelled alike, not by its consonant skeleton alone: "Larry" and "Laura"
    (Summers and Tyson) share one and are two names."""
    if (a != b and not (_has_vowel(a) and _has_vowel(b))) or other_sex(a, b):
        return False
    if a != b and (given_name(a) or given_name(b)):
        return (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= SAME_WORD
                and _fold(a[0]) == _fold(b[0]))
    return same_word(a, b)


def _fold(letter: str) -> str:
    """Initial letters transliterations swap: Gaddafi/Qaddafi/Kadhafi, Osama/Usama."""
    if letter in "gqkc":
        return "k"
    return "a" if letter in "aeiouy" else letter


def _initial(a: str, b: str) -> bool:
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two lists of given names can belong to one person."""
    if not a or not b:
        return True
    # A woman's and a man's first name spelled alike ("Andrea" / "Andrew" Smith) are two
    # people, never one name respelled. (One source may still drop the first given name:
    # "Louis Dreyfuss" for Julia Louis-Dreyfus, below.)
    if not other_sex(a[0], b[0]):
        if same_word(a[0], b[0]) or _initial(a[0], b[0]):
            return not _middle_names_differ(a, b)
        # Written together or apart: "Abulaziz" vs "Abdul Aziz (Jassim)".
        ja, jb = "".join(a), "".join(b)
        short, long_ = (ja, jb) if len(ja) <= len(jb) else (jb, ja)
        if len(short) >= 5 and short[0] == long_[0]:
            best = max(fuzz.ratio(short, long_[:n]) for n in range(
                len(short) - 1, min(len(long_), len(short) + 3) + 1))
            if best >= SAME_GIVEN:
                return True
    # One source drops the first given name: "Jassim al-Shallal" vs "Abdul Aziz Jassim ...".
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return len(shorter) < len(longer) and all(any(same_word(x, y) for y in longer)
                                              for x in shorter)


def _middle_names_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Both name someone with middle names and none of one's is any of the other's: "John
    Forbes Nash" and "John Charles Nash" are father and son, "George H.W." and "George W."
    Bush too. An initial matches its name ("John F. Nash")."""
    ma, mb = a[1:], b[1:]
    return bool(ma and mb) and not any(same_word(x, y) or _initial(x, y)
                                       for x in ma for y in mb)


def same_person(a: Name, b: Name) -> bool:
    """Whether two written names can be one person (surnames agree, given names compatible)."""
    if not a.surname or not b.surname:
        return False
    return same_word(a.surname, b.surname) and same_given(a.given, b.given)


def spelled_differently(a: Name, b: Name) -> bool:
    """Whether two names of one person differ in spelling, not only in length: "Jassim" vs
    "Jassem" does, "Bashar Assad" vs "Assad" does not."""
    wa = [*a.given, a.surname]
    wb = [*b.given, b.surname]
    # "Wikström" is written "Wikstroem" (German style) as well as "Wikstrom" (the dots dropped):
    # one spelling either way. Only when one of the two had the umlaut: "Boehner" / "Bohner"
    # differ.
    fold = _no_umlaut if a.umlaut or b.umlaut else str
    if fold(a.surname) != fold(b.surname) and not _plain_s(a.surname, b.surname):
        return True
    shorter, longer = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return not all(any(fold(w) == fold(x) or _initial(w, x) or _short_form(w, x)
                       for x in longer)
                   for w in shorter)


def _no_umlaut(word: str) -> str:
    """A word with "ae", "oe", "ue" read as "a", "o", "u"."""
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _plain_s(a: str, b: str) -> bool:
    """"Hortons" for "Horton", "Mugabes" for "Mugabe": a possessive that lost its apostrophe
    (or a chain's name), not a second spelling; "Joness" for "Jones" stays one."""
    short, long_ = sorted((a, b), key=len)
    return long_ == short + "s" and not short.endswith("s")


def _short_form(a: str, b: str) -> bool:
    """"Chris" for "Christopher", "Alex" for "Alexander": a familiar short form."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 3 and long_.startswith(short)


_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_MINOR = frozenset("of the for and in on at to".split())


def acronym_of(short: str, long_: str) -> bool:
    """"FSA" for "Free Syrian Army", "LCC" for "Local Coordination Committees (of Syria)"."""
    if not _ACRONYM.match(short):
        return False
    words = [w for w in _SPLIT.split(long_) if w and w.lower() not in _MINOR]
    initials = "".join(w[0].upper() for w in words)
    return len(short) >= 2 and (initials == short or (len(short) >= 3 and
                                                      initials.startswith(short)))
