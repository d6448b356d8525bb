package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/google/go-cmp/cmp"

	"github.com/spanmark/spanmark/web"
)

var (
	buildOnce sync.Once
	built     *Site
	buildErr  error
)

// realSite builds the real site once per test process: the app in ./wasm
// and the files of web/, as go run ./tools/build does.
func realSite(t *testing.T) *Site {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: not compiling the wasm")
	}
	buildOnce.Do(func() {
		built, buildErr = Build(context.Background(), Options{Web: web.FS, Quick: true})
	})
	if buildErr != nil {
		t.Fatalf("Build: %v", buildErr)
	}
	return built
}

// localRef matches the URLs in the built page's attributes.
var localRef = regexp.MustCompile(`(?:src|href|data-sample|data-worker|data-analysis)=("[^"]*"|[^ >]+)`)

// inlineCode matches the stylesheet and script the build writes into the
// page ($2).
var inlineCode = regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)

func TestBuildReferences(t *testing.T) {
	s := realSite(t)
	index := string(s.Files[IndexName])
	refs := map[string]bool{}
	for _, m := range localRef.FindAllStringSubmatch(inlineCode.ReplaceAllString(index, ""), -1) {
		ref := strings.Trim(m[1], `"`)
		if strings.HasPrefix(ref, "#") {
			continue // a link within the page, such as the skip link
		}
		refs[ref] = true
		if strings.HasPrefix(ref, "/") || strings.Contains(ref, ":") {
			t.Errorf("index.html refers to %q: every URL must be relative", ref)
		}
		if _, ok := s.Files[ref]; !ok {
			t.Errorf("index.html refers to %q, which the build lacks", ref)
		}
	}
	for _, a := range s.Assets {
		switch a.Source {
		case "wasm_exec.js", "icon.svg", "manifest.webmanifest", "sample.txt", WorkerScriptName, analysisName:
			if !refs[a.Name] {
				t.Errorf("index.html does not refer to %s (from %s); it refers to %v", a.Name, a.Source, refs)
			}
		case "boot.js", "style.css":
			t.Errorf("the build ships %s as a file (%s); it belongs inside index.html", a.Source, a.Name)
		case WasmName:
			// The boot script, written into the page, loads it.
			if !strings.Contains(index, `"`+a.Name+`"`) {
				t.Errorf("index.html's boot script does not load %s", a.Name)
			}
		case WorkerWasmName:
			script := s.Files[assetFrom(t, s, WorkerScriptName).Name]
			for _, name := range []string{a.Name, assetFrom(t, s, WasmExecName).Name} {
				if !bytes.Contains(script, []byte(`"`+name+`"`)) {
					t.Errorf("worker.js does not load %s", name)
				}
			}
		}
		if want := a.Source == WorkerWasmName || a.Source == WorkerScriptName || a.Source == analysisName; a.Later != want {
			t.Errorf("%s: Later is %v, want %v", a.Name, a.Later, want)
		}
		if a.Name != WorkerName && !IsStable(a.Name) && !bytes.Contains(s.Files[WorkerName], []byte(`"`+a.Name+`"`)) {
			t.Errorf("sw.js does not precache %s", a.Name)
		}
	}
}

func assetFrom(t *testing.T, s *Site, source string) Asset {
	t.Helper()
	for _, a := range s.Assets {
		if a.Source == source {
			return a
		}
	}
	t.Fatalf("the build has no asset from %s", source)
	return Asset{}
}

// prerendered matches the sample article the build writes into the page
// after minifying it (prerender.go), which the minifier would change.
var prerendered = regexp.MustCompile(`(?s)(<main id="?article"?)[^>]*(>).*?(</main>)`)

// TestBuildMinified checks that minifying a built file again changes
// nothing, so every file that has a minifier went through it; the sample
// article in the page is left out.
func TestBuildMinified(t *testing.T) {
	s := realSite(t)
	m := newMinifier()
	for _, a := range s.Assets {
		b := s.Files[a.Name]
		if a.Name == IndexName {
			b = prerendered.ReplaceAll(b, []byte("$1$2$3"))
		}
		again, err := minifyFile(m, a.Name, b)
		if err != nil {
			t.Errorf("minify %s again: %v", a.Name, err)
			continue
		}
		if len(again) < len(b) {
			t.Errorf("%s is not minified: minifying it again saves %d of %d bytes", a.Name, len(b)-len(again), len(b))
		}
		// The page holds the sample, the stylesheet and the boot script.
		if src, err := web.FS.ReadFile(a.Source); err == nil && isText(a.Source) && path.Ext(a.Source) != ".txt" && a.Name != IndexName && len(b) >= len(src) {
			t.Errorf("%s is %d bytes, its source %s %d", a.Name, len(b), a.Source, len(src))
		}
	}
}

