package site

import (
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// policedSources is fakeSources with the page declaring [Policy], as
// web/index.html does.
func policedSources() map[string][]byte {
	src := fakeSources()
	src[IndexName] = []byte(strings.Replace(string(src[IndexName]), "<head>",
		`<head><meta http-equiv="Content-Security-Policy" content="`+Policy+`">`, 1))
	return src
}

func TestInlineHead(t *testing.T) {
	s, err := Assemble(policedSources())
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	page := string(s.Files[IndexName])
	for _, a := range s.Assets {
		if a.Source == "style.css" || a.Source == "boot.js" {
			t.Errorf("the site ships %s as %s; it belongs inside the page", a.Source, a.Name)
		}
		if strings.Contains(string(s.Files[WorkerName]), a.Name) != (a.Name != WorkerName) {
			t.Errorf("sw.js precaches %s: %v", a.Name, !strings.Contains(string(s.Files[WorkerName]), a.Name))
		}
	}
	var style, script string
	if _, rest, ok := strings.Cut(page, "<style>"); ok {
		style, _, _ = strings.Cut(rest, "</style>")
	}
	if _, rest, ok := strings.Cut(page, "<script>"); ok {
		script, _, _ = strings.Cut(rest, "</script>")
	}
	wasm := ""
	for _, a := range s.Assets {
		if a.Source == WasmName {
			wasm = a.Name
		}
	}
	if !strings.Contains(style, "background:url(icon.") || !strings.Contains(script, `"`+wasm+`"`) {
		t.Fatalf("the page does not hold the built stylesheet and boot script (style %q, script %q):\n%s", style, script, page)
	}
	if strings.Contains(page, "<link rel=stylesheet") || strings.Contains(page, "src=boot.") {
		t.Errorf("the page still loads the stylesheet or boot script:\n%s", page)
	}
	want := PolicyFor([]string{hashSource([]byte(script))}, []string{hashSource([]byte(style))})
	if diff := cmp.Diff(want, PagePolicy(s.Files[IndexName])); diff != "" {
		t.Errorf("the page's policy (-want +got):\n%s", diff)
	}
	// The server sends the page's own policy, and the plain one with other files.
	files := fstest.MapFS{}
	for name, b := range s.Files {
		files[name] = &fstest.MapFile{Data: b}
	}
	h := Handler(files)
	for path, want := range map[string]string{"/": want + headerExtra, "/" + WorkerName: HeaderPolicy} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("Content-Security-Policy"); got != want {
			t.Errorf("GET %s: Content-Security-Policy\n got %s\nwant %s", path, got, want)
		}
	}
}

func TestInlineHeadRefuses(t *testing.T) {
	for name, body := range map[string]string{
		"boot.js":   `console.log("</script><img src=x>");`,
		"style.css": `main::after { content: "</STYLE>" }`,
	} {
		src := policedSources()
		src[name] = []byte(body)
		_, err := Assemble(src)
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), "cannot be written into index.html") {
			t.Errorf("Assemble with %s holding %q: error %v, want one naming %s", name, body, err, name)
		}
	}
}
