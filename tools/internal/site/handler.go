package site

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Handler serves a built site from fsys the way a careful static host
// would: the Content-Type of each file by its extension, the precompressed
// variant the client accepts (brotli, then gzip) with Content-Encoding and
// Vary, a year of immutable caching for hashed assets and revalidation for
// index.html and sw.js, and the page's own policy ([PagePolicy]) or
// [HeaderPolicy]. A request for a directory gets
// its index.html; the handler lists nothing.
func Handler(fsys fs.FS) http.Handler {
	return &handler{fsys: fsys}
}

type handler struct{ fsys fs.FS }

// encodings lists the precompressed variants in order of preference, by
// Content-Encoding and file suffix.
var encodings = []struct{ name, suffix string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = IndexName
	} else if info, err := fs.Stat(h.fsys, name); err == nil && info.IsDir() {
		name = path.Join(name, IndexName)
	}
	body, err := fs.ReadFile(h.fsys, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	var modTime time.Time
	if info, err := fs.Stat(h.fsys, name); err == nil {
		modTime = info.ModTime()
	}

	hdr := w.Header()
	hdr.Set("Content-Security-Policy", headerPolicyOf(name, body))
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")
	hdr.Set("Content-Type", ContentType(name))
	if IsHashed(name) {
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		hdr.Set("Cache-Control", "no-cache")
	}
	accept := r.Header.Get("Accept-Encoding")
	varies := false
	for _, e := range encodings {
		b, err := fs.ReadFile(h.fsys, name+e.suffix)
		if err != nil {
			continue
		}
		varies = true
		if accepts(accept, e.name) {
			body = b
			hdr.Set("Content-Encoding", e.name)
			break
		}
	}
	if varies {
		hdr.Add("Vary", "Accept-Encoding")
	}
	http.ServeContent(w, r, name, modTime, bytes.NewReader(body))
}

// accepts reports whether an Accept-Encoding header value allows coding,
// by name or by "*", with a quality above zero.
func accepts(header, coding string) bool {
	wildcard := false
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != coding && name != "*" {
			continue
		}
		ok := quality(params) > 0
		if name == coding {
			return ok
		}
		wildcard = ok
	}
	return wildcard
}

// quality returns the q parameter of an Accept-Encoding element, 1 when it
// has none and 0 when it is malformed.
func quality(params string) float64 {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || strings.TrimSpace(k) != "q" {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil {
			return 0
		}
		return q
	}
	return 1
}
