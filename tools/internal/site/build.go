// Package site builds Spanmark's static site and serves it. The build
// command, the serve command and the browser tests all use it, so every test
// runs against exactly what a deploy ships.
//
// A build compiles the js/wasm program, copies the wasm_exec.js of the same
// Go toolchain, minifies the hand-written files of web/, renames every asset
// after a hash of its minified bytes, rewrites the references to them, fills
// in the service worker's precache list and writes gzip and brotli variants
// beside each file. The files under demo/ are the exception: a project
// names its articles by path and people link to ?project=demo/project.json,
// so they ship as they are, under their own names (see [IsStable]). Every URL in the site is relative, so the folder works
// from any path of any static host.
package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"github.com/spanmark/spanmark/tools/internal/wasmdata"
)

// Names with a fixed meaning in the site. A rule that spans files: sw.js
// carries the placeholder below, and the build fails when it is missing,
// so the two ends cannot drift apart silently.
const (
	// IndexName is the page; it keeps its name so that the folder's URL opens it.
	IndexName = "index.html"
	// WorkerName is the service worker; it keeps its name because the
	// browser looks for updates at a fixed URL.
	WorkerName = "sw.js"
	// WasmName is the compiled program before hashing.
	WasmName = "app.wasm"
	// WasmExecName is the Go toolchain's JavaScript support file before hashing.
	WasmExecName = "wasm_exec.js"
	// WorkerWasmName is the compiled analysis program (wasm/worker) before
	// hashing, and WorkerScriptName the script of web/ that runs it in a
	// Web Worker. Both are loaded later (see [Asset.Later]).
	WorkerWasmName   = "worker.wasm"
	WorkerScriptName = "worker.js"

	bootName = "boot.js"
	// buildPlaceholder in sw.js becomes the build version and precache list.
	buildPlaceholder = `const build = {version: "dev", assets: []};`
)

// hashLen is the number of hex digits of SHA-256 in an asset's name: 32
// bits make a collision between two deploys' versions of one file unlikely
// enough, and keep the names short.
const hashLen = 8

var hashedName = regexp.MustCompile(`^[^/]+\.[0-9a-f]{` + strconv.Itoa(hashLen) + `}\.[a-z0-9]+$`)

// StableDir is the folder of web/ whose files ship under their own names,
// minified but with no hash and no references rewritten: the demo project
// (web/demo), whose project.json names its articles by relative path and
// which people open with ?project=demo/project.json. They are not part of
// the first load: the worker does not precache them (it fetches them when
// the demo is opened, and the server has browsers revalidate them) and
// [Site.FirstLoad] leaves them out.
const StableDir = "demo"

// IsStable reports whether the source name is under [StableDir].
func IsStable(name string) bool {
	return strings.HasPrefix(name, StableDir+"/")
}

// IsHashed reports whether name is a content-hashed asset name such as
// app.3f2a9c1b.wasm, whose bytes never change, optionally with a .gz or .br
// suffix.
func IsHashed(name string) bool {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".br")
	return hashedName.MatchString(path.Base(name))
}

// Options says what to build.
type Options struct {
	// Web holds the hand-written static files, web.FS in production.
	Web fs.FS
	// ModuleDir is the root of the Go module that holds Package. Empty means
	// the module of the working directory.
	ModuleDir string
	// Package is the js/wasm main package relative to ModuleDir. Empty
	// means "./wasm".
	Package string
	// WorkerPackage is the js/wasm main package of the analysis worker,
	// relative to ModuleDir. Empty means "./wasm/worker".
	WorkerPackage string
	// Quick compresses with brotli at level 5 instead of 11, for builds that
	// are thrown away (serve, tests): on a 5 MB wasm it takes a few seconds
	// instead of half a minute, for a .br file about 15% larger. The files
	// are otherwise the same.
	Quick bool
	// Names keeps the wasm's function names (its name section, which
	// -ldflags=-s drops), so that a profile names Go functions; tools/bench
	// uses it. A site built with it is larger than one that ships.
	Names bool
}

// Site is a built site, held in memory.
type Site struct {
	// Files maps each file's slash-separated name in the site to its
	// contents, the .gz and .br variants included.
	Files map[string][]byte
	// Assets lists the shipped files, without the compressed variants,
	// largest first.
	Assets []Asset
	// Version identifies the build. The service worker names its cache
	// after it, so a new deploy installs a new worker.
	Version string
}

// Asset is one shipped file and its sizes in bytes.
type Asset struct {
	Name   string // name in the site: hashed, except for index.html and sw.js
	Source string // name before hashing, such as "style.css"
	// Later reports whether the page loads the asset only when a person
	// turns on a feature that needs it (the analyses), so that it is
	// no part of the first load: the service worker precaches it after
	// the site's other files, once the app runs.
	Later  bool
	Raw    int
	Gzip   int
	Brotli int
}

