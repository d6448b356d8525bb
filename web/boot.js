// boot.js starts Spanmark: it fetches the wasm with a progress bar, runs it
// with wasm_exec.js (loaded before this script), registers the service
// worker and offers a reload when a new version is waiting. It loads the
// analyses (web/analysis.js) when a person first turns one on.
//
// Readiness: the Go program sets <html data-ready="true"> when the app is
// interactive. This script then removes #boot-progress and resolves
// window.spanmark.ready, which tests and other scripts can await. On a
// failure it sets data-boot-error and shows the message in #boot-progress.
(() => {
  "use strict";

  // The build rewrites this name to the hashed one and sets wasmSize to the
  // wasm's raw size (tools/internal/site/build.go, wasmSizePlaceholder).
  const wasmURL = "app.wasm";
  const wasmSize = 0;

  const root = document.documentElement;
  const progressBox = document.getElementById("boot-progress");
  const progress = progressBox && progressBox.querySelector("progress");

  let resolveReady, rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  // A rejection nobody awaits must not become a console error of its own:
  // fail() reports it once.
  ready.catch(() => {});
  window.spanmark = Object.assign(window.spanmark || {}, { ready });

  // The sample article (<html data-sample>) is fetched while the wasm
  // downloads and compiles, unless ?article= names another; the Go
  // program takes the promise from spanmark._sample (wasm/storage.go,
  // openFirst). Not enumerable, so not part of the API.
  const sampleURL = root.dataset.sample;
  if (sampleURL && !new URLSearchParams(location.search).has("article")) {
    const sample = fetch(sampleURL).then((res) => {
      if (!res.ok) {
        throw new Error(`${res.status} ${res.statusText}`);
      }
      return res.text();
    });
    sample.catch(() => {}); // reported by the Go program, if it is used
    Object.defineProperty(window.spanmark, "_sample", { value: sample });
  }

  function fail(err) {
    const msg = "Spanmark could not start: " + (err && err.message ? err.message : String(err));
    root.dataset.bootError = msg;
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

  // fetchWasm returns the wasm response, counting its body's bytes into the
  // progress bar as they arrive.
  async function fetchWasm() {
    const res = await fetch(wasmURL);
    if (!res.ok) {
      throw new Error(`fetch ${wasmURL}: ${res.status} ${res.statusText}`);
    }
    if (!res.body || !progress || wasmSize <= 0) {
      return res;
    }
    const reader = res.body.getReader();
    let loaded = 0;
    const body = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        loaded += value.byteLength;
        progress.value = Math.min(loaded / wasmSize, 1);
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  }

  // instantiate compiles while downloading when the server sends the wasm
  // MIME type, and falls back to a buffer for hosts that do not.
  async function instantiate(go) {
    const res = await fetchWasm();
    const type = (res.headers.get("Content-Type") || "").split(";")[0].trim();
    if (WebAssembly.instantiateStreaming && type === "application/wasm") {
      return WebAssembly.instantiateStreaming(res, go.importObject);
    }
    return WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
  }

  async function start() {
    if (typeof Go !== "function") {
      throw new Error("wasm_exec.js did not load");
    }
    const go = new Go();
    const { instance } = await instantiate(go);
    const exited = go.run(instance);
    await Promise.race([
      whenReady(),
      exited.then(() => {
        throw new Error("the program exited before it was ready");
      }),
    ]);
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
