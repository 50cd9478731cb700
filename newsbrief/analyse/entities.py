"""People, organisations and places across the articles of a story, with their variants merged.

Mentions come from the tagger (``nlp.tag``) on a budget of sentences, then every name found is
looked up by string in the sentences the tagger did not read, and people introduced by a title
("Maj. Gen. X") are taken from every sentence. Mentions are then clustered per kind:
people by ``names.same_person`` (full names first, each joining a cluster only if it matches
every full name already there, so "Bashar al-Assad" and "Hafez al-Assad" never chain together),
then surname-only mentions joined to the person of that surname in the same article, else to
the only person of that surname in the story.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ..model import Article, Sentence
from ..text import STOPWORDS, stem
from . import nlp, titles
from .names import (LOWER, Name, acronym_of, may_be_surname, parse, same_name_word, same_person,
                    same_word)
from .titles import Title

# Words of sentences the tagger reads per story: about 70 ms of spaCy on two idle cores (it
# reads 5,000-6,000 tokens/s). Short stories (Multi-News clusters) are read whole; in long ones
# the sentences that carry facts (numbers, dates, titles) are read first, then those with the
# most capitalised words. The other sentences get the string look-ups and cue rules below.
NER_WORD_BUDGET = 400
# Organisation/place names this similar (0-100) are one name written two ways ("al-Arabiya").
SAME_ORG = 90
_NUMBERISH_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred thousand million billion monday tuesday wednesday thursday friday saturday "
    "sunday january february march april june july august september october november "
    "december".split())
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
# Characters a case-insensitive regex would take for an ASCII letter but ``lower()`` does not
# turn into one ("ſix" is "six" to re.I).
_FOLDS_TO_ASCII = re.compile("[\u017f\u0131\u0130\u212a]")


def _numberish(text: str) -> bool:
    """A digit, or a number, weekday or month as a whole word: what facts are made of. A set
    look-up: a case-insensitive alternation of the words is slow to fail on every sentence."""
    if _DIGIT.search(text):
        return True
    words = _WORD.findall(text.lower())
    if _FOLDS_TO_ASCII.search(text):
        words += _WORD.findall(text.lower().translate(_ASCII_FOLDS))
    return not _NUMBERISH_WORDS.isdisjoint(words)


_ASCII_FOLDS = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0130": "i", "\u212a": "k"})
_CAPITAL = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]")
_NOT_A_NAME = frozenset(
    "he she it they we i you his her their its this that these those there here who what "
    "monday tuesday wednesday thursday friday saturday sunday".split())


@dataclass(frozen=True)
class Mention:
    article: str
    start: int  # offsets into Article.text, title excluded
    end: int
    text: str
    kind: str
    sentence: int  # index into the sentences given to ``find``
    title: Title | None = None
    title_start: int = -1
    title_end: int = -1


@dataclass(frozen=True)
class Entity:
    id: int
    name: str
    kind: str
    variants: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: tuple[Mention, ...]

    def to_dict(self) -> dict[str, object]:
        return {"name": self.name, "kind": self.kind, "variants": list(self.variants),
                "articles": list(self.articles)}


def is_lowercased(text: str) -> bool:
    """Multi-News style text, lowercased except at sentence starts: names cannot be told
    from common words by their case there."""
    sample = text[:5000]
    words = re.findall(r"(?<=[a-z,] )[A-Za-z]+", sample)
    return len(words) >= 30 and sum(w[0].isupper() for w in words) / len(words) < 0.01


def choose_for_tagging(sentences: Sequence[Sentence], budget: int = NER_WORD_BUDGET,
                       titled: Sequence[bool] | None = None) -> list[int]:
    """Indexes of the sentences worth the tagger's time, within ``budget`` words, one per
    distinct text (syndicated copies are read once). ``titled``: whether each sentence has a
    titled name (found when not given)."""
    firsts: dict[str, int] = {}
    for i, s in enumerate(sentences):
        firsts.setdefault(s.text, i)

    def priority(i: int) -> tuple[int, int, int, int]:
        text = sentences[i].text
        has_title = titled[i] if titled is not None else titles.names_after_titles(text)
        facts = bool(has_title or _numberish(text))
        return (-facts, -min(len(_CAPITAL.findall(text)), 3), sentences[i].position, i)

    chosen, used = [], 0
    for i in sorted(firsts.values(), key=priority):
        n = sentences[i].words
        if used + n > budget and chosen:
            continue
        chosen.append(i)
        used += n
    return sorted(chosen)


def _strip(text: str) -> tuple[int, int]:
    """Offsets inside ``text`` of the name without a leading "the", possessive, punctuation."""
    start, end = 0, len(text)
    m = re.match(r"(?i)(the\s+)", text)
    if m:
        start = m.end()
    m = re.search(r"['’]s?$", text[start:end])
    if m:
        end = start + m.start()
    while end > start and text[end - 1] in " ,.;:-\"'“”":
        end -= 1
    while start < end and text[start] in " ,.;:-\"'“”":
        start += 1
    return start, end


def find_mentions(articles: Sequence[Article], sentences: Sequence[Sentence]) -> list[Mention]:
    by_id = {a.id: a for a in articles}
    lower = {a.id: is_lowercased(a.text) for a in articles}
    # Titled names ("Maj. Gen. X") are looked for once per sentence: the pattern is slow.
    titled = [titles.names_after_titles(s.text) for s in sentences]
    chosen = choose_for_tagging(sentences, titled=[bool(t) for t in titled])
    tags = dict(zip(chosen, nlp.tag([sentences[i].text for i in chosen]), strict=True))
    by_text = {sentences[i].text: t for i, t in tags.items()}

    raw: list[tuple[int, int, int, str]] = []  # (sentence, start, end, kind), sentence offsets
    surfaces: dict[str, str] = {}
    for i, s in enumerate(sentences):
        found = by_text.get(s.text)
        if found is None:
            continue
        for t in found:
            raw.append((i, t.start, t.end, t.kind))
            a, b = _strip(s.text[t.start:t.end])
            surfaces.setdefault(s.text[t.start + a:t.start + b], t.kind)
    # Names the tagger found, looked up in every sentence (it did not read them all, and misses
    # some mentions in those it read). In cased text a
    # person's surname alone counts too ("Shallal said ..."); not in lowercased text, where
    # "brown" is as likely a colour as Dan Brown.
    lookups: dict[str, str] = {}
    # Surnames of lowercased names ("obama" of "barack obama"): a name only right after a
    # title ("vice president obama"), the one cue lowercased text still gives.
    titled_only: set[str] = set()
    for surface, kind in surfaces.items():
        if len(surface) < 3 or surface.lower() in _NOT_A_NAME:
            continue
        lookups[surface] = kind
        if kind == "person" and len(surface.split()) >= 2:
            last = re.sub(r"^(?i:al|el)-", "", surface.split()[-1])
            if len(last) < 4 or last in lookups or last.lower() in _NOT_A_NAME:
                continue
            if last[0].isupper():
                lookups[last] = "person"
            elif last.isalpha() and last.islower():
                lookups[last] = "person"
                titled_only.add(last)
    if lookups:
        alternation = "|".join(re.escape(s) for s in sorted(lookups, key=len, reverse=True))
        rx = re.compile(rf"(?<![\w-])(?P<p>(?:[Aa]l|[Ee]l)-)?(?P<n>{alternation})(?![\w-])")
        for i, s in enumerate(sentences):
            for m in rx.finditer(s.text):
                if m.group("n") in titled_only:
                    if titles.before(s.text, m.start()) is None:
                        continue
                elif lower[s.article] and m.group("n") not in surfaces:
                    continue
                raw.append((i, m.start(), m.end(), lookups[m.group("n")]))
    # Cue rules ("said X", "X province", titles) where the tagger did not read, in cased text.
    for i, s in enumerate(sentences):
        if s.text in by_text or lower[s.article]:
            continue
        raw += [(i, t.start, t.end, t.kind) for t in nlp.rule_tags(s.text, titled[i])]
    # People named in lowercase right after a title ("president obama"), in lowercased text.
    if any(lower.values()):
        found_lower = _lowercase_titled(sentences, lower)
        # Their extent is the words the articles share after the title: a lowercase span the
        # tagger read from the same word runs on into the sentence ("obama thrice", "obama
        # today") and gives way.
        starts = {(i, a) for i, a, _ in found_lower}
        raw = [r for r in raw if (r[0], r[1]) not in starts]
        raw += [(i, a, b, "person") for i, a, b in found_lower]
    # People introduced by a title, in every sentence.
    titled_at: set[tuple[int, int]] = set()
    for i, found_titles in enumerate(titled):
        for m in found_titles:
            raw.append((i, m.start("name"), m.end("name"), "person"))
            titled_at.add((i, m.start("name")))

    raw.sort(key=lambda r: (r[0], r[1], -(r[2] - r[1])))
    out: list[Mention] = []
    last_end: dict[int, int] = defaultdict(lambda: -1)
    for i, start, end, kind in raw:
        if start < last_end[i]:
            continue
        s = sentences[i]
        art = by_id[s.article]
        text = s.text[start:end]
        a, b = _strip(text)
        if kind != "person" and (i, start + a) in titled_at:
            # A name right after a person's title is a person, whatever the tagger (or the
            # look-up of what it tagged elsewhere) called it: the small model often takes a
            # lone first name for an organisation ("gov. Scott walker" in lowercased text,
            # where only the word after the abbreviation's period is capitalised).
            kind = "person"
        title: Title | None = None
        t_start = t_end = -1
        if kind == "person":
            lead = titles.leading(text[a:b])
            if lead is not None:  # the tagger took the title in: "Gen Abulaziz al-Shalal"
                a += lead[0]
            # Read the title back from the sentence, so "Lt" before a tagged "Gen X" counts.
            found = titles.before(s.text, start + a)
            if found is not None:
                title = found[1]
                t_start = s.start + found[0]
                t_end = t_start + len(title.text)
            else:
                app = titles.appositive(s.text, start + b)
                if app is not None:
                    title, t_start, t_end = app[2], s.start + app[0], s.start + app[1]
        name = text[a:b]
        if len(name) < 2 or name.lower() in _NOT_A_NAME or not any(c.isalpha() for c in name):
            continue
        if not lower[s.article] and not any(c.isupper() for c in name):
            continue  # "warplanes": a common word the tagger took for a name
        last_end[i] = end
        out.append(Mention(s.article, s.start + start + a, s.start + start + b, name, kind, i,
                           title, t_start, t_end))
    return out


# A title followed by lowercase words, in lowercased text ("vice president obama", "judge
# thokozile masipa"): the words are a name only sometimes ("judge raised", "general manager").
_LOWER_AFTER_TITLE = re.compile(
    rf"(?<![\w-])(?i:{titles.TITLE})\.?\s+"
    rf"(?P<name>[{LOWER}][{LOWER}'’-]{{2,}}(?:\s+[{LOWER}][{LOWER}'’-]+){{0,2}})")
_LOWER_AFTER_LAST_WORD = re.compile(rf"\b([A-Za-z]+)\.?\s+(?=[{LOWER}])")
# Characters of context either side of a lowercase titled name given to the tagger with it.
_TRUECASE_CONTEXT = 40


def _lowercase_titled(sentences: Sequence[Sentence],
                      lower: dict[str, bool]) -> list[tuple[int, int, int]]:
    """People named in lowercase right after a title in lowercased articles, as (sentence,
    start, end) in the sentence. Lowercased text gives the tagger no capitals to go by, and
    the small model tags almost no lowercase name; so the words after the title are
    capitalised and the tagger asked again ("president Obama"). Capitalised, almost any word
    after a title reads as a name to it ("judge Raised"), so only words that follow a title in
    two or more articles of the story are asked about: a name the outlets all give with a
    title, as they do the people a story is about; and of the words after the first, only those
    another article also gives after it ("president barack obama of" / "president barack obama
    next": "barack obama"; "president trump speaks" / "president trump": "trump")."""
    if not nlp.available():
        return []  # the cue rules would take any capitalised word after a title for a name
    found: list[tuple[int, int, list[str]]] = []  # (sentence, start, the words after the title)
    where: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for i, s in enumerate(sentences):
        if not lower[s.article] or not any(
                w.lower() in titles._LAST_WORDS for w in _LOWER_AFTER_LAST_WORD.findall(s.text)):
            continue
        for m in _LOWER_AFTER_TITLE.finditer(s.text):
            words = []
            for w in m.group("name").split():
                if w in STOPWORDS or w in _NOT_A_NAME or w in _NUMBERISH_WORDS:
                    break
                words.append(w)
            if not words:
                continue
            found.append((i, m.start("name"), words))
            where[words[0]].append((s.article, words))
    asked = []
    for i, a, words in found:
        shared = [_common_prefix(words, other) for art, other in where[words[0]]
                  if art != sentences[i].article]
        if shared:
            asked.append((i, a, a + len(" ".join(words[:max(shared)]))))
    if not asked:
        return []
    windows = []
    for i, a, b in asked:
        text = sentences[i].text
        lo = max(0, a - _TRUECASE_CONTEXT)
        cased = " ".join(w[:1].upper() + w[1:] for w in text[a:b].split(" "))
        windows.append((lo, text[lo:a] + cased + text[b:b + _TRUECASE_CONTEXT]))
    out = []
    for (i, a, b), (lo, _), tags in zip(asked, windows, nlp.tag([w for _, w in windows]),
                                        strict=True):
        for t in tags:
            if t.kind == "person" and lo + t.start == a:
                out.append((i, a, min(b, lo + t.end)))
                break
    return out


def _common_prefix(a: list[str], b: list[str]) -> int:
    """How many words ``a`` and ``b`` begin with alike, spelling variants included ("lech
    kaczynski" / "lech kaczinski": two). Two forms of one word ("commuted" / "commutes") are
    a verb after the name, not two spellings of it."""
    n = 0
    while n < min(len(a), len(b)) and (a[n] == b[n] or (
            same_word(a[n], b[n]) and stem(a[n]) != stem(b[n]))):
        n += 1
    return n


# ---------------------------------------------------------------------------------------------
# Clustering


def _cluster_people(mentions: list[Mention]) -> list[list[Mention]]:
    names = {id(m): parse(m.text) for m in mentions}
    full = sorted((m for m in mentions if names[id(m)].full),
                  key=lambda m: -len(names[id(m)].given))
    clusters: list[list[Mention]] = []
    heads: list[list[Name]] = []  # distinct full names of each cluster
    for m in full:
        n = names[id(m)]
        for c, hs in zip(clusters, heads, strict=True):
            if all(same_person(n, h) for h in hs):
                c.append(m)
                if n not in hs:
                    hs.append(n)
                break
        else:
            clusters.append([m])
            heads.append([n])
    # "Mohammed bin Salman": Salman is his father's name, and "King Salman" alone is the father.
    sons = {k for k, c in enumerate(clusters) if any(patronymic(m.text) for m in c)}
    orphans: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        n = names[id(m)]
        if n.full or not n.surname:
            continue
        matches = [k for k, hs in enumerate(heads)
                   if may_be_surname(n.surname, hs[0].surname) and k not in sons]
        local = [k for k in matches if any(x.article == m.article for x in clusters[k])]
        if len(local) == 1:
            clusters[local[0]].append(m)
        elif not local and len(matches) == 1:
            clusters[matches[0]].append(m)
        elif not matches:
            orphans[n.surname].append(m)
        # Two people of that surname in the article and nothing to tell them apart: leave it.
    # Surname-only mentions with no full name: one cluster per spelling family.
    keys: list[str] = []
    for surname, ms in orphans.items():
        for k, key in enumerate(keys):
            if same_name_word(surname, key):
                clusters[-len(keys) + k].extend(ms)
                break
        else:
            clusters.append(list(ms))
            keys.append(surname)
    return clusters


# A dateline opening a sentence: a few words, maybe a state and the outlet, then a dash ("Fort
# pierce —", "louisville, ky. ( ap ) —", "LONDON (Reuters) - ").
_DATELINE = re.compile(r"^[^\W\d][^—–()\n]{0,38}?(?:\(\s*[\w.&' ]{1,30}\s*\)\s*)?(?:—|--|–| - )")


def in_dateline(m: Mention, s: Sentence) -> bool:
    """Whether mention ``m`` of sentence ``s`` is the place of a dateline: where the story was
    filed, not where what the sentence reports happened."""
    d = _DATELINE.match(s.text)
    return bool(d) and m.end - s.start <= d.end() and len(d.group().split()) <= 7


_PATRONYMIC = re.compile(r"(?i)\b(?:bin|ibn|bint)[\s-]+[\w'’-]+$")


def patronymic(name: str) -> bool:
    """Whether a full name ends in a father's name ("Mohammed bin Salman"): its last word
    alone names the father, not this person."""
    return _PATRONYMIC.search(name.strip()) is not None


def _org_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).replace("_", " ").split())


