package site

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// fakeSources is a small site with every kind of reference the build
// rewrites, and a fake wasm: Assemble does not look inside it.
func fakeSources() map[string][]byte {
	return map[string][]byte{
		"index.html": []byte(`<!doctype html>
<html data-sample="sample.txt"><head>
<link rel="stylesheet" href="style.css">
<link rel="manifest" href="./manifest.webmanifest">
<script src="wasm_exec.js" defer></script>
<script src="boot.js" defer></script>
</head><body><main id="article"></main></body></html>`),
		"style.css":            []byte("main {\n  background: url(icon.svg);\n}\n"),
		"icon.svg":             []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"> <rect width="4" height="4"/> </svg>`),
		"manifest.webmanifest": []byte(`{ "icons": [ { "src": "icon.svg" } ] }`),
		"boot.js":              []byte("// loads app.wasm\nconst wasmURL = \"app.wasm\";\nconsole.log(wasmURL);\n"),
		"sw.js":                []byte("const build = {version: \"dev\", assets: []};\nconsole.log(build);\n"),
		"sample.txt":           []byte("A title\nA paragraph.\n"),
		"wasm_exec.js":         []byte("globalThis.Go = class { };\n"),
		"app.wasm":             []byte("\x00asm fake"),
	}
}

func TestAssembleNames(t *testing.T) {
	s, err := Assemble(fakeSources())
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	names := map[string]string{} // source name to built name
	for _, a := range s.Assets {
		names[a.Source] = a.Name
	}
	for source, name := range names {
		hashed := source != IndexName && source != WorkerName
		if IsHashed(name) != hashed {
			t.Errorf("%s is built as %s: IsHashed = %v, want %v", source, name, IsHashed(name), hashed)
		}
	}

	tests := []struct {
		file string
		want []string // text the built file must hold
		not  []string // text it must not
	}{
		{IndexName, []string{
			"data-sample=" + names["sample.txt"], "href=" + names["style.css"],
			"href=./" + names["manifest.webmanifest"], "src=" + names["wasm_exec.js"], "src=" + names["boot.js"],
		}, []string{`"style.css"`, "boot.js>"}},
		{"style.css", []string{"url(" + names["icon.svg"] + ")"}, nil},
		{"manifest.webmanifest", []string{`"src":"` + names["icon.svg"] + `"`}, nil},
		{"boot.js", []string{`"` + names["app.wasm"] + `"`}, []string{"loads app.wasm"}},
		{WorkerName, []string{`version:"` + s.Version + `"`, `"index.html"`, `"` + names["app.wasm"] + `"`}, []string{"dev"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := string(s.Files[names[tt.file]])
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks %q:\n%s", names[tt.file], w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("%s holds %q:\n%s", names[tt.file], n, got)
				}
			}
		})
	}

	var precache []string
	for _, a := range s.Assets {
		if a.Name != WorkerName {
			precache = append(precache, `"`+a.Name+`"`)
		}
	}
	sw := string(s.Files[WorkerName])
	for _, q := range precache {
		if !strings.Contains(sw, q) {
			t.Errorf("sw.js does not precache %s:\n%s", q, sw)
		}
	}
}

// TestAssembleHashes checks that a change anywhere reaches every file that
// refers to it, through the chain app.wasm -> boot.js -> index.html -> sw.js.
func TestAssembleHashes(t *testing.T) {
	before, err := Assemble(fakeSources())
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	src := fakeSources()
	src["app.wasm"] = []byte("\x00asm fake, changed")
	after, err := Assemble(src)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	if before.Version == after.Version {
		t.Errorf("version %s did not change with the wasm", before.Version)
	}
	name := func(s *Site, source string) string {
		for _, a := range s.Assets {
			if a.Source == source {
				return a.Name
			}
		}
		t.Fatalf("no asset from %s", source)
		return ""
	}
	for _, source := range []string{"app.wasm", "boot.js"} {
		if b, a := name(before, source), name(after, source); b == a {
			t.Errorf("%s kept the name %s when the wasm changed", source, a)
		}
	}
	for _, source := range []string{"style.css", "icon.svg", "sample.txt"} {
		if b, a := name(before, source), name(after, source); b != a {
			t.Errorf("%s was renamed from %s to %s though it did not change", source, b, a)
		}
	}
	again, err := Assemble(fakeSources())
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	if diff := cmp.Diff(before.Files, again.Files); diff != "" {
		t.Errorf("two builds of the same sources differ (-first +second):\n%s", diff)
	}
}

func TestAssembleErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(map[string][]byte)
		want   string
	}{
		{"no_index", func(m map[string][]byte) { delete(m, "index.html") }, "build: index.html is missing"},
		{"no_build_list", func(m map[string][]byte) { m["sw.js"] = []byte(`const build = {};`) },
			`build: sw.js: want the placeholder "const build = {version: \"dev\", assets: []};" once, found it 0 times`},
		{"cycle", func(m map[string][]byte) {
			m["a.css"] = []byte(`@import url(b.css);`)
			m["b.css"] = []byte(`@import url(a.css);`)
		}, "build: files refer to each other in a cycle: a.css -> b.css -> a.css"},
		{"bad_js", func(m map[string][]byte) { m["wasm_exec.js"] = []byte("function (") }, "build: minify wasm_exec.js: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fakeSources()
			tt.change(src)
			_, err := Assemble(src)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Assemble error:\nwant prefix %s\ngot         %v", tt.want, err)
			}
		})
	}
}

func TestRewriteRefs(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"double_quotes", `src="app.wasm"`, `src="app.1234abcd.wasm"`},
		{"single_quotes", `fetch('app.wasm')`, `fetch('app.1234abcd.wasm')`},
		{"backquotes", "f(`app.wasm`)", "f(`app.1234abcd.wasm`)"},
		{"url", `url(app.wasm)`, `url(app.1234abcd.wasm)`},
		{"dot_slash", `"./app.wasm"`, `"./app.1234abcd.wasm"`},
		{"twice", `"app.wasm" 'app.wasm'`, `"app.1234abcd.wasm" 'app.1234abcd.wasm'`},
		{"longer_name", `"myapp.wasm" "app.wasm.map"`, `"myapp.wasm" "app.wasm.map"`},
		{"other_folder", `"lib/app.wasm"`, `"lib/app.wasm"`},
		{"prose", `// fetches app.wasm`, `// fetches app.wasm`},
		{"at_edges", `app.wasm"`, `app.wasm"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(rewriteRefs([]byte(tt.in), "app.wasm", "app.1234abcd.wasm"))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("rewriteRefs(%q) (-want +got):\n%s", tt.in, diff)
			}
			if has, want := hasRef([]byte(tt.in), "app.wasm"), tt.in != tt.want; has != want {
				t.Errorf("hasRef(%q) = %v, want %v", tt.in, has, want)
			}
		})
	}
}

func TestIsHashed(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"app.3f2a9c1b.wasm", true},
		{"app.3f2a9c1b.wasm.br", true},
		{"manifest.0011aaff.webmanifest.gz", true},
		{"index.html", false},
		{"sw.js", false},
		{"app.3F2A9C1B.wasm", false},
		{"app.3f2a9c1.wasm", false},
		{"app.wasm", false},
	}
	for _, tt := range tests {
		if got := IsHashed(tt.name); got != tt.want {
			t.Errorf("IsHashed(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestAssembleStable checks that the demo project ships under its own
// names, minified, with its references to other files untouched (its
// project.json names articles/sample.txt, which must not become a hashed
// name), and outside the precache list and the first load.
func TestAssembleStable(t *testing.T) {
	src := fakeSources()
	project := "{\n  \"spanmark-project\": 1,\n  \"documents\": [{\"id\": \"s\", \"path\": \"articles/sample.txt\"}]\n}\n"
	src["demo/project.json"] = []byte(project)
	src["demo/articles/sample.txt"] = []byte("A title\nA paragraph.\n")
	s, err := Assemble(src)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	for _, name := range []string{"demo/project.json", "demo/articles/sample.txt"} {
		if !IsStable(name) {
			t.Errorf("IsStable(%q) = false", name)
		}
		b, ok := s.Files[name]
		if !ok {
			t.Errorf("the build has no %s", name)
			continue
		}
		if strings.Contains(string(s.Files[WorkerName]), name) {
			t.Errorf("sw.js precaches %s", name)
		}
		if name == "demo/project.json" {
			want := `{"spanmark-project":1,"documents":[{"id":"s","path":"articles/sample.txt"}]}`
			if string(b) != want {
				t.Errorf("%s is built as\n%s\nwant\n%s", name, b, want)
			}
		}
	}
	if IsStable("sample.txt") || IsStable("demonstration.txt") {
		t.Errorf("IsStable holds for a file outside demo/")
	}
	rec := httptest.NewRecorder()
	Handler(s.FS()).ServeHTTP(rec, httptest.NewRequest("GET", "/demo/project.json", nil))
	if rec.Code != 200 || rec.Header().Get("Cache-Control") != "no-cache" || !strings.Contains(rec.Header().Get("Content-Type"), "json") {
		t.Errorf("GET /demo/project.json: %d, Cache-Control %q, Content-Type %q; want 200, no-cache, JSON",
			rec.Code, rec.Header().Get("Cache-Control"), rec.Header().Get("Content-Type"))
	}
	without, err := Assemble(fakeSources())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(s.FirstLoad()), fmt.Sprint(without.FirstLoad()); got != want {
		t.Errorf("FirstLoad with the demo = %s, without %s; want the same", got, want)
	}
}
