// Package deps checks what the browser program links. The wasm in ./wasm
// must stay small (README: Size budget), so some standard packages are out
// of bounds for it and for everything it imports: fmt, encoding/json,
// reflect, regexp, net/url, crypto/... and index/suffixarray. Each costs
// tens of kilobytes of gzipped wasm, or, like reflect, keeps the methods of
// every type alive. The model carries small stand-ins for the little of
// their work the app needs, such as its own sprintf and errorf.
//
// The rule is stated by this package's test, which lists the dependencies
// of ./wasm for GOOS=js GOARCH=wasm with go list; the check itself is a
// function over that listing, so that it can be tested on made-up ones. It
// lives under tools/ because it runs go list, which the wasm cannot, and
// because the build in tools/ is what ships the wasm.
package deps

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Package is one package of a `go list -deps -json` listing: the fields
// [Check] reads.
type Package struct {
	ImportPath string
	Standard   bool     // in the standard library
	Imports    []string // import paths, resolved (vendored paths included)
}

// ForbiddenInWorker are the packages that neither the wasm nor the
// analysis worker (wasm/worker) may link: the worker's size counts too, if
// not in the first load. A name ending in "/..." stands for the package
// and every package below it.
var ForbiddenInWorker = []string{
	"fmt",
	"encoding/json",
	"reflect",
	"regexp",
	"net/url",
	"crypto/...",
	"index/suffixarray",
}

// Forbidden are the packages the wasm must not link: those of
// [ForbiddenInWorker], and what the worker does for the page, loaded
// only when needed: the analyses, which a person turns on; the formats for
// other tools (W3C Web Annotation and JSONL), which the page exports and
// imports through the worker (wasm/worker.go); and anchoring, which places
// a file on a text other than its own (the page builds a file on its own
// text with annotations.File.SetAt).
var Forbidden = append(ForbiddenInWorker[:len(ForbiddenInWorker):len(ForbiddenInWorker)],
	"github.com/spanmark/spanmark/annotations/suggest",
	"github.com/spanmark/spanmark/annotations/argmap",
	"github.com/spanmark/spanmark/annotations/codec/w3c",
	"github.com/spanmark/spanmark/annotations/codec/jsonl",
	"github.com/spanmark/spanmark/annotations/anchor",
)

// ForbiddenFuncs are functions the wasm must not link although it links
// their package: the corpus of annotations/project, which the worker
// writes and reads for the page (the page decodes project.json, in the
// same package). The linker leaves out every function nothing calls, so
// a function the page does not reach costs it nothing; [CheckFuncs]
// checks that on the linker's own account of what it keeps.
var ForbiddenFuncs = []string{
	"github.com/spanmark/spanmark/annotations/project.EncodeCorpus",
	"github.com/spanmark/spanmark/annotations/project.DecodeCorpus",
}

// isForbidden reports whether the package path matches a pattern of
// forbidden, as go list matches "/..." patterns.
func isForbidden(path string, forbidden []string) bool {
	for _, f := range forbidden {
		if root, ok := strings.CutSuffix(f, "/..."); ok {
			if path == root || strings.HasPrefix(path, root+"/") {
				return true
			}
		} else if path == f {
			return true
		}
	}
	return false
}

// decode reads the stream of JSON objects that `go list -json` writes.
func decode(r io.Reader) ([]Package, error) {
	var pkgs []Package
	d := json.NewDecoder(r)
	for {
		var p Package
		err := d.Decode(&p)
		if errors.Is(err, io.EOF) {
			return pkgs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decode go list output: package %d: %w", len(pkgs)+1, err)
		}
		pkgs = append(pkgs, p)
	}
}

// A Violation is a forbidden package in the dependencies, with a shortest
// chain of imports that pulls it in; or, from [CheckFuncs], a forbidden
// function, with the references that reach it.
type Violation struct {
	Package string // or the function
	// Chain runs from the root package to Package, each importing the next.
	Chain []string
	// ImportedBy is the last package of the chain that is not in the
	// standard library: the project (or module) package to change. For
	// a function, the function that calls it.
	ImportedBy string
}

// String says which package is linked and through which imports.
func (v Violation) String() string {
	return fmt.Sprintf("%s, imported by %s (%s)", v.Package, v.ImportedBy, strings.Join(v.Chain, " → "))
}

// Check returns the packages of pkgs (a listing of root and its
// dependencies) that match forbidden, sorted by import path, each with a
// shortest chain of imports from root. It is an error for root not to be
// in pkgs.
func Check(pkgs []Package, root string, forbidden []string) ([]Violation, error) {
	byPath := make(map[string]Package, len(pkgs))
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
	}
	if _, ok := byPath[root]; !ok {
		return nil, fmt.Errorf("check dependencies: %s is not in the listing of %d packages", root, len(pkgs))
	}
	// Breadth first from root, so that each chain is a shortest one.
	parent := map[string]string{root: ""}
	queue := []string{root}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		imports := slices.Clone(byPath[path].Imports)
		slices.Sort(imports) // the same chain on every run
		for _, imp := range imports {
			if _, seen := parent[imp]; !seen {
				parent[imp] = path
				queue = append(queue, imp)
			}
		}
	}
	var vs []Violation
	for path := range parent {
		if !isForbidden(path, forbidden) {
			continue
		}
		v := Violation{Package: path}
		for p := path; p != ""; p = parent[p] {
			v.Chain = append(v.Chain, p)
		}
		slices.Reverse(v.Chain)
		for _, p := range v.Chain[:len(v.Chain)-1] {
			if !byPath[p].Standard {
				v.ImportedBy = p
			}
		}
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b Violation) int { return strings.Compare(a.Package, b.Package) })
	return vs, nil
}

// CheckFuncs returns the functions of forbidden that a program links,
// sorted, each with the chain of references by which the linker reached
// it from the program's entry. dumpdep is what the linker prints with -ldflags=-dumpdep: one
// reference a line, "from -> to", for every symbol it keeps, the entry
// being "_". Chains hold functions only (no type or data symbols), as
// far as the references allow.
func CheckFuncs(dumpdep io.Reader, forbidden []string) ([]Violation, error) {
	data, err := io.ReadAll(dumpdep)
	if err != nil {
		return nil, fmt.Errorf("read the linker's dependencies: %w", err)
	}
	parent := map[string]string{}
	for line := range strings.Lines(string(data)) {
		from, to, ok := strings.Cut(strings.TrimSpace(line), " -> ")
		if !ok {
			continue // "# package" headers
		}
		if _, seen := parent[to]; !seen && to != "_" {
			parent[to] = from // the first reference the linker followed
		}
	}
	if len(parent) == 0 {
		return nil, errors.New("check functions: the linker's output holds no references; was it built with -ldflags=-dumpdep?")
	}
	var vs []Violation
	for _, f := range forbidden {
		if _, ok := parent[f]; !ok {
			continue
		}
		v := Violation{Package: f}
		for s := f; s != "_" && s != ""; s = parent[s] {
			if s == f || !strings.HasPrefix(s, "type:") && !strings.HasPrefix(s, "go:") {
				v.Chain = append(v.Chain, s)
			}
		}
		slices.Reverse(v.Chain)
		if len(v.Chain) > 1 {
			v.ImportedBy = v.Chain[len(v.Chain)-2]
		}
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b Violation) int { return strings.Compare(a.Package, b.Package) })
	return vs, nil
}