// Build compiles the wasm program and assembles the site with the static
// files of opts.Web. It takes tens of seconds on a cold Go build cache.
func Build(ctx context.Context, opts Options) (*Site, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("build: find the go command: %w", err)
	}
	env, err := goEnv(ctx, goCmd)
	if err != nil {
		return nil, err
	}
	dir := opts.ModuleDir
	if dir == "" {
		if env.gomod == "" || env.gomod == os.DevNull {
			return nil, errors.New("build: no go.mod in the working directory or above it: run from inside the spanmark module")
		}
		dir = filepath.Dir(env.gomod)
	}
	pkg := opts.Package
	if pkg == "" {
		pkg = "./wasm"
	}
	workerPkg := opts.WorkerPackage
	if workerPkg == "" {
		workerPkg = "./wasm/worker"
	}
	// The two programs compile in parallel: the build is most of a
	// browser test run's start.
	var workerWasm []byte
	var workerErr error
	var wg sync.WaitGroup
	wg.Go(func() { workerWasm, workerErr = compileWasm(ctx, goCmd, dir, workerPkg, opts.Names) })
	wasm, err := compileWasm(ctx, goCmd, dir, pkg, opts.Names)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if workerErr != nil {
		return nil, workerErr
	}
	if wasm, err = mergeData(pkg, wasm); err != nil {
		return nil, err
	}
	if workerWasm, err = mergeData(workerPkg, workerWasm); err != nil {
		return nil, err
	}
	execJS, err := readWasmExec(env.goroot)
	if err != nil {
		return nil, err
	}
	sources := map[string][]byte{WasmName: wasm, WasmExecName: execJS, WorkerWasmName: workerWasm}
	err = fs.WalkDir(opts.Web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if _, ok := sources[p]; ok {
			return fmt.Errorf("%s is made by the build and must not be in web/", p)
		}
		b, err := fs.ReadFile(opts.Web, p)
		sources[p] = b
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("build: read the static files: %w", err)
	}
	level := brotli.BestCompression
	if opts.Quick {
		level = quickBrotli
	}
	return assemble(sources, level)
}

// isLater reports whether the source file name is loaded later, not on
// the first load: the analysis worker's script and wasm.
func isLater(source string) bool {
	return source == WorkerWasmName || source == WorkerScriptName || source == analysisName
}

// analysisName is the script of the analyses' interface, which boot.js
// loads when a person turns one on.
const analysisName = "analysis.js"

// quickBrotli is the brotli level of [Options.Quick]: the last level before
// the slow, thorough ones (9 to 11 take 3 to 8 times longer).
const quickBrotli = 5

type toolchainEnv struct{ goroot, gomod string }

func goEnv(ctx context.Context, goCmd string) (toolchainEnv, error) {
	out, err := exec.CommandContext(ctx, goCmd, "env", "GOROOT", "GOMOD").Output()
	if err != nil {
		return toolchainEnv{}, fmt.Errorf("build: go env: %w", commandError(err))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return toolchainEnv{}, fmt.Errorf("build: go env GOROOT GOMOD: want 2 lines, got %q", out)
	}
	return toolchainEnv{goroot: lines[0], gomod: lines[1]}, nil
}

// compileWasm builds pkg for js/wasm without paths or symbol tables: -s -w
// drop about a third of the raw size and nothing the browser uses. With
// names, -s is left out: the name section stays, for profiles.
func compileWasm(ctx context.Context, goCmd, dir, pkg string, names bool) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "spanmark-wasm-")
	if err != nil {
		return nil, fmt.Errorf("build: compile %s: %w", pkg, err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, WasmName)
	// No inlining in our own packages (-l): the wasm is 45 KB of gzip
	// smaller, which the size budget needs. Decoding a file of 10,000 annotations is
	// about 15% slower (BenchmarkDecode); anchoring, encoding and
	// highlighting are within the benchmarks' noise. The standard library
	// keeps its inlining.
	ldflags := "-ldflags=-s -w"
	if names {
		ldflags = "-ldflags=-w"
	}
	cmd := exec.CommandContext(ctx, goCmd, "build", "-trimpath", ldflags, "-gcflags=github.com/spanmark/spanmark/...=-l", "-o", out, pkg)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("build: compile %s for js/wasm in %s: %w\n%s", pkg, dir, err, strings.TrimSpace(stderr.String()))
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("build: compile %s: %w", pkg, err)
	}
	return b, nil
}

// dataGap is the longest run of zero bytes that [mergeData] writes out
// to join two data segments. Go's linker leaves runs of 18 and 19 bytes
// between most of its segments; joining across them makes the page's
// wasm about 7% smaller gzipped (1026 KB to 950 KB in the build's table)
// and 12% larger raw (3.8 MB to 4.25 MB). Longer gaps gain nothing more.
const dataGap = 64