def _cluster_names(mentions: list[Mention]) -> list[list[Mention]]:
    """Organisations and places: same words, an acronym, or one spelling apart."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[_org_key(m.text)].append(m)
    keys = sorted(groups, key=lambda k: (-len(k), k))
    clusters: list[list[str]] = []
    for k in keys:
        surface = groups[k][0].text
        for c in clusters:
            long_ = groups[c[0]][0].text
            if (acronym_of(surface, long_) or
                    (len(k) >= 6 and fuzz.ratio(k, c[0]) >= SAME_ORG and k[0] == c[0][0])):
                c.append(k)
                break
        else:
            clusters.append([k])
    return [[m for k in c for m in groups[k]] for c in clusters]


def _display_name(ms: list[Mention], kind: str) -> str:
    counts = Counter(m.text for m in ms)
    if kind == "person":
        return max(counts, key=lambda t: (len(parse(t).given) > 0, counts[t], len(t)))
    return max(counts, key=lambda t: (not t.isupper(), counts[t], len(t)))


def _variants(ms: list[Mention]) -> tuple[str, ...]:
    by_form: dict[str, Counter[str]] = defaultdict(Counter)
    for m in ms:
        by_form[m.text.lower()][m.text] += 1
    forms = [c.most_common(1)[0][0] for c in by_form.values()]
    order = {m.text: i for i, m in reversed(list(enumerate(ms)))}
    return tuple(sorted(forms, key=lambda f: order.get(f, 0)))


def cluster(mentions: Sequence[Mention], article_order: Sequence[str]) -> list[Entity]:
    """Entities of a story, most widely reported first."""
    rank = {a: i for i, a in enumerate(article_order)}
    # The small model often tags a lone surname as an organisation ("al-Assad", "Brahimi"):
    # one that is the surname of a person named in full in the story is that person.
    surnames = {parse(m.text).surname for m in mentions
                if m.kind == "person" and parse(m.text).full}
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        n = parse(m.text)
        if (m.kind == "organisation" and not n.full and len(m.text.split()) <= 2
                and any(may_be_surname(n.surname, s) for s in surnames)):
            m = replace(m, kind="person")
        by_kind[m.kind].append(m)
    groups: list[tuple[str, list[Mention]]] = []
    for kind, ms in by_kind.items():
        parts = _cluster_people(ms) if kind == "person" else _cluster_names(ms)
        groups += [(kind, p) for p in parts if p]
    entities = []
    for kind, ms in groups:
        ms.sort(key=lambda m: (rank.get(m.article, 0), m.start))
        arts = sorted({m.article for m in ms}, key=lambda a: rank.get(a, 0))
        entities.append((kind, ms, arts))
    entities.sort(key=lambda e: (-len(e[2]), -len(e[1]), rank.get(e[1][0].article, 0),
                                 e[1][0].start))
    return [Entity(i, _display_name(ms, kind), kind, _variants(ms), tuple(arts), tuple(ms))
            for i, (kind, ms, arts) in enumerate(entities)]
