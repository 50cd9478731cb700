"""Titles and ranks in front of people's names, reduced to a canonical form and a family.

Two outlets calling one person "Maj. Gen." and "Lt Gen" disagree; "Gen." and "Maj. Gen." do
not (the bare rank is how second references shorten a compound one), and neither do "former
Sen." and "Secretary" (people hold several offices in a career). So a title is compared only
with titles of the same family, and a bare base rank is compatible with any compound of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import NAME_PARTICLE, NAME_WORD, UPPER

# canonical title -> family. Only titles whose families hold mutually exclusive offices are
# here: "spokesman" or "leader" are descriptions, not titles that can contradict each other.
FAMILIES: dict[str, str] = {
    **dict.fromkeys(
        ["general", "lieutenant general", "major general", "brigadier general", "colonel",
         "lieutenant colonel", "major", "captain", "lieutenant", "first lieutenant",
         "second lieutenant", "sergeant", "staff sergeant", "master sergeant",
         "sergeant major", "corporal", "private", "admiral", "vice admiral", "rear admiral",
         "commodore", "commander", "lieutenant commander", "field marshal", "brigadier"],
        "rank"),
    **dict.fromkeys(
        ["president", "vice president", "prime minister", "deputy prime minister", "governor",
         "lieutenant governor", "mayor", "deputy mayor", "chancellor", "premier"], "executive"),
    **dict.fromkeys(["senator", "representative", "congressman", "congresswoman",
                     "assemblyman", "assemblywoman", "state senator"], "legislator"),
    **dict.fromkeys(["judge", "justice", "chief justice", "magistrate"], "judiciary"),
    **dict.fromkeys(["pope", "cardinal", "archbishop", "bishop"], "clergy"),
    **dict.fromkeys(["king", "queen", "prince", "princess", "crown prince", "emperor"], "royal"),
    **dict.fromkeys(["detective", "inspector", "superintendent", "sheriff", "deputy sheriff",
                     "constable", "police chief"], "police"),
}

# Ranks only an army, marines or air force give. "Commander" beside one of them is a role
# ("rebel military commander" for a general, "detective commander ... Major Dennis Fleming"),
# since the rank commander is a navy's.
_LAND_RANKS = frozenset(
    ["general", "lieutenant general", "major general", "brigadier general", "colonel",
     "lieutenant colonel", "major", "sergeant", "staff sergeant", "master sergeant",
     "sergeant major", "corporal", "private", "field marshal", "brigadier"])

# Congressman/congresswoman and representative name one office; so do premier and prime minister
# ("Italian premier Silvio Berlusconi" / "Prime Minister Silvio Berlusconi").
_SAME_OFFICE = {"congressman": "representative", "congresswoman": "representative",
                "premier": "prime minister"}

# Surface spellings -> canonical. Keys are lowercased with periods removed.
_ALIASES: dict[str, str] = {
    "gen": "general", "lt gen": "lieutenant general", "lieut gen": "lieutenant general",
    "maj gen": "major general", "brig gen": "brigadier general", "brig": "brigadier",
    "col": "colonel", "lt col": "lieutenant colonel", "maj": "major", "capt": "captain",
    "cpt": "captain", "lt": "lieutenant", "1st lt": "first lieutenant",
    "2nd lt": "second lieutenant", "sgt": "sergeant", "staff sgt": "staff sergeant",
    "master sgt": "master sergeant", "sgt maj": "sergeant major", "cpl": "corporal",
    "pvt": "private", "adm": "admiral", "vice adm": "vice admiral", "rear adm": "rear admiral",
    "cmdr": "commander", "cdr": "commander", "lt cmdr": "lieutenant commander",
    "lt cdr": "lieutenant commander", "pres": "president", "vice pres": "vice president",
    "pm": "prime minister", "gov": "governor", "lt gov": "lieutenant governor",
    "lt governor": "lieutenant governor",
    "sen": "senator", "rep": "representative", "state sen": "state senator",
    "det": "detective", "insp": "inspector", "supt": "superintendent",
}

# Words that say the title is not current: such titles never conflict with another. "Late"
# (the person has died) and "outgoing" do not: the late president was the president.
_NOT_CURRENT = {"former", "ex", "retired", "acting", "interim", "onetime", "one-time",
                "incoming", "elected"}
# "Candidate for president Chris Christie": the office sought, not held. Not "for" alone: "a
# spokesman for President Obama".
_SEEKING = {"candidate", "candidates", "run", "runs", "running", "ran", "nominee", "bid",
            "campaign", "campaigning", "vying", "seeking"}
# "Then": the title the person held at the time told, compared only with other "then" titles
# ("then-Vice President Biden" and "President Biden" can both be right).
_THEN = "then"

# Longest first so "Lt. Gen." wins over "Lt.".
_SURFACES = sorted(
    {*FAMILIES, *(_ALIASES.keys())}, key=lambda s: (-len(s.split()), -len(s))
)


def _surface_pattern(s: str) -> str:
    parts = []
    for w in s.split():
        if w in _ALIASES or w in {"lt", "maj", "gen", "col", "brig", "sgt", "adm", "cmdr"}:
            parts.append(re.escape(w) + r"\.?")  # abbreviations may carry a period
        else:
            parts.append(re.escape(w))
    return r"[\s-]+".join(parts)


TITLE = r"(?:" + "|".join(_surface_pattern(s) for s in _SURFACES) + r")"
_QUALIFIER = r"(?:(?:former|ex|retired|then|late|acting|interim|incoming|outgoing)[\s-]+)?"

# A title directly followed by a capitalised name ("Maj. Gen. Abdul Aziz Jassim al-Shallal").
# The title matches in any case ("Sen.", "sen."), the name only when capitalised, so "a major
# strategic gain" is not a major called Strategic.
TITLE_BEFORE_NAME = re.compile(
    rf"\b(?P<title>(?i:{_QUALIFIER}{TITLE}))\s+(?P<name>{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}})"
)
# The last word of every title ("gen" of "Maj. Gen."): a sentence where none of them stands
# right before a capitalised word has no titled name, and is not searched with the (slow, wide
# alternation) pattern above.
_LAST_WORDS = frozenset(w.split()[-1] for w in _SURFACES)
_BEFORE_CAPITAL = re.compile(rf"([A-Za-z]+)\.?(?=[\s-]+{NAME_PARTICLE}[{UPPER}])")


# Abbreviated titles ("Gen", "Sen", "Lt"): never a name, though written with a capital.
_ABBREVIATIONS = frozenset(k for k in _ALIASES if " " not in k)


def names_after_titles(text: str) -> list[re.Match[str]]:
    """``TITLE_BEFORE_NAME``'s matches in ``text``, less those whose name is the rest of a
    title: "Army lt. Gen." cut off before the general's name is no one called Gen."""
    if not any(w.lower() in _LAST_WORDS for w in _BEFORE_CAPITAL.findall(text)):
        return []
    return [m for m in TITLE_BEFORE_NAME.finditer(text)
            if m.group("name").split()[0].rstrip(".").lower() not in _ABBREVIATIONS]


