// worker.js runs wasm/worker, what Spanmark's page needs only when a person
// reaches for it (the analyses, the W3C and JSONL formats), in a dedicated
// Web Worker that the page starts on its first request (wasm/worker.go).
// Messages that arrive while the wasm loads wait, and are handed to the Go
// program, which answers with postMessage; the protocol is written in
// wasm/worker/main.go.
// The build rewrites both names below to the hashed ones.
"use strict";
importScripts("wasm_exec.js");

(() => {
  const early = [];
  self.onmessage = (e) => early.push(e.data);

  function fail(err) {
    const error = "the worker could not start: " + (err && err.message ? err.message : String(err));
    self.onmessage = (e) => self.postMessage({ kind: e.data && e.data.kind, gen: e.data && e.data.gen, error });
    for (const m of early.splice(0)) {
      self.postMessage({ kind: m && m.kind, gen: m && m.gen, error });
    }
  }

  async function start() {
    const go = new Go();
    const res = await fetch("worker.wasm");
    if (!res.ok) {
      throw new Error(`fetch worker.wasm: ${res.status} ${res.statusText}`);
    }
    const type = (res.headers.get("Content-Type") || "").split(";")[0].trim();
    const { instance } =
      WebAssembly.instantiateStreaming && type === "application/wasm"
        ? await WebAssembly.instantiateStreaming(res, go.importObject)
        : await WebAssembly.instantiate(await res.arrayBuffer(), go.importObject);
    // run returns once main blocks, with spanmarkWorker defined.
    go.run(instance);
    const handle = self.spanmarkWorker;
    self.onmessage = (e) => handle(e.data);
    for (const m of early.splice(0)) {
      handle(m);
    }
  }

  start().catch(fail);
})();
