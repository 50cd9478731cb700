"""The compiled kernels (``newsbrief._kernels``) against the numpy code they stand in for.

Each test runs the same call twice, once with the kernels and once with ``native.KERNELS``
switched off, on inputs built here by hand. Without a C compiler at install time there are no
kernels and these tests are skipped (the numpy path is then the one every other test runs)."""

from __future__ import annotations

import numpy as np
import pytest

from newsbrief import native, rerank, score, screen, trees
from conftest import sent
from newsbrief.model import Article, Options
from newsbrief.trees import from_lightgbm, shipped

pytestmark = pytest.mark.skipif(not native.available(), reason="built without the kernels")

def both(monkeypatch, fn, *args):
    """``fn(*args)`` with the kernels, then with numpy alone."""
    monkeypatch.setattr(native, "KERNELS", native._compiled)
    fast = fn(*args)
    monkeypatch.setattr(native, "KERNELS", None)
    slow = fn(*args)
    return fast, slow


STORY = [
    sent("a", 0, "Police arrested the suspect after the shooting at the school on Monday."),
    sent("a", 1, "The school was closed on Tuesday while police searched the building."),
    sent("a", 2, '"We are heartbroken," the principal told parents in a letter on Tuesday.'),
    sent("b", 0, "The suspect was arrested by police hours after the school shooting."),
    sent("b", 1, "Investigators said the suspect had bought the rifle legally last year."),
    sent("c", 0, "A teenager was arrested after a shooting at a high school on Monday."),
    sent("c", 1, "Three students were wounded and taken to the county hospital, police said."),
]


def test_forest_predictions_are_bitwise_the_same(monkeypatch):
    from test_trees import DUMP  # two hand-made trees over features (a, b)

    small = from_lightgbm(DUMP, ["a", "b"], {})
    x = np.array([[0.0, 9.0], [1.0, 9.0], [2.0, -1.0], [2.0, 0.5], [np.nan, np.nan]])
    fast, slow = both(monkeypatch, small.predict, x)
    assert fast.tolist() == slow.tolist() == [-0.5, -0.5, 2.5, 3.5, 3.5]  # NaN goes right
    # The same trees walked by pointers (the layout of forests too deep for the heap).
    monkeypatch.setattr(trees, "MAX_HEAP_DEPTH", 0)
    deep = from_lightgbm(DUMP, ["a", "b"], {})
    fast, slow = both(monkeypatch, deep.predict, x)
    assert fast.tolist() == slow.tolist() == [-0.5, -0.5, 2.5, 3.5, 3.5]
    monkeypatch.undo()
    # The shipped forests (150 and 200 trees: numpy's pairwise sum over trees, replicated;
    # the reranker's 300 trees are deeper than the heap layout takes).
    rng = np.random.default_rng(7)
    for name in (score.MODEL_FILE, screen.MODEL_FILE, rerank.MODEL_FILE):
        forest = shipped(name)
        if forest is None:
            continue
        for rows in (1, 2, 3, 6, 40):  # the kernel walks rows four at a time, then the rest
            x = rng.normal(size=(rows, len(forest.features))) * 3.0
            x[rng.random(x.shape) < 0.05] = np.nan
            fast, slow = both(monkeypatch, forest.predict, x)
            assert np.array_equal(fast, slow)


@pytest.mark.parametrize("dtype", [np.intp, np.uint8])
def test_heap_walk_rejects_a_feature_index_outside_the_row(dtype):
    k = native._compiled
    # One tree of depth 2 over rows of width 2: splits 0-2, leaves 0-3; feature indices as
    # intp or packed one byte a split (``_Heap.packed_feature``).
    feature = np.array([0, 1, 1], dtype=dtype)
    threshold = np.array([0.5, 0.5, 0.5])
    value = np.array([1.0, 2.0, 3.0, 4.0])
    for rows in (1, 4, 5):  # the four-row block and the rows after it
        x = np.tile([[0.0, 1.0]], (rows, 1))
        out = np.empty(rows)
        k.heap_predict(x, 2, feature, threshold, value, 1, 2, out)
        assert out.tolist() == [2.0] * rows  # left at the root, right below
        for bad in (2, -1 if dtype is np.intp else 255):  # past the row's end; negative
            wrong = feature.copy()
            wrong[1] = bad  # on the path the rows take
            with pytest.raises(ValueError, match="feature out of range"):
                k.heap_predict(x, 2, wrong, threshold, value, 1, 2, np.empty(rows))
    with pytest.raises(ValueError, match="buffer sizes"):  # neither one nor eight bytes a split
        k.heap_predict(np.zeros((1, 2)), 2, feature.astype(np.int32), threshold, value, 1, 2,
                       np.empty(1))


def test_heap_walk_of_many_trees_matches_numpy(monkeypatch):
    # More trees than the walk prefetches ahead, rows in and after the four-row blocks: every
    # (row, tree) leaf as numpy's walk finds it, with one-byte and with intp feature indices.
    rng = np.random.default_rng(3)
    trees, depth, width = 23, 3, 7
    forest = _random_heap_forest(rng, trees, depth, width)
    for rows in (1, 3, 4, 9):
        x = rng.normal(size=(rows, width))
        fast, slow = both(monkeypatch, forest.predict, x)
        assert np.array_equal(fast, slow)
        heap = forest._heap
        wide = np.empty(rows)
        native._compiled.heap_predict(np.ascontiguousarray(x), width, heap.feature,
                                      heap.threshold, heap.value, trees, depth, wide)
        assert heap.packed_feature.dtype == np.uint8 and np.array_equal(wide, fast)


