package browser

import (
	"net/http"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/tools/internal/site"
)

// TestProblems checks that a Page reports what the browser tests assert
// never happens: a CSP violation, a console error, an uncaught exception
// and a failed load. The page is served with the app's policy.
func TestProblems(t *testing.T) {
	chrome := needChrome(t)
	pages := map[string]string{
		"/spanmark/":      `<!doctype html><title>t</title><script src="ok.js"></script><body><p style="color: red">inline style</p><script>document.title = "inline ran"</script><img src="missing.png">`,
		"/spanmark/ok.js": `console.error("an error from ok.js"); setTimeout(() => { throw new Error("thrown later"); }); document.documentElement.dataset.ready = "true";`,
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages["/spanmark"+r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", site.HeaderPolicy)
		name := r.URL.Path
		if strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		w.Header().Set("Content-Type", site.ContentType(name))
		w.Write([]byte(body))
	})
	p := newPage(t, chrome, h)
	p.Load()
	// The exception is thrown after ready; wait for it without sleeping.
	Eval[bool](p, `new Promise((resolve) => setTimeout(() => resolve(true), 10))`)
	if title := Eval[string](p, `document.title`); title == "inline ran" {
		t.Errorf("the inline script ran despite the policy")
	}

	probs := strings.Join(p.Problems(), "\n")
	for _, want := range []string{
		`Content-Security-Policy violation: {"directive":"script-src-elem"`,
		`Content-Security-Policy violation: {"directive":"style-src-attr"`,
		"console.error: an error from ok.js",
		"uncaught exception at " + p.URL + "ok.js",
		"Error: thrown later",
		"browser log (network): Failed to load resource: the server responded with a status of 404 (Not Found) " + p.URL + "missing.png",
	} {
		if !strings.Contains(probs, want) {
			t.Errorf("problems lack %q; they are:\n%s", want, probs)
		}
	}
}
