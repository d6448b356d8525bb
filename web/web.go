// Package web holds Spanmark's hand-written static files: the page, its
// stylesheet, the bootstrap script, the service worker, the manifest, the
// icon, the sample article, and the analyses' scripts (analysis.js, and
// worker.js, which runs wasm/worker), loaded later. tools/internal/site builds the site from
// them; nothing else is in this package.
package web

import "embed"

// FS holds the files that ship, at the root of the site. LICENSES.md stays
// out: it documents the sources and is not part of the app.
//
//go:embed *.html *.css *.js *.svg *.webmanifest *.txt
var FS embed.FS
