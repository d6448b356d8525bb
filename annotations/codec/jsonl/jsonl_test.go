package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

// w3cCases are the files whose JSONL exports are golden files in
// testdata/jsonl (the W3C ones' cases).
var w3cCases = codectest.Cases(readTestFile)

// update rewrites the golden files.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/jsonl")

// readTestFile reads a file of the native format from testdata/files.
func readTestFile(t testing.TB, name string) *annotations.File {
	t.Helper()
	data, err := os.ReadFile(codectest.Testdata("files", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := codec.Decode(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

func jsonlGoldenPath(name string) string {
	return codectest.Testdata("jsonl", name+".jsonl")
}

func TestEncodeJSONLGolden(t *testing.T) {
	for _, c := range w3cCases {
		t.Run(c.Name, func(t *testing.T) {
			got, err := Encode(c.File(t))
			if err != nil {
				t.Fatal(err)
			}
			path := jsonlGoldenPath(c.Name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestEncodeJSONLGolden -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Encode(%s) differs from %s (-want +got):\n%s", c.Name, path, diff)
			}
		})
	}
}

// jsonlColumns are the keys of every line, in order.
var jsonlColumns = []string{"document", "id", "label", "label_name", "start", "end", "quote", "prefix", "suffix",
	"entity", "note", "sources", "targets", "links", "created", "modified"}

// TestEncodeJSONLLines checks what a data tool relies on: one object per
// line with the same columns in the same order, and text[start:end] ==
// quote in code points.
func TestEncodeJSONLLines(t *testing.T) {
	for _, c := range w3cCases {
		t.Run(c.Name, func(t *testing.T) {
			f := c.File(t)
			data, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			if len(data) == 0 || data[len(data)-1] != '\n' {
				t.Fatalf("output does not end with a newline")
			}
			text := []rune(f.Document.Text)
			sc := bufio.NewScanner(bytes.NewReader(data))
			sc.Buffer(nil, 1<<20)
			n := 0
			for sc.Scan() {
				n++
				dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
				var keys []string
				if _, err := dec.Token(); err != nil { // {
					t.Fatalf("line %d: %v", n, err)
				}
				for dec.More() {
					k, err := dec.Token()
					if err != nil {
						t.Fatalf("line %d: %v", n, err)
					}
					keys = append(keys, k.(string))
					var skip json.RawMessage
					if err := dec.Decode(&skip); err != nil {
						t.Fatalf("line %d: %v", n, err)
					}
				}
				if diff := cmp.Diff(jsonlColumns, keys); diff != "" {
					t.Errorf("line %d: keys (-want +got):\n%s", n, diff)
				}
				var row jsonlRow
				if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
					t.Fatalf("line %d: %v", n, err)
				}
				if got := string(text[row.Start:row.End]); got != row.Quote {
					t.Errorf("line %d: text[%d:%d] = %q, quote %q", n, row.Start, row.End, got, row.Quote)
				}
			}
			if n != len(f.Annotations) {
				t.Errorf("%d lines, want one per annotation (%d)", n, len(f.Annotations))
			}
		})
	}
}

func TestEncodeJSONLRelations(t *testing.T) {
	f := codectest.SmallFile(t)
	// a4, an actor with no entity, is named by its quote.
	f.Annotations = append(f.Annotations, annotations.Annotation{ID: "a4", Label: "actor", Start: 20, End: 26, Quote: "Riyadh"})
	f.Relations = append(f.Relations, annotations.Relation{ID: "r3", Type: "target", From: "a3", To: "a4"})
	// A relation type's name is written beside its id, whatever its
	// script; a type with no name is named by its id.
	f.Schema.Relations = slices.Clone(f.Schema.Relations)
	for i := range f.Schema.Relations {
		switch f.Schema.Relations[i].ID {
		case "target":
			f.Schema.Relations[i].Name = "目標"
		case "source":
			f.Schema.Relations[i].Name = ""
		}
	}
	data, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	type links struct {
		Sources, Targets []string
		Links            []jsonlLink
	}
	got := map[string]links{}
	for _, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
		var row jsonlRow
		if err := json.Unmarshal(line, &row); err != nil {
			t.Fatal(err)
		}
		got[row.ID] = links{row.Sources, row.Targets, row.Links}
	}
	want := map[string]links{
		"a1": {[]string{}, []string{}, []jsonlLink{}},
		"a2": {[]string{}, []string{}, []jsonlLink{}},
		"a3": {[]string{"Sergei Lavrov"}, []string{"Marco Rubio", "Riyadh"},
			[]jsonlLink{{"source", "source", "a1"}, {"target", "目標", "a2"}, {"target", "目標", "a4"}}},
		"a4": {[]string{}, []string{}, []jsonlLink{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("relations by annotation (-want +got):\n%s", diff)
	}
}

func TestEncodeJSONLErrors(t *testing.T) {
	dangling := codectest.SmallFile(t)
	dangling.Relations[0].To = "a99"
	empty := codectest.SmallFile(t)
	empty.Annotations, empty.Relations = nil, nil
	cases := []struct {
		name      string
		file      *annotations.File
		want, err string
	}{
		{"nil", nil, "", "encode jsonl: no file"},
		{"dangling_relation", dangling, "", `encode jsonl: relation "r1": no annotation has id "a99"`},
		{"no_annotations", empty, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Encode(c.file)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(c.err, gotErr); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(c.want, string(got)); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkEncodeJSONL(b *testing.B) {
	f := codectest.BenchFile(b, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(f); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleEncode() {
	doc := annotations.NewDocument("Lavrov said the talks were useful.", "", "example")
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	s.Apply(annotations.Add{Label: "actor", Start: 0, End: 6, Entity: "Sergei Lavrov"}, now)
	s.Apply(annotations.Add{Label: "claim", Start: 12, End: 33}, now)
	s.Apply(annotations.Link{Type: "source", From: "a2", To: "a1"}, now)
	out, err := Encode(annotations.NewFile(s, "", now))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// {"document":"sha256:7a0e66fd1ca1391dd44fe6b4f4740a23aee576a8fcd165bb875629c686a5bb04","id":"a1","label":"actor","label_name":"Actor","start":0,"end":6,"quote":"Lavrov","prefix":"","suffix":" said the talks were useful.","entity":"Sergei Lavrov","note":"","sources":[],"targets":[],"links":[],"created":"2026-11-27T09:00:00Z","modified":"2026-11-27T09:00:00Z"}
	// {"document":"sha256:7a0e66fd1ca1391dd44fe6b4f4740a23aee576a8fcd165bb875629c686a5bb04","id":"a2","label":"claim","label_name":"Claim","start":12,"end":33,"quote":"the talks were useful","prefix":"Lavrov said ","suffix":".","entity":"","note":"","sources":["Sergei Lavrov"],"targets":[],"links":[{"type":"source","type_name":"Source","to":"a1"}],"created":"2026-11-27T09:00:00Z","modified":"2026-11-27T09:00:00Z"}
}