// TestIndexDeclaresPolicy keeps the page's <meta> policy, in the source and
// in the build, equal to the one the server sends.
func TestIndexDeclaresPolicy(t *testing.T) {
	src, err := web.FS.ReadFile(IndexName)
	if err != nil {
		t.Fatal(err)
	}
	pages := map[string][]byte{"web/index.html": src}
	if !testing.Short() {
		pages["built index.html"] = realSite(t).Files[IndexName]
	}
	for name, page := range pages {
		m := metaPolicy.FindSubmatch(page)
		if m == nil {
			t.Errorf("%s has no Content-Security-Policy <meta>", name)
			continue
		}
		// The policy admits exactly the page's inline elements, by the
		// hashes of their text as the page holds it.
		var hashes [2][]string
		kinds := map[string]int{}
		for _, c := range inlineCode.FindAllSubmatch(page, -1) {
			i := 0
			if string(c[1]) == "style" {
				i = 1
			}
			hashes[i] = append(hashes[i], hashSource(c[2]))
			kinds[string(c[1])]++
		}
		if want := map[string]int{"script": 1, "style": 1}; name != "web/index.html" && !cmp.Equal(want, kinds) {
			t.Errorf("%s has inline elements %v, want %v: the boot script and the stylesheet", name, kinds, want)
		}
		if diff := cmp.Diff(PolicyFor(hashes[0], hashes[1]), string(m[1])); diff != "" {
			t.Errorf("%s: policy differs from site.PolicyFor its inline elements (-want +got):\n%s", name, diff)
		}
	}
	if !strings.HasPrefix(HeaderPolicy, Policy+"; ") {
		t.Errorf("HeaderPolicy does not extend Policy: %s", HeaderPolicy)
	}
}

// TestNoInlineCode checks the rule that lets the policy forbid inline
// script and style: the page has neither.
func TestNoInlineCode(t *testing.T) {
	for _, name := range []string{IndexName} {
		b, err := web.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, bad := range []string{" style=", "<style", " onclick=", " onload=", "javascript:"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s holds %q: the policy forbids inline style and script", name, bad)
			}
		}
		if n, src := strings.Count(page, "<script"), strings.Count(page, "<script src="); n != src {
			t.Errorf("%s has %d <script> elements, %d with src: no inline scripts", name, n, src)
		}
	}
}

