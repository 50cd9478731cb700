"""Article-level source cues: which articles' raw text names a wire agency or a large outlet,
as sentence columns (the sentence's article's flags, and how many of the story's articles
carry each)."""
import re
import numpy as np

CUES = {"ap": r"\(\s*ap\s*\)|associated press", "reuters": r"\breuters\b",
        "afp": r"\bafp\b|agence france", "cnn": r"\bcnn\b",
        "nyt": r"new york times|nytimes", "wapo": r"washington post",
        "bbc": r"\bbbc\b", "guardian": r"\bguardian\b", "bloomberg": r"\bbloomberg\b",
        "usat": r"usa today", "wsj": r"wall street journal", "lat": r"los angeles times|\bla times",
        "npr": r"\bnpr\b", "fox": r"fox news", "nets": r"\b(?:abc|nbc|cbs) news",
        "politico": r"politico", "mail": r"daily mail|mailonline", "huff": r"huffington",
        "copyright": r"copyright|\u00a9|all rights reserved", "advert": r"advertisement",
        "photo": r"\bphoto\b|getty images|image caption", "share": r"\bshare\b|\btweet\b|\bfacebook\b",
        "subscribe": r"subscri|newsletter|sign up",
        "ap_dateline": r"\(\s*ap\s*\)", "ap_name": r"associated press",
        "ap_photo": r"\bap photo", "reuters_dateline": r"\(\s*reuters\s*\)",
        "cnn_dateline": r"\(\s*cnn\s*\)", "afp_dateline": r"\(\s*afp\s*\)",
        "any_dateline": r"^.{0,80}?\(\s*[a-z][a-z .&-]{1,30}\)\s*(?:-|—|--)"}
NAMES = tuple(CUES) + ("story_ap", "story_wire", "article_index", "kept_articles")
_RX = {k: re.compile(p) for k, p in CUES.items()}


def article_flags(arts):
    """{article id: {cue: bool}} from each article's raw text."""
    return {a.id: {**{k: bool(rx.search((a.raw or a.text).lower())) for k, rx in _RX.items()},
                   "_index": a.index} for a in arts}


def columns(article_of, flags):
    """One row per sentence (its article id in ``article_of``)."""
    n_ap = sum(f["ap"] for f in flags.values())
    n_wire = sum(f["ap"] or f["reuters"] or f["afp"] for f in flags.values())
    out = np.zeros((len(article_of), len(NAMES)))
    for i, a in enumerate(article_of):
        f = flags.get(a) or {}
        out[i, :len(CUES)] = [float(f.get(k, False)) for k in CUES]
        out[i, len(CUES):] = [n_ap, n_wire, f.get("_index", -1), len(flags)]
    return out
