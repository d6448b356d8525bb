package main

// Corpus files (docs/project.md): one annotator's work on a project, a
// header line then one native file per line. validate, stats and convert
// tell them by codec.Sniff, as the page does, and read them with
// project.DecodeCorpus, which checks every line before any is used.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/jsonl"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
	"github.com/spanmark/spanmark/annotations/project"
)

// isCorpus reports whether data is a corpus file, by its first line's
// "spanmark-corpus" field.
func isCorpus(data []byte) bool {
	return codec.Sniff(data) == codec.FormatCorpus
}

// readCorpus decodes the corpus data read from path. Errors start with
// the path, then the line and JSON path.
func readCorpus(path string, data []byte) (*project.Corpus, error) {
	c, err := project.DecodeCorpus(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// corpusFiles returns the documents of c that have a file, with their
// files and the corpus line each is on.
func corpusFiles(c *project.Corpus) (docs []project.CorpusDocument, files []*annotations.File, lines []int) {
	line := 1
	for i, d := range c.Header.Documents {
		if c.Files[i] == nil {
			continue
		}
		line++
		docs, files, lines = append(docs, d), append(files, c.Files[i]), append(lines, line)
	}
	return docs, files, lines
}

// statusCounts says how many documents of c have each status.
func statusCounts(c *project.Corpus) string {
	n := map[project.Status]int{}
	for _, d := range c.Header.Documents {
		n[d.Status]++
	}
	return fmt.Sprintf("%s: %d done, %d in progress, %d new", plural(len(c.Header.Documents), "document"),
		n[project.StatusDone], n[project.StatusProgress], n[project.StatusNew])
}

// validateCorpus checks the corpus data read from path and places each
// file's annotations in its text as validateFile does; it returns whether
// the corpus is valid.
func validateCorpus(path string, data []byte, strict bool, stdout, stderr io.Writer) bool {
	c, err := readCorpus(path, data)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return false
	}
	docs, files, lines := corpusFiles(c)
	ok := true
	anns, rels := 0, 0
	for i, f := range files {
		where := fmt.Sprintf("%s: line %d (document %q)", path, lines[i], docs[i].ID)
		if !placeAndReport(where, f, strict, stderr) {
			ok = false
		}
		anns += len(f.Annotations)
		rels += len(f.Relations)
	}
	if ok {
		fmt.Fprintf(stdout, "%s: ok (corpus, %s; %s, %s, %s)\n", path, statusCounts(c),
			plural(len(files), "file"), plural(anns, "annotation"), plural(rels, "relation"))
	}
	return ok
}

// corpusStatsJSON is what stats --json prints for a corpus.
type corpusStatsJSON struct {
	File      string           `json:"file"`
	Title     string           `json:"title"`
	Annotator string           `json:"annotator,omitempty"`
	Documents []corpusDocStats `json:"documents"`
	Total     statsJSON        `json:"total"`
}

type corpusDocStats struct {
	ID     string     `json:"id"`
	Path   string     `json:"path"`
	Status string     `json:"status"`
	Stats  *statsJSON `json:"stats"` // null for a new document
}

// corpusStats counts each file of c, and all of them pooled as one.
func corpusStats(path string, c *project.Corpus) corpusStatsJSON {
	st := corpusStatsJSON{File: path, Title: c.Header.Title, Annotator: c.Header.Annotator, Documents: []corpusDocStats{}}
	pooled := &annotations.File{Schema: c.Header.Schema, Annotator: c.Header.Annotator,
		Document: annotations.FileDocument{Title: c.Header.Title}}
	for i, d := range c.Header.Documents {
		ds := corpusDocStats{ID: d.ID, Path: d.Path, Status: string(d.Status)}
		if f := c.Files[i]; f != nil {
			s := stats(path, f)
			ds.Stats = &s
			pooled.Document.Length += f.Document.Length
			pooled.Annotations = append(pooled.Annotations, f.Annotations...)
			pooled.Relations = append(pooled.Relations, f.Relations...)
			pooled.Orphans = append(pooled.Orphans, f.Orphans...)
		}
		st.Documents = append(st.Documents, ds)
	}
	st.Total = stats(path, pooled)
	return st
}

func printCorpusStats(w io.Writer, c *project.Corpus, st corpusStatsJSON) {
	fmt.Fprintf(w, "%s: corpus %q, %s", st.File, st.Title, statusCounts(c))
	if st.Annotator != "" {
		fmt.Fprintf(w, ", annotated by %s", st.Annotator)
	}
	fmt.Fprintln(w)
	for _, d := range st.Documents {
		if d.Stats == nil {
			fmt.Fprintf(w, "  %s (%s): %s\n", d.ID, d.Path, d.Status)
			continue
		}
		fmt.Fprintf(w, "  %s (%s): %s, %s, %s\n", d.ID, d.Path, d.Status,
			plural(d.Stats.Annotations, "annotation"), plural(d.Stats.Relations, "relation"))
	}
	fmt.Fprintln(w, "all documents together:")
	total := st.Total
	total.File = "total"
	printStats(w, total)
}

// corpusJSONL writes every annotation of c as a JSONL row
// (jsonl.Encode), each starting with a "project-document" field that
// names the project document it is in.
func corpusJSONL(c *project.Corpus) ([]byte, error) {
	var out bytes.Buffer
	for i, d := range c.Header.Documents {
		f := c.Files[i]
		if f == nil {
			continue
		}
		b, err := jsonl.Encode(f)
		if err != nil {
			return nil, fmt.Errorf("document %q: %w", d.ID, err)
		}
		field := append([]byte(`{"project-document":`), jsonString(d.ID)...)
		field = append(field, ',')
		for _, line := range bytes.SplitAfter(b, []byte{'\n'}) {
			if len(line) == 0 {
				continue
			}
			out.Write(field)
			out.Write(line[1:]) // after the row's "{"
		}
	}
	return out.Bytes(), nil
}

// corpusW3C writes the work of c's documents begun as one W3C
// AnnotationCollection (w3c.EncodeAll), as the page's exportProject("w3c")
// does, named by the file: URL of the corpus file at path.
func corpusW3C(c *project.Corpus, path string) ([]byte, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	var files []*annotations.File
	var exported annotations.Time
	for i, d := range c.Header.Documents {
		if f := c.Files[i]; f != nil {
			f.Document.Title, f.Document.Source = d.Title, d.Path
			if d.Title == "" {
				f.Document.Title = d.Path[strings.LastIndexByte(d.Path, '/')+1:]
			}
			exported = max(exported, f.Exported)
			files = append(files, f)
		}
	}
	id := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	return w3c.EncodeAll(w3c.Collection{ID: id, Label: c.Header.Title, Annotator: c.Header.Annotator, Exported: exported, Schema: c.Header.Schema}, files)
}

// jsonString is s as a JSON string.
func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return b
}
