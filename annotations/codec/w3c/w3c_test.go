package w3c

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
)

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

// withoutText returns a copy of f without its text: what a W3C export
// keeps of a file.
func withoutText(f *annotations.File) *annotations.File {
	g := *f
	g.Document.Text = ""
	return &g
}

// sampleDoc is the sample article as the app loads it.
func sampleDoc(t testing.TB) *annotations.Document {
	t.Helper()
	text, err := os.ReadFile(codectest.Testdata("articles", "us-russia-dialogue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return annotations.NewDocument(string(text), "", "sample")
}

func w3cGoldenPath(name string) string {
	return codectest.Testdata("w3c", name+".w3c.json")
}

// w3cCases are the files whose W3C exports are golden files in testdata/w3c.
var w3cCases = codectest.Cases(readTestFile)

// update rewrites the golden files.
var update = flag.Bool("update", false, "rewrite the golden files in testdata/w3c")

func TestEncodeW3CGolden(t *testing.T) {
	for _, c := range w3cCases {
		t.Run(c.Name, func(t *testing.T) {
			got, err := Encode(c.File(t))
			if err != nil {
				t.Fatal(err)
			}
			path := w3cGoldenPath(c.Name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestEncodeW3CGolden -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Encode(%s) differs from %s (-want +got):\n%s", c.Name, path, diff)
			}
		})
	}
}

func TestW3CRoundTrip(t *testing.T) {
	odd := codectest.SmallFile(t)
	odd.Annotations[0].ID = "a b#c/d%e"
	odd.Relations[0].To = "a b#c/d%e"
	odd.Annotator = ""
	odd.Exported = 0
	odd.Annotations[1].Created = 0
	empty := readTestFile(t, "sample.spanmark.json")
	empty.Annotations, empty.Relations = []annotations.Annotation{}, []annotations.Relation{}
	cases := []struct {
		name string
		file *annotations.File
	}{
		{"sample", readTestFile(t, "sample.spanmark.json")},
		{"multiscript", readTestFile(t, "multiscript.spanmark.json")},
		{"small_with_orphan_and_conflict", codectest.SmallFile(t)},
		{"odd_ids_and_zero_times", odd},
		{"no_annotations", empty},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := Encode(c.file)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v\n%s", err, data)
			}
			if diff := cmp.Diff(withoutText(c.file), got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Decode(Encode(f)) (-want +got):\n%s", diff)
			}
			again, err := Encode(got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(data), string(again)); diff != "" {
				t.Errorf("Encode(Decode(Encode(f))) (-want +got):\n%s", diff)
			}
		})
	}
}

// TestW3CPlace imports the sample's W3C export onto the loaded article, as
// the app does, and gets back the file that was exported.
func TestW3CPlace(t *testing.T) {
	want := readTestFile(t, "sample.spanmark.json")
	data, err := Encode(want)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	s, rep, err := anchor.Place(f, sampleDoc(t))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.IsEmpty() {
		t.Errorf("Place reported changes for an unchanged text: %+v", rep)
	}
	got := annotations.NewFile(s, f.Annotator, f.Exported.UTC())
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("placed W3C import (-want +got):\n%s", diff)
	}
}

// otherTools are W3C annotations of the sample article as other tools write
// them, in testdata/w3c, with what Decode makes of them.
var otherToolsSource = "https://example.org/us-russia-dialogue"

