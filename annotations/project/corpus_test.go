package project

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

var corpusTime = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// corpusFile returns a small annotated file of text.
func corpusFile(t testing.TB, text string) *annotations.File {
	t.Helper()
	s := annotations.NewSet(annotations.NewDocument(text, "", "test"), annotations.DefaultSchema())
	for _, e := range []annotations.Edit{
		annotations.Add{Label: "actor", Start: 0, End: 6},
		annotations.Add{Label: "claim", Start: 7, End: 11},
		annotations.Link{Type: "source", From: "a2", To: "a1"},
	} {
		if _, err := s.Apply(e, corpusTime); err != nil {
			t.Fatalf("%+v: %v", e, err)
		}
	}
	return annotations.NewFile(s, "ann", corpusTime)
}

func smallCorpus(t testing.TB) (CorpusHeader, []*annotations.File) {
	h := CorpusHeader{Title: "Demo", Schema: annotations.DefaultSchema(), Annotator: "ann", Documents: []CorpusDocument{
		{Document{ID: "d1", Title: "One", Path: "a/d1.txt"}, StatusDone},
		{Document{ID: "d2", Path: "a/d2.txt"}, StatusNew},
		{Document{ID: "d3", Path: "a/d3.txt"}, StatusProgress},
	}}
	return h, []*annotations.File{corpusFile(t, "Lavrov says so.\nThe end."), nil, corpusFile(t, "Rubio: said \"no\" <twice>.")}
}

func TestCorpusRoundTrip(t *testing.T) {
	h, files := smallCorpus(t)
	data, err := EncodeCorpus(h, files)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(data, []byte{'\n'}); n != 3 {
		t.Errorf("corpus has %d lines, want 3 (header and two files):\n%s", n, data)
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte{'\n'}), []byte{'\n'})[1:] {
		if _, err := codec.Decode(line); err != nil {
			t.Errorf("line %d is not a native file: %v", i+2, err)
		}
	}
	c, err := DecodeCorpus(data)
	if err != nil {
		t.Fatalf("DecodeCorpus: %v\n%s", err, data)
	}
	want := &Corpus{Header: h, Files: files}
	if diff := cmp.Diff(want, c, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("DecodeCorpus (-want +got):\n%s", diff)
	}
	if f, ok := c.File("d3"); !ok || f != c.Files[2] {
		t.Errorf("File(d3) = %v, %v", f, ok)
	}
	if _, ok := c.File("d2"); ok {
		t.Errorf("File(d2) of a new document: found")
	}
	again, err := EncodeCorpus(c.Header, c.Files)
	if err != nil || !bytes.Equal(again, data) {
		t.Errorf("EncodeCorpus(DecodeCorpus(data)) differs (%v):\n%s\n%s", err, data, again)
	}
}

func TestDecodeCorpusErrors(t *testing.T) {
	h, files := smallCorpus(t)
	data, err := EncodeCorpus(h, files)
	if err != nil {
		t.Fatal(err)
	}
	base := string(data)
	lines := strings.SplitAfter(base, "\n")
	for _, tc := range []struct {
		name, old, new string
		want           string
	}{
		{"empty", base, "", "line 1: empty input"},
		{"not_corpus", `"spanmark-corpus":1`, `"spanmark":1`, "line 1: spanmark-corpus: missing; this is not a spanmark corpus"},
		{"version", `"spanmark-corpus":1`, `"spanmark-corpus":2`, "line 1: spanmark-corpus: version 2 is not supported (this program reads version 1)"},
		{"bad_status", `"status":"done"`, `"status":"finished"`, "line 1: documents[0].status: \"finished\" is not one of \"new\", \"progress\" and \"done\""},
		{"duplicate_id", `"id":"d3"`, `"id":"d1"`, "line 1: documents[2].id: \"d1\" is used twice (also documents[0])"},
		{"escaping_path", `"a/d2.txt"`, `"../d2.txt"`, "line 1: documents[1].path: \"../d2.txt\" climbs above the project folder"},
		{"missing_line", lines[2], "", "line 2: the corpus ends before the file of document \"d3\" (documents[2])"},
		{"extra_line", base, base + lines[2], "line 4: one line more than the 2 documents with work in the header"},
		{"blank_line", lines[1], "\n" + lines[1], "line 2: blank line; want the file of document \"d1\" (documents[0])"},
		{"bad_file", `"label":"claim","start":7`, `"label":"claims","start":7`, "line 2: annotations[1].label: unknown label \"claims\""},
		{"other_schema", `"name":"Actor"`, `"name":"Akteur"`, "line 2: schema: differs from the corpus schema on line 1 (document \"d1\")"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(base, tc.old) {
				t.Fatalf("%q is not in the corpus", tc.old)
			}
			_, err := DecodeCorpus([]byte(strings.Replace(base, tc.old, tc.new, 1)))
			var pe *annotations.PathError
			if !errors.As(err, &pe) {
				t.Fatalf("DecodeCorpus error %v (%T), want a *PathError", err, err)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("DecodeCorpus error\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestEncodeCorpusRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(h *CorpusHeader, files []*annotations.File) []*annotations.File
		want string
	}{
		{"file_for_new", func(h *CorpusHeader, fs []*annotations.File) []*annotations.File {
			h.Documents[0].Status = StatusNew
			return fs
		},
			"documents[0].status: is \"new\" but document \"d1\" has a file"},
		{"no_file", func(h *CorpusHeader, fs []*annotations.File) []*annotations.File {
			h.Documents[1].Status = StatusDone
			return fs
		},
			"documents[1].status: is \"done\" but document \"d2\" has no file"},
		{"count", func(h *CorpusHeader, fs []*annotations.File) []*annotations.File { return fs[:2] },
			"encode corpus: 2 files for 3 documents"},
		{"bad_status", func(h *CorpusHeader, fs []*annotations.File) []*annotations.File {
			h.Documents[1].Status = ""
			return fs
		},
			"documents[1].status: \"\" is not one of \"new\", \"progress\" and \"done\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, files := smallCorpus(t)
			files = tc.edit(&h, files)
			_, err := EncodeCorpus(h, files)
			if err == nil || err.Error() != tc.want {
				t.Errorf("EncodeCorpus error %v, want %s", err, tc.want)
			}
		})
	}
}
