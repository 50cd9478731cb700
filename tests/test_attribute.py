from newsbrief.attribute import attribute
from newsbrief.model import Sentence


def sents(article, texts):
    out, pos = [], 0
    for i, t in enumerate(texts):
        out.append(Sentence(article, i, pos, pos + len(t), t, position=i))
        pos += len(t) + 1
    return out


def test_same_and_near_same_sentences_credited_with_their_spans():
    a = sents("a", ["Rebels said the trip took four days and involved motorcycles and horses.",
                    "Unrelated sentence about the weather in the capital today."])
    b = sents("b", ["The weather was sunny.",
                    "Rebels said that the trip took four days and involved motorcycles and horses."])
    c = sents("c", ["Officials in the capital denied every report of the defection."])
    (item,) = attribute([a[0]], {"a": a, "b": b, "c": c})
    assert [(p.article, p.start, p.end) for p in item.sources] == [
        ("a", a[0].start, a[0].end), ("b", b[1].start, b[1].end)]


def test_sources_follow_article_order():
    b = sents("b", ["The council approved the new city budget after a long debate on Monday."])
    a = sents("a", ["The council approved the new city budget after a long debate Monday."])
    (item,) = attribute([b[0]], {"a": a, "b": b})
    assert [p.article for p in item.sources] == ["a", "b"]


def test_dice_all_matches_dice_pair_by_pair():
    from newsbrief.attribute import _dice_all, dice

    mine = {"army", "defect", "general"}
    others = [{"army", "defect"}, set(), {"rain"}, {"army", "defect", "general"}]
    assert _dice_all(mine, others) == [dice(mine, b) for b in others] == [0.8, 0.0, 0.0, 1.0]
    assert _dice_all(set(), others) == [0.0] * 4
    assert _dice_all(mine, []) == []
