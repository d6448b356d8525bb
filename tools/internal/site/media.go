package site

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// mediaTypes maps a file extension to the Content-Type that [Handler] sends.
// The operating system's MIME table is not used: it varies between machines,
// and many lack .wasm (needed for streaming compilation) and .webmanifest.
var mediaTypes = map[string]string{
	".css":         "text/css; charset=utf-8",
	".html":        "text/html; charset=utf-8",
	".ico":         "image/x-icon",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".md":          "text/markdown; charset=utf-8",
	".png":         "image/png",
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".woff2":       "font/woff2",
}

// ContentType returns the Content-Type of the file name by its extension, or
// application/octet-stream for an extension the site does not use.
func ContentType(name string) string {
	if t, ok := mediaTypes[path.Ext(name)]; ok {
		return t
	}
	return "application/octet-stream"
}

// isText reports whether a file of this name holds text in which the build
// rewrites references to other assets.
func isText(name string) bool {
	t := ContentType(name)
	return strings.HasPrefix(t, "text/") || strings.HasSuffix(t, "json") || t == "image/svg+xml"
}

// newMinifier is the one place where minifiers are registered, per media
// type (without parameters). A file whose type has none is shipped as is.
func newMinifier() *minify.M {
	m := minify.New()
	// Document tags stay so that <html data-sample> and lang are kept
	// however the minifier's omission rules change.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("application/manifest+json", json.Minify)
	return m
}

// minifyFile minifies b by the media type of name. Files of types with no
// minifier (wasm, plain text) come back unchanged.
func minifyFile(m *minify.M, name string, b []byte) ([]byte, error) {
	mt, _, _ := strings.Cut(ContentType(name), ";")
	var out bytes.Buffer
	err := m.Minify(mt, &out, bytes.NewReader(b))
	if errors.Is(err, minify.ErrNotExist) {
		return b, nil
	}
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out.Bytes(), nil
}