func otherTools() []struct {
	name string
	want *annotations.File
	// placed are the spans after placing the file on the sample article,
	// by annotation id, for those that had no position or moved.
	moved map[string][2]int
} {
	doc := annotations.FileDocument{Source: otherToolsSource}
	return []struct {
		name  string
		want  *annotations.File
		moved map[string][2]int
	}{{
		name: "array",
		want: &annotations.File{Spanmark: annotations.Version, Document: doc, Schema: annotations.DefaultSchema(),
			Annotations: []annotations.Annotation{
				{ID: "putin", Label: "actor", Start: 948, End: 962, Quote: "Vladimir Putin",
					Prefix: "ct as a mediator with President ", Suffix: ". This proposal hints at the pot", Entity: "Vladimir Putin"},
				{ID: "sanctions", Label: "claim", Start: 1108, End: 1148, Quote: "the existing sanctions are taking a toll"},
				{ID: "kremlin", Label: "actor", Start: 1156, End: 1163, Quote: "Kremlin", Note: "The Russian government, by its seat"},
			},
			Relations: []annotations.Relation{{ID: "link-1", Type: "source", From: "sanctions", To: "kremlin"}},
		},
	}, {
		name: "choice",
		want: &annotations.File{Spanmark: annotations.Version, Document: doc, Schema: annotations.DefaultSchema(), Annotator: "A. Person",
			Annotations: []annotations.Annotation{{
				ID: "7", Label: "proposal", Start: 906, End: 962,
				Quote: "he might act as a mediator with President Vladimir Putin", Prefix: "Donald Trump, suggesting ",
				Note:    "Offered by Moscow\n\nTrump as go-between",
				Created: annotations.TimeOf(time.Date(2026, 11, 20, 9, 15, 30, 0, time.UTC)), Modified: annotations.TimeOf(time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)),
			}},
		},
	}, {
		name: "page",
		want: &annotations.File{Spanmark: annotations.Version, Document: doc, Schema: annotations.DefaultSchema(),
			Annotations: []annotations.Annotation{
				{ID: "lavrov", Label: "actor", Quote: "Sergei Lavrov", Prefix: "Yuri Ushakov, and "},
				{ID: "trump", Label: "actor", Quote: "Donald Trump"},
			},
		},
		moved: map[string][2]int{"lavrov": {1548, 1561}, "trump": {881, 893}},
	}}
}

func TestDecodeW3COtherTools(t *testing.T) {
	doc := sampleDoc(t)
	for _, c := range otherTools() {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(codectest.Testdata("w3c", c.name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Fatalf("Decode (-want +got):\n%s", diff)
			}
			// What was read is written and read again unchanged.
			out, err := Encode(got)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Decode(out)
			if err != nil {
				t.Fatalf("Decode(Encode): %v\n%s", err, out)
			}
			if diff := cmp.Diff(got, again, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Decode(Encode(f)) (-want +got):\n%s", diff)
			}
			// Placed on the article, every quote is found.
			s, rep, err := anchor.Place(got, doc)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Orphaned) > 0 || len(rep.OrphanedRelations) > 0 {
				t.Errorf("Place: orphaned %+v, orphaned relations %+v", rep.Orphaned, rep.OrphanedRelations)
			}
			moved := map[string][2]int{}
			for _, p := range rep.Moved {
				moved[p.ID] = p.To
			}
			if diff := cmp.Diff(c.moved, moved, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Place moved (-want +got):\n%s", diff)
			}
			for _, a := range s.Annotations() {
				if q := doc.Slice(a.Start, a.End); q != a.Quote {
					t.Errorf("%s: text[%d:%d] = %q, quote %q", a.ID, a.Start, a.End, q, a.Quote)
				}
			}
			if got, want := len(s.Relations()), len(c.want.Relations); got != want {
				t.Errorf("placed %d relations, want %d", got, want)
			}
		})
	}
}

// w3cAnno is a one-annotation input with the given body and target.
func w3cAnno(body, target string) string {
	return `{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/a1", "type": "Annotation", "body": ` +
		body + `, "target": ` + target + `}`
}

const (
	okBody   = `{"type": "TextualBody", "purpose": "tagging", "value": "actor"}`
	okTarget = `{"source": "http://example.org/page", "selector": {"type": "TextQuoteSelector", "exact": "Lavrov"}}`
)

func w3cPage(items ...string) string {
	return `{"type": "AnnotationPage", "items": [` + strings.Join(items, ",\n") + `]}`
}

func w3cLink(id, body, target string) string {
	return `{"id": "` + id + `", "type": "Annotation", "motivation": "linking", "body": ` + body + `, "target": ` + target + `}`
}

func w3cSpan(id, label, exact string) string {
	return `{"id": "` + id + `", "type": "Annotation", "body": {"type": "TextualBody", "purpose": "tagging", "value": "` + label +
		`"}, "target": {"source": "http://example.org/page", "selector": {"type": "TextQuoteSelector", "exact": "` + exact + `"}}}`
}