def _random_heap_forest(rng, trees, depth, width):
    """A forest of ``trees`` perfect trees of ``depth`` with random splits and leaves."""
    from newsbrief.trees import Forest

    feature, threshold, left, right, value, roots = [], [], [], [], [], []

    def add(d):
        i = len(feature)
        for column, blank in ((feature, 0), (threshold, np.inf), (left, i), (right, i),
                              (value, 0.0)):
            column.append(blank)
        if d == depth:
            value[i] = float(rng.normal())
            return i
        feature[i] = int(rng.integers(width))
        threshold[i] = float(rng.normal())
        left[i] = add(d + 1)
        right[i] = add(d + 1)
        return i

    for _ in range(trees):
        roots.append(add(0))
    return Forest(tuple(f"f{j}" for j in range(width)), np.array(feature, np.int32),
                  np.array(threshold), np.array(left, np.int32), np.array(right, np.int32),
                  np.array(value), np.array(roots, np.int32), depth, {})


def test_sentence_features_match_the_numpy_version(monkeypatch):
    cands, terms = score.candidates(STORY)
    assert len(cands) == len(STORY)
    (x_fast, v_fast), (x_slow, v_slow) = both(monkeypatch, score.features, cands, terms)
    assert x_fast.shape == x_slow.shape == (len(STORY), len(score.FEATURES))
    # Sums in another order than BLAS's: equal to the last few bits, and no rank moves here
    # (no two sentences tie on any ranked feature).
    np.testing.assert_allclose(x_fast, x_slow, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(v_fast, v_slow, rtol=1e-12, atol=1e-12)
    # Not trivially equal: the story has real spread in what the kernel computes.
    for name in ("centrality", "support", "max_sim_other", "rank_centrality", "keywords"):
        assert np.ptp(x_fast[:, score.FEATURES.index(name)]) > 0, name


def test_sentence_features_of_one_article_and_of_no_terms(monkeypatch):
    one = [sent("a", 0, "Police arrested the suspect after the shooting on Monday."),
           sent("a", 1, "The school stayed closed on Tuesday, police said.")]
    (x1, _), (y1, _) = both(monkeypatch, score.features, *score.candidates(one))
    np.testing.assert_allclose(x1, y1, rtol=1e-12, atol=1e-12)
    assert x1[:, score.FEATURES.index("support")].tolist() == [0.0, 0.0]
    # Stopwords only: no content term, one empty column in both versions.
    empty = [sent("a", 0, "It was there and then it was not, and so it is."),
             sent("b", 0, "They were here and they were there, as it was.")]
    cands = tuple(empty)
    terms = ((), ())
    (x2, v2), (y2, w2) = both(monkeypatch, score.features, cands, terms)
    assert v2.shape == w2.shape == (2, 1)
    np.testing.assert_allclose(x2, y2)


def article(i: int, text: str) -> Article:
    return Article(id=f"a{i}", index=i, text=text)


ARTICLES = [
    article(0, "Police arrested a suspect after a shooting at a school on Monday. " * 3
            + "Three students were wounded and the school was closed on Tuesday."),
    article(1, "A teenager was arrested after the school shooting on Monday, police said. "
            "The wounded students were taken to the county hospital. " * 2),
    article(2, "The city council approved a new budget for parks and libraries. "
            "Members said the plan would cut costs and raise fees for permits. " * 2),
    article(3, "Police said the suspect bought the rifle legally. The school will reopen "
            "next week with more officers on duty, the district said on Tuesday."),
]


def test_article_features_match_the_numpy_version(monkeypatch):
    fast, slow = both(monkeypatch, screen.article_features, ARTICLES)
    assert fast.shape == slow.shape == (4, len(screen.ARTICLE_FEATURES))
    # float32 similarities as in the numpy version, summed in another order.
    np.testing.assert_allclose(fast, slow, rtol=1e-5, atol=1e-6)
    ratio = fast[:, screen.ARTICLE_FEATURES.index("topic_ratio")]
    assert ratio[2] == ratio.min() < 0.5  # the budget story is the odd one out
    assert fast[2, screen.ARTICLE_FEATURES.index("rank_topic")] == 0.0
    for n in (1, 2):  # below three articles every ratio is 1
        fast, slow = both(monkeypatch, screen.article_features, ARTICLES[:n])
        np.testing.assert_allclose(fast, slow, rtol=1e-5, atol=1e-6)
        assert fast[:, screen.ARTICLE_FEATURES.index("topic_ratio")].tolist() == [1.0] * n


def test_pair_support_is_exactly_the_python_version():
    import random

    rng = random.Random(3)
    words = "a b c d e police said the of".split()
    for _ in range(500):
        n, n_art = rng.randint(0, 10), rng.randint(1, 4)
        toks = [tuple(rng.choice(words) for _ in range(rng.randint(0, 7))) for _ in range(n)]
        art = [rng.randrange(n_art) for _ in range(n)]
        mean, most = native._compiled.pair_support(toks, art, n_art)
        assert (mean, most) == score._pair_support([set(zip(t, t[1:])) for t in toks], art,
                                                    n_art)
    # Words are told apart by equality, not identity: "police" built twice is one word.
    a = ("the", "police", "said")
    b = ("the", "".join(["pol", "ice"]), "said")
    assert native._compiled.pair_support([a, b], [0, 1], 2) == ([1.0, 1.0], [1.0, 1.0])


def test_surface_columns_are_the_python_values():
    odd = [sent("a", 0, '  “We will not leave,” he said on Monday, after 3 days!'),
           sent("a", 1, "I told them our 2,000 ``troops'' and 40 tanks were ready."),
           sent("b", 2, "'Nothing' was said, according to the 12 officials there."),
           sent("b", 3, "`Quiet` and calm: 7 of us, my friends, said nothing ''at all''.")]
    cands, terms = tuple(odd), tuple(s.terms for s in odd)
    toks = [s.tokens for s in cands]
    got = native._compiled.surface([s.text for s in cands], toks, list(map(len, terms)),
                                   [s.position for s in cands], [s.words for s in cands],
                                   score._FIRST_PERSON, score._ATTRIBUTION,
                                   score._PRONOUN_START)
    want = list(zip(*(score._surface(s, toks[i], len(terms[i])) for i, s in enumerate(cands))))
    assert [list(c) for c in got] == [[float(v) for v in c] for c in want]
    assert got[score._SURFACE.index("exclaim")] == [1.0, 0.0, 0.0, 0.0]
    assert got[score._SURFACE.index("quote_start")] == [1.0, 0.0, 1.0, 1.0]


def test_counted_term_groups_are_the_counters_of_them():
    """``index_terms(..., counted=True)`` reads each group as ``Counter(group)``: every term
    once, in order of first appearance, with its count (screening's term counts)."""
    import random
    from collections import Counter

    k = native._compiled
    rng = random.Random(8)
    vocab = ["police", "army", "defect", "zzqx", "naïve", "".join(["arm", "y"]), "12"]
    idf = {"police": 2.0, "army": 3.5, "naïve": 1.5}
    for _ in range(200):
        groups = [[rng.choice(vocab) for _ in range(rng.choice([0, 1, 2, 5, 30]))]
                  for _ in range(rng.randint(1, 5))]
        want = k.index_terms([Counter(g) for g in groups], (idf,), (9.0,))
        assert k.index_terms(groups, (idf,), (9.0,), True) == want
        assert k.index_terms([tuple(g) for g in groups], k.term_table((idf,)), (9.0,), True) \
            == want
    assert k.index_terms([["a", "b", "a"]], (idf,), (9.0,), True)[3] == [2, 1]
    assert k.index_terms([["a", "b", "a"]], (idf,), (9.0,))[3] is None  # not counted


def test_terms_of_is_the_python_loop(monkeypatch):
    from newsbrief import text

    tokens = "the police said the police arrested suspects in zzqx's attacks a 12".split()
    fast, slow = both(monkeypatch, text.terms_of, tokens)
    assert fast == slow == ["police", "police", "arrest", "suspect", "zzqx", "attack", "12"]
    fast, slow = both(monkeypatch, text.terms_of, ())
    assert fast == slow == []


def test_tokens_and_terms_are_words_and_their_terms(monkeypatch):
    from newsbrief import text

    for t in ("", "  ", "The army's generals defected; 3 men fled the U.S. on Monday!",
              "Café naïve's straße — don't, won't. ARMIES’ studies 1990s", "a b c x y"):
        fast, slow = both(monkeypatch, text.tokens_and_terms, t)
        assert fast == slow == (tuple(text.words(t)), tuple(text.content_terms(t)))
        assert type(fast[0]) is type(fast[1]) is tuple
    assert text.tokens_and_terms("The armies fled.") == (("the", "armies", "fled"),
                                                         ("army", "fled"))


def test_terms_of_unseen_words_are_computed_as_python_does(monkeypatch):
    """The kernel stems ASCII words itself, never reading or filling the word -> term table,
    and sends other words through the table and ``text._term``, which empties it when full."""
    from newsbrief import text

    tokens = ["the", "a", "x", "'s", "is", "nations", "relations", "things", "bring", "sing",
              "supposedly", "bed", "armed", "studies", "ties", "goes", "es", "gladly", "fly",
              "cats", "bus", "its", "it's", "army's", "armies's", "defecting's", "o'neill",
              "90s", "1990s", "café", "naïve's", "straße", "don't", "haven't", "king's"]
    runs = {}
    for kernels in (native._compiled, None):
        monkeypatch.setattr(native, "KERNELS", kernels)
        monkeypatch.setattr(text, "_TERMS", {})
        got = text.terms_of(tokens)
        runs[kernels is not None] = (got, dict(text._TERMS))
    assert runs[True][0] == runs[False][0]
    assert runs[False][1] == {w: text._term(w) for w in tokens}
    assert runs[True][1] == {"café": "café", "naïve's": "naïve", "straße": "straße"}
    got = dict(zip(tokens, [text._term(w) for w in tokens]))
    assert [got[w] for w in ("nations", "relations", "studies", "armies's", "it's", "naïve's")] \
        == ["nation", "rel", "study", "army", "", "naïve"]
    assert [t for t in runs[True][0] if t in ("nation", "rel", "study", "army", "naïve")] == \
        ["nation", "rel", "study", "army", "army", "naïve"]
    # An ASCII word's term does not come from the table, even a wrong one put there.
    monkeypatch.setattr(native, "KERNELS", native._compiled)
    monkeypatch.setattr(text, "_TERMS", {"police": "WRONG", "café": "cafe?"})
    assert text.terms_of(["police", "café"]) == ["police", "cafe?"]
    # A full table is emptied before the next word goes in, by either path.
    for kernels in (native._compiled, None):
        monkeypatch.setattr(native, "KERNELS", kernels)
        monkeypatch.setattr(text, "_TERMS", {})
        monkeypatch.setattr(text, "_TERMS_MAX", 2)
        text.terms_of(["café", "naïve", "straße", "police"])
        runs[kernels is not None] = dict(text._TERMS)
    assert runs[True] == {"straße": "straße"}
    assert runs[False] == {"straße": "straße", "police": "police"}


def test_shingle_counts_are_the_python_sets():
    import random

    rng = random.Random(5)
    words = "a b c the police said".split()
    for _ in range(300):
        arts = [[rng.choice(words) for _ in range(rng.choice([0, 1, 3, 4, 5, 6, 12, 30]))]
                for _ in range(rng.randint(1, 5))]
        sizes, common = native._compiled.shingle_overlap(arts, screen.SHINGLE)
        sets = [screen._shingles(t) for t in arts]
        assert sizes == [len(x) for x in sets]
        assert common == [[len(x & y) for y in sets] for x in sets]



def _runs(words, k):
    return {tuple(words)} if len(words) < k else set(zip(*(words[q:] for q in range(k))))


def test_shingle_counts_for_every_width_and_vocabulary_size():
    # Stories of fewer than 2^(60 // k) distinct words take packed 64-bit keys, larger ones
    # the run-by-run comparison: both must count what the Python sets do.
    import random

    rng = random.Random(11)
    for k in range(1, 9):
        for vocabulary in (4, 300, 4096, 4097, 9000):
            words = [f"w{i}" for i in range(vocabulary)]
            arts = [[rng.choice(words) for _ in range(rng.choice([0, 1, k - 1, k, 40, 3000]))]
                    for _ in range(3)]
            arts.append(arts[0][:25] + arts[1][-30:])  # runs shared with two others
            if vocabulary >= 4096:  # every word used, so the id count is the vocabulary's
                arts.append(words)
            sizes, common = native._compiled.shingle_overlap(arts, k)
            sets = [_runs(t, k) for t in arts]
            assert sizes == [len(x) for x in sets], (k, vocabulary)
            assert common == [[len(x & y) for y in sets] for x in sets], (k, vocabulary)


def test_copies_found_the_same_either_way(monkeypatch):
    wire = ("The head of the military police said in a video that he had defected and joined "
            "the rebels fighting the government. ")
    arts = [article(0, wire * 2 + "He crossed into Turkey on Tuesday."),
            article(1, wire + "Officials did not comment."),
            article(2, "A different story about a budget vote in the city council on Monday."),
            article(3, "Short.")]
    fast, slow = both(monkeypatch, screen.find_copies, arts)
    assert fast == slow and set(fast) == {"a1"}


def test_article_word_counts_are_the_same(monkeypatch):
    """English markers, digit-led tokens and junk words counted from an article's words."""
    from newsbrief.text import words

    for text in ("The 3 men and 12 women said 2nd-hand cookies were in the app, 40 of them.",
                 "cookie cookie subscribe 1 2 3 9am zebra", "",
                 "Der Minister sagte am Montag 2012, dass die Regierung 15 Millionen zahlt."):
        fast, slow = both(monkeypatch, screen._Bag.of, words(text))
        assert fast == slow
    bag = screen._Bag.of(words("The 3 men and 12 women: cookies, 9am, the app."))
    assert (bag.english, bag.digits, bag.junk) == (3, 3, 2)  # the x2, and; 3 12 9am; cookies app


def test_control_characters_counted_as_the_regex_does():
    import random

    from newsbrief import ingest

    rng = random.Random(2)
    alphabet = [chr(c) for c in range(0x30)] + ["a", "é", "\u2028", "\U0001f600", "\x7f"]
    for _ in range(500):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        limit = rng.randint(0, 45)
        assert native._compiled.count_control(t, limit) == len(ingest._CONTROL.findall(t[:limit]))


def test_binary_text_refused_either_way(monkeypatch):
    from newsbrief import ingest
    from newsbrief.errors import InputError

    for kernels in (native._compiled, None):
        monkeypatch.setattr(native, "KERNELS", kernels)
        ingest.check_text("Plain text\twith a tab\nand lines.\x0c")
        with pytest.raises(InputError):
            ingest.check_text("PK\x03\x04" + "\x01\x02abc" * 20)


def test_word_count_is_len_of_split(monkeypatch):
    from newsbrief.text import word_count

    texts = ["", "   ", "one", " two  words ", "tab\tand\nnew line", "nbsp\u00a0between",
             "em\u2003space and\u3000ideographic", "file\x1cseparator\x1fchars",
             "zero\u200bwidth is not a space", "ünïcödé wörds — and a dash",
             "🙂 emoji 🙂"]
    for text in texts:
        fast, slow = both(monkeypatch, word_count, text)
        assert fast == slow == len(text.split()), repr(text)


def test_words_are_the_regex_over_the_lowered_text(monkeypatch):
    from newsbrief.text import words

    texts = ["", "'", "''tis", "Don’t STOP", "rock'n'roll 90's a'b'c don't9 x'1",
             "U.S. $1,200.50 -- 3rd place; e-mail", "naïve café Straße ΣΊΣΥΦΟΣ",
             "İstanbul and the \u212aelvin sign", "tab\there\nnew line", "🙂 emoji's 🙂"]
    for text in texts:
        fast, slow = both(monkeypatch, words, text)
        assert fast == slow, repr(text)
    assert words("Don’t rock'n'roll") == ["don't", "rock'n", "roll"]


def test_words_kernel_knows_every_character_that_lowers_to_ascii(monkeypatch):
    """The kernel maps characters one by one; it is exact only because lowering sends just
    U+0130 and U+212A (and nothing to U+2019) into the token alphabet. Checked over Unicode,
    and every character tried between two letters and after an apostrophe."""
    from newsbrief.text import words

    alphabet = set("abcdefghijklmnopqrstuvwxyz0123456789'’")
    chars = [chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c < 0xE000]
    assert {hex(ord(c)) for c in chars if c != "’" and alphabet & set(c.lower())} == \
        {"0x130", "0x212a"}
    text = "".join(f"a{c}b'{c}x " for c in chars)
    fast, slow = both(monkeypatch, words, text)
    assert fast == slow


def test_term_index_is_the_dict_construction_it_replaced():
    from itertools import chain

    k = native._compiled
    idf, prior = {"police": 2.5, "arrest": 3.0}, {"arrest": 0.6}
    groups = [("police", "arrest", "police"), ("".join(["pol", "ice"]), "suspect"), ()]
    ids, lengths, (idf_w, prior_w), counts = k.index_terms(groups, (idf, prior), (9.0, 0.27))
    seen = dict.fromkeys(chain.from_iterable(groups))  # what score.features built before
    vocab = dict(zip(seen, range(len(seen))))
    assert ids == [vocab[t] for t in chain.from_iterable(groups)] == [0, 1, 0, 0, 2]
    assert lengths == [3, 2, 0] and counts is None
    assert idf_w == [idf.get(t, 9.0) for t in vocab]
    assert prior_w == [prior.get(t, 0.27) for t in vocab]
    # Dicts of term counts (screening's articles): their keys are the terms, with the counts.
    ids, lengths, (w,), counts = k.index_terms([{"a": 2, "b": 1}, {"b": 4, "c": 1}], (idf,),
                                               (1.0,))
    assert (ids, lengths, w, counts) == ([0, 1, 1, 2], [2, 2], [1.0, 1.0, 1.0], [2, 1, 4, 1])
    assert k.index_terms([], (idf,), (1.0,)) == ([], [], ([],), None)
    with pytest.raises(TypeError):  # a table that is not a dict
        k.index_terms([("a",)], ([],), (1.0,))
    with pytest.raises(TypeError):  # dicts and tuples mixed
        k.index_terms([{"a": 1}, ("a",)], (idf,), (1.0,))
    with pytest.raises(ValueError):  # a table without its default
        k.index_terms([("a",)], (idf,), ())


def test_packed_term_table_gives_the_values_of_the_dicts():
    """``term_table`` packs one or two dicts; ``index_terms`` then finds exactly what the
    dicts give: keys in one table only, keys past the 31 bytes kept in a slot, non-ASCII
    keys, equal strings made separately, and a term UTF-8 cannot encode (found nowhere)."""
    import random

    k = native._compiled
    rng = random.Random(3)
    letters = "abcdefghij" + "éßжア"
    keys = {"".join(rng.choice(letters) for _ in range(rng.choice([1, 2, 5, 12, 31, 32, 40])))
            for _ in range(3000)}
    keys |= {"a" * 31, "a" * 32, "b" * 200}
    idf = {w: rng.random() * 10 for w in keys if rng.random() < 0.8}
    prior = {w: rng.random() for w in keys if w not in idf or rng.random() < 0.5}
    packed = k.term_table((idf, prior))
    queries = [list(rng.sample(sorted(keys), 40)) + ["".join(list("zzz")), "\ud800x", ""]
               for _ in range(30)]
    queries.append(["a" * 31, "a" * 32, "a" * 33, "b" * 200, "".join(["a"] * 32)])
    for groups in queries:
        groups = [groups[:20], groups[20:]]
        want = k.index_terms(groups, (idf, prior), (9.0, 0.27))
        got = k.index_terms(groups, packed, (9.0, 0.27))
        assert got == want
    one = k.term_table((idf,))
    assert k.index_terms([queries[0]], one, (9.0,)) == k.index_terms([queries[0]], (idf,), (9.0,))
    with pytest.raises(ValueError):
        k.index_terms([queries[0]], one, (9.0, 0.27))  # one default per packed table
    for bad in ((), ({}, {}, {}), ({1: 2.0},), ({"a": "x"},), ([],)):
        with pytest.raises((TypeError, ValueError)):
            k.term_table(bad)


def test_term_table_is_packed_once_per_set_of_tables(monkeypatch):
    idf, prior = {"police": 2.0}, {"police": 0.5}
    monkeypatch.setattr(native, "KERNELS", native._compiled)
    monkeypatch.setattr(native, "_PACKED", {})
    first = native.term_table((idf, prior))
    assert native.term_table((idf, prior)) is first
    assert native.term_table((dict(idf), prior)) is not first  # another table, another copy
    assert native.term_table(({1: 2.0},)) == ({1: 2.0},)  # cannot be packed: the dicts
    monkeypatch.setattr(native, "KERNELS", None)
    assert native.term_table((idf, prior)) == (idf, prior)


def test_selection_chooses_the_same_sentences(monkeypatch):
    import random

    from newsbrief.score import Scored
    from newsbrief.select import select

    rng = random.Random(11)
    phrases = ["gangs of murder", "the military police", "crossed into turkey", "said on monday",
               "a four day trip", "the rebel forces", "joined the uprising", "a video statement"]
    for trial in range(200):
        n = rng.randint(1, 14)
        sents = tuple(sent("abc"[i % 3], i, " ".join(rng.sample(phrases, 3))
                           + (' "gangs of murder"' if rng.random() < 0.2 else "") + ".")
                      for i in range(n))
        vec = np.array([[rng.random() if rng.random() < 0.4 else 0.0 for _ in range(12)]
                        for _ in range(n)]) + np.eye(n, 12) * 0.1 + 0.01
        vec /= np.linalg.norm(vec, axis=1, keepdims=True)
        terms = tuple(s.terms for s in sents)
        if trial % 2:  # equal terms as distinct string objects: pairs match by value
            terms = tuple(tuple("".join(list(t)) for t in ts) for ts in terms)
        scored = Scored(sents, np.array([rng.random() for _ in range(n)]), vec, terms)
        budget = rng.choice([20, 40, 80])
        fast, slow = both(monkeypatch, select, scored, budget)
        assert fast == slow, trial


def test_selection_counts_a_repeated_word_pair_once(monkeypatch):
    """Three shared pairs make a repeat; a pair said twice in one sentence counts once."""
    from newsbrief.score import Scored
    from newsbrief.select import select

    sents = (sent("a", 0, "one two three four five six seven eight."),
             sent("b", 0, "one two one two one two nine ten eleven."),
             sent("c", 0, "three four five six twelve."))
    terms = (("one", "two", "three", "four"), ("one", "two", "one", "two", "one", "two"),
             ("two", "three", "four"))
    vec = np.eye(3)  # no cosine repeats: only the pair test can keep a sentence out
    scored = Scored(sents, np.array([3.0, 2.0, 1.0]), vec, terms)
    fast, slow = both(monkeypatch, select, scored, 100)
    # b shares only ("one", "two") with a (its three copies are one pair), so it is no
    # repeat; c shares ("two", "three") and ("three", "four"): two pairs, no repeat either.
    assert fast == slow == [0, 1, 2]
    scored = Scored(sents, np.array([3.0, 2.0, 1.0]), vec,
                    (("one", "two", "three", "four"), ("one", "two", "three", "four"), ("x",)))
    fast, slow = both(monkeypatch, select, scored, 100)
    assert fast == slow == [0, 2, 1]  # b repeats a in the strict pass, then fills in the lax one


def test_attribution_credits_the_same_spans(monkeypatch):
    """Best matches by Dice overlap of distinct terms, the first of equal ones, either way."""
    from newsbrief.attribute import _best_matches, attribute

    a = [sent("a", 0, "Rebels said the trip took four days on motorcycles and horses."),
         sent("a", 1, "It rained.")]
    b = [sent("b", 0, "The weather was sunny and warm."),
         sent("b", 1, "Rebels said that the trip took four days on motorcycles and horses."),
         sent("b", 2, "Rebels said that the trip took four days on motorcycles and horses.")]
    c = [sent("c", 0, "Horses horses horses, rebels said: four days of trip.")]
    by_article = {"a": a, "b": b, "c": c, "d": []}
    rank = {x: i for i, x in enumerate(by_article)}
    fast, slow = both(monkeypatch, _best_matches, [a[0], a[1], c[0]], by_article, rank)
    assert fast == slow
    assert fast[0][1][0] == 1  # the first of b's two equal matches
    assert fast[0][3] == fast[0][0] == (-1, 0.0)  # no sentences; its own article
    fast, slow = both(monkeypatch, attribute, [a[0], b[0]], by_article)
    assert fast == slow and [p.article for p in fast[0].sources] == ["a", "b", "c"]


def test_describe_says_which_path_runs(monkeypatch):
    monkeypatch.setattr(native, "KERNELS", native._compiled)
    assert native.describe() == "compiled kernels"
    monkeypatch.setattr(native, "KERNELS", None)
    assert native.ENV_PURE in native.describe()


def test_article_features_copies_the_surface_columns_it_is_given():
    k = native._compiled
    args = ([0, 1], [2, 1], [1, 1], [5.0, 3.0], 2, [1.0, 2.0])
    plain, given = np.zeros((2, 15)), np.zeros((2, 15))
    k.article_features(*args, plain)
    surface = [float(v) for v in range(14)]
    k.article_features(*args, given, surface)
    assert (given[:, :8] == plain[:, :8]).all()  # the story columns do not depend on it
    assert given[:, 8:].tolist() == [surface[:7], surface[7:]]
    assert (plain[:, 8:] == 0).all()


def test_put_rows_sets_the_rows_numpy_would():
    k = native._compiled
    values = [[1.5, -2.0, 3], [0.25, float("nan"), 1e300]]
    ours, numpys = np.zeros((4, 3)), np.zeros((4, 3))
    k.put_rows(ours, 3, [3, 1], values)
    numpys[[3, 1]] = values
    assert np.array_equal(ours, numpys, equal_nan=True)
    k.put_rows(np.zeros((0, 0)), 0, [], [])  # no columns: nothing to do
    with pytest.raises(ValueError):  # a row outside the matrix
        k.put_rows(ours, 3, [4], [[1.0, 2.0, 3.0]])
    with pytest.raises(ValueError):  # a row of two values in a matrix of three columns
        k.put_rows(ours, 3, [0], [[1.0, 2.0]])
    with pytest.raises(ValueError):  # two rows named, one given
        k.put_rows(ours, 3, [0, 1], [[1.0, 2.0, 3.0]])
    with pytest.raises(TypeError):
        k.put_rows(ours, 3, [0], [["a", 2.0, 3.0]])


def test_kernels_reject_arguments_that_do_not_fit():
    k = native._compiled
    out = np.empty(2)
    with pytest.raises(ValueError):  # a node array shorter than the others
        k.forest_predict(np.zeros(4), 2, np.zeros(3, np.int32), np.zeros(2), np.zeros(6, np.int32),
                         np.zeros(3), np.zeros(1, np.int32), np.zeros(1, np.int32), out)
    cols, vec = np.zeros((len(score.FEATURES), 1)), np.zeros((1, 2))
    with pytest.raises(ValueError):  # a token column outside the vocabulary
        k.sentence_features([5], [1], 2, [1.0, 1.0], [0.1, 0.1], [0], 1, score._NATIVE_COLUMNS,
                            score._REL_BASE, score._REL_RANK, score._REL_GAP_BASE,
                            score._REL_GAP, score.KEYWORDS, cols, vec)
    with pytest.raises(ValueError):  # counts for three cells, sizes for two
        k.article_features([0, 1, 0], [1, 1, 1], [1, 1], [5.0, 5.0], 2, [1.0, 1.0],
                           np.zeros((2, 15)))
    with pytest.raises(ValueError):  # surface columns for one article of two
        k.article_features([0, 1], [1, 1], [1, 1], [5.0, 5.0], 2, [1.0, 1.0],
                           np.zeros((2, 15)), [0.5] * 7)
    with pytest.raises(ValueError):  # terms for one sentence, values for two
        k.greedy_select_many([[1.0, 1.0]], [5, 5], np.eye(2), 2, 20, [("a", "b")],
                             ["x.", "y."], set, [(0.4, 0.5, 0.3)], 3)
    with pytest.raises(TypeError):  # the quoted pairs must come back as a set
        k.greedy_select_many([[1.0, 1.0]], [5, 5], np.zeros((2, 2)) + 0.1, 2, 20,
                             [("a", "b"), ("a", "b")], ['"x y z" he said.', '"y z w" she said.'],
                             list, [(0.4, 0.5, 0.3)], 3)


def test_example_brief_is_the_same_either_way(monkeypatch, example_dir):
    from newsbrief.ingest import read_inputs
    from newsbrief.pipeline import summarize_story

    def brief(story):
        b = summarize_story(story, Options(words=250, analysis=False))
        return [s.text for s in b.sentences], [(x.article, x.reason) for x in b.set_aside]

    fast, slow = both(monkeypatch, brief, read_inputs([str(example_dir)]))
    assert fast == slow and len(fast[0]) >= 5


def test_contains_lowered_is_any_key_in_the_lowered_text():
    k = native._compiled
    keys = ("click here", "by us", "follow us on", "x")
    texts = ["", "Click Here to read", "CLIC\u212a HERE", "cl\u0130ck here", "cli\u0307ck here",
             "nothing to see", "Stand by us", "follow  us on", "naïve café, click here",
             "🙂 follow us on 🙂", "ends with click her", "X marks"]
    for text in texts:
        for ks in (keys, keys[:3], ("",), (), tuple(f"key{i}" for i in range(70)) + keys):
            assert k.contains_lowered(text, ks) == any(x in text.lower() for x in ks), \
                (text, ks)
    assert k.contains_lowered("CLIC\u212a HERE", keys) is True
    assert k.contains_lowered("cl\u0130ck here", keys[:3]) is False
    with pytest.raises(TypeError):
        k.contains_lowered("text", ("café",))


def test_rule_sentences_found_the_same_either_way(monkeypatch):
    from newsbrief import clean

    for text in ("Sign up for our newsletter. The vote was held on Monday in the city.",
                 "The mayor said the budget would pass. We use cookies to improve your visit.",
                 "A plain line about the city council's budget vote on Monday evening.",
                 "FOLLOW US ON TWITTER for more on the council vote this week and next.",
                 "Clic\u212a here to share this article with friends and family now."):
        fast, slow = both(monkeypatch, clean._may_have_rule_sentence, text)
        assert fast == slow, text


def test_sentence_spans_are_the_same_either_way(monkeypatch):
    """Pieces between the cuts, trimmed of every character ``str.isspace`` calls whitespace."""
    import random

    from newsbrief import segment

    rng = random.Random(4)
    pieces = ["He left. ", "Then", " she", "said: ", "\u00a0", "\u2028", "\x1c", "\t", "\n",
              " \n ", ". ", '" ', "(AP) ", "Mr. ", "U.S. ", "it. \" we", "é", "? ", "  "]
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        fast, slow = both(monkeypatch, segment.split_spans, text)
        assert fast == slow
        assert all(text[b:e] == text[b:e].strip() and e > b for b, e, _ in fast)
    with pytest.raises(ValueError):
        native._compiled.line_spans("abc", 0, 3, [5], 0, [])


def test_boundary_cuts_are_the_regex_matches_less_abbreviations(monkeypatch):
    """Random lines over the characters the boundary rules look at (stops, closing and opening
    quotes, Unicode spaces, initials, abbreviations, web domains, non-ASCII letters)."""
    import random

    from newsbrief import segment

    pieces = [". ", "! ", "? ", "...", ".\" ", ".’ ", ".) ", ". “", ". ( ", ".\u00a0", ". \n",
              "Mr.", "Gen.", "U.S.", "J.R.R.", "R.", "e.g.", "ÉTAT.", "x.", "ab.", "12.",
              "ok.On", "with.on", "site.com", "site.Com", "page.html", "a1.b", "go.café",
              "end.x_y", "ab.cd/e", "ab.cd-e", "ab.cd@", "ab.cD", "(", "[", "\"", "‘", "“",
              "The", "the", "A", "a", "9", "word", "İs", "\u212a", "é", "_", " ", "  ", "\t"]
    rng = random.Random(3)
    k = native._compiled
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        for begin, end in ((0, len(text)), (rng.randint(0, len(text)), len(text)),
                           (0, rng.randint(0, len(text)))):
            want = [m.end() for m in segment._BOUNDARY.finditer(text, begin, end)
                    if not segment._is_abbreviation(text, m.start())]
            got = k.boundary_cuts(text, begin, end, segment.ABBREVIATIONS, segment._DOMAINS)
            assert got == want, (text, begin, end)
    fast, slow = both(monkeypatch, segment.split_spans,
                      "Gen. Smith spoke. The U.S. Army said so.Then he left! “Why?” she asked.")
    assert fast == slow and len(fast) == 4


def test_pair_prior_features_match_the_python_version(monkeypatch):
    """The packed pair table finds what the dict of tuples does: ASCII and non-ASCII tokens,
    tokens UTF-8 cannot encode (in no pair), repeated pairs, sentences without a pair."""
    import random

    from newsbrief import pair_prior

    rng = random.Random(5)
    words = ["the", "attack", "was", "arrested", "police", "said", "según", "él", "жар", "ア"]
    pairs = sorted({f"{rng.choice(words)} {rng.choice(words)}" for _ in range(60)})
    seen = np.array([rng.randint(1, 30) for _ in pairs])
    hit = np.array([rng.randint(0, s) for s in seen])
    prior = pair_prior.from_counts(pairs, seen, hit, int(seen.sum()) + 50, int(hit.sum()) + 9,
                                   5.0)
    stories = [[[rng.choice(words + ["\ud800"]) for _ in range(rng.randint(0, 30))]
                for _ in range(rng.randint(1, 12))] for _ in range(40)]
    stories.append([[s.text for s in STORY]])  # one-token sentences: no pairs
    stories.append([list(s.tokens) for s in STORY])
    for sents in stories:
        monkeypatch.setattr(native, "KERNELS", native._compiled)
        fast = pair_prior.features(sents, prior)
        slow = pair_prior.python_features(sents, prior)
        # Sums run in another order than the set's: equal to the last bits.
        np.testing.assert_allclose(fast, slow, rtol=1e-12, atol=1e-15)
        assert fast[:, 3].tolist() == slow[:, 3].tolist()


def test_both_pair_table_layouts_give_the_same_features():
    """The compact layout (48 hash bits and a value index a slot) and the exact one (key bytes
    compared) find the same pairs and values: listed and unlisted pairs, repeats, non-ASCII
    and unencodable tokens, a repeated key (its first value)."""
    import random

    k = native._compiled
    rng = random.Random(8)
    words = ["the", "attack", "was", "arrested", "police", "said", "según", "él", "жар", "ア"]
    pairs = sorted({f"{rng.choice(words)} {rng.choice(words)}" for _ in range(70)})
    keys = "".join(p + "\n" for p in pairs + [pairs[0]]).encode()  # the last line repeats
    values = np.array([rng.choice([0.1, 0.25, 0.5, 0.75]) for _ in pairs] + [0.9])
    compact, exact = k.pair_table(keys, values), k.pair_table(keys, values, False)
    assert k.pair_table_layout(compact) == "compact" and k.pair_table_layout(exact) == "exact"
    for _ in range(40):
        sents = [[rng.choice(words + ["\ud800", "other"]) for _ in range(rng.randint(0, 25))]
                 for _ in range(rng.randint(1, 10))]
        a, b = np.zeros((len(sents), 6)), np.zeros((len(sents), 6))
        k.pair_prior_features(compact, 0.05, sents, a)
        k.pair_prior_features(exact, 0.05, sents, b)
        assert np.array_equal(a, b)
    first = np.zeros((1, 6))
    k.pair_prior_features(compact, 0.05, [pairs[0].split(" ")], first)
    assert first[0, 0] == values[0]  # not the repeat's 0.9


def test_pair_table_keeps_the_exact_layout_when_values_do_not_fit_an_index():
    # The compact slot holds a 16-bit value index: more distinct values than that, exact.
    k = native._compiled
    n = 70_000
    keys = "".join(f"w{i} x\n" for i in range(n)).encode()
    values = np.arange(n, dtype=np.float64) / n
    table = k.pair_table(keys, values)
    assert k.pair_table_layout(table) == "exact"
    out = np.zeros((2, 6))
    k.pair_prior_features(table, 0.5, [["w69999", "x"], ["w7", "y"]], out)
    assert out[0, 0] == values[69999] and out[1, 0] == 0.5 and out[:, 3].tolist() == [1.0, 0.0]
    # A value the index cannot stand for exactly (NaN, -0.0): exact too, and still found.
    for odd in (float("nan"), -0.0):
        table = k.pair_table(b"a b\nc d\n", np.array([0.25, odd]))
        assert k.pair_table_layout(table) == "exact"
        out = np.zeros((1, 6))
        k.pair_prior_features(table, 0.5, [["c", "d"]], out)
        mean = out[0, 0]  # one pair: its value (a sum from 0.0, so -0.0 comes out as 0.0)
        assert np.isnan(mean) if odd != odd else mean == 0.0


def test_shipped_pair_table_is_compact():
    from newsbrief import pair_prior

    assert native._compiled.pair_table_layout(pair_prior.shipped().packed) == "compact"


def test_pair_table_rejects_keys_it_cannot_read():
    k = native._compiled
    for keys, values in ((b"a b\n", np.zeros(2)), (b"a b", np.zeros(1)), (b"ab\n", np.zeros(1)),
                         (b" b\n", np.zeros(1)), (b"a \n", np.zeros(1))):
        with pytest.raises(ValueError):
            k.pair_table(keys, values)
    table = k.pair_table(b"a b\n", np.array([0.5]))
    with pytest.raises(ValueError):  # out is not n x 6
        k.pair_prior_features(table, 0.1, [["a", "b"]], np.zeros(5))
    with pytest.raises(TypeError):
        k.pair_prior_features(table, 0.1, [["a", 3]], np.zeros(6))