func TestBuildPrecompressed(t *testing.T) {
	s := realSite(t)
	for _, a := range s.Assets {
		want := s.Files[a.Name]
		gz, err := gzip.NewReader(bytes.NewReader(s.Files[a.Name+".gz"]))
		if err != nil {
			t.Errorf("%s.gz: %v", a.Name, err)
			continue
		}
		for _, v := range []struct {
			suffix string
			r      io.Reader
			size   int
		}{
			{".gz", gz, a.Gzip},
			{".br", brotli.NewReader(bytes.NewReader(s.Files[a.Name+".br"])), a.Brotli},
		} {
			got, err := io.ReadAll(v.r)
			if err != nil {
				t.Errorf("decompress %s%s: %v", a.Name, v.suffix, err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s%s decompresses to %d bytes that differ from the %d of %s", a.Name, v.suffix, len(got), len(want), a.Name)
			}
			if v.size != len(s.Files[a.Name+v.suffix]) {
				t.Errorf("size table says %s%s is %d bytes, it is %d", a.Name, v.suffix, v.size, len(s.Files[a.Name+v.suffix]))
			}
		}
	}
}

// TestBuildWasmExec checks that the page gets the Go root's wasm_exec.js.
func TestBuildWasmExec(t *testing.T) {
	s := realSite(t)
	a := assetFrom(t, s, WasmExecName)
	if !bytes.Contains(s.Files[a.Name], []byte("globalThis.Go")) {
		t.Errorf("%s does not define globalThis.Go", a.Name)
	}
}

func TestWrite(t *testing.T) {
	s, err := Assemble(fakeSources())
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "dist")
	if err := s.Write(dir); err != nil {
		t.Fatalf("Write into a new directory: %v", err)
	}
	stale := filepath.Join(dir, "old.0011aaff.js")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(dir); err != nil {
		t.Fatalf("Write over an earlier build: %v", err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("Write kept %s of the earlier build", stale)
	}
	n := 0
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != len(s.Files) {
		t.Errorf("Write made %d files, want %d", n, len(s.Files))
	}
	for name, want := range s.Files {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s on disk differs from the build (err %v)", name, err)
		}
	}

	other := t.TempDir()
	keep := filepath.Join(other, "notes.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = s.Write(other)
	if want := "write site: " + other + " holds files that are not a spanmark build: choose a new or empty directory"; err == nil || err.Error() != want {
		t.Errorf("Write into a folder of other files:\nwant %s\ngot  %v", want, err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("Write into a folder of other files removed them: %v", err)
	}
}

func TestSizes(t *testing.T) {
	s := &Site{Assets: []Asset{
		{Name: "app.3f2a9c1b.wasm", Source: WasmName, Raw: 2048000, Gzip: 614400, Brotli: 460800},
		{Name: "index.html", Source: IndexName, Raw: 1536, Gzip: 512, Brotli: 410},
	}}
	var b strings.Builder
	if err := s.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := `file                         raw        gzip      brotli
app.3f2a9c1b.wasm      2000.0 KB    600.0 KB    450.0 KB
index.html                1.5 KB      0.5 KB      0.4 KB
first load (2 files)   2001.5 KB    600.5 KB    450.4 KB
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteTable (-want +got):\n%s", diff)
	}

	tests := []struct {
		budget int
		want   string
	}{
		{0, ""},
		{1000, ""},
		{601, ""},
		{600, "size budget: the first load transfers 600.5 KB with gzip, over the budget of 600 KB (app.3f2a9c1b.wasm is 600.0 KB of it): " +
			"see what the wasm links with `GOOS=js GOARCH=wasm go list -deps ./wasm`, or raise -budget if it earns its bytes"},
	}
	for _, tt := range tests {
		got := ""
		if err := s.CheckBudget(tt.budget); err != nil {
			got = err.Error()
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CheckBudget(%d) (-want +got):\n%s", tt.budget, diff)
		}
	}
}

// TestSizesLater checks that the files loaded later are listed apart, with
// their own total and budget, and count in neither the first load nor its
// budget.
func TestSizesLater(t *testing.T) {
	s := &Site{Assets: []Asset{
		{Name: "app.3f2a9c1b.wasm", Source: WasmName, Raw: 2048000, Gzip: 614400, Brotli: 460800},
		{Name: "worker.0a1b2c3d.wasm", Source: WorkerWasmName, Raw: 1024000, Gzip: 307200, Brotli: 204800, Later: true},
		{Name: "index.html", Source: IndexName, Raw: 1536, Gzip: 512, Brotli: 410},
		{Name: "worker.4e5f6a7b.js", Source: WorkerScriptName, Raw: 1024, Gzip: 512, Brotli: 410, Later: true},
	}}
	var b strings.Builder
	if err := s.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	want := `file                           raw        gzip      brotli
app.3f2a9c1b.wasm        2000.0 KB    600.0 KB    450.0 KB
index.html                  1.5 KB      0.5 KB      0.4 KB
first load (2 files)     2001.5 KB    600.5 KB    450.4 KB
worker.0a1b2c3d.wasm     1000.0 KB    300.0 KB    200.0 KB
worker.4e5f6a7b.js          1.0 KB      0.5 KB      0.4 KB
loaded later (2 files)   1001.0 KB    300.5 KB    200.4 KB
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteTable (-want +got):\n%s", diff)
	}
	if err := s.CheckBudget(601); err != nil {
		t.Errorf("CheckBudget(601): %v; the files loaded later must not count", err)
	}
	if err := s.CheckLaterBudget(301); err != nil {
		t.Errorf("CheckLaterBudget(301): %v", err)
	}
	want = "size budget: the files loaded later (the analysis worker) transfer 300.5 KB with gzip, over the budget of 300 KB: " +
		"see what it links with `GOOS=js GOARCH=wasm go list -deps ./wasm/worker`, or raise -later-budget if it earns its bytes"
	if err := s.CheckLaterBudget(300); err == nil || err.Error() != want {
		t.Errorf("CheckLaterBudget(300):\nwant %s\ngot  %v", want, err)
	}
}
