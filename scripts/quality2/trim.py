import re
AG = r"(?:ap|reuters|cnn|afp|upi|ap photo|cbs news|abc news|nbc news|bbc|cnbc|ktla|kutv|wjla|newser|usa today|the hill|bloomberg|xinhua|tass)"
JUNK = [
    r"advertisement(?:skip)?\b\s*(?:-\s*)?(?:continue reading (?:the main story|below)\s*)?",
    r"continue reading the main story\s*",
    r"image copyright\b.{0,60}?\bimage caption\s*",
    r"image caption\s*",
    r"\(\s*\d{1,2}\s*:\s*\d{2}\s*\)\s*",
]
DATELINE = [
    # "washington/seoul ( reuters ) - ", "( cnn ) -- ", "( reuters ) - "
    r"(?:[a-z][a-z .,/'-]{0,40}?\s*)?\(\s*" + AG + r"\s*\)\s*(?:--|—|–|-|:)?\s*",
]
DASH_DATELINE = r"[a-z][a-z.]*(?:[ ,]+[a-z][a-z.]*){0,3}\s*(?:--|—|–)\s+"
CONJ = r"(?:but|and|so|also,|however,|meanwhile,|still,|yet)\s+"

def make(junk=True, dateline=True, dash=False, conj=False, suffix=False):
    pats = []
    if junk: pats += JUNK
    if dateline: pats += DATELINE
    if dash: pats.append(DASH_DATELINE)
    if conj: pats.append(CONJ)
    rx = re.compile("(?:" + "|".join(pats) + ")", re.I) if pats else None
    sfx = re.compile(r",\s*(?:the\s+)?(?:he|she|they|it|police|officials|[a-z][a-z.'-]+(?:\s+[a-z][a-z.'-]+){0,2})\s+(?:said|says|added|told [a-z ]{1,30}?)(?:\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|in a statement))?\s*\.$", re.I)
    def fn(t):
        s = 0
        if rx is not None:
            while True:
                m = rx.match(t, s)
                if not m or m.end() == s: break
                s = m.end()
        e = len(t)
        if suffix:
            m = sfx.search(t)
            if m and '"' not in t[m.start():] and m.start() > s: e = m.start()
        # keep at least 4 words
        if len(t[s:e].split()) < 4: return 0, len(t)
        return s, e
    return fn
