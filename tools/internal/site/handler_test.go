package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

func TestHandler(t *testing.T) {
	files := fstest.MapFS{
		"index.html":             {Data: []byte("<p>page")},
		"index.html.gz":          {Data: []byte("gz page")},
		"index.html.br":          {Data: []byte("br page")},
		"app.3f2a9c1b.wasm":      {Data: []byte("wasm")},
		"app.3f2a9c1b.wasm.gz":   {Data: []byte("gz wasm")},
		"sw.js":                  {Data: []byte("worker")},
		"m.0011aaff.webmanifest": {Data: []byte("{}")},
		"sample.0011aaff.txt":    {Data: []byte("text")},
		"style.0011aaff.css":     {Data: []byte("css")},
		"icon.0011aaff.svg":      {Data: []byte("<svg/>")},
	}
	const immutable = "public, max-age=31536000, immutable"
	type response struct {
		Status                int
		Type, Encoding, Cache string
		Vary                  string
		Body                  string
	}
	tests := []struct {
		name, method, path, accept string
		want                       response
	}{
		{"root_brotli", "GET", "/", "gzip, deflate, br, zstd",
			response{200, "text/html; charset=utf-8", "br", "no-cache", "Accept-Encoding", "br page"}},
		{"index_gzip", "GET", "/index.html", "gzip",
			response{200, "text/html; charset=utf-8", "gzip", "no-cache", "Accept-Encoding", "gz page"}},
		{"brotli_refused", "GET", "/", "br;q=0, gzip;q=0.5",
			response{200, "text/html; charset=utf-8", "gzip", "no-cache", "Accept-Encoding", "gz page"}},
		{"wildcard", "GET", "/", "*",
			response{200, "text/html; charset=utf-8", "br", "no-cache", "Accept-Encoding", "br page"}},
		{"identity", "GET", "/", "",
			response{200, "text/html; charset=utf-8", "", "no-cache", "Accept-Encoding", "<p>page"}},
		{"wasm_no_brotli_file", "GET", "/app.3f2a9c1b.wasm", "br, gzip",
			response{200, "application/wasm", "gzip", immutable, "Accept-Encoding", "gz wasm"}},
		{"worker", "GET", "/sw.js", "br",
			response{200, "text/javascript; charset=utf-8", "", "no-cache", "", "worker"}},
		{"manifest", "GET", "/m.0011aaff.webmanifest", "",
			response{200, "application/manifest+json", "", immutable, "", "{}"}},
		{"text", "GET", "/sample.0011aaff.txt", "", response{200, "text/plain; charset=utf-8", "", immutable, "", "text"}},
		{"css", "GET", "/style.0011aaff.css", "", response{200, "text/css; charset=utf-8", "", immutable, "", "css"}},
		{"svg", "GET", "/icon.0011aaff.svg", "", response{200, "image/svg+xml", "", immutable, "", "<svg/>"}},
		{"head", "HEAD", "/", "br", response{200, "text/html; charset=utf-8", "br", "no-cache", "Accept-Encoding", ""}},
		{"dot_dot", "GET", "/../index.html", "", response{200, "text/html; charset=utf-8", "", "no-cache", "Accept-Encoding", "<p>page"}},
		{"missing", "GET", "/nothing.js", "", response{404, "text/plain; charset=utf-8", "", "", "", "404 page not found\n"}},
		{"post", "POST", "/", "", response{405, "text/plain; charset=utf-8", "", "", "", "405 method not allowed\n"}},
	}
	h := Handler(files)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			got := response{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Encoding"),
				res.Header.Get("Cache-Control"), res.Header.Get("Vary"), string(body)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s %s, Accept-Encoding %q (-want +got):\n%s", tt.method, tt.path, tt.accept, diff)
			}
			if res.StatusCode == http.StatusOK {
				if got := res.Header.Get("Content-Security-Policy"); got != HeaderPolicy {
					t.Errorf("Content-Security-Policy:\nwant %s\ngot  %s", HeaderPolicy, got)
				}
				if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
					t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
				}
			}
		})
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"gzip, deflate, br", "br", true},
		{"gzip, deflate, br", "gzip", true},
		{"gzip", "br", false},
		{"", "gzip", false},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.001", "br", true},
		{"br;q=zero", "br", false},
		{"*", "br", true},
		{"*;q=0", "gzip", false},
		{"*, br;q=0", "br", false},
		{"br;q=0, *", "br", false},
		{"gzip;level=9", "gzip", true},
	}
	for _, tt := range tests {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

// FuzzAccepts checks that any header parses without panicking, and that a
// coding refused explicitly stays refused whatever follows.
func FuzzAccepts(f *testing.F) {
	for _, s := range []string{"gzip, deflate, br, zstd", "br;q=0, *", "*;q=0.5", ";;,,=q", "gzip;q=1.0;x=y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, header string) {
		got := accepts(header, "br")
		if refused := accepts("br;q=0, "+header, "br"); refused {
			t.Errorf("accepts(%q) with br;q=0 in front = true (alone: %v)", header, got)
		}
	})
}
