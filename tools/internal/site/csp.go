package site

import (
	"html"
	"regexp"
	"strings"
)

// Policy is the Content-Security-Policy of the app's source page. The
// page declares its policy in a <meta http-equiv> element, so that the
// app is just as strict on a static host that sends no header;
// TestIndexDeclaresPolicy checks it.
//
// 'wasm-unsafe-eval' is the one relaxation: it lets the page compile
// WebAssembly, and nothing else. The source has no inline script or
// style; the build writes the stylesheet and boot script into the page
// (inline.go) and admits exactly those two by hash ([PolicyFor]).
var Policy = PolicyFor(nil, nil)

// PolicyFor is [Policy] admitting the inline scripts and styles with the
// given hash sources ('sha256-…').
func PolicyFor(scripts, styles []string) string {
	list := func(base string, hashes []string) string {
		return strings.Join(append([]string{base}, hashes...), " ")
	}
	return "default-src 'self'; " +
		list("script-src 'self' 'wasm-unsafe-eval'", scripts) + "; " +
		list("style-src 'self'", styles) + "; " +
		"img-src 'self' data: blob:; " +
		"connect-src 'self'; " +
		"worker-src 'self'; " +
		"manifest-src 'self'; " +
		"object-src 'none'; " +
		"base-uri 'none'; " +
		"form-action 'none'"
}

// headerExtra is what the header adds to a page's policy: frame-ancestors,
// which browsers ignore in a <meta> element.
const headerExtra = "; frame-ancestors 'none'"

// HeaderPolicy is [Policy] as [Handler] sends it in the
// Content-Security-Policy header with a file that is not a page.
var HeaderPolicy = Policy + headerExtra

// metaPolicy finds a page's Content-Security-Policy <meta>, minified or not.
var metaPolicy = regexp.MustCompile(`<meta http-equiv="?Content-Security-Policy"? content="([^"]*)"`)

// PagePolicy is the policy declared in page's <meta>, or "" when it
// declares none.
func PagePolicy(page []byte) string {
	m := metaPolicy.FindSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(string(m[1]))
}

// headerPolicyOf is the Content-Security-Policy header for a file: a
// page's own declared policy (with the hashes of what the build wrote
// into it) and frame-ancestors, else [HeaderPolicy].
func headerPolicyOf(name string, body []byte) string {
	if strings.HasSuffix(name, ".html") {
		if p := PagePolicy(body); p != "" {
			return p + headerExtra
		}
	}
	return HeaderPolicy
}
