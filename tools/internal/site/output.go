package site

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/andybalholm/brotli"
)

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func brotliBytes(b []byte, level int) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, level)
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// FS returns the site as a file system, for [Handler].
func (s *Site) FS() fs.FS {
	m := fstest.MapFS{}
	for name, b := range s.Files {
		m[name] = &fstest.MapFile{Data: b, Mode: 0o444}
	}
	return m
}

// Write writes the site into dir. The directory must not exist, be empty or
// hold an earlier build, which Write replaces: it never deletes anything
// else, so a mistyped -o cannot wipe a source folder.
func (s *Site) Write(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("write site: %w", err)
	case len(entries) > 0 && !isBuild(entries):
		return fmt.Errorf("write site: %s holds files that are not a spanmark build: choose a new or empty directory", dir)
	default:
		for _, e := range entries {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("write site: remove the earlier build: %w", err)
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	for name, b := range s.Files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
		if err := os.WriteFile(file, b, 0o644); err != nil {
			return fmt.Errorf("write site: %w", err)
		}
	}
	return nil
}

// isBuild reports whether a directory's entries look like a build's: the
// page, the worker and a hashed wasm.
func isBuild(entries []fs.DirEntry) bool {
	has := func(match func(string) bool) bool {
		return slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return match(e.Name()) })
	}
	return has(func(n string) bool { return n == IndexName }) &&
		has(func(n string) bool { return n == WorkerName }) &&
		has(func(n string) bool {
			return strings.HasPrefix(n, "app.") && strings.HasSuffix(n, ".wasm") && IsHashed(n)
		})
}

// FirstLoad returns the bytes a first visit transfers before the app
// runs, raw, with gzip and with brotli: every asset but those loaded later
// ([Asset.Later]), since the service worker precaches them all, and but
// the demo project's files ([IsStable]), fetched when it is opened.
func (s *Site) FirstLoad() (raw, gz, br int) {
	return s.total(false)
}

// LoadedLater returns the bytes of the assets loaded later
// ([Asset.Later]), which the service worker precaches once the app runs.
func (s *Site) LoadedLater() (raw, gz, br int) {
	return s.total(true)
}

func (s *Site) total(later bool) (raw, gz, br int) {
	for _, a := range s.Assets {
		if IsStable(a.Name) {
			continue // the demo project, fetched only when opened
		}
		if a.Later == later {
			raw += a.Raw
			gz += a.Gzip
			br += a.Brotli
		}
	}
	return raw, gz, br
}

// kb formats a size in kilobytes of 1024 bytes.
func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

// WriteTable prints the size of every asset and the first-load total, one
// row each: name on the left, raw, gzip and brotli sizes on the right. The
// assets loaded later follow, apart, with their own total.
func (s *Site) WriteTable(w io.Writer) error {
	nLater := 0
	for _, a := range s.Assets {
		if a.Later {
			nLater++
		}
	}
	total := fmt.Sprintf("first load (%d files)", len(s.Assets)-nLater)
	laterTotal := fmt.Sprintf("loaded later (%d files)", nLater)
	width := len(total)
	if nLater > 0 {
		width = max(width, len(laterTotal))
	}
	for _, a := range s.Assets {
		width = max(width, len(a.Name))
	}
	var b strings.Builder
	row := func(name, raw, gz, br string) {
		fmt.Fprintf(&b, "%-*s  %10s  %10s  %10s\n", width, name, raw, gz, br)
	}
	group := func(later bool, name string) {
		for _, a := range s.Assets {
			if a.Later == later {
				row(a.Name, kb(a.Raw), kb(a.Gzip), kb(a.Brotli))
			}
		}
		raw, gz, br := s.total(later)
		row(name, kb(raw), kb(gz), kb(br))
	}
	row("file", "raw", "gzip", "brotli")
	group(false, total)
	if nLater > 0 {
		group(true, laterTotal)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// CheckBudget returns an error when the first load's gzip transfer is over
// budgetKB kilobytes. A budget of zero checks nothing.
func (s *Site) CheckBudget(budgetKB int) error {
	_, gz, _ := s.FirstLoad()
	if budgetKB <= 0 || gz <= budgetKB*1024 {
		return nil
	}
	wasm := Asset{}
	for _, a := range s.Assets {
		if a.Source == WasmName {
			wasm = a
		}
	}
	return fmt.Errorf("size budget: the first load transfers %s with gzip, over the budget of %d KB (%s is %s of it): "+
		"see what the wasm links with `GOOS=js GOARCH=wasm go list -deps ./wasm`, or raise -budget if it earns its bytes",
		kb(gz), budgetKB, wasm.Name, kb(wasm.Gzip))
}

// CheckLaterBudget returns an error when the assets loaded later
// ([Asset.Later]) transfer more than budgetKB kilobytes with gzip. A
// budget of zero checks nothing.
func (s *Site) CheckLaterBudget(budgetKB int) error {
	_, gz, _ := s.LoadedLater()
	if budgetKB <= 0 || gz <= budgetKB*1024 {
		return nil
	}
	return fmt.Errorf("size budget: the files loaded later (the analysis worker) transfer %s with gzip, over the budget of %d KB: "+
		"see what it links with `GOOS=js GOARCH=wasm go list -deps ./wasm/worker`, or raise -later-budget if it earns its bytes",
		kb(gz), budgetKB)
}
