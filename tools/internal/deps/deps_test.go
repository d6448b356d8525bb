package deps

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const root = "example.com/app/wasm"

// pkg is a package of a made-up listing; std says whether it is in the
// standard library.
func pkg(path string, std bool, imports ...string) Package {
	return Package{ImportPath: path, Standard: std, Imports: imports}
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name string
		pkgs []Package
		want []Violation
	}{
		{
			name: "clean",
			pkgs: []Package{
				pkg(root, false, "example.com/app/model", "syscall/js"),
				pkg("example.com/app/model", false, "strings", "strconv"),
				pkg("syscall/js", true), pkg("strings", true), pkg("strconv", true),
			},
		},
		{
			name: "direct",
			pkgs: []Package{
				pkg(root, false, "fmt"),
				pkg("fmt", true, "reflect"),
				pkg("reflect", true),
			},
			want: []Violation{
				{Package: "fmt", Chain: []string{root, "fmt"}, ImportedBy: root},
				{Package: "reflect", Chain: []string{root, "fmt", "reflect"}, ImportedBy: root},
			},
		},
		{
			name: "through_model_and_std",
			pkgs: []Package{
				pkg(root, false, "example.com/app/model", "strings"),
				pkg("example.com/app/model", false, "example.com/app/model/codec"),
				pkg("example.com/app/model/codec", false, "encoding/json"),
				pkg("encoding/json", true, "reflect", "strings"),
				pkg("reflect", true), pkg("strings", true),
			},
			want: []Violation{
				{Package: "encoding/json", Chain: []string{root, "example.com/app/model", "example.com/app/model/codec", "encoding/json"},
					ImportedBy: "example.com/app/model/codec"},
				{Package: "reflect", Chain: []string{root, "example.com/app/model", "example.com/app/model/codec", "encoding/json", "reflect"},
					ImportedBy: "example.com/app/model/codec"},
			},
		},
		{
			name: "crypto_tree",
			pkgs: []Package{
				pkg(root, false, "crypto/sha256", "cryptography/not"),
				pkg("crypto/sha256", true, "crypto/internal/fips140/sha256"),
				pkg("crypto/internal/fips140/sha256", true),
				pkg("cryptography/not", false),
			},
			want: []Violation{
				{Package: "crypto/internal/fips140/sha256", Chain: []string{root, "crypto/sha256", "crypto/internal/fips140/sha256"}, ImportedBy: root},
				{Package: "crypto/sha256", Chain: []string{root, "crypto/sha256"}, ImportedBy: root},
			},
		},
		{
			name: "shortest_chain",
			pkgs: []Package{
				pkg(root, false, "example.com/app/a", "example.com/app/b"),
				pkg("example.com/app/a", false, "example.com/app/b"),
				pkg("example.com/app/b", false, "regexp"),
				pkg("regexp", true),
			},
			want: []Violation{
				{Package: "regexp", Chain: []string{root, "example.com/app/b", "regexp"}, ImportedBy: "example.com/app/b"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Check(tc.pkgs, root, Forbidden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := Check([]Package{pkg("strings", true)}, root, Forbidden); err == nil {
		t.Errorf("Check of a listing without %s: no error", root)
	}
}

func TestViolationString(t *testing.T) {
	v := Violation{Package: "reflect", Chain: []string{root, "example.com/app/model", "encoding/json", "reflect"}, ImportedBy: "example.com/app/model"}
	want := "reflect, imported by example.com/app/model (example.com/app/wasm → example.com/app/model → encoding/json → reflect)"
	if got := v.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestIsForbidden(t *testing.T) {
	for path, want := range map[string]bool{
		"fmt": true, "fmt/x": false, "crypto": true, "crypto/sha256": true, "cryptography": false,
		"encoding/json": true, "encoding/json/v2": false, "net/url": true, "net": false, "strings": false,
		"github.com/spanmark/spanmark/annotations/codec/w3c": true, "github.com/spanmark/spanmark/annotations/codec": false,
		"github.com/spanmark/spanmark/annotations/anchor": true, "github.com/spanmark/spanmark/annotations": false,
	} {
		if got := isForbidden(path, Forbidden); got != want {
			t.Errorf("isForbidden(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestWasmDeps states the rule on the real programs: the wasm built from
// ./wasm for GOOS=js GOARCH=wasm links none of the Forbidden packages, and
// the analysis worker's none of ForbiddenInWorker.
func TestWasmDeps(t *testing.T) {
	for pkg, forbidden := range map[string][]string{
		"github.com/spanmark/spanmark/wasm":        Forbidden,
		"github.com/spanmark/spanmark/wasm/worker": ForbiddenInWorker,
	} {
		cmd := exec.Command("go", "list", "-deps", "-json=ImportPath,Standard,Imports", pkg)
		cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("GOOS=js GOARCH=wasm go list -deps %s: %v\n%s", pkg, err, stderr.String())
		}
		pkgs, err := decode(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		vs, err := Check(pkgs, pkg, forbidden)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("%s must not link %v", pkg, v)
		}
	}
}

func TestCheckFuncs(t *testing.T) {
	const encode, decode = "example.com/app/project.EncodeCorpus", "example.com/app/project.DecodeCorpus"
	cases := []struct {
		name    string
		dumpdep string
		want    []Violation
	}{
		{
			name: "clean",
			dumpdep: `# example.com/app/wasm
_ -> main.main
main.main -> example.com/app/project.Decode
example.com/app/project.Decode -> type:example.com/app/project.Project
`,
		},
		{
			name: "called",
			dumpdep: `# example.com/app/wasm
_ -> main.main
main.main -> main.(*app).exportProject
main.main -> type:main.app
type:main.app -> main.(*app).exportProject
main.(*app).exportProject -> go:string."corpus"
main.(*app).exportProject -> example.com/app/project.EncodeCorpus
example.com/app/project.EncodeCorpus -> example.com/app/project.EncodeCorpus.stkobj
`,
			want: []Violation{{Package: encode, Chain: []string{"main.main", "main.(*app).exportProject", encode},
				ImportedBy: "main.(*app).exportProject"}},
		},
		{
			// The linker shares identical data between functions: a
			// corpus function's stack map reached from another function
			// is not the function.
			name: "shared_data",
			dumpdep: `_ -> main.main
main.main -> example.com/app/project.ResolvePath
example.com/app/project.ResolvePath -> example.com/app/project.DecodeCorpus.stkobj
`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CheckFuncs(strings.NewReader(tc.dumpdep), []string{encode, decode})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("CheckFuncs (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := CheckFuncs(strings.NewReader("# example.com/app/wasm\n"), []string{encode}); err == nil {
		t.Errorf("CheckFuncs of an output without references: no error")
	}
}

// TestWasmFuncs states the rule of ForbiddenFuncs on the real program: the
// linker, building ./wasm as the build does, keeps none of them.
func TestWasmFuncs(t *testing.T) {
	const pkg = "github.com/spanmark/spanmark/wasm"
	cmd := exec.Command("go", "build", "-trimpath", "-gcflags=github.com/spanmark/spanmark/...=-l", "-ldflags=-dumpdep", "-o", os.DevNull, pkg)
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build -ldflags=-dumpdep %s: %v\n%s", pkg, err, tail(stderr.String()))
	}
	vs, err := CheckFuncs(&stderr, ForbiddenFuncs)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Errorf("%s must not link %v", pkg, v)
	}
}

// tail is the last lines of a long output, where a build says what failed.
func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(len(lines)-20, 0):], "\n")
}