// TestDecodeW3CForms reads the other ways a collection and a relation may
// be written.
func TestDecodeW3CForms(t *testing.T) {
	in := `{"type": ["AnnotationCollection"], "label": "Talks", "total": 3,
	"creator": [{"type": "Person", "nickname": "ann"}], "generated": "2026-11-27T10:00:00Z",
	"first": {"type": "AnnotationPage", "items": [` +
		w3cSpan("http://x/a", "Actor", "Lavrov") + ",\n" + w3cSpan("http://x/c", "claim", "talks go on") + ",\n" +
		`{"id": ["http://x/l"], "type": "Annotation", "motivation": ["oa:linking"],
		  "body": [{"purpose": "classifying", "value": "Source"}, {"id": "http://x/a"}],
		  "target": [{"id": "http://x/c"}]}]}}`
	got, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := &annotations.File{Spanmark: annotations.Version, Document: annotations.FileDocument{Title: "Talks", Source: "http://example.org/page"},
		Schema: annotations.DefaultSchema(), Annotator: "ann", Exported: annotations.TimeOf(time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)),
		Annotations: []annotations.Annotation{{ID: "a", Label: "actor", Quote: "Lavrov"}, {ID: "c", Label: "claim", Quote: "talks go on"}},
		Relations:   []annotations.Relation{{ID: "l", Type: "source", From: "c", To: "a"}},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
}

