"""The web page in a real browser: Playwright driving Debian's chromium, headless, against the app
served by uvicorn on 127.0.0.1. Screenshots go to artifacts/ (kept by CI as test artifacts).

Needs ``pip install '.[serve,browser]'`` and ``apt-get install chromium``; skipped otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "syria-military-police-chief"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = os.environ.get("NEWSBRIEF_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking switches chromium stalls on a network with no way out.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install '.[serve]'")
pytest.importorskip("uvicorn", reason="the server extra is not installed: pip install '.[serve]'")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install '.[browser]'")
if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
    pytest.skip(f"no chromium at {CHROMIUM}: apt-get install chromium", allow_module_level=True)

from newsbrief.service import Settings, create_app  # noqa: E402


@pytest.fixture(scope="module")
def base_url():
    """The app under uvicorn on a free loopback port, in a thread; stopped after the module."""
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(Settings(warmup=False)), log_level="warning",
                            lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=base_url,
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.dialogs, page.errors = dialogs, errors  # type: ignore[attr-defined]
    yield page
    context.close()


def shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full_page)


def paste_articles(page, articles: list[tuple[str, str]]) -> None:
    """One box per article: (outlet, text)."""
    page.goto("/")
    while page.locator("#boxes .box").count() < len(articles):
        page.click("#add")
    boxes = page.locator("#boxes .box")
    for i, (outlet, text) in enumerate(articles):
        boxes.nth(i).locator("textarea").fill(text)
        if outlet:
            boxes.nth(i).locator("input.source").fill(outlet)


def brief(page) -> None:
    page.click("#brief")
    page.wait_for_selector("#sentences li")


def example() -> list[tuple[str, str]]:
    return [("", p.read_text(encoding="utf-8")) for p in sorted(EXAMPLE.glob("*.txt"))]


# ---------------------------------------------------------------------------------------------


def test_example_story_brief_and_source_highlighting(page):
    paste_articles(page, example())
    assert page.locator("#boxes .box").count() == 5
    page.select_option("#words", "250")
    brief(page)

    sentences = page.locator("#sentences li")
    assert sentences.count() >= 3
    data = page.evaluate("window.newsbrief.state.brief")
    shown = [sentences.nth(i).locator(".stext").inner_text() for i in range(sentences.count())]
    assert shown == [s["text"] for s in data["sentences"]]  # what the API said, as text
    # Every sentence carries its outlet tags.
    for i in range(sentences.count()):
        assert sentences.nth(i).locator(".tag").count() >= 1
    # Set-aside articles (the off-topic 2011 one, when the screen catches it) with reasons.
    assert page.locator("#aside").is_visible() == bool(data["set_aside"])
    for x in data["set_aside"]:
        assert x["reason"] in page.locator("#set-aside").inner_text()

    # Click a sentence reported by two outlets: both passages are highlighted in the sources.
    multi = next(i for i, s in enumerate(data["sentences"]) if len(s["sources"]) >= 2)
    target = sentences.nth(multi)
    target.click()
    marks = page.locator("#articles mark")
    assert marks.count() == len(data["sentences"][multi]["sources"])
    sentence_text = target.locator(".stext").inner_text()
    for j in range(marks.count()):
        assert marks.nth(j).text_content() == sentence_text
        assert marks.nth(j).is_visible()  # its article was opened
    cited = page.locator("#articles .article.cited")
    assert cited.count() == len({s["article"] for s in data["sentences"][multi]["sources"]})
    assert "pinned" in (target.get_attribute("class") or "")
    shot(page, "brief-example.png")
    # The README's picture: the brief and, beside it, the highlighted passage.
    page.evaluate("window.scrollTo(0, document.getElementById('result').offsetTop - 8)")
    page.locator("#articles mark").first.evaluate(
        "m => { const c = document.getElementById('sources');"
        " c.scrollTop += m.getBoundingClientRect().top - c.getBoundingClientRect().top - 120; }")
    shot(page, "brief-example-view.png", full_page=False)  # the README's picture

    # Hovering another sentence shows its sources; leaving it returns to the clicked one.
    other = sentences.nth(0)
    other.hover()
    assert page.locator("#articles mark").first.text_content() == \
        other.locator(".stext").inner_text()
    page.mouse.move(5, 5)
    assert page.locator("#articles mark").first.text_content() == sentence_text
    assert not page.dialogs and not page.errors


def test_keyboard_only_use(page):
    paste_articles(page, example())
    page.focus("#words")
    page.keyboard.press("Tab")  # to the Brief button
    assert page.evaluate("document.activeElement.id") == "brief"
    page.keyboard.press("Enter")
    page.wait_for_selector("#sentences li")
    first = page.locator("#sentences li").first
    first.focus()
    # Focus alone shows the source; arrow keys move between sentences.
    assert page.locator("#articles mark").first.text_content() == first.locator(".stext").inner_text()
    page.keyboard.press("ArrowDown")
    second = page.locator("#sentences li").nth(1)
    assert page.evaluate("document.activeElement.dataset.index") == "1"
    assert page.locator("#articles mark").first.text_content() == \
        second.locator(".stext").inner_text()
    page.keyboard.press("Enter")
    assert second.get_attribute("aria-current") == "true"


def test_copy_markdown_and_download_json(page, base_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    paste_articles(page, example())
    brief(page)
    page.click("#copy")
    page.wait_for_selector("#status:has-text('copied')")  # (no wait_for_function: CSP bars eval)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.evaluate("window.newsbrief.state.markdown")
    assert copied.startswith("#") and len(copied.split()) >= 50

    with page.expect_download() as info:
        page.click("#download")
    saved = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert saved["sentences"] and "markdown" not in saved
    assert {"id", "words", "sentences", "articles", "set_aside"} <= set(saved)


def test_error_message_is_shown(page):
    page.goto("/")
    page.locator("#boxes textarea").first.fill("\x01\x02\x03\x04\x05\x06 binary")
    page.click("#brief")
    page.wait_for_selector("#error:not([hidden])")
    assert "binary" in page.locator("#error").inner_text()
    page.locator("#boxes textarea").first.fill("")
    page.click("#brief")
    assert "at least one article" in page.locator("#error").inner_text()


def test_add_and_remove_boxes(page):
    page.goto("/")
    page.click("#add")
    boxes = page.locator("#boxes .box")
    assert boxes.count() == 3
    assert boxes.nth(2).locator("legend").inner_text() == "Article 3"
    boxes.nth(0).locator(".remove").click()
    assert boxes.count() == 2
    assert boxes.nth(1).locator("legend").inner_text() == "Article 2"
    boxes.nth(0).locator(".remove").click()
    assert boxes.count() == 1
    assert boxes.nth(0).locator(".remove").is_disabled()  # always one box left


HOSTILE = [
    ("<img src=x onerror=\"window.__pwned='outlet'\">",
     "Rebels seized the northern town of Qusayr on Monday, officials said. "
     "<script>window.__pwned = 'script'; alert('script ran')</script> "
     "The fighting in Qusayr killed at least twelve people, the officials said. "
     "Residents described <img src=x onerror=\"window.__pwned='img'; alert('img')\"> heavy "
     "shelling of Qusayr through the night. Aid groups asked for a ceasefire in Qusayr to "
     "reach the wounded."),
    ("Wire",
     "Rebels seized the northern town of Qusayr on Monday, officials said. "
     "Read the <a href=\"javascript:window.__pwned='link'\">full report on Qusayr</a> "
     "before the fighting spreads. The fighting in Qusayr killed at least twelve people, the "
     "officials said. <svg onload=\"window.__pwned='svg'\"></svg> Aid groups asked for a "
     "ceasefire in Qusayr to reach the wounded."),
    ("",
     "<html><body><article><p>Rebels seized the northern town of Qusayr on Monday, officials "
     "said.</p><script>window.__pwned='html-script'</script><p>The fighting in Qusayr killed at "
     "least twelve people. <a href=\"javascript:window.__pwned='html-link'\">More</a></p>"
     "<p><img src=x onerror=\"window.__pwned='html-img'\">Aid groups asked for a ceasefire "
     "in Qusayr.</p></article></body></html>"),
]


def test_article_markup_never_executes(page):
    paste_articles(page, HOSTILE)
    brief(page)
    sentences = page.locator("#sentences li")
    for i in range(sentences.count()):
        sentences.nth(i).click()
    for box in page.locator("#articles details").all():
        box.evaluate("d => d.open = true")
    # Click everything that could be a link in the results.
    for link in page.locator("#result a, #articles a").all():
        link.click(modifiers=["Control"]) if link.get_attribute("target") else link.click()
    page.wait_for_timeout(300)  # give any injected handler a chance to fire
    shot(page, "brief-hostile.png")

    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    # The markup was shown as text, not turned into elements.
    shown = page.locator("main").inner_text()
    assert "<script>" in shown or "onerror=" in shown
    assert page.locator("main img, main svg, main script:not([src])").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator(".tag", has_text="onerror=").count() >= 1  # the hostile outlet name


def test_where_the_sources_differ_highlights_each_value(page):
    """"conflicts" from the cross-source analysis; the response is shaped here so the test does
    not depend on what the analysis finds, and carries markup that must stay text."""
    def add_conflicts(route):
        response = route.fetch()
        body = response.json()
        texts = {a["id"]: a["text"] for a in body["articles"]}
        a0, a1 = body["articles"][0]["id"], body["articles"][1]["id"]
        body["conflicts"] = [
            {"kind": "number", "subject": "people killed <img src=x onerror=\"window.__pwned=1\">",
             "compatible": False,
             "values": [{"text": "40,000", "sources": [{"article": a0, "start": 0, "end": 30}]},
                        {"text": "45,000", "sources": [{"article": a1, "start": 10, "end": 50}]}]},
            {"kind": "name", "subject": "Shallal", "compatible": True,
             "values": [{"text": "al-Shallal", "sources": []}]},
        ]
        body["_expected"] = [texts[a0][0:30], texts[a1][10:50]]
        route.fulfill(response=response, body=json.dumps(body))

    page.route("**/v1/briefs", add_conflicts)
    paste_articles(page, example())
    brief(page)
    differ = page.locator("#differ")
    assert differ.is_visible()
    text = differ.inner_text()
    assert "Where the sources differ" in text and "onerror=" in text
    assert "compatible" in differ.locator("#conflicts > li").last.inner_text()
    expected = page.evaluate("window.newsbrief.state.brief._expected")
    values = differ.locator(".value")
    values.nth(1).click()
    assert page.locator("#articles mark").all_text_contents() == [expected[1]]
    values.nth(0).focus()
    assert page.locator("#articles mark").all_text_contents() == [expected[0]]
    assert page.evaluate("window.__pwned") is None and not page.dialogs


def test_live_analysis_is_shown_when_present(page):
    """Whatever the real analysis reports for the example story is on the page."""
    paste_articles(page, example())
    brief(page)
    data = page.evaluate("window.newsbrief.state.brief")
    if not data.get("conflicts"):
        pytest.skip("this build's brief has no conflicts for the example story")
    assert page.locator("#differ").is_visible()
    assert page.locator("#conflicts > li").count() == len(data["conflicts"])
    page.locator("#differ .value").first.click()
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#differ").screenshot(path=str(ARTIFACTS / "brief-differ.png"))


def test_phone_sized_screen(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url,
                                  is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        paste_articles(page, example())
        brief(page)
        page.locator("#sentences li").nth(1).tap()
        assert page.locator("#articles mark").count() >= 1
        # One column, nothing wider than the screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        form = page.locator("#form").bounding_box()
        result = page.locator("#result").bounding_box()
        assert result["y"] > form["y"] and abs(result["x"] - form["x"]) < 2
        page.locator("#result").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('result').scrollIntoView()")
        shot(page, "brief-phone.png", full_page=False)
    finally:
        context.close()


def test_notes_say_when_a_cap_shaped_the_brief(page):
    """A story longer than scoring's cap (1,000 candidate sentences) says so under "Notes";
    the example story, far under it, shows no Notes section."""
    import random

    rng = random.Random(3)
    vocab = [f"{a}{b}" for a in ("pol", "vot", "riv", "mar", "sen", "kal", "dor", "fen")
             for b in ("ice", "er", "an", "ot", "ul", "ine", "ard", "ow")]

    def article(n: int) -> str:  # English enough for screening: function words between
        w = lambda: rng.choice(vocab)  # noqa: E731
        return "\n".join(f"The {w()} {w()} of the {w()} and {w()} was {w()} in the {w()} {w()}."
                         for _ in range(n))

    paste_articles(page, [("Wire", article(600)), ("Daily", article(600))])
    page.select_option("#words", "120")
    page.click("#brief")
    page.wait_for_selector("#sentences li", timeout=60_000)
    assert page.locator("#notes-section").is_visible()
    notes = page.locator("#notes li")
    data = page.evaluate("window.newsbrief.state.brief")
    assert notes.count() == len(data["notes"]) >= 1
    assert "only the 1,000 earliest of its 1,200 candidate sentences" in notes.nth(0).inner_text()
    shot(page, "notes.png")

    paste_articles(page, example())
    brief(page)
    assert not page.locator("#notes-section").is_visible()
