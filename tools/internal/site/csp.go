package site

// Policy is the Content-Security-Policy of the app. web/index.html declares
// the same policy in a <meta http-equiv> element, so that the app is just as
// strict on a static host that sends no header; TestIndexDeclaresPolicy keeps
// the two equal.
//
// 'wasm-unsafe-eval' is the one relaxation: it lets the page compile
// WebAssembly, and nothing else. There is no inline script or style anywhere.
const Policy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self' data: blob:; " +
	"connect-src 'self'; " +
	"worker-src 'self'; " +
	"manifest-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'"

// HeaderPolicy is [Policy] as [Handler] sends it in the
// Content-Security-Policy header. It adds frame-ancestors, which browsers
// ignore in a <meta> element.
const HeaderPolicy = Policy + "; frame-ancestors 'none'"
