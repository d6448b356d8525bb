//go:build !js

package main

import (
	"strings"
	"testing"

	"github.com/spanmark/spanmark/tools/browser"
)

// TestWorkerAnswers starts the analysis worker as the page does (from
// <html data-worker>) and checks that it answers a ping, suggestions and
// the argument map for the open document, with no CSP violation on the way.
func TestWorkerAnswers(t *testing.T) {
	p := browser.Open(t)
	type answer struct {
		Ping    string `json:"ping"`
		Suggest string `json:"suggest"`
		SVG     string `json:"svg"`
		Tables  string `json:"tables"`
		Errors  string `json:"errors"`
	}
	got := browser.Eval[answer](p, `(async () => {
  const w = new Worker(document.documentElement.dataset.worker);
  const file = spanmark.export("spanmark");
  const ask = (msg) => new Promise((resolve) => {
    w.addEventListener("message", function on(e) {
      if (e.data.kind === msg.kind && e.data.gen === msg.gen) {
        w.removeEventListener("message", on);
        resolve(e.data);
      }
    });
    w.postMessage(msg);
  });
  const [ping, sug, map] = await Promise.all([
    ask({kind: "ping", gen: 1}),
    ask({kind: "suggest", gen: 1, file}),
    ask({kind: "argmap", gen: 1, file, only: ""}),
  ]);
  w.terminate();
  return {ping: ping.result, suggest: sug.result, svg: map.result && map.result.svg,
    tables: map.result && map.result.tables, errors: [ping.error, sug.error, map.error].filter(Boolean).join("; ")};
})()`)
	if got.Errors != "" {
		t.Fatalf("the worker answered with errors: %s", got.Errors)
	}
	if got.Ping != "pong" {
		t.Errorf("ping: got %q, want pong", got.Ping)
	}
	lines := strings.Split(strings.TrimSuffix(got.Suggest, "\n"), "\n")
	if len(lines) < 10 {
		t.Errorf("suggest: %d lines for the sample, want many; got %q", len(lines), head(got.Suggest))
	}
	for _, l := range lines {
		if f := strings.Split(l, "\t"); len(f) < 6 || len(f)%2 != 0 || !strings.HasPrefix(f[0], "s-") {
			t.Errorf("suggest: line %q is not ID, label, start, end, reason, entity and link pairs", l)
			break
		}
	}
	if !strings.HasPrefix(got.SVG, "<svg") || !strings.Contains(got.Tables, `class="argmap-tables"`) {
		t.Errorf("argmap: got svg %q and tables %q", head(got.SVG), head(got.Tables))
	}
	p.CheckProblems(t)
}

// TestWorkerPrecached checks that the service worker stores the analysis
// worker too (after the first load), so that the analyses work offline.
func TestWorkerPrecached(t *testing.T) {
	p := browser.Open(t)
	p.WaitServiceWorker()
	cached := browser.Eval[[]string](p, `(async () => {
  const names = [];
  for (const key of await caches.keys()) {
    for (const req of await (await caches.open(key)).keys()) {
      names.push(new URL(req.url).pathname.split("/").pop());
    }
  }
  return names.filter((n) => /^(worker|analysis)\.[0-9a-f]{8}\.(js|wasm)$/.test(n)).sort();
})()`)
	if len(cached) != 3 {
		t.Errorf("the service worker's cache holds %v of the analyses, want analysis.js, worker.js and worker.wasm", cached)
	}
	p.CheckProblems(t)
}