// mergeData joins the data segments of the wasm compiled from pkg
// (package wasmdata) and checks that the memory it starts with is
// unchanged.
func mergeData(pkg string, wasm []byte) ([]byte, error) {
	merged, _, err := wasmdata.Merge(wasm, dataGap)
	if err != nil {
		return nil, fmt.Errorf("build: %s: %w", pkg, err)
	}
	before, err := wasmdata.Image(wasm)
	if err == nil {
		var after []byte
		after, err = wasmdata.Image(merged)
		if err == nil && !bytes.Equal(before, after) {
			err = errors.New("the merged data segments write other memory")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("build: %s: %w", pkg, err)
	}
	return merged, nil
}

// readWasmExec reads the wasm_exec.js of the toolchain that compiled the
// program; the two must match, so the repository never holds a copy.
func readWasmExec(goroot string) ([]byte, error) {
	var errs []error
	for _, dir := range []string{"lib/wasm", "misc/wasm"} { // misc/wasm before Go 1.24
		b, err := os.ReadFile(filepath.Join(goroot, dir, WasmExecName))
		if err == nil {
			return b, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("build: find wasm_exec.js in GOROOT %s: %w", goroot, errors.Join(errs...))
}

func commandError(err error) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return fmt.Errorf("%w: %s", err, strings.TrimSpace(string(ee.Stderr)))
	}
	return err
}

// Assemble makes a site from its source files, keyed by name: the files of
// web/ plus app.wasm and wasm_exec.js. It minifies, hashes, rewrites
// references, fills in the service worker and compresses. The sources are
// not modified.
func Assemble(sources map[string][]byte) (*Site, error) {
	return assemble(sources, brotli.BestCompression)
}

func assemble(sources map[string][]byte, brotliLevel int) (*Site, error) {
	for _, name := range []string{IndexName, WorkerName, bootName, WasmName} {
		if _, ok := sources[name]; !ok {
			return nil, fmt.Errorf("build: %s is missing", name)
		}
	}
	src := make(map[string][]byte, len(sources))
	for name, b := range sources {
		src[name] = b
	}

	var hashed, stable []string // every asset that gets a hashed name, and those that keep theirs
	for name := range src {
		switch {
		case IsStable(name):
			stable = append(stable, name)
		case name != IndexName && name != WorkerName:
			hashed = append(hashed, name)
		}
	}
	slices.Sort(hashed)
	order, err := dependencyOrder(src, hashed)
	if err != nil {
		return nil, err
	}

	m := newMinifier()
	renamed := map[string]string{} // source name to hashed name
	out := map[string][]byte{}
	for _, name := range stable {
		b, err := minifyFile(m, name, src[name])
		if err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		out[name] = b
	}
	finish := func(name string) ([]byte, error) {
		b := src[name]
		if isText(name) {
			for _, dep := range hashed {
				if newName, ok := renamed[dep]; ok {
					b = rewriteRefs(b, dep, newName)
				}
			}
		}
		return minifyFile(m, name, b)
	}
	for _, name := range order {
		b, err := finish(name)
		if err != nil {
			return nil, fmt.Errorf("build: %w", err)
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		newName := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:])[:hashLen] + ext
		renamed[name] = newName
		out[newName] = b
	}
	index, err := finish(IndexName)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if name := sampleName(src[IndexName]); name != "" {
		text, ok := src[name]
		if !ok {
			return nil, fmt.Errorf("build: %s names the sample article %s, which is missing", IndexName, name)
		}
		if index, err = prerender(index, string(text)); err != nil {
			return nil, err
		}
	}
	index, inside, err := inlineHead(index, out, renamed)
	if err != nil {
		return nil, err
	}
	for _, source := range inside {
		delete(out, renamed[source])
		delete(renamed, source)
	}
	out[IndexName] = index

	// The version covers every file the worker precaches, so any change to
	// the site makes a new worker, and the page offers the update. The
	// files loaded later are precached after the others (web/sw.js).
	precache := []string{IndexName}
	var later []string
	for _, name := range hashed {
		if _, ok := renamed[name]; !ok {
			continue // written into the page
		}
		if isLater(name) {
			later = append(later, renamed[name])
		} else {
			precache = append(precache, renamed[name])
		}
	}
	slices.Sort(precache[1:])
	slices.Sort(later)
	h := sha256.New()
	for _, name := range append(slices.Clip(precache), later...) {
		fmt.Fprintf(h, "%s %x\n", name, sha256.Sum256(out[name]))
	}
	version := hex.EncodeToString(h.Sum(nil))[:12]
	buildJSON, err := json.Marshal(struct {
		Version string   `json:"version"`
		Assets  []string `json:"assets"`
		Later   []string `json:"later,omitempty"`
	}{version, precache, later})
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	src[WorkerName], err = substitute(WorkerName, src[WorkerName], buildPlaceholder,
		"const build = "+string(buildJSON)+";")
	if err != nil {
		return nil, err
	}
	worker, err := finish(WorkerName)
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	out[WorkerName] = worker

	s := &Site{Files: map[string][]byte{}, Version: version}
	for name, b := range out {
		s.Files[name] = b
		s.Assets = append(s.Assets, Asset{Name: name, Raw: len(b)})
	}
	for source, name := range renamed {
		i := slices.IndexFunc(s.Assets, func(a Asset) bool { return a.Name == name })
		s.Assets[i].Source = source
	}
	for i := range s.Assets {
		if s.Assets[i].Source == "" {
			s.Assets[i].Source = s.Assets[i].Name
		}
		s.Assets[i].Later = isLater(s.Assets[i].Source)
	}
	if err := s.compress(brotliLevel); err != nil {
		return nil, err
	}
	slices.SortFunc(s.Assets, func(a, b Asset) int {
		if a.Raw != b.Raw {
			return b.Raw - a.Raw
		}
		return strings.Compare(a.Name, b.Name)
	})
	return s, nil
}

