// analysis.js is the interface of Spanmark's analyses: suggestions and the
// argument view. boot.js loads it the first time a person turns either on
// (or a script calls spanmark.suggestions, accept or reject), and it starts
// the analysis worker (worker.js, wasm/worker), which computes them from
// the work that spanmark.work() writes. It is a script and not part of the
// page's Go program because the first load has no room for it: every
// function of the Go adapter costs the wasm about 2 KB of gzip
// (wasm/analysis.go says more), this whole file a few.
//
// Rules it keeps, as the Go adapter does (STYLE.md, "wasm"): text from the
// document or the worker reaches the page only as text content, attribute
// values, CSS highlights, or XML that the worker escaped (argmap's SVG and
// tables), parsed with DOMParser and imported, never as innerHTML; an
// accepted suggestion becomes work only through the API's edits
// (spanmark.annotate and spanmark.link), so it is undoable and saved like
// any other; a suggestion is never part of an export until then.
(() => {
  "use strict";

  const api = window.spanmark;
  const $ = (id) => document.getElementById(id);
  const root = document.documentElement;

  // The worker and its protocol (wasm/worker/main.go): the newest request
  // of a kind wins, and an older one's promise never settles.
  const worker = new Worker(root.dataset.worker);
  const gens = {};
  const waiting = {};
  worker.onmessage = (e) => {
    const m = e.data;
    const w = waiting[m.kind];
    if (!w || w.gen !== m.gen || m.gen !== gens[m.kind]) {
      return; // a newer request is under way: its answer counts
    }
    delete waiting[m.kind];
    if (m.error) {
      w.reject(new Error(m.error));
    } else {
      w.resolve(m.result);
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    for (const [kind, w] of Object.entries(waiting)) {
      delete waiting[kind];
      w.reject(new Error(kind + ": the analysis worker did not start"));
    }
  };

  // The work of the last request: the document's id, text (and as a JSON
  // string) and schema.
  let doc = { id: "", text: "", json: '""', labels: [], units: null };

  // ask sends the work without its text (spanmark.work(false), which never
  // blocks the page) and splices in the text, which it asks for once per
  // document. The first "text": "" of the file is the document's: every
  // quote inside a string value is escaped.
  async function ask(kind, only) {
    const gen = (gens[kind] = (gens[kind] || 0) + 1);
    let file = await api.work(false);
    let f = JSON.parse(file);
    if (f.document.id !== doc.id) {
      file = await api.work();
      f = JSON.parse(file);
      doc = { id: f.document.id, text: f.document.text, json: JSON.stringify(f.document.text), labels: [], units: null };
    } else {
      file = file.replace('"text": ""', () => '"text": ' + doc.json);
    }
    if (gen !== gens[kind]) {
      return new Promise(() => {});
    }
    doc.labels = f.schema.labels;
    return new Promise((resolve, reject) => {
      waiting[kind] = { gen, resolve, reject };
      worker.postMessage({ kind, gen, file, only: only || "" });
    });
  }

  // u converts a code point offset of the document to UTF-16 units, the
  // browser's, through a table made once per document when it holds
  // characters outside the BMP.
  function u(cp) {
    if (doc.units === null) {
      doc.units = false;
      if (/[\uD800-\uDFFF]/.test(doc.text)) {
        const t = new Uint32Array(doc.text.length + 1);
        let n = 0;
        for (let i = 0; i < doc.text.length; i++) {
          t[n++] = i;
          const c = doc.text.charCodeAt(i);
          if (c >= 0xd800 && c < 0xdc00) {
            i++;
          }
        }
        t[n] = doc.text.length;
        doc.units = t;
      }
    }
    return doc.units ? doc.units[cp] : cp;
  }
  const quote = (s) => doc.text.slice(u(s.start), u(s.end));
  const labelName = (id) => (doc.labels.find((l) => l.id === id) || { name: id }).name;
  const say = (msg, isErr) => {
    const st = $("status");
    st.textContent = msg;
    st.classList.toggle("err", !!isErr);
  };

  // rangeOf returns a DOM Range over [start, end) of the article, in one
  // paragraph that is on the page, or null. Paragraphs are <p data-p
  // data-start> (docs/api.md), ps those on the page (paragraphs()); only
  // text nodes count, as in selections.
  const paragraphs = () => document.querySelectorAll("#article p[data-p]");
  function rangeOf(start, end, ps = paragraphs()) {
    let lo = 0;
    let hi = ps.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (+ps[m].dataset.start <= start) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    const p = ps[lo - 1];
    if (!p) {
      return null;
    }
    const base = u(+p.dataset.start);
    let u0 = u(start) - base;
    let u1 = u(end) - base;
    const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const r = document.createRange();
    let started = false;
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const l = n.length;
      if (!started && u0 < l) {
        r.setStart(n, u0);
        started = true;
      }
      if (started && u1 <= l) {
        r.setEnd(n, u1);
        return r;
      }
      u0 -= l;
      u1 -= l;
    }
    return null;
  }

  // Suggestions. list is the latest answer less the rejected ones, in text
  // order; cur indexes the current one or is -1.
  const sug = {
    on: false,
    fresh: false,
    list: [],
    cur: -1,
    rejected: new Set(),
    rejectedDoc: "",
    accepted: new Map(), // suggestion ID to annotation id, for links
    // Undo (undoSuggestion): the rejections since the last edit, newest
    // last, and how many edits the last acceptance made; redo
    // (redoSuggestion): how many that undo took back.
    unreject: [],
    batch: 0,
    rebatch: 0,
    busy: false, // our own edits are under way: not "the last edit"
    changes: 0, // spanmark-change events so far
    pending: null,
  };
  const rejectedKey = () => "spanmark:rejected:" + doc.id;

  // parse reads the worker's lines (wasm/worker/answer.go): tab-separated
  // ID, label, start, end, reason, entity, then link type and target pairs,
  // each field with \\, \t and \n escaped.
  function parse(text) {
    const unescape = (s) => s.replace(/\\(.)/g, (_, c) => (c === "t" ? "\t" : c === "n" ? "\n" : c));
    const out = [];
    for (const line of text.split("\n")) {
      const f = line.split("\t");
      for (let i = 0; i < f.length; i++) {
        if (f[i].includes("\\")) {
          f[i] = unescape(f[i]);
        }
      }
      if (f.length < 6) {
        continue;
      }
      const links = [];
      for (let i = 6; i + 1 < f.length; i += 2) {
        links.push({ type: f[i], to: f[i + 1] });
      }
      out.push({ id: f[0], label: f[1], start: +f[2], end: +f[3], reason: f[4], entity: f[5], links });
    }
    return out;
  }

  // refresh asks for the suggestions of the current work; the promise
  // settles with the newest answer, whichever request it came from.
  function refresh() {
    if (!sug.pending) {
      sug.pending = new Promise((resolve, reject) => {
        sug.settle = { resolve, reject };
      });
    }
    const p = sug.pending;
    const at = sug.changes;
    ask("suggest").then(
      (text) => {
        if (at !== sug.changes) {
          refresh(); // the work changed since it was asked for
          return;
        }
        if (sug.rejectedDoc !== doc.id) {
          sug.rejectedDoc = doc.id;
          sug.rejected = new Set((localStorage.getItem(rejectedKey()) || "").split("\n").filter(Boolean));
          sug.accepted = new Map();
        }
        const cur = sug.list[sug.cur];
        sug.list = parse(text).filter((s) => !sug.rejected.has(s.id));
        sug.cur = cur ? sug.list.findIndex((s) => s.id === cur.id) : -1;
        sug.fresh = true;
        sug.pending = null;
        sug.settle.resolve();
        setTimeout(show, 0); // a task of its own: parsing thousands takes a while

      },
      (err) => {
        sug.pending = null;
        sug.settle.reject(err);
        say(err.message, true);
      },
    );
    return p;
  }

  function show() {
    $("suggest-count").textContent = sug.on ? `${sug.list.length} suggestion${sug.list.length === 1 ? "" : "s"}` : "";
    $("suggest-body").hidden = !sug.on;
    const list = $("suggest-list");
    const all = $("suggest-all");
    list.textContent = "";
    all.textContent = "";
    draw();
    if (!sug.on) {
      return;
    }
    const counts = new Map();
    const frag = document.createDocumentFragment();
    sug.list.forEach((s, i) => {
      counts.set(s.label, (counts.get(s.label) || 0) + 1);
      if (i >= 300) {
        return; // the highlights show every one, and stepping reaches it
      }
      const b = document.createElement("button");
      b.type = "button";
      b.className = "sug";
      b.dataset.sug = i;
      b.setAttribute("aria-current", i === sug.cur);
      b.textContent = `${labelName(s.label)}: “${quote(s)}”` + (s.entity ? ` (${s.entity})` : "");
      const li = document.createElement("li");
      li.append(b);
      frag.append(li);
    });
    list.append(frag);
    for (const l of doc.labels) {
      const n = counts.get(l.id);
      if (n) {
        const b = document.createElement("button");
        b.type = "button";
        b.dataset.label = l.id;
        b.textContent = `Accept all ${n} ${l.name}`;
        all.append(b);
      }
    }
  }

  // draw shows the suggestions as the CSS highlights "suggestion" and
  // "suggestion-current" (web/style.css), over the paragraphs on the page:
  // the current one at once, the others in slices of drawSlice, one task
  // each, so that thousands never make a long task.
  const drawSlice = 250; // about 10 ms on a 1 MB article

  let drawGen = 0;
  function draw() {
    if (!window.CSS || !CSS.highlights) {
      return; // no Custom Highlight API: the list and the keys still work
    }
    CSS.highlights.delete("suggestion");
    CSS.highlights.delete("suggestion-current");
    const gen = ++drawGen;
    if (!sug.on) {
      return;
    }
    const ps = paragraphs();
    const list = sug.list;
    const cur = list[sug.cur];
    const r = cur && rangeOf(cur.start, cur.end, ps);
    if (r) {
      CSS.highlights.set("suggestion-current", new Highlight(r));
    }
    const all = new Highlight();
    CSS.highlights.set("suggestion", all);
    let i = 0;
    const slice = () => {
      if (gen !== drawGen) {
        return; // drawn again since
      }
      for (const end = Math.min(i + drawSlice, list.length); i < end; i++) {
        const r = rangeOf(list[i].start, list[i].end, ps);
        if (r) {
          all.add(r);
        }
      }
      if (i < list.length) {
        setTimeout(slice, 0);
      }
    };
    setTimeout(slice, 0);
  }

  function setCurrent(i) {
    if (i < 0 || i >= sug.list.length) {
      sug.cur = -1;
      show();
      return;
    }
    sug.cur = i;
    show();
    const s = sug.list[i];
    const r = rangeOf(s.start, s.end);
    if (r) {
      window.scrollBy({ top: r.getBoundingClientRect().top - innerHeight / 3 });
    }
    const b = document.querySelector('#suggest-list [aria-current="true"]');
    if (b) {
      b.scrollIntoView({ block: "nearest" });
    }
    say(`Suggestion ${i + 1} of ${sug.list.length}: ${labelName(s.label)} “${quote(s)}”. Enter or a label key accepts it, x rejects it.`);
  }

  function step(dir) {
    const n = sug.list.length;
    if (n > 0) {
      setCurrent(sug.cur < 0 ? (dir > 0 ? 0 : n - 1) : (sug.cur + dir + n) % n);
    }
  }

  // accept makes annotations of the suggestions ss, with their label or
  // the one given, then links them as suggested to annotations of the work
  // and to suggestions accepted before. Every edit is the API's, so the
  // model checks it and records it; undo takes all of them back at once.
  function accept(ss, label) {
    const ids = [];
    let n = 0;
    sug.busy = true;
    sug.unreject = [];
    try {
      for (const s of ss) {
        const as = !label || label === s.label;
        let id;
        try {
          id = api.annotate({ start: s.start, end: s.end, label: label || s.label, entity: as ? s.entity : "" });
        } catch (err) {
          throw new Error(`accept ${s.id}: ${err.message}`);
        }
        n++;
        ids.push(id);
        sug.accepted.set(s.id, id);
      }
      for (const s of ss) {
        if (label && label !== s.label) {
          continue;
        }
        for (const l of s.links) {
          try {
            api.link({ from: sug.accepted.get(s.id), to: sug.accepted.get(l.to) || l.to, type: l.type });
            n++;
          } catch {
            // The other end is a suggestion not (yet) accepted, or one
            // since deleted: the span is accepted alone.
          }
        }
      }
    } finally {
      sug.busy = false;
      sug.batch = n;
      const done = new Set(ss.filter((s) => sug.accepted.has(s.id)).map((s) => s.id));
      sug.list = sug.list.filter((s) => !done.has(s.id));
      sug.cur = Math.min(sug.cur, sug.list.length - 1);
      show();
    }
    return ids;
  }

  function reject(i) {
    const s = sug.list[i];
    sug.rejected.add(s.id);
    try {
      localStorage.setItem(rejectedKey(), [...sug.rejected].join("\n"));
    } catch (err) {
      say("remember the rejected suggestions: " + err.message, true);
    }
    sug.unreject.push(s.id);
    sug.batch = 0;
    sug.list.splice(i, 1);
    sug.cur = Math.min(sug.cur, sug.list.length - 1);
    show();
  }

  function acceptCurrent(label) {
    const i = sug.cur;
    if (i < 0) {
      return;
    }
    try {
      accept([sug.list[i]], label);
      say("Accepted. Ctrl+Z undoes it.");
      setCurrent(Math.min(i, sug.list.length - 1));
    } catch (err) {
      say(err.message, true);
    }
  }

  function rejectCurrent() {
    const i = sug.cur;
    if (i >= 0) {
      reject(i);
      setCurrent(Math.min(i, sug.list.length - 1));
      say("Rejected. Ctrl+Z brings it back.");
    }
  }

  // undoSuggestion undoes the last rejection, or all the edits of the last
  // acceptance, when that was the last thing done, and reports whether it
  // did; else Ctrl+Z and the Undo button do what they always do.
  function undoSuggestion() {
    if (sug.unreject.length > 0) {
      const id = sug.unreject.pop();
      sug.rejected.delete(id);
      localStorage.setItem(rejectedKey(), [...sug.rejected].join("\n"));
      refresh();
      say("Undone: the suggestion is back.");
      return true;
    }
    if (sug.batch < 2) {
      return false;
    }
    const n = sug.batch;
    sug.batch = 0;
    sug.rebatch = stepHistory(n, () => api.undo());
    say("Undone.");
    return true;
  }

  // redoSuggestion redoes all the edits of an acceptance that
  // undoSuggestion took back, when that was the last thing done, and
  // reports whether it did: an acceptance is undone and redone whole.
  function redoSuggestion() {
    if (sug.rebatch < 2) {
      return false;
    }
    const n = sug.rebatch;
    sug.rebatch = 0;
    sug.batch = stepHistory(n, () => api.redo());
    say("Redone.");
    return true;
  }

  // stepHistory undoes or redoes (step) n edits as our own, which keep
  // the batches above, and returns n.
  function stepHistory(n, step) {
    sug.busy = true;
    try {
      for (let i = 0; i < n; i++) {
        step();
      }
    } finally {
      sug.busy = false;
    }
    return n;
  }

  function turnOn(on) {
    sug.on = on;
    $("suggest-on").checked = on;
    if (on && !sug.fresh) {
      refresh().catch(() => {});
    }
    show();
  }

  $("suggest-on").addEventListener("change", (e) => turnOn(e.target.checked));
  $("suggest-next").addEventListener("click", () => step(1));
  $("suggest-prev").addEventListener("click", () => step(-1));
  $("suggest-accept").addEventListener("click", () => acceptCurrent(""));
  $("suggest-reject").addEventListener("click", () => rejectCurrent());
  $("suggest-list").addEventListener("click", (e) => {
    const b = e.target.closest("[data-sug]");
    if (b) {
      setCurrent(+b.dataset.sug);
    }
  });
  $("suggest-all").addEventListener("click", (e) => {
    const b = e.target.closest("[data-label]");
    if (!b) {
      return;
    }
    const ss = sug.list.filter((s) => s.label === b.dataset.label);
    try {
      accept(ss);
      say(`Accepted ${ss.length} suggestions. Ctrl+Z undoes them.`);
    } catch (err) {
      say(err.message, true);
    }
  });
  const isTyping = (t) => t.matches("input, textarea, select") || t.isContentEditable;
  // Undo and redo come first: capture, before the page's own handlers
  // (the keys of wasm/keys.go: Ctrl+Z, and Ctrl+Shift+Z or Ctrl+Y).
  const undoKey = (e) => (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && (e.key === "z" || e.key === "Z");
  const redoKey = (e) =>
    (e.ctrlKey || e.metaKey) && !e.altKey && (((e.key === "z" || e.key === "Z") && e.shiftKey) || e.key === "y" || e.key === "Y");
  window.addEventListener(
    "keydown",
    (e) => {
      if (isTyping(e.target)) {
        return;
      }
      if ((undoKey(e) && undoSuggestion()) || (redoKey(e) && redoSuggestion())) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    },
    true,
  );
  for (const [id, run] of [["undo", undoSuggestion], ["redo", redoSuggestion]]) {
    $(id).addEventListener(
      "click",
      (e) => {
        if (run()) {
          e.stopImmediatePropagation();
        }
      },
      true,
    );
  }
  // The suggestion keys (the help lists them) come after the page's
  // (wasm/keys.go): what it handled, such as a label key on a text
  // selection, it prevented.
  document.addEventListener("keydown", (e) => {
    if (!sug.on || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || document.querySelector("dialog[open]")) {
      return;
    }
    let done = true;
    if (e.key === ".") {
      step(1);
    } else if (e.key === ",") {
      step(-1);
    } else if (sug.cur < 0) {
      done = false;
    } else if (e.key === "x" || e.key === "X") {
      rejectCurrent();
    } else if (e.key === "Enter" && !e.target.matches("button, a, summary, [tabindex]:not(#article)")) {
      acceptCurrent("");
    } else {
      const l = doc.labels.find((l) => l.key && l.key === e.key);
      if (l) {
        acceptCurrent(l.id);
      } else {
        done = false;
      }
    }
    if (done) {
      e.preventDefault();
    }
  });

  // The argument view: <details id="argmap-view">, computed when open.
  const view = $("argmap-view");
  // The drawing's labels are 12 px (annotations/argmap, FontSize): at this
  // scale, 10 px.
  const minMapScale = 10 / 12;
  let svgText = "";
  function refreshMap() {
    ask("argmap", $("argmap-filter").value).then(
      (res) => {
        svgText = res.svg;
        // The drawing's own <style> (annotations/argmap/svg.go, svgStyle,
        // which holds no "<") is in web/style.css instead: the policy
        // allows no inline style, in a parsed document either.
        const svg = new DOMParser().parseFromString(res.svg.replace(/<style>[^<]*<\/style>/, ""), "image/svg+xml").documentElement;
        const tables = new DOMParser().parseFromString(res.tables, "application/xhtml+xml").documentElement;
        if (svg.localName !== "svg" || tables.localName !== "div") {
          throw new Error("argument map: the worker's answer does not parse");
        }
        const drawn = document.importNode(svg, true);
        // Shrunk to the sidebar, a large map's labels would be a few
        // pixels high: it shrinks to at most minMapScale of its size and
        // scrolls sideways beyond that. Through the CSSOM, which the
        // policy allows, unlike a style attribute.
        const natural = drawn.width.baseVal.value;
        if (natural > 0) {
          drawn.style.minWidth = Math.round(natural * minMapScale) + "px";
        }
        $("argmap-graph").replaceChildren(drawn);
        $("argmap-tables").replaceChildren(document.importNode(tables, true));
        const filter = $("argmap-filter");
        const chosen = filter.value;
        const opts = [new Option("All statements", "")];
        for (const [id, name] of res.labels) {
          opts.push(new Option(name, id));
        }
        filter.replaceChildren(...opts);
        filter.value = chosen;
        view.dataset.ready = "true";
      },
      (err) => say(err.message, true),
    ).catch((err) => say(err.message, true));
  }
  // pick selects what a click or key in the view names: a statement or an
  // actor's first mention (an SVG actor names its index in the tables).
  function pick(target) {
    let el = target.closest("[data-annotation]");
    const actor = !el && target.closest("[data-actor]");
    if (actor) {
      el = $("argmap-tables").querySelector(`button[data-actor="${CSS.escape(actor.getAttribute("data-actor"))}"]`);
    }
    if (el) {
      api.select(el.getAttribute("data-annotation"));
      return true;
    }
    return false;
  }
  view.addEventListener("toggle", () => {
    if (view.open) {
      refreshMap();
    }
  });
  view.addEventListener("click", (e) => pick(e.target));
  view.addEventListener("keydown", (e) => {
    if ((e.key === "Enter" || e.key === " ") && e.target.closest("svg") && pick(e.target)) {
      e.preventDefault();
    }
  });
  $("argmap-filter").addEventListener("change", refreshMap);
  $("argmap-download").addEventListener("click", () => {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
    a.download = "argument-map.svg";
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  });

  // A large article is put on the page in parts after it shows
  // (wasm/render.go): draw the suggestions of the new ones too.
  let redraw = 0;
  new MutationObserver(() => {
    clearTimeout(redraw);
    redraw = setTimeout(() => sug.on && draw(), 100);
  }).observe($("article"), { childList: true });

  // Every change of the work (wasm/analysis.go) makes what is shown stale.
  let queued = false;
  window.addEventListener("spanmark-change", () => {
    sug.fresh = false;
    sug.changes++;
    if (!sug.busy) {
      sug.unreject = [];
      sug.batch = 0;
      sug.rebatch = 0;
    }
    // After the event: the Go program dispatches it in the middle of an edit.
    if (!queued) {
      queued = true;
      setTimeout(() => {
        queued = false;
        if (sug.on) {
          refresh().catch(() => {});
        }
        if (view.open) {
          refreshMap();
        }
      }, 0);
    }
  });

  // The API's methods (docs/api.md); boot.js defines them, loading this
  // script on the first call.
  const find = (op, id) => {
    const i = sug.list.findIndex((s) => s.id === id);
    if (i < 0) {
      throw new Error(`${op}: no suggestion ${JSON.stringify(id)}`);
    }
    return i;
  };
  const methods = {
    start() {
      turnOn($("suggest-on").checked);
      if (view.open) {
        refreshMap();
      }
    },
    async suggestions() {
      if (!sug.fresh) {
        await refresh();
      }
      return sug.list.map((s) => ({ ...s, links: s.links.map((l) => ({ ...l })) }));
    },
    async accept(id) {
      if (!sug.fresh) {
        await refresh();
      }
      return accept([sug.list[find("accept", id)]])[0];
    },
    async reject(id) {
      if (!sug.fresh) {
        await refresh();
      }
      reject(find("reject", id));
    },
  };
  // Not enumerable, so not part of the API.
  Object.defineProperty(window.spanmark, "_analysis", { value: methods });
})();