// TestDecodeW3CIDs gives annotations without ids, or whose IRIs end alike,
// ids of their own.
func TestDecodeW3CIDs(t *testing.T) {
	noID := strings.Replace(w3cSpan("", "actor", "Putin"), `"id": "", `, "", 1)
	in := "[" + w3cSpan("http://x/p/1", "actor", "Lavrov") + ",\n" +
		w3cSpan("http://y/q/1", "actor", "Rubio") + ",\n" +
		noID + ",\n" +
		w3cSpan("urn:x:stop", "proposal", "stop") + ",\n" +
		`{"type": "Annotation", "motivation": "linking", "body": [{"type": "TextualBody", "purpose": "tagging", "value": "target"}, "http://y/q/1"], "target": {"source": "urn:x:stop"}}]`
	got, err := Decode([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []annotations.Annotation{
		{ID: "1", Label: "actor", Quote: "Lavrov"},
		{ID: "a2", Label: "actor", Quote: "Rubio"},
		{ID: "a3", Label: "actor", Quote: "Putin"},
		{ID: "stop", Label: "proposal", Quote: "stop"},
	}
	if diff := cmp.Diff(want, got.Annotations); diff != "" {
		t.Errorf("annotations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]annotations.Relation{{ID: "r1", Type: "target", From: "stop", To: "a2"}}, got.Relations); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
}

// TestDecodeW3COtherToolsShapes reads what Hypothesis, RecogitoJS and
// Recogito's text-annotator write that Spanmark's own exports do not: no
// tag, tags not in the schema, several tags, the same tag on the same span
// twice, no target source, a creator given as an IRI. A file with a
// schema of its own still refuses a tag it does not have.
func TestDecodeW3COtherToolsShapes(t *testing.T) {
	type got struct {
		Labels      []string // id=name of the labels added to the default schema
		Annotations []string // "label [start,end) quote: note"
		Annotator   string
	}
	read := func(t *testing.T, in string) got {
		t.Helper()
		f, err := Decode([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		var g got
		for _, l := range f.Schema.Labels[3:] {
			g.Labels = append(g.Labels, l.ID+"="+l.Name)
		}
		for _, a := range f.Annotations {
			g.Annotations = append(g.Annotations, a.Label+" ["+strconv.Itoa(a.Start)+","+strconv.Itoa(a.End)+") "+a.Quote+": "+a.Note)
		}
		g.Annotator = f.Annotator
		return g
	}
	comment := func(id, text string) string {
		return `{"id": "` + id + `", "type": "Annotation", "creator": "acct:` + id + `@hypothes.is", "body": {"type": "TextualBody", "purpose": "commenting", "value": "` + text + `"}, ` +
			`"target": {"source": "http://example.org/page", "selector": [{"type": "TextQuoteSelector", "exact": "a"}, {"type": "TextPositionSelector", "start": 3, "end": 4}]}}`
	}
	cases := []struct {
		name, in string
		want     got
	}{
		{"no_tag", w3cAnno(`{"type": "TextualBody", "value": "a comment"}`, okTarget),
			got{Labels: []string{"highlight=highlight"}, Annotations: []string{"highlight [0,0) Lavrov: a comment"}}},
		{"unknown_tags", w3cAnno(`[`+okBody+`, {"type": "TextualBody", "purpose": "tagging", "value": "love"}, {"type": "TextualBody", "purpose": "tagging", "value": "外交"}]`, okTarget),
			got{Labels: []string{"love=love", "label-5=外交"}, Annotations: []string{"actor [0,0) Lavrov: ", "label-5 [0,0) Lavrov: ", "love [0,0) Lavrov: "}}},
		{"two_tags", w3cAnno(`[`+okBody+`, {"type": "TextualBody", "purpose": "classifying", "value": "claim"}]`, okTarget),
			got{Annotations: []string{"actor [0,0) Lavrov: ", "claim [0,0) Lavrov: "}}},
		{"same_span_twice", w3cPage(comment("alice", "first"), comment("bob", "second")),
			got{Labels: []string{"highlight=highlight"}, Annotations: []string{"highlight [3,4) a: first\n\nsecond"}}},
		{"creator_iri", w3cPage(comment("alice", "first")),
			got{Labels: []string{"highlight=highlight"}, Annotations: []string{"highlight [3,4) a: first"}, Annotator: "acct:alice@hypothes.is"}},
		{"recogito_no_source", `[{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "#c3b1", "type": "Annotation", ` +
			`"body": [{"type": "TextualBody", "purpose": "tagging", "value": "Place"}], ` +
			`"target": {"selector": [{"type": "TextQuoteSelector", "exact": "Lavrov"}, {"type": "TextPositionSelector", "start": 0, "end": 6}]}}]`,
			got{Labels: []string{"Place=Place"}, Annotations: []string{"Place [0,6) Lavrov: "}}},
		{"hypothesis_file", string(readW3CTestdata(t, "hypothesis.json")), got{
			Labels: []string{"diplomacy=diplomacy", "label-5=外交", "highlight=highlight", "Person=Person"},
			Annotations: []string{
				"diplomacy [0,6) Lavrov: Is this the first meeting?",
				"highlight [0,6) Lavrov: Yes, in Riyadh.\n\nAlso a comment here.",
				"label-5 [0,6) Lavrov: Is this the first meeting?",
				"Person [11,16) Rubio: ",
			}}},
		{"rec_example23", rec23(t), got{Labels: []string{"highlight=highlight"}, Annotations: []string{"highlight [0,0) anotation: "}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(c.want, read(t, c.in)); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
		})
	}
	// Links with a type the schema lacks, or none, add relation types that
	// allow what they link.
	f0, err := Decode([]byte(w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
		w3cLink("http://x/r", `{"type": "TextualBody", "purpose": "tagging", "value": "引用"}`, `["http://x/2", "http://x/1"]`),
		w3cLink("http://x/s", `"http://x/1"`, `"http://x/2"`))))
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, rt := range f0.Schema.Relations[2:] {
		rels = append(rels, rt.ID+"="+rt.Name+" "+strings.Join(rt.From, ",")+" -> "+strings.Join(rt.To, ","))
	}
	for _, r := range f0.Relations {
		rels = append(rels, r.Type+": "+r.From+" -> "+r.To)
	}
	if diff := cmp.Diff([]string{"relation-3=引用 claim -> actor", "relation=relation claim -> actor", "relation-3: 2 -> 1", "relation: 2 -> 1"}, rels); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	// Written back, the tags are the names people chose, and read again
	// they are the same labels.
	f, err := Decode(readW3CTestdata(t, "hypothesis.json"))
	if err != nil {
		t.Fatal(err)
	}
	f.Document.Source = "https://example.org/article"
	out, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), `"value": "外交"`) || strings.Contains(string(out), `"value": "label-5"`) {
		t.Errorf("export tags labels by id, not name:\n%s", out)
	}
	again, err := Decode(out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f.Annotations, again.Annotations, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("annotations after a round trip (-before +after):\n%s", diff)
	}
	// With a schema of its own, a tag the schema lacks is an error.
	sample, err := os.ReadFile(w3cGoldenPath("sample"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(sample), `"value": "claim"`, `"value": "love"`, 1)
	if _, err := Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), `unknown label "love"`) {
		t.Errorf("error %v, want unknown label \"love\"", err)
	}
}

func readW3CTestdata(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "w3c", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func rec23(t *testing.T) string {
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "conformance", "w3c-annotation-spec-examples", "rec-examples", "example23.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestDecodeW3CErrors(t *testing.T) {
	rec := func(n string) string {
		data, err := os.ReadFile(codectest.Testdata("conformance", "w3c-annotation-spec-examples", "rec-examples", "example"+n+".json"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	sample, err := os.ReadFile(w3cGoldenPath("sample"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, in, want string
	}{
		{"not_json", `this is not json`, `line 1: column 1: unexpected character 't', want a value`},
		{"not_an_object", `"anno"`, `line 1: got a string, want an Annotation, AnnotationPage or AnnotationCollection object`},
		{"wrong_type", `{"type": "Image"}`, `line 1: type: got "Image", want Annotation, AnnotationPage or AnnotationCollection`},
		{"empty_page", w3cPage(), `line 1: items: no annotations, and nothing names the document they belong to`},
		{"no_target", `{"type": "Annotation", "body": ` + okBody + `}`, `line 1: target: missing`},
		{"two_targets", w3cAnno(okBody, `[`+okTarget+`, `+okTarget+`]`),
			`line 1: target: has 2 targets; a Spanmark annotation marks one span of one text`},
		{"target_iri", w3cAnno(okBody, `"http://example.org/page"`),
			`line 1: target: "http://example.org/page" names a whole resource; Spanmark needs a target with a source and a TextQuoteSelector`},
		{"relative_source", w3cAnno(okBody, `{"source": "page.html", "selector": {"type": "TextQuoteSelector", "exact": "x"}}`),
			`line 1: target.source: "page.html" is not an absolute IRI without a fragment`},
		{"no_selector", w3cAnno(okBody, `{"source": "http://example.org/page"}`),
			`line 1: target.selector: missing; Spanmark needs a TextQuoteSelector`},
		{"empty_exact", w3cAnno(okBody, `{"source": "http://example.org/page", "selector": {"type": "TextQuoteSelector", "exact": ""}}`),
			`line 1: target.selector.exact: missing or empty`},
		{"exact_not_string", w3cAnno(okBody, `{"source": "http://example.org/page", "selector": {"type": "TextQuoteSelector", "exact": 7}}`),
			`line 1: target.selector.exact: got a number, want a string`},
		{"quotes_disagree", w3cAnno(okBody, `{"source": "http://example.org/page", "selector": [{"type": "TextQuoteSelector", "exact": "a"}, {"type": "TextQuoteSelector", "exact": "b"}]}`),
			`line 1: target.selector[1].exact: "b" differs from the quote "a" of target.selector[0]`},
		{"position_backwards", w3cAnno(okBody, `{"source": "http://example.org/page", "selector": [{"type": "TextQuoteSelector", "exact": "a"}, {"type": "TextPositionSelector", "start": 5, "end": 5}]}`),
			`line 1: target.selector[1].end: 5 is not after start 5`},
		{"position_negative", w3cAnno(okBody, `{"source": "http://example.org/page", "selector": {"type": "Choice", "items": [{"type": "TextQuoteSelector", "exact": "a"}, {"type": "TextPositionSelector", "start": -1, "end": 5}]}}`),
			`line 1: target.selector.items[1].start: -1 is negative`},
		{"position_fraction", w3cAnno(okBody, `{"source": "http://example.org/page", "selector": [{"type": "TextQuoteSelector", "exact": "a"}, {"type": "TextPositionSelector", "start": 1.5, "end": 5}]}`),
			`line 1: target.selector[1].start: 1.5 is not an integer of at most 16 digits`},
		{"two_entities", w3cAnno(`[`+okBody+`, {"type": "TextualBody", "purpose": "identifying", "value": "A"}, {"type": "TextualBody", "purpose": "identifying", "value": "B"}]`, okTarget),
			`line 1: body[2].value: a second entity "B"; body[1] already gives "A"`},
		{"bad_created", `{"type": "Annotation", "created": "yesterday", "body": ` + okBody + `, "target": ` + okTarget + `}`,
			`line 1: created: "yesterday" is not an RFC 3339 time such as "2025-02-18T09:30:00Z"`},
		{"two_documents", w3cPage(w3cSpan("http://x/1", "actor", "a"), strings.Replace(w3cSpan("http://x/2", "actor", "b"), "example.org/page", "example.org/other", 1)),
			`line 2: items[1].target.source: "http://example.org/other" is not the document "http://example.org/page" of items[0].target.source; a file holds the annotations of one text`},
		{"same_iri_twice", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/1", "claim", "b")),
			`line 2: items[1].id: "http://x/1" is used twice (also items[0])`},
		{"reference_item", w3cPage(`"http://example.org/anno9"`),
			`line 1: items[0]: "http://example.org/anno9" is a reference to an annotation elsewhere; Spanmark reads only annotations written out in full`},
		{"next_page", `{"type": "AnnotationPage", "next": "http://x/page2", "items": []}`,
			`line 1: next: the annotations go on in another page; Spanmark reads one page, so export them all in one`},
		{"page_not_embedded", `{"type": "AnnotationCollection", "total": 2, "first": "http://x/page1"}`,
			`line 1: first: the page "http://x/page1" is not embedded; Spanmark reads a collection with its first page inside`},
		{"total_mismatch", `{"type": "AnnotationCollection", "total": 2, "first": ` + w3cPage(w3cSpan("http://x/1", "actor", "a")) + `}`,
			`line 1: total: 2, but the first page holds 1 annotations; Spanmark reads only an embedded first page`},
		{"link_to_nothing", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
			w3cLink("http://x/r", `[{"type": "TextualBody", "purpose": "tagging", "value": "source"}, {"type": "SpecificResource", "purpose": "linking", "source": "http://x/9"}]`, `"http://x/2"`)),
			`line 3: items[2].body[1].source: no annotation in this file has id "http://x/9"`},
		{"link_wrong_labels", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
			w3cLink("http://x/r", `{"type": "TextualBody", "purpose": "tagging", "value": "source"}`, `["http://x/1", "http://x/2"]`)),
			`line 3: items[2]: a "source" relation cannot go from actor to claim`},
		{"link_three_targets", w3cPage(w3cSpan("http://x/1", "actor", "a"),
			w3cLink("http://x/r", `{"type": "TextualBody", "purpose": "tagging", "value": "source"}`, `["http://x/1", "http://x/1", "http://x/1"]`)),
			`line 2: items[1].target: a relation needs one target (from) and a body with purpose "linking" (to), or two targets in order`},
		{"link_repeated", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
			w3cLink("http://x/r", `{"type": "TextualBody", "purpose": "tagging", "value": "source"}`, `["http://x/2", "http://x/1"]`),
			w3cLink("http://x/s", `{"type": "TextualBody", "purpose": "tagging", "value": "source"}`, `["http://x/2", "http://x/1"]`)),
			`line 4: items[3]: repeats items[2]: same type, from and to`},
		{"schema_invalid", strings.Replace(string(sample), `"id": "actor"`, `"id": "bad label"`, 1),
			`line 43: spanmark:schema.labels[0].id: "bad label" is not a valid id (letters, digits, '-' and '_', at most 64)`},
		{"document_not_matching", strings.Replace(string(sample), `"id": "sha256:f05b`, `"id": "sha256:005b`, 1),
			`line 121: first.items[0].target.source: "urn:sha256:f05b4c7212080da690d0687b1ecf337ba82b09b286fcdfc3c17bbaa924cf5852" is not the document "urn:sha256:005b4c7212080da690d0687b1ecf337ba82b09b286fcdfc3c17bbaa924cf5852" of spanmark:document; a file holds the annotations of one text`},
		{"document_bad_field", `{"type": "AnnotationCollection", "spanmark:document": {"id": "sha256:ab", "text": "x"}}`,
			`line 1: spanmark:document.text: unknown field`},
		{"document_negative_length", `{"type": "AnnotationCollection", "spanmark:document": {"id": "sha256:ab", "length": -1}}`,
			`line 1: spanmark:document.length: -1 is negative`},
		{"document_unnamed", `{"type": "AnnotationCollection", "spanmark:document": {"source": "my file.txt"}}`,
			`line 1: spanmark:document: the document has neither a sha256 id nor a source IRI to name it by`},
		{"orphan_unknown_label", `{"type": "AnnotationCollection", "spanmark:document": {"id": "sha256:ab"}, "spanmark:orphans": [{"annotation": {"id": "a1", "label": "x", "start": 0, "end": 1, "quote": "q"}, "reason": "gone"}]}`,
			`line 1: spanmark:orphans[0].annotation.label: unknown label "x"`},
		{"first_missing", `{"type": "AnnotationCollection", "total": 3}`, `line 1: first: missing, but total is 3`},
		{"first_not_a_page", `{"type": "AnnotationCollection", "first": {"type": "Annotation"}}`, `line 1: first.type: got "Annotation", want AnnotationPage`},
		{"first_a_number", `{"type": "AnnotationCollection", "first": 1}`, `line 1: first: got a number, want an AnnotationPage object`},
		{"page_without_items", `{"type": "AnnotationPage"}`, `line 1: items: missing`},
		{"item_a_number", w3cPage(`7`), `line 1: items[0]: got a number, want an Annotation object`},
		{"item_not_an_annotation", w3cPage(`{"type": "Image"}`), `line 1: items[0].type: got "Image", want Annotation`},
		{"type_a_number", `{"type": 7}`, `line 1: type: got a number, want a string or a list of strings`},
		{"link_to_a_number", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
			w3cLink("http://x/r", `[{"type": "TextualBody", "purpose": "tagging", "value": "source"}, 7]`, `"http://x/2"`)),
			`line 3: items[2].body[1]: got a number, want an IRI or an object with an id or source`},
		{"link_to_an_empty_object", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
			w3cLink("http://x/r", `[{"type": "TextualBody", "purpose": "tagging", "value": "source"}, {"type": "Text"}]`, `"http://x/2"`)),
			`line 3: items[2].body[1]: names no annotation: want an IRI, an id or a source`},
		{"link_two_types", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
			w3cLink("http://x/r", `[{"type": "TextualBody", "purpose": "tagging", "value": "source"}, {"type": "TextualBody", "purpose": "tagging", "value": "target"}]`, `["http://x/2", "http://x/1"]`)),
			`line 3: items[2].body[1].value: a second relation type "target" (items[2].body[0] is "source")`},
		{"link_two_ends", w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "claim", "b"),
			w3cLink("http://x/r", `[{"type": "TextualBody", "purpose": "tagging", "value": "source"}, "http://x/1", "http://x/1"]`, `"http://x/2"`)),
			`line 3: items[2].body[2]: a second linked resource; a relation links one annotation to one other (items[2].body[1])`},
		{"link_to_itself", w3cPage(w3cSpan("http://x/1", "actor", "a"),
			w3cLink("http://x/r", `[{"type": "TextualBody", "purpose": "tagging", "value": "source"}, "http://x/1"]`, `"http://x/1"`)),
			`line 2: items[1].body[1]: links annotation "1" to itself`},
		// The Recommendation's text selector examples that select within a
		// fragment do not fit.
		{"rec_example24", rec("24"), `line 8: target.selector: no TextQuoteSelector; Spanmark needs the quoted text to find the span in the article`},
		{"rec_example29", rec("29"), `line 8: target.selector: no TextQuoteSelector; Spanmark needs the quoted text to find the span in the article`},
		{"rec_example41", rec("41"), `line 72: target.selector: no TextQuoteSelector; Spanmark needs the quoted text to find the span in the article`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Decode([]byte(c.in))
			if err == nil {
				t.Fatalf("Decode succeeded, want error %q; got %+v", c.want, f)
			}
			var pe *annotations.PathError
			if !errors.As(err, &pe) {
				t.Errorf("error %v is a %T, want a *PathError", err, err)
			}
			if diff := cmp.Diff(c.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeW3CLimits(t *testing.T) {
	big := bytes.Repeat([]byte(" "), 100)
	if _, err := decode(big, jsonio.Limits{Size: 99, Annotations: 10, Relations: 10}); err == nil ||
		err.Error() != "decode w3c: the file is 100 bytes, more than the limit of 99" {
		t.Errorf("oversized input: got %v", err)
	}
	in := w3cPage(w3cSpan("http://x/1", "actor", "a"), w3cSpan("http://x/2", "actor", "b"))
	_, err := decode([]byte(in), jsonio.Limits{Size: 1 << 20, Annotations: 1, Relations: 1})
	if diff := cmp.Diff("line 1: items: 2 annotations are more than the limit of 1", err.Error()); diff != "" {
		t.Errorf("too many annotations (-want +got):\n%s", diff)
	}
	_, err = Decode([]byte("{\"type\": \"Annotation\", \"x\": \"\xff\"}"))
	if diff := cmp.Diff("line 1: invalid UTF-8 at byte 29", err.Error()); diff != "" {
		t.Errorf("invalid UTF-8 (-want +got):\n%s", diff)
	}
}

func TestEncodeW3CErrors(t *testing.T) {
	noDoc := codectest.SmallFile(t)
	noDoc.Document.ID, noDoc.Document.Source = "", "test"
	badID := codectest.SmallFile(t)
	badID.Document.ID = "md5:abc"
	noQuote := codectest.SmallFile(t)
	noQuote.Annotations[0].Quote = ""
	noRelID := codectest.SmallFile(t)
	noRelID.Relations[0].ID = ""
	cases := []struct {
		name string
		file *annotations.File
		want string
	}{
		{"nil", nil, "encode w3c: no file"},
		{"no_document_iri", noDoc, "encode w3c: the document has neither a sha256 id nor a source IRI to name it by"},
		{"bad_document_id", badID, `encode w3c: document id "md5:abc" is not of the form sha256:<hex>`},
		{"empty_quote", noQuote, `encode w3c: annotation "a1" at [0,6): empty id or quote`},
		{"empty_relation_id", noRelID, `encode w3c: relation source from "a3" to "a1": empty id`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Encode(c.file)
			if err == nil {
				t.Fatalf("Encode succeeded, want %q", c.want)
			}
			if diff := cmp.Diff(c.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkEncodeW3C(b *testing.B) {
	f := codectest.BenchFile(b, 10_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeW3C(b *testing.B) {
	data, err := Encode(codectest.BenchFile(b, 10_000))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(data); err != nil {
			b.Fatal(err)
		}
	}
}

// The W3C import applies to the article that is loaded: decode, then place.
func ExampleDecode() {
	doc := annotations.NewDocument("Lavrov met Rubio in Riyadh.\nLavrov said the talks were useful.", "", "example")
	data := []byte(`{
	  "@context": "http://www.w3.org/ns/anno.jsonld",
	  "id": "https://example.org/anno/1",
	  "type": "Annotation",
	  "body": [{"type": "TextualBody", "purpose": "tagging", "value": "actor"},
	           {"type": "TextualBody", "purpose": "identifying", "value": "Sergei Lavrov"}],
	  "target": {"source": "https://example.org/talks",
	             "selector": {"type": "TextQuoteSelector", "exact": "Lavrov", "prefix": "Riyadh.\n"}}
	}`)
	f, err := Decode(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, report, err := anchor.Place(f, doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range s.Annotations() {
		fmt.Printf("%s %s [%d,%d) %q %s\n", a.ID, a.Label, a.Start, a.End, a.Quote, a.Entity)
	}
	fmt.Println(report.Moved[0].Method)
	// Output:
	// 1 actor [28,34) "Lavrov" Sergei Lavrov
	// quote
}

// TestDecodeDetached checks the hop of a W3C import through the native
// format, as the browser program makes it (its worker decodes the W3C
// file and encodes the result natively): every file of testdata/w3c comes
// back whole from codec.DecodeDetached, though it holds no text.
func TestDecodeDetached(t *testing.T) {
	names, err := filepath.Glob(codectest.Testdata("w3c", "*.json"))
	if err != nil || len(names) < 3 {
		t.Fatalf("testdata/w3c: %d files, %v", len(names), err)
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".json"), func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Decode(data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			native, err := codec.Encode(want)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := codec.Decode(native); err == nil {
				t.Errorf("codec.Decode of a file without text: no error, want one (else codec.DecodeDetached is not needed)")
			}
			got, err := codec.DecodeDetached(native)
			if err != nil {
				t.Fatalf("DecodeDetached: %v\n%s", err, native)
			}
			if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("codec.DecodeDetached(codec.Encode(Decode(data))) (-want +got):\n%s", diff)
			}
		})
	}
	// A file with text is checked as codec.Decode checks it.
	good, err := os.ReadFile(codectest.Testdata("files", "sample.spanmark.json"))
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(good, []byte(`"start": `), []byte(`"start": -`), 1)
	_, want := codec.Decode(bad)
	_, got := codec.DecodeDetached(bad)
	if want == nil || got == nil || got.Error() != want.Error() {
		t.Errorf("codec.DecodeDetached of a file with text and a negative start: got %v, want %v", got, want)
	}
}