// compress writes the .gz and .br variant of every asset, in parallel
// because brotli's best level takes seconds on the wasm.
func (s *Site) compress(brotliLevel int) error {
	type result struct {
		gz, br []byte
		err    error
	}
	results := make([]result, len(s.Assets))
	var wg sync.WaitGroup
	for i, a := range s.Assets {
		wg.Go(func() {
			b := s.Files[a.Name]
			r := &results[i]
			if r.gz, r.err = gzipBytes(b); r.err != nil {
				return
			}
			r.br, r.err = brotliBytes(b, brotliLevel)
		})
	}
	wg.Wait()
	for i := range s.Assets {
		a := &s.Assets[i]
		r := results[i]
		if r.err != nil {
			return fmt.Errorf("build: compress %s: %w", a.Name, r.err)
		}
		s.Files[a.Name+".gz"] = r.gz
		s.Files[a.Name+".br"] = r.br
		a.Gzip, a.Brotli = len(r.gz), len(r.br)
	}
	return nil
}

// substitute replaces the one occurrence of old in the file name.
func substitute(name string, b []byte, old, new string) ([]byte, error) {
	if n := bytes.Count(b, []byte(old)); n != 1 {
		return nil, fmt.Errorf("build: %s: want the placeholder %q once, found it %d times", name, old, n)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1), nil
}

// dependencyOrder orders the hashed assets so that each comes after every
// asset it refers to: a file's hash covers the hashed names inside it, so
// those must be known first.
func dependencyOrder(src map[string][]byte, hashed []string) ([]string, error) {
	const (
		unseen = iota
		visiting
		done
	)
	state := map[string]int{}
	var order []string
	var visit func(name string, via []string) error
	visit = func(name string, via []string) error {
		switch state[name] {
		case done:
			return nil
		case visiting:
			return fmt.Errorf("build: files refer to each other in a cycle: %s", strings.Join(append(via, name), " -> "))
		}
		state[name] = visiting
		if isText(name) {
			for _, dep := range hashed {
				if dep != name && hasRef(src[name], dep) {
					if err := visit(dep, append(via, name)); err != nil {
						return err
					}
				}
			}
		}
		state[name] = done
		order = append(order, name)
		return nil
	}
	for _, name := range hashed {
		if err := visit(name, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// A reference to an asset is its name, optionally after "./", between
// quotes, backquotes or parentheses: src="boot.js", url(icon.svg),
// fetch('./app.wasm'). Other mentions, such as in comments, are left alone.
const (
	refOpen  = "\"'`("
	refClose = "\"'`)"
)

func refAt(b []byte, i int, name string) bool {
	end := i + len(name)
	if end >= len(b) || !strings.ContainsRune(refClose, rune(b[end])) || i == 0 {
		return false
	}
	if strings.ContainsRune(refOpen, rune(b[i-1])) {
		return true
	}
	return i >= 3 && b[i-1] == '/' && b[i-2] == '.' && strings.ContainsRune(refOpen, rune(b[i-3]))
}

func hasRef(b []byte, name string) bool {
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(name))
		if j < 0 {
			return false
		}
		if refAt(b, i+j, name) {
			return true
		}
		i += j + 1
	}
}

// rewriteRefs replaces each reference to old in b by new.
func rewriteRefs(b []byte, old, new string) []byte {
	var out []byte
	last := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(old))
		if j < 0 {
			break
		}
		at := i + j
		if refAt(b, at, old) {
			out = append(out, b[last:at]...)
			out = append(out, new...)
			last = at + len(old)
		}
		i = at + 1
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}
