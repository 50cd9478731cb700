// newsbrief page: plain JS, no build step.
//
// Article text is untrusted. It is only ever put on the page as text nodes (textContent,
// createTextNode); this file never parses a string as HTML, so no markup, script or link in an article
// can run. The server's Content-Security-Policy (no inline script) is a second line of defence.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (k === "text") node.textContent = v;
        else if (k === "class") node.className = v;
        else node.setAttribute(k, v);
      }
    }
    for (const c of children) node.append(c); // strings become text nodes
    return node;
  };

  const state = {
    brief: null,        // the JSON the server returned
    markdown: "",       // the same brief as Markdown, for the copy button
    labels: new Map(),  // article id -> short outlet label
    rendered: new Map(),// article id -> the key of the highlight now drawn
    pinned: null,       // the element (sentence or differing value) chosen by click or keyboard
    sources: new WeakMap(), // element -> the source spans it stands for
  };

  // ---------------------------------------------------------------------------------------
  // Input boxes

  function addBox(text = "", source = "") {
    const node = $("box-template").content.firstElementChild.cloneNode(true);
    node.querySelector(".text").value = text;
    node.querySelector(".source").value = source;
    node.querySelector(".remove").addEventListener("click", () => {
      const boxes = $("boxes");
      const next = node.nextElementSibling || node.previousElementSibling;
      node.remove();
      if (!boxes.children.length) addBox();
      renumber();
      const focus = (next && next.isConnected ? next : boxes.firstElementChild).querySelector("textarea");
      focus.focus();
    });
    $("boxes").append(node);
    renumber();
    return node;
  }

  function renumber() {
    const boxes = [...$("boxes").children];
    boxes.forEach((box, i) => {
      box.querySelector("legend").textContent = `Article ${i + 1}`;
      box.querySelector(".remove").setAttribute("aria-label", `Remove article ${i + 1}`);
      box.querySelector(".remove").disabled = boxes.length === 1;
    });
  }

  async function openFiles(files) {
    for (const file of files) {
      const text = await file.text();
      const empty = [...$("boxes").children].find((b) => !b.querySelector(".text").value.trim());
      const box = empty || addBox();
      box.querySelector(".text").value = text;
    }
  }

  function collect() {
    const articles = [];
    for (const box of $("boxes").children) {
      const text = box.querySelector(".text").value;
      if (!text.trim()) continue;
      const item = { text };
      const source = box.querySelector(".source").value.trim();
      if (source) item.source = source;
      articles.push(item);
    }
    for (const line of $("urls").value.split(/\r?\n/)) {
      const url = line.trim();
      if (url) articles.push({ url });
    }
    return articles;
  }

  // ---------------------------------------------------------------------------------------
  // Talking to the API

  async function submit(event) {
    event.preventDefault();
    const articles = collect();
    if (!articles.length) {
      showError("Paste at least one article or give a URL.");
      return;
    }
    const body = {
      articles,
      words: Number($("words").value),
      format: "json",
      include_text: true,
      include_markdown: true,
    };
    const button = $("brief");
    button.disabled = true;
    $("form").setAttribute("aria-busy", "true");
    showError("");
    setStatus("Briefing…");
    try {
      const response = await fetch("/v1/briefs", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      let data = null;
      try { data = await response.json(); } catch (e) { data = null; }
      if (!response.ok) {
        const why = data && typeof data.error === "string" ? data.error : `HTTP ${response.status}`;
        throw new Error(why);
      }
      show(data);
      setStatus(`Brief ready: ${data.sentences.length} sentences, ${data.words} words.`);
      $("result").focus();
    } catch (err) {
      setStatus("");
      showError(`Could not brief: ${err.message}`);
    } finally {
      button.disabled = false;
      $("form").removeAttribute("aria-busy");
    }
  }

  function setStatus(text) { $("status").textContent = text; }

  function showError(text) {
    $("error").textContent = text;
    $("error").hidden = !text;
  }

  // ---------------------------------------------------------------------------------------
  // Showing a brief

  function show(data) {
    state.markdown = typeof data.markdown === "string" ? data.markdown : "";
    const brief = Object.assign({}, data);
    delete brief.markdown;
    state.brief = brief;
    state.pinned = null;
    state.rendered.clear();
    state.labels = new Map((brief.articles || []).map((a) => [a.id, label(a)]));

    const list = $("sentences");
    list.replaceChildren();
    (brief.sentences || []).forEach((s, i) => list.append(sentenceItem(s, i)));
    $("count").textContent = `${brief.words} words from ${countUsed(brief)} of ${(brief.articles || []).length} articles`;

    renderConflicts(brief.conflicts);
    renderEntities(brief.entities);
    renderSetAside(brief.set_aside || []);
    renderNotes(brief.notes || []);
    renderArticles(brief.articles || []);
    $("result").hidden = false;
    $("sources").hidden = false;
    $("copy").disabled = !state.markdown;
  }

  function label(a) {
    return a.outlet || `#${a.index + 1}`;
  }

  function countUsed(brief) {
    const used = new Set();
    for (const s of brief.sentences || []) for (const src of s.sources || []) used.add(src.article);
    return used.size;
  }

  function sentenceItem(s, i) {
    const item = el("li", { class: "sentence", "data-index": String(i) });
    item.append(el("span", { class: "stext", text: s.text }));
    const outlets = [...new Set((s.sources || []).map((src) => state.labels.get(src.article) || src.article))];
    const tags = el("span", { class: "tags", "aria-label": `Sources: ${outlets.join(", ")}` });
    for (const o of outlets) tags.append(el("span", { class: "tag", text: o }));
    if (s.support && typeof s.support.articles === "number") {
      tags.append(" ", el("span", { class: "support", text: `${s.support.articles} of ${s.support.of}`,
        title: `reported by ${s.support.articles} of the story's ${s.support.of} articles` }));
    }
    item.append(" ", tags);
    selectable(item, s.sources || []);
    return item;
  }

  // Click, Enter/Space or keyboard focus pins ``item`` and highlights its source spans; hover
  // shows them while the pointer is over it. Arrow keys move between siblings.
  function selectable(item, sources) {
    item.tabIndex = 0;
    item.classList.add("selectable");
    state.sources.set(item, sources);
    item.addEventListener("click", () => pin(item, true));
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pin(item, true); }
      else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const next = e.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
        if (next && next.tabIndex === 0) next.focus();
      }
    });
    item.addEventListener("focus", () => pin(item, false));
    item.addEventListener("mouseenter", () => highlight(sources, false));
    item.addEventListener("mouseleave", () => highlight(state.pinned ? state.sources.get(state.pinned) : [], false));
  }

  function pin(item, scroll) {
    if (state.pinned && state.pinned !== item) {
      state.pinned.classList.remove("pinned");
      state.pinned.setAttribute("aria-current", "false");
    }
    state.pinned = item;
    item.classList.add("pinned");
    item.setAttribute("aria-current", "true");
    highlight(state.sources.get(item) || [], scroll);
  }

  // Draw the given source spans ({article, start, end}) in the article texts; [] clears them.
  function highlight(sources, scroll) {
    if (!state.brief) return;
    const spans = new Map();
    for (const src of sources) {
      if (!src || typeof src.start !== "number" || typeof src.end !== "number") continue;
      if (!spans.has(src.article)) spans.set(src.article, []);
      spans.get(src.article).push([src.start, src.end]);
    }
    for (const a of state.brief.articles || []) {
      const want = spans.get(a.id) || [];
      const key = JSON.stringify(want);
      const box = document.querySelector(`[data-article="${CSS.escape(a.id)}"]`);
      if (!box) continue;
      box.classList.toggle("cited", want.length > 0);
      if (state.rendered.get(a.id) === key) continue;
      state.rendered.set(a.id, key);
      drawText(box.querySelector(".atext"), a.text || "", want);
      if (want.length) box.open = true;
    }
    if (scroll) {
      const first = document.querySelector("#articles mark");
      if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
    }
  }

  // The article's text as text nodes, with each [start, end) span wrapped in <mark>.
  function drawText(target, text, spans) {
    const parts = [];
    let at = 0;
    const sorted = spans
      .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))])
      .filter(([s, e]) => e > s)
      .sort((x, y) => x[0] - y[0]);
    for (const [s, e] of sorted) {
      const start = Math.max(s, at);
      if (start > at) parts.push(document.createTextNode(text.slice(at, start)));
      if (e > start) parts.push(el("mark", { text: text.slice(start, e) }));
      at = Math.max(at, e);
    }
    if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
    target.replaceChildren(...parts);
  }

  function renderArticles(articles) {
    const setAside = new Map((state.brief.set_aside || []).map((x) => [x.article, x.reason]));
    const root = $("articles");
    root.replaceChildren();
    for (const a of articles) {
      const box = el("details", { class: "article", "data-article": a.id });
      const summary = el("summary");
      summary.append(el("span", { class: "tag", text: label(a) }));
      if (a.title) summary.append(" ", el("span", { class: "title", text: a.title }));
      if (a.published) summary.append(" ", el("span", { class: "muted", text: a.published }));
      if (setAside.has(a.id)) summary.append(" ", el("span", { class: "badge", text: "set aside" }));
      box.append(summary);
      if (a.url && /^https?:\/\//i.test(a.url)) {
        // A link to the original: only http(s), opened without access to this page.
        box.append(el("a", { class: "url", href: a.url, rel: "noopener noreferrer nofollow",
          target: "_blank", text: a.url }));
      }
      const text = el("div", { class: "atext" });
      text.textContent = a.text || "(text not included)";
      box.append(text);
      root.append(box);
      state.rendered.set(a.id, "[]");
    }
  }

  function renderSetAside(items) {
    const list = $("set-aside");
    list.replaceChildren();
    for (const x of items) {
      const name = state.labels.get(x.article) || x.article;
      const score = typeof x.score === "number" ? ` (score ${x.score.toFixed(2)})` : "";
      list.append(el("li", {}, el("span", { class: "tag", text: name }), ` ${x.reason}${score}`));
    }
    $("aside").hidden = items.length === 0;
  }

  // How the brief was made, when a limit applied ("only the 1,000 earliest ... were scored").
  function renderNotes(notes) {
    const list = $("notes");
    list.replaceChildren(...notes.map((n) => el("li", { text: n })));
    $("notes-section").hidden = notes.length === 0;
  }

  // "conflicts" comes from the cross-source analysis when it is there:
  // [{kind, subject, values: [{text, sources: [{article, start, end}]}], compatible}].
  // Each value is selectable like a sentence: it highlights where each outlet says it.
  // Conflicts whose values can all be true ("more than 40,000" / "at least 40,000") come last.
  function renderConflicts(conflicts) {
    const list = $("conflicts");
    list.replaceChildren();
    const items = (Array.isArray(conflicts) ? conflicts : []).filter((c) => c != null);
    const order = (c) => (c && c.compatible === true ? 1 : 0);
    items.sort((x, y) => order(x) - order(y));
    for (const c of items) list.append(conflictItem(c));
    $("differ").hidden = items.length === 0;
  }

  const KINDS = { name: "Name", title: "Title", number: "Figure", date: "Date", quantity: "Figure" };

  function conflictItem(c) {
    if (typeof c !== "object") return el("li", { text: String(c) });
    const li = el("li", { class: "conflict" });
    const kind = typeof c.kind === "string" ? (Object.hasOwn(KINDS, c.kind) ? KINDS[c.kind] : c.kind) : "";
    const head = el("div", { class: "chead" });
    if (kind) head.append(el("span", { class: "kind", text: kind }), " ");
    head.append(String(c.subject ?? c.text ?? c.message ?? ""));
    if (c.compatible === true) {
      head.append(" ", el("span", { class: "compatible", text: "compatible",
        title: "The sources word it differently, but all of the values can be true." }));
    }
    li.append(head);
    const values = Array.isArray(c.values) ? c.values : [];
    if (values.length) {
      const ul = el("ul", { class: "values" });
      for (const v of values) ul.append(valueItem(v));
      li.append(ul);
    }
    return li;
  }

  function valueItem(v) {
    if (v == null || typeof v !== "object") return el("li", { text: String(v) });
    const sources = Array.isArray(v.sources) ? v.sources : [];
    const item = el("li", { class: "value" });
    item.append(el("q", { text: String(v.text ?? v.value ?? "") }), " ");
    const outlets = [...new Set(sources.map((src) => state.labels.get(src.article) || String(src.article)))];
    for (const o of outlets) item.append(el("span", { class: "tag", text: o }));
    if (sources.some((src) => typeof src.start === "number")) selectable(item, sources);
    return item;
  }

  // "entities" from the analysis: people, places and organisations, with the variant spellings.
  function renderEntities(entities) {
    const list = $("entity-list");
    list.replaceChildren();
    const items = (Array.isArray(entities) ? entities : []).filter((e) => e && e.name);
    for (const e of items) {
      const li = el("li");
      li.append(el("span", { class: "ename", text: String(e.name) }));
      if (e.kind) li.append(" ", el("span", { class: "muted", text: String(e.kind) }));
      const variants = (Array.isArray(e.variants) ? e.variants : []).filter((x) => x !== e.name);
      if (variants.length) li.append(" ", el("span", { class: "variants", text: `also: ${variants.join("; ")}` }));
      if (Array.isArray(e.articles)) {
        li.append(" ", el("span", { class: "muted", text: `(${e.articles.length} of ${(state.brief.articles || []).length} articles)` }));
      }
      list.append(li);
    }
    $("entities").hidden = items.length === 0;
    $("entity-count").textContent = String(items.length);
  }

  // ---------------------------------------------------------------------------------------
  // Copy and download

  async function copyMarkdown() {
    const text = state.markdown;
    if (!text) return;
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      // No clipboard API (a plain-http address that is not localhost): copy via a selection.
      const area = el("textarea", { class: "offscreen", "aria-hidden": "true" });
      area.value = text;
      document.body.append(area);
      area.select();
      const ok = document.execCommand && document.execCommand("copy");
      area.remove();
      if (!ok) { setStatus("Copy failed: your browser blocked the clipboard."); return; }
    }
    setStatus("Markdown copied to the clipboard.");
  }

  function downloadJson() {
    if (!state.brief) return;
    const blob = new Blob([JSON.stringify(state.brief, null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const name = `${String(state.brief.id || "brief").replace(/[^\w.-]+/g, "_")}.json`;
    const a = el("a", { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    setStatus(`Downloaded ${name}.`);
  }

  // ---------------------------------------------------------------------------------------

  function init() {
    addBox();
    addBox();
    $("add").addEventListener("click", () => addBox().querySelector("textarea").focus());
    $("files").addEventListener("change", (e) => { openFiles(e.target.files); e.target.value = ""; });
    $("form").addEventListener("submit", submit);
    $("copy").addEventListener("click", copyMarkdown);
    $("download").addEventListener("click", downloadJson);
    // Tests and scripts can reach the state; it holds nothing secret.
    window.newsbrief = { state, addBox };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
