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
    pinned: -1,         // the sentence chosen by click or keyboard
    shown: -1,          // the sentence whose sources are highlighted now
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
    state.pinned = -1;
    state.shown = -1;
    state.rendered.clear();
    state.labels = new Map((brief.articles || []).map((a) => [a.id, label(a)]));

    const list = $("sentences");
    list.replaceChildren();
    (brief.sentences || []).forEach((s, i) => list.append(sentenceItem(s, i)));
    $("count").textContent = `${brief.words} words from ${countUsed(brief)} of ${(brief.articles || []).length} articles`;

    renderConflicts(brief.conflicts);
    renderSetAside(brief.set_aside || []);
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
    const item = el("li", { class: "sentence", tabindex: "0", "data-index": String(i) });
    item.append(el("span", { class: "stext", text: s.text }));
    const outlets = [...new Set((s.sources || []).map((src) => state.labels.get(src.article) || src.article))];
    const tags = el("span", { class: "tags", "aria-label": `Sources: ${outlets.join(", ")}` });
    for (const o of outlets) tags.append(el("span", { class: "tag", text: o }));
    if (s.support && typeof s.support.articles === "number") {
      tags.append(el("span", { class: "support", text: `${s.support.articles}/${s.support.of}` ,
        title: `reported by ${s.support.articles} of ${s.support.of} articles` }));
    }
    item.append(" ", tags);
    item.addEventListener("click", () => pin(i, true));
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pin(i, true); }
      else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        const next = e.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
        if (next) next.focus();
      }
    });
    item.addEventListener("focus", () => pin(i, false));
    item.addEventListener("mouseenter", () => highlight(i, false));
    item.addEventListener("mouseleave", () => highlight(state.pinned, false));
    return item;
  }

  function pin(i, scroll) {
    state.pinned = i;
    for (const li of $("sentences").children) {
      li.classList.toggle("pinned", Number(li.dataset.index) === i);
      li.setAttribute("aria-current", Number(li.dataset.index) === i ? "true" : "false");
    }
    highlight(i, scroll);
  }

  // Draw the source passages of sentence ``i`` (or none when i < 0) in the article texts.
  function highlight(i, scroll) {
    if (!state.brief) return;
    state.shown = i;
    const sentence = i >= 0 ? state.brief.sentences[i] : null;
    const spans = new Map();
    for (const src of (sentence && sentence.sources) || []) {
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

  // "conflicts" comes from the cross-source analysis when it is there. Each entry is shown as
  // its own statement when it has one, else as the values each outlet reports.
  function renderConflicts(conflicts) {
    const list = $("conflicts");
    list.replaceChildren();
    const items = Array.isArray(conflicts) ? conflicts : [];
    for (const c of items) list.append(conflictItem(c));
    $("differ").hidden = items.length === 0;
  }

  function conflictItem(c) {
    if (typeof c === "string") return el("li", { text: c });
    const li = el("li");
    if (!c || typeof c !== "object") { li.textContent = String(c); return li; }
    const head = c.text || c.message || c.summary || c.description || c.about || c.kind || c.type;
    if (head) li.append(el("span", { class: "chead", text: String(head) }));
    const values = c.values || c.variants || c.claims || c.readings;
    if (Array.isArray(values) && values.length) {
      const ul = el("ul");
      for (const v of values) ul.append(el("li", { text: describeValue(v) }));
      li.append(ul);
    } else if (values && typeof values === "object") {
      const ul = el("ul");
      for (const [k, v] of Object.entries(values)) ul.append(el("li", { text: `${k}: ${describeValue(v)}` }));
      li.append(ul);
    } else if (!head) {
      li.textContent = describeValue(c);
    }
    return li;
  }

  function describeValue(v) {
    if (v == null) return "";
    if (typeof v !== "object") return String(v);
    if (Array.isArray(v)) return v.map(describeValue).join(", ");
    const value = v.value ?? v.text ?? v.claim;
    const who = v.articles || v.sources || v.outlets || (v.article ? [v.article] : null);
    if (value != null && who) {
      const names = (Array.isArray(who) ? who : [who]).map((w) => {
        const id = typeof w === "object" && w ? w.article || w.id : w;
        return state.labels.get(id) || String(id);
      });
      return `${describeValue(value)} (${[...new Set(names)].join(", ")})`;
    }
    return Object.entries(v).map(([k, x]) => `${k}: ${describeValue(x)}`).join("; ");
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
