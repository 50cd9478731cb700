import re, sys
sys.path.insert(0, 'scripts/quality2')
import trim as T
SAYV = r"(?:said|says|added|told\s+[a-z .'-]{1,30}?|reported|reports|wrote|writes|explained|noted|tweeted|announced)"
WHO = r"(?:(?:the\s+)?(?:he|she|they|it|police|officials|authorities|[a-z][a-z.'-]+(?:\s+[a-z][a-z.'-]+){0,3}))"
WHEN = r"(?:\s+(?:on\s+|late\s+|early\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|in a statement|in an interview|in a press release|last week|this week)){0,2}"
SFX = re.compile(r",\s*" + WHO + r"\s+" + SAYV + WHEN + r"\s*\.$", re.I)
SFX_INV = re.compile(r",\s*" + SAYV + r"\s+" + WHO + WHEN + r"\s*\.$", re.I)  # ", said the official."
ACC_END = re.compile(r",\s*according to [^,\"]{2,60}?\.$", re.I)
ACC_START = re.compile(r"according to [^,\"]{2,60}?,\s+", re.I)
PAREN = re.compile(r"\s*\(\s*[^()]{1,60}?\s*\)")
def make(sfx=True, acc=True, paren=False, lead=True, **kw):
    base = T.make(**kw) if lead else None
    def fn(t):
        s, e = (base(t) if base else (0, len(t)))
        if e != len(t) or s >= e: pass
        body = t[s:e]
        ne = len(body)
        if sfx:
            for rx in (SFX, SFX_INV):
                m = rx.search(body)
                if m and '"' not in body[m.start():] and m.start() > 0:
                    ne = min(ne, m.start()); break
        if acc and ne == len(body):
            m = ACC_END.search(body)
            if m and m.start() > 0: ne = m.start()
        ns = 0
        if acc:
            m = ACC_START.match(body)
            if m: ns = m.end()
        if len(body[ns:ne].split()) < 4: return s, e
        # trimmed end: keep a full stop
        return s + ns, s + ne
    return fn