# No comma between the title and the name: "italy's premier, trump said" is the premier's title,
# and "gov, obama on monday" a scrap of the page (an appositive title is ``appositive``'s).
_TITLE_AT_END = re.compile(rf"\b(?P<title>{_QUALIFIER}{TITLE})\s*$", re.IGNORECASE)
_TITLE_AT_START = re.compile(rf"^(?P<title>{_QUALIFIER}{TITLE})\s+", re.IGNORECASE)
# "Manaf Tlass, a brigadier general and ..." : an appositive after the name.
_APPOSITIVE = re.compile(rf"\s*,\s+(?:a|an|the)\s+(?P<title>{_QUALIFIER}{TITLE})\b",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Title:
    text: str  # as written, e.g. "Maj. Gen."
    canonical: str  # e.g. "major general"
    family: str
    current: bool
    then: bool = False  # "then-Sen. X": held at the time the article tells of


def parse(text: str) -> Title | None:
    """The title written as ``text`` ("Maj. Gen.", "former Sen."), or None if it is not one."""
    words = re.sub(r"[.]", "", text.lower()).replace("-", " ").split()
    current, then = True, False
    while words and (words[0] in _NOT_CURRENT or words[0] in (_THEN, "late", "outgoing")):
        current = current and words[0] not in _NOT_CURRENT
        then = then or words[0] == _THEN
        words = words[1:]
    key = " ".join(words)
    canonical = _ALIASES.get(key, key)
    family = FAMILIES.get(canonical)
    if family is None:
        return None
    return Title(text.strip(), canonical, family, current, then)


# "Attorney General", "Surgeon General": offices, not the military rank "general".
_NOT_A_RANK_BEFORE = re.compile(r"\b(?:attorney|surgeon|solicitor|inspector|secretary|"
                                r"postmaster|adjutant|consul|governor|procurator)[\s-]+$", re.I)


def before(text: str, start: int) -> tuple[int, Title] | None:
    """A title ending right before offset ``start`` of ``text`` (its start and the title)."""
    window = text[max(0, start - 40):start]
    m = _TITLE_AT_END.search(window)
    if not m:
        return None
    t = parse(m.group("title"))
    if t is None:
        return None
    if t.canonical == "general" and _NOT_A_RANK_BEFORE.search(window[:m.start("title")]):
        return None
    # "former BJU president Bob Jones": a qualifier a word or two before the title.
    lead_in = re.findall(r"[\w-]+", text[max(0, start - len(window) + m.start("title") - 30):
                                          start - len(window) + m.start("title")].lower())[-3:]
    sought = len(lead_in) >= 2 and lead_in[-1] == "for" and lead_in[-2] in _SEEKING
    if t.current and (sought or any(w in _NOT_CURRENT for w in lead_in)):
        t = Title(t.text, t.canonical, t.family, False, t.then)
    elif not t.then and _THEN in lead_in[-2:]:  # "then Syrian President X"
        t = Title(t.text, t.canonical, t.family, t.current, True)
    return start - len(window) + m.start("title"), t


def leading(name: str) -> tuple[int, Title] | None:
    """A title at the start of a tagged name ("Gen Abulaziz al-Shalal"): its length and it."""
    m = _TITLE_AT_START.match(name)
    if not m:
        return None
    t = parse(m.group("title"))
    if t is None or not name[m.end():].strip():
        return None
    return m.end(), t


def appositive(text: str, end: int) -> tuple[int, int, Title] | None:
    """A title in an appositive right after a name ("X, a brigadier general")."""
    m = _APPOSITIVE.match(text, end, min(len(text), end + 60))
    if not m:
        return None
    t = parse(m.group("title"))
    if t is None:
        return None
    return m.start("title"), m.end("title"), t


def compatible(a: Title, b: Title) -> bool:
    """Whether two titles of one person can both be right."""
    if not (a.current and b.current) or a.family != b.family or a.then != b.then:
        return True
    x = _SAME_OFFICE.get(a.canonical, a.canonical)
    y = _SAME_OFFICE.get(b.canonical, b.canonical)
    if x == y:
        return True
    # A bare base rank shortens a compound one: "Gen." for "Maj. Gen.", "Col." for "Lt. Col.".
    # Offices do not shorten that way: a vice president is not the president.
    if a.family == "legislator" and {x, y} == {"senator", "state senator"}:
        return True  # "state Sen. Wendy Davis", then "Senator Davis"
    if a.family == "judiciary" and {x, y} == {"judge", "justice"}:
        return True  # a justice is a judge: "Judge John Mitting", "Mr Justice Mitting"
    if a.family == "royal" and {x, y} == {"prince", "crown prince"}:
        return True  # "Crown Prince Mohammed bin Salman" is "Prince Mohammed" on second reference
    if a.family != "rank":
        return False
    if "commander" in (x, y) and (x in _LAND_RANKS or y in _LAND_RANKS):
        return True
    return (x.endswith(" " + y) and x.split()[-1] == y) or (y.endswith(" " + x) and
                                                            y.split()[-1] == x)


def titled(text: str, names: dict[str, int]) -> list[tuple[int, int, int, Title]]:
    """Titles right before any of ``names`` in ``text`` (an article): (key of the name, start
    and end of the title, the title). ``names``: regular expressions of people's written
    names, lowercase -> a key. The names are matched in any case and across sentence breaks
    ("Wisconsin Gov. | Scott Walker" when the segmenter took "Gov." for a sentence end),
    which is how titled mentions the tagger did not read (lowercased text) are still
    compared."""
    if not names:
        return []
    keys = tuple(sorted(names, key=len, reverse=True))
    rx = _names_pattern(keys)
    out = []
    for m in rx.finditer(text):
        found = before(text, m.start())
        if found is None:
            continue
        start, t = found
        k = next(i for i, g in enumerate(m.groups()) if g is not None)
        out.append((names[keys[k]], start, start + len(t.text), t))
    return out


@lru_cache(maxsize=256)
def _names_pattern(forms: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(f"({f})" for f in forms) + r")(?![\w-])",
                      re.IGNORECASE)
