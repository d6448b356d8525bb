// boot.js starts Spanmark: it compiles the wasm while it downloads, runs it
// with wasm_exec.js, registers the service worker and offers a reload when
// a new version is waiting. It loads the analyses (web/analysis.js) when a
// person first turns one on.
//
// The build writes it into the page's <head> (tools/internal/site,
// inline.go), so it runs while the page is still parsing and the wasm's
// download and compile start at once; the program runs once the document
// is parsed and wasm_exec.js (deferred) has run. Meanwhile the sample
// article is already on the page: the build writes it into #article
// (prerender.go) and the program takes it over.
//
// Readiness: the Go program sets <html data-ready="true"> when the app is
// interactive. This script then removes #boot-progress and resolves
// window.spanmark.ready, which tests and other scripts can await. On a
// failure it sets data-boot-error and shows the message in #boot-progress.
(() => {
  "use strict";

  // The build rewrites this name to the hashed one.
  const wasmURL = "app.wasm";

  // compiled is the compiled program. The response goes to the compiler as
  // fetch gave it, never re-wrapped: only the code compiled from such a
  // response can be cached for the next visit (when V8 hands it over,
  // which tools/bench reports). Streaming costs the main thread the
  // decode of each chunk, between the page's own tasks, yet compiling
  // from a whole buffer instead, decoded off the main thread, made the
  // program ready about 100 ms later on a first visit.
  const compiled = (async () => {
    const res = await fetch(wasmURL);
    if (!res.ok) {
      throw new Error(`fetch ${wasmURL}: ${res.status} ${res.statusText}`);
    }
    const type = (res.headers.get("Content-Type") || "").split(";")[0].trim();
    // A host that does not send the wasm MIME type: compile from a buffer.
    const module = await (WebAssembly.compileStreaming && type === "application/wasm"
      ? WebAssembly.compileStreaming(res)
      : WebAssembly.compile(await res.arrayBuffer()));
    // For DevTools and tools/bench: when the compiled code was there.
    performance.mark("spanmark:compiled");
    return module;
  })();
  compiled.catch(() => {}); // reported by start

  const root = document.documentElement;
  // parsed resolves once the page is parsed and the deferred wasm_exec.js
  // has run (or failed). The page is "interactive" before its deferred
  // scripts run, so that state alone does not say wasm_exec.js has run;
  // DOMContentLoaded comes after them, and load in the end, for a script
  // that arrives after DOMContentLoaded with wasm_exec.js failed.
  const parsed = new Promise((resolve) => {
    const state = document.readyState;
    if (state === "complete" || (state === "interactive" && typeof Go === "function")) {
      resolve();
      return;
    }
    document.addEventListener("DOMContentLoaded", resolve, { once: true });
    addEventListener("load", resolve, { once: true });
  });

  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A rejection nobody awaits must not become a console error of its own:
  // fail() reports it once.
  ready.catch(() => {});
  window.spanmark = Object.assign(window.spanmark || {}, { ready });

  // fetchText fetches url for the Go program, which reports its failure
  // as it reports its own fetches' (wasm/dom, FetchText).
  function fetchText(url) {
    const text = fetch(url).then((res) => {
      if (!res.ok) {
        throw new Error(`${res.status} ${res.statusText}`);
      }
      return res.text();
    });
    text.catch(() => {}); // reported by the Go program
    return text;
  }

  // The sample article (<html data-sample>) is fetched when the Go
  // program asks for it (wasm/start.go, openFirst), unless ?article= names
  // another: usually it never does, for the build wrote the sample into
  // the page. Not enumerable, so not part of the API.
  const params = new URLSearchParams(location.search);
  const sampleURL = root.dataset.sample;
  if (sampleURL && !params.has("article")) {
    let sample;
    Object.defineProperty(window.spanmark, "_sample", {
      get() {
        if (!sample) {
          sample = fetchText(sampleURL);
        }
        return sample;
      },
    });
  }

  // The article ?article= names is fetched now, while the wasm compiles,
  // rather than once the program runs: a round trip less before it shows
  // on a real host. The program decides whether the URL may be opened
  // (wasm/start.go, articleText) and takes this fetch only when it would
  // fetch the same URL itself. Not enumerable, so not part of the API.
  // With ?project=, the project opens instead.
  const articleRef = params.get("article");
  const byArticle = articleRef !== null && !params.has("project");
  if (byArticle) {
    try {
      const u = new URL(articleRef, location.href);
      u.hash = "";
      if (u.origin === location.origin) {
        Object.defineProperty(window.spanmark, "_article", { value: { url: u.href, text: fetchText(u.href) } });
      }
    } catch (e) {
      // Not a URL: the program says so.
    }
  }

  function storageGet(key) {
    try {
      return localStorage.getItem(key);
    } catch (e) {
      return null; // storage refused: the program opens the sample
    }
  }

  // The article worked on last shows before the program runs. The
  // program hands its first paragraphs to _keepFirst (wasm/start.go,
  // keepFirst), which keeps them in localStorage; when a later visit opens
  // the same document first (spanmark:last, wasm/persist.go, or ?article=
  // naming the source it came from), writeFirst puts them into #article
  // as the program writes them, marked for it to take over
  // (wasm/render.go, adopt). Only what this build kept is used: another
  // build may write other markup.
  const firstKey = "spanmark:first";
  // keptFirst returns what is kept, or null when nothing is or it is not
  // JSON.
  function keptFirst() {
    try {
      return JSON.parse(storageGet(firstKey));
    } catch (e) {
      return null;
    }
  }
  // _forgetFirst drops what is kept when it is of the document stored
  // under key: a deleted document leaves none of its text behind.
  Object.defineProperty(window.spanmark, "_forgetFirst", {
    value(key) {
      try {
        const kept = keptFirst();
        if (!kept || kept.key === key) {
          localStorage.removeItem(firstKey);
        }
      } catch (e) {
        // Storage refused: nothing is kept.
      }
    },
  });
  Object.defineProperty(window.spanmark, "_keepFirst", {
    value(first) {
      try {
        if (first) {
          const kept = JSON.stringify({ ...first, build: wasmURL });
          if (localStorage.getItem(firstKey) !== kept) {
            localStorage.setItem(firstKey, kept);
          }
        } else {
          localStorage.removeItem(firstKey);
        }
      } catch (e) {
        // Full or refused: the article shows once the program runs.
      }
    },
  });
  // Without ?project=, the program opens ?article=, else the document
  // worked on last (wasm/start.go, openFirst): what is kept is shown when
  // it is of that one, by the source it was opened from or its storage
  // key. The program takes it over only when the text it opens is the
  // same (adopt).
  const last = params.has("article") || params.has("project") ? null : storageGet("spanmark:last");
  let first = null;
  if (last || byArticle) {
    const f = keptFirst();
    if (f && f.build === wasmURL && (byArticle ? f.source === articleRef : f.key === last) &&
      Array.isArray(f.paras) && Number.isInteger(f.part) && f.part > 0) {
      first = f;
    }
  }
  // While the page parses, the sample in #article stays unseen when
  // another article is sure to replace it.
  if (first || params.has("article")) {
    root.dataset.swap = "";
  }

  // writeFirst writes the kept paragraphs into #article in the markup of
  // annotations.Article (AppendParagraphs); the texts go in as text.
  function writeFirst(article, f) {
    const parts = document.createDocumentFragment();
    let part = null;
    f.paras.forEach(([start, cls, text], i) => {
      if (i % f.part === 0) {
        part = document.createElement("div");
        part.className = f.partClass;
        parts.append(part);
      }
      const p = document.createElement("p");
      p.dataset.p = i;
      p.dataset.start = start;
      if (cls) {
        p.className = cls;
      }
      if (cls === f.titleClass) {
        p.setAttribute("role", "heading");
        p.setAttribute("aria-level", "1");
        if (f.byline) {
          p.dataset.byline = f.byline;
        }
      }
      p.textContent = text;
      part.append(p);
    });
    article.replaceChildren(parts);
    article.dataset.doc = f.doc;
    article.dataset.kept = "";
    article.classList.toggle(f.wrapClass, Boolean(f.wrapped));
    // As the program shows them (wasm/render.go, headings).
    const title = document.getElementById("doc-title");
    const byline = document.getElementById("doc-byline");
    if (title && byline) {
      title.textContent = f.title;
      title.hidden = Boolean(f.titleHidden);
      byline.textContent = f.byline;
      byline.hidden = Boolean(f.bylineHidden);
    }
  }

  // firstArticle runs once the page is parsed, before the program can
  // run. The sample on the page (#article[data-doc]) gives way to the
  // kept article the visit opens, or goes when ?article= names another
  // article or the one worked on last was not kept: then the article
  // shows once the program has opened it, rather than show one article
  // and switch to another.
  function firstArticle() {
    const article = document.getElementById("article");
    try {
      const shown = article && article.dataset.doc;
      if (article && first && first.doc !== shown) {
        writeFirst(article, first);
      } else if (shown && !first && (params.has("article") || (last && last !== shown))) {
        delete article.dataset.doc;
        article.replaceChildren();
      }
    } catch (e) {
      console.warn("spanmark: the article worked on last could not be shown early:", e);
      if (article) {
        delete article.dataset.doc;
        delete article.dataset.kept;
        article.replaceChildren();
      }
    } finally {
      delete root.dataset.swap;
    }
  }
  if (document.readyState === "loading") {
    // Fired as parsing ends, before the deferred scripts run.
    document.addEventListener("readystatechange", firstArticle, { once: true });
  } else {
    firstArticle();
  }

  async function fail(err) {
    const msg = "Spanmark could not start: " + (err && err.message ? err.message : String(err));
    await parsed;
    root.dataset.bootError = msg;
    const progressBox = document.getElementById("boot-progress");
    if (progressBox) {
      progressBox.textContent = msg;
    }
    console.error(msg);
    rejectReady(err);
  }

  // throwErrors wraps the API's methods so that a failure is thrown as an
  // Error, as docs/api.md promises: a Go function cannot throw into
  // JavaScript, so the methods wasm/api.go defines return
  // {spanmarkError: message} instead. Keep the two ends in step.
  function throwErrors(api) {
    for (const [name, fn] of Object.entries(api)) {
      if (typeof fn !== "function") {
        continue;
      }
      api[name] = function (...args) {
        const r = fn.apply(this, args);
        if (r !== null && typeof r === "object" && typeof r.spanmarkError === "string") {
          throw new Error(r.spanmarkError);
        }
        return r;
      };
    }
  }

  function whenReady() {
    if (root.dataset.ready === "true") {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (root.dataset.ready === "true") {
          obs.disconnect();
          resolve();
        }
      });
      obs.observe(root, { attributes: true, attributeFilter: ["data-ready"] });
    });
  }

  async function start() {
    await parsed;
    const module = await compiled;
    if (typeof Go !== "function") {
      throw new Error("wasm_exec.js did not load");
    }
    const go = new Go();
    const instance = await WebAssembly.instantiate(module, go.importObject);
    const exited = go.run(instance);
    await Promise.race([
      whenReady(),
      exited.then(() => {
        throw new Error("the program exited before it was ready");
      }),
    ]);
    const progressBox = document.getElementById("boot-progress");
    if (progressBox) {
      progressBox.remove();
    }
    throwErrors(window.spanmark);
    resolveReady();
  }

  // Updates: a new deploy changes sw.js, the browser installs the new
  // worker beside the running one, and it waits. The page only offers the
  // reload; it happens when the user clicks, never in the middle of work.
  let reloadAsked = false;

  function offerUpdate(worker) {
    const notice = document.getElementById("update-notice");
    if (!notice) {
      return;
    }
    const button = notice.querySelector("button");
    notice.hidden = false;
    button.addEventListener("click", () => {
      if (reloadAsked) {
        return;
      }
      reloadAsked = true;
      button.disabled = true;
      // Store the work in progress first (spanmark.flush, docs/api.md); if
      // that fails, stay on this version rather than lose it.
      const api = window.spanmark || {};
      const flushed = typeof api.flush === "function" ? Promise.resolve().then(() => api.flush()) : Promise.resolve();
      flushed.then(
        () => worker.postMessage({ type: "skip-waiting" }),
        (err) => {
          console.warn("spanmark: not updating, the work could not be stored:", err);
          reloadAsked = false;
          button.disabled = false;
        },
      );
    });
  }

  function watchUpdates(reg) {
    // A worker that waits already, from an earlier visit.
    if (reg.waiting && reg.active) {
      offerUpdate(reg.waiting);
    }
    reg.addEventListener("updatefound", () => {
      const worker = reg.installing;
      if (!worker) {
        return;
      }
      worker.addEventListener("statechange", () => {
        // With no active worker this is the first install, not an update.
        if (worker.state === "installed" && reg.active) {
          offerUpdate(worker);
        }
      });
    });
  }

  function registerWorker() {
    if (!("serviceWorker" in navigator)) {
      return; // an insecure context (plain http off localhost) or an old browser
    }
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (reloadAsked) {
        location.reload();
      }
    });
    navigator.serviceWorker.register("sw.js").then(watchUpdates, (err) => {
      // Offline use is lost, the app still works: not an error for the user.
      console.warn("spanmark: service worker registration failed:", err);
    });
  }

  // The analyses (suggestions and the argument view) are loaded the first
  // time a person turns one on, or a script asks for them: web/analysis.js,
  // which defines spanmark._analysis. Not part of the first load.
  let analysis;
  function loadAnalysis() {
    if (!analysis) {
      analysis = new Promise((resolve, reject) => {
        const s = document.createElement("script");
        s.src = root.dataset.analysis;
        s.onload = () => {
          window.spanmark._analysis.start();
          resolve(window.spanmark._analysis);
        };
        s.onerror = () => reject(new Error("the analyses could not be loaded: " + s.src));
        document.head.append(s);
      });
    }
    return analysis;
  }
  for (const name of ["suggestions", "accept", "reject"]) {
    window.spanmark[name] = (...args) => loadAnalysis().then((m) => m[name](...args));
  }
  function wireAnalysis() {
    const on = document.getElementById("suggest-on");
    const view = document.getElementById("argmap-view");
    const load = () => {
      loadAnalysis().catch((err) => {
        document.getElementById("status").textContent = err.message;
      });
    };
    on && on.addEventListener("change", load, { once: true });
    view && view.addEventListener("toggle", load, { once: true });
  }

  start().then(() => {
    wireAnalysis();
    registerWorker();
  }, fail);
})();
