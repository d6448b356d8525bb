package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/tools/internal/site"
)

// lines is an io.Writer that sends each complete line written to it.
type lines struct {
	mu  sync.Mutex
	buf strings.Builder
	c   chan string
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	for {
		s := l.buf.String()
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return len(p), nil
		}
		l.c <- s[:i]
		l.buf.Reset()
		l.buf.WriteString(s[i+1:])
	}
}

// writeSite writes a small assembled site, so the server tests need no wasm
// compile.
func writeSite(t *testing.T) string {
	t.Helper()
	s, err := site.Assemble(map[string][]byte{
		"index.html": []byte(`<!doctype html><title>t</title><script src="boot.js"></script>`),
		"boot.js":    []byte("const wasmURL = \"app.wasm\";\n"),
		"sw.js":      []byte(`const build = {version: "dev", assets: []};`),
		"app.wasm":   []byte("\x00asm"),
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "dist")
	if err := s.Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

var urlLine = regexp.MustCompile(`^Spanmark is at (http://127\.0\.0\.1:\d+/)$`)

func TestServe(t *testing.T) {
	dir := writeSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &lines{c: make(chan string, 100)}
	var stderr strings.Builder
	done := make(chan int)
	go func() { done <- serve(ctx, []string{"-addr", "127.0.0.1:0", "-dir", dir}, stdout, &stderr) }()

	var url string
	select {
	case line := <-stdout.c:
		m := urlLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("first line %q does not give the URL", line)
		}
		url = m[1]
	case code := <-done:
		t.Fatalf("serve returned %d before serving; stderr:\n%s", code, stderr.String())
	}

	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "br")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	type head struct {
		Status                     int
		Type, Encoding, Cache, CSP string
	}
	want := head{200, "text/html; charset=utf-8", "br", "no-cache", site.HeaderPolicy}
	got := head{res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Content-Encoding"),
		res.Header.Get("Cache-Control"), res.Header.Get("Content-Security-Policy")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GET %s (-want +got):\n%s", url, diff)
	}

	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve returned %d after the stop, want 0; stderr:\n%s", code, stderr.String())
	}
	if line := <-stdout.c; line != "stopped" {
		t.Errorf("last line %q, want stopped", line)
	}
}

// TestServeBuilds runs serve as the README does, building first: the URL
// it prints opens the page, which names the sample article, which is served.
func TestServeBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: not compiling the wasm")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &lines{c: make(chan string, 100)}
	var stderr strings.Builder
	done := make(chan int)
	go func() { done <- serve(ctx, []string{"-addr", "127.0.0.1:0"}, stdout, &stderr) }()

	var url string
	for url == "" {
		select {
		case line := <-stdout.c:
			if m := urlLine.FindStringSubmatch(line); m != nil {
				url = m[1]
			}
		case code := <-done:
			t.Fatalf("serve returned %d before serving; stderr:\n%s", code, stderr.String())
		}
	}
	page := get(t, url)
	m := regexp.MustCompile(`data-sample=(sample\.[0-9a-f]{8}\.txt)`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the page names no hashed sample article:\n%.300s", page)
	}
	if article, want := get(t, url+m[1]), "US and Russia Engage in Dialogue"; !strings.HasPrefix(article, want) {
		t.Errorf("%s begins %.60q, want %q", m[1], article, want)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve returned %d after the stop, want 0; stderr:\n%s", code, stderr.String())
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s, %v", url, res.Status, err)
	}
	return string(b)
}

func TestServeErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	dir := writeSite(t)
	empty := t.TempDir()

	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string // first line
	}{
		{"busy_port", []string{"-addr", busy.Addr().String(), "-dir", dir}, 1,
			"serve: listen on " + busy.Addr().String() + ": listen tcp " + busy.Addr().String() +
				": bind: address already in use (is another server running? choose another port with -addr)"},
		{"bad_addr", []string{"-addr", "8080"}, 2, `serve: -addr: want host:port such as 127.0.0.1:8080, got "8080"`},
		{"no_build", []string{"-dir", empty}, 1, "serve: -dir " + empty + ": no index.html there: run go run ./tools/build -o " + empty + " first"},
		{"unknown_flag", []string{"-port", "80"}, 2, "flag provided but not defined: -port"},
		{"argument", []string{"dist"}, 2, `serve: unexpected argument "dist"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			code := serve(context.Background(), tt.args, &stdout, &stderr)
			first, _, _ := strings.Cut(stderr.String(), "\n")
			if diff := cmp.Diff(tt.wantStderr, first); diff != "" || code != tt.wantCode {
				t.Errorf("serve(%q) = %d, want %d; first line of stderr (-want +got):\n%s", tt.args, code, tt.wantCode, diff)
			}
		})
	}
}
