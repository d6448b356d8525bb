package codec

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/files")

// codecTime is the time stamped on every annotation of the golden files.
var codecTime = codectest.Time

// goldenSpan is a hand-made annotation: quote is found inside within, which
// must occur once in the text.
type goldenSpan struct {
	label, within, quote, entity, note string
}

// goldenLink joins the i-th and j-th spans of a golden case (from 1, as in
// the ids a1, a2, ...).
type goldenLink struct {
	typ      string
	from, to int
}

type goldenCase struct {
	name, article, source, annotator string
	spans                            []goldenSpan
	links                            []goldenLink
}

var goldenCases = []goldenCase{
	{
		name: "sample", article: "us-russia-dialogue.txt", source: "sample", annotator: "sample annotator",
		spans: []goldenSpan{
			{label: "actor", within: "Russia has extended a curious invitation", quote: "Russia", entity: "Russia"},
			{label: "actor", within: "invitation to Donald Trump", quote: "Donald Trump", entity: "Donald Trump"},
			{label: "actor", within: "President Vladimir Putin", quote: "President Vladimir Putin", entity: "Vladimir Putin"},
			{label: "proposal", within: "suggesting he might act as a mediator with President Vladimir Putin", quote: "he might act as a mediator with President Vladimir Putin",
				note: "Offered by Moscow; Trump as go-between <and> beneficiary & host"},
			{label: "actor", within: "The U.S. has framed", quote: "The U.S.", entity: "United States"},
			{label: "claim", within: "The U.S. has framed its recent discussions with Russia as a crucial first step in establishing a peace agreement to put an end to the ongoing conflict in Ukraine",
				quote: "its recent discussions with Russia as a crucial first step in establishing a peace agreement to put an end to the ongoing conflict in Ukraine"},
			{label: "actor", within: "Sergei Lavrov, Russia’s long-serving", quote: "Sergei Lavrov", entity: "Sergei Lavrov", note: "Foreign minister since 2004"},
			{label: "actor", within: "Russia’s long-serving foreign minister", quote: "Russia’s long-serving foreign minister", entity: "Sergei Lavrov"},
			{label: "actor", within: "stands Marco Rubio", quote: "Marco Rubio", entity: "Marco Rubio"},
			{label: "actor", within: "Vindman articulated", quote: "Vindman", entity: "Alexander Vindman"},
			{label: "claim", within: "the mere fact that these discussions took place could enhance Russian morale while sending a dispiriting signal to Ukraine",
				quote: "the mere fact that these discussions took place could enhance Russian morale while sending a dispiriting signal to Ukraine"},
			{label: "actor", within: "dispiriting signal to Ukraine", quote: "Ukraine", entity: "Ukraine"},
			{label: "proposal", within: "a potential “land for peace” arrangement could pave the way for inclusion in international commerce",
				quote: "a potential “land for peace” arrangement could pave the way for inclusion in international commerce"},
			{label: "actor", within: "Rubio aptly remarked", quote: "Rubio", entity: "Marco Rubio"},
			{label: "claim", within: "these conversations signify merely an initial step on a potentially arduous path ahead",
				quote: "these conversations signify merely an initial step on a potentially arduous path ahead"},
			{label: "actor", within: "Turkey reiterates", quote: "Turkey", entity: "Turkey"},
			{label: "proposal", within: "suggesting itself as a potential neutral ground for future negotiations involving all sides",
				quote: "itself as a potential neutral ground for future negotiations involving all sides"},
			{label: "actor", within: "Dimitriev estimating", quote: "Dimitriev", entity: "Kiril Dimitriev"},
			{label: "claim", within: "estimating American corporate losses during their withdrawal from Russia at around $300 billion",
				quote: "American corporate losses during their withdrawal from Russia at around $300 billion"},
		},
		links: []goldenLink{
			{"source", 4, 1}, {"target", 4, 2}, {"target", 4, 3},
			{"source", 6, 5}, {"source", 11, 10}, {"target", 11, 12},
			{"source", 15, 14}, {"source", 17, 16}, {"source", 19, 18},
		},
	},
	{
		name: "multiscript", article: "multiscript.txt", source: "multiscript.txt", annotator: "アノテーター 🦀",
		spans: []goldenSpan{
			{label: "actor", within: "🇺🇦 Ukraine", quote: "🇺🇦 Ukraine", entity: "Ukraine"},
			{label: "actor", within: "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland", quote: "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland", entity: "Scotland"},
			{label: "actor", within: "a scientist 👩🏽‍🔬", quote: "a scientist 👩🏽‍🔬"},
			{label: "actor", within: "東京の外務省", quote: "東京の外務省", entity: "日本外務省"},
			{label: "claim", within: "「対話を続ける」", quote: "「対話を続ける」", note: "引用"},
			{label: "actor", within: "中国外交部发言人", quote: "中国外交部发言人", entity: "中国外交部"},
			{label: "proposal", within: "双方应当保持沟通", quote: "双方应当保持沟通"},
			{label: "actor", within: "وزير الخارجية", quote: "وزير الخارجية"},
			{label: "claim", within: "🦀 crab", quote: "🦀 crab"},
		},
		links: []goldenLink{{"source", 5, 4}, {"source", 7, 6}, {"target", 7, 1}},
	},
}

// buildGolden makes the file of a golden case through the real edit path.
func buildGolden(t testing.TB, gc goldenCase) *annotations.File {
	t.Helper()
	text, err := os.ReadFile(codectest.Testdata("articles", gc.article))
	if err != nil {
		t.Fatal(err)
	}
	doc := annotations.NewDocument(string(text), "", gc.source)
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	for i, sp := range gc.spans {
		w := strings.Index(doc.Text, sp.within)
		if w < 0 || strings.Count(doc.Text, sp.within) != 1 {
			t.Fatalf("%s span %d: %q is not in the text exactly once", gc.name, i+1, sp.within)
		}
		q := strings.Index(doc.Text[w:], sp.quote)
		if q < 0 {
			t.Fatalf("%s span %d: %q is not in %q", gc.name, i+1, sp.quote, sp.within)
		}
		start := utf8.RuneCountInString(doc.Text[:w+q])
		end := start + utf8.RuneCountInString(sp.quote)
		add := annotations.Add{Label: sp.label, Start: start, End: end, Entity: sp.entity, Note: sp.note}
		if _, err := s.Apply(add, codecTime.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatalf("%s span %d: %v", gc.name, i+1, err)
		}
	}
	for _, l := range gc.links {
		link := annotations.Link{Type: l.typ, From: "a" + strconv.Itoa(l.from), To: "a" + strconv.Itoa(l.to)}
		if _, err := s.Apply(link, codecTime.Add(time.Hour)); err != nil {
			t.Fatalf("%s: %+v: %v", gc.name, link, err)
		}
	}
	return annotations.NewFile(s, gc.annotator, codecTime.Add(2*time.Hour))
}

func goldenPath(name string) string {
	return codectest.Testdata("files", name+".spanmark.json")
}

func TestEncodeGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			f := buildGolden(t, gc)
			got, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			path := goldenPath(gc.name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Encode differs from %s (-want +got):\n%s", path, diff)
			}
			back, err := Decode(got)
			if err != nil {
				t.Fatalf("Decode(Encode(f)): %v", err)
			}
			if diff := cmp.Diff(f, back, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Decode(Encode(f)) (-want +got):\n%s", diff)
			}
			// Every quote of a golden file slices back out of its text.
			rs := []rune(back.Document.Text)
			for i, a := range back.Annotations {
				if q := string(rs[a.Start:a.End]); q != a.Quote {
					t.Errorf("annotations[%d]: text[%d:%d] = %q, quote %q", i, a.Start, a.End, q, a.Quote)
				}
			}
		})
	}
}

// TestGoldenStable checks that every file in testdata/files decodes and
// encodes back to the same bytes.
func TestGoldenStable(t *testing.T) {
	paths, err := filepath.Glob(codectest.Testdata("files", "*.spanmark.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(data), string(got)); diff != "" {
				t.Errorf("Encode(Decode(file)) (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	f := codectest.SmallFile(t)
	data, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatalf("Decode: %v\n%s", err, data)
	}
	if diff := cmp.Diff(f, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Decode(Encode(f)) (-want +got):\n%s", diff)
	}
	again, err := Encode(got)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(data), string(again)); diff != "" {
		t.Errorf("Encode(Decode(Encode(f))) (-want +got):\n%s", diff)
	}
}

func TestEncodeDeterministic(t *testing.T) {
	f := codectest.SmallFile(t)
	want, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	// Reversed lists, a time in another zone and with nanoseconds, and nil
	// lists encode to the same bytes.
	g := *f
	g.Annotations = append([]annotations.Annotation(nil), f.Annotations...)
	g.Relations = append([]annotations.Relation(nil), f.Relations...)
	for i, j := 0, len(g.Annotations)-1; i < j; i, j = i+1, j-1 {
		g.Annotations[i], g.Annotations[j] = g.Annotations[j], g.Annotations[i]
	}
	for i, j := 0, len(g.Relations)-1; i < j; i, j = i+1, j-1 {
		g.Relations[i], g.Relations[j] = g.Relations[j], g.Relations[i]
	}
	g.Exported = f.Exported
	g.Spanmark = 0
	got, err := Encode(&g)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("Encode of reordered file (-want +got):\n%s", diff)
	}
	// Relations sort numerically: r10 after r2.
	if i, j := bytes.Index(got, []byte(`"r2"`)), bytes.Index(got, []byte(`"r10"`)); i < 0 || j < i {
		t.Errorf("r10 is not after r2:\n%s", got)
	}
	for _, s := range []string{`<talks> & \"more\"`, `"exported": "2026-11-27T09:00:00Z"`, "{\n  \"spanmark\": 1,\n  \"document\": {"} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("output lacks %s:\n%s", s, got)
		}
	}
	if !bytes.HasSuffix(got, []byte("}\n")) {
		t.Errorf("output does not end with a newline")
	}
	empty, err := Encode(&annotations.File{Document: annotations.FileDocument{}, Schema: annotations.Schema{Labels: []annotations.Label{{ID: "x", Name: "X"}}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"annotations": []`, `"relations": []`} {
		if !bytes.Contains(empty, []byte(s)) {
			t.Errorf("empty file lacks %s:\n%s", s, empty)
		}
	}
	if bytes.Contains(empty, []byte("null")) {
		t.Errorf("empty file has null:\n%s", empty)
	}
}

func TestEncodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    *annotations.File
		want string
	}{
		{"nil", nil, "encode: no file"},
		{"version_2", &annotations.File{Spanmark: 2}, "encode: version 2 is not supported (this program writes version 1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Encode(tc.f)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Encode error = %v, want %s", err, tc.want)
			}
		})
	}
}

// codecBase is the encoding of codectest.SmallFile, which the malformed cases edit.
// Its lines are stable, so the cases name lines.
func codecBase(t *testing.T) string {
	t.Helper()
	data, err := Encode(codectest.SmallFile(t))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestDecodeErrors(t *testing.T) {
	base := codecBase(t)
	// edit replaces the n-th (from 1) occurrence of old in base.
	edit := func(old, new string, n int) string {
		t.Helper()
		i := -1
		for k := 0; k < n; k++ {
			j := strings.Index(base[i+1:], old)
			if j < 0 {
				t.Fatalf("%q does not occur %d times in the base file", old, n)
			}
			i += 1 + j
		}
		return base[:i] + new + base[i+len(old):]
	}
	// cut replaces what lies between the end of from and the start of to.
	cut := func(from, to, new string) string {
		t.Helper()
		i := strings.Index(base, from)
		j := strings.Index(base[max(i, 0):], to)
		if i < 0 || j < 0 {
			t.Fatalf("%q ... %q is not in the base file", from, to)
		}
		return base[:i+len(from)] + new + base[i+j:]
	}
	deep := strings.Replace(base, `"annotator": "tester"`, `"annotator": `+strings.Repeat("[", 20)+strings.Repeat("]", 20), 1)
	small := jsonio.Limits{Size: MaxFileSize, Annotations: 2, Relations: 1}
	cases := []struct {
		name, in string
		lim      *jsonio.Limits
		want     string
	}{
		{name: "empty", in: "", want: "line 1: empty input"},
		{name: "only_space", in: " \n ", want: "line 1: empty input"},
		{name: "truncated", in: base[:200], want: `line 7: document.length: column 15: unexpected end of input, want a value`},
		{name: "truncated_after_value", in: base[:len(base)-3], want: `line 149: column 37: unexpected end of input, want ',' or '}'`},
		{name: "not_object", in: "[1]", want: `line 1: got an array, want an object with a "spanmark" field`},
		{name: "null", in: "null", want: `line 1: got null, want an object with a "spanmark" field`},
		{name: "trailing_data", in: base + "{}", want: `line 151: column 1: unexpected character '{' after the end of the top-level value`},
		{name: "version_missing", in: edit(`"spanmark": 1,`, ``, 1), want: `line 1: spanmark: missing; this is not a spanmark file`},
		{name: "version_2", in: edit(`"spanmark": 1`, `"spanmark": 2`, 1), want: `line 2: spanmark: version 2 is not supported (this program reads version 1)`},
		{name: "version_string", in: edit(`"spanmark": 1`, `"spanmark": "1"`, 1), want: `line 2: spanmark: got a string, want the version number 1`},
		{name: "w3c", in: `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}`, want: `line 1: spanmark: missing; this is not a spanmark file`},
		{name: "unknown_field", in: edit(`"annotator": "tester"`, `"annotater": "tester"`, 1), want: `line 148: annotater: unknown field`},
		{name: "unknown_nested_field", in: edit(`"quote": "Rubio"`, `"quote": "Rubio", "colour": "red"`, 1), want: `line 81: annotations[1].colour: unknown field`},
		{name: "repeated_field", in: edit(`"start": 11,`, `"start": 11, "start": 12,`, 1), want: `line 79: annotations[1].start: column 20: field "start" appears twice`},
		{name: "document_null", in: cut(`"document": `, "\n  \"schema\"", "null,"), want: `line 3: document: got null, want an object`},
		{name: "document_text_missing", in: edit(`"text": `, `"texts": `, 1), want: `line 8: document.texts: unknown field`},
		{name: "document_length", in: edit(`"length": 68`, `"length": 70`, 1), want: `line 7: document.length: 70 is not the length of the text (68 code points)`},
		{name: "document_id", in: edit(`"id": "sha256:`, `"id": "sha256:0`, 1), want: `line 4: document.id: "sha256:0fda0396c4595693a92e29dc499c643fdec12c024dd65049cc197d3c621a78bbd" is not the identity of the text, which is "sha256:fda0396c4595693a92e29dc499c643fdec12c024dd65049cc197d3c621a78bbd"`},
		{name: "document_crlf", in: edit(`Riyadh.\n`, `Riyadh.\r\n`, 1), want: `line 8: document.text: is not normalised: it has carriage returns; lines must end with LF alone`},
		{name: "document_bom", in: edit(`"text": "`, `"text": "\ufeff`, 1), want: `line 8: document.text: is not normalised: it has a byte order mark at the start`},
		{name: "control_character", in: edit(`"title": "Lavrov`, "\"title\": \"Lav\trov", 1), want: `line 5: document.title: column 18: control character U+0009 in string; write it escaped`},
		{name: "schema_invalid", in: edit(`"id": "claim"`, `"id": "actor"`, 1), want: `line 20: schema.labels[1].id: "actor" is used twice`},
		{name: "schema_from_number", in: edit(`"from": [
          "claim",`, `"from": [
          7,`, 1), want: `line 41: schema.relations[0].from[0]: got a number, want a string`},
		{name: "bad_escape", in: edit(`"title": "Lavrov`, `"title": "La\qvrov`, 1), want: `line 5: document.title: column 17: invalid escape in string`},
		{name: "bad_unicode_escape", in: edit(`"title": "Lavrov`, `"title": "La\u12G4vrov`, 1), want: `line 5: document.title: column 17: invalid escape in string`},
		{name: "schema_label_null", in: edit(`"labels": [`, `"labels": [null, `, 1), want: `line 11: schema.labels[0]: got null, want an object`},
		{name: "start_negative", in: edit(`"start": 11`, `"start": -1`, 1), want: `line 79: annotations[1].start: -1 is negative`},
		{name: "end_past_text", in: edit(`"end": 67`, `"end": 7100`, 1), want: `line 104: annotations[2].end: 7100 is past the end of the text (68)`},
		{name: "reversed", in: edit(`"end": 16`, `"end": 10`, 1), want: `line 80: annotations[1].end: 10 is not after start 11`},
		{name: "empty_span", in: edit(`"end": 16`, `"end": 11`, 1), want: `line 80: annotations[1].end: 11 is not after start 11`},
		{name: "start_string", in: edit(`"start": 11`, `"start": "11"`, 1), want: `line 79: annotations[1].start: got a string, want an integer`},
		{name: "start_fraction", in: edit(`"start": 11`, `"start": 11.5`, 1), want: `line 79: annotations[1].start: 11.5 is not an integer of at most 16 digits`},
		{name: "start_huge", in: edit(`"start": 11`, `"start": 123456789012345678901`, 1), want: `line 79: annotations[1].start: 123456789012345678901 is not an integer of at most 16 digits`},
		{name: "leading_zero", in: edit(`"start": 11`, `"start": 011`, 1), want: `line 79: annotations[1].start: column 16: number with a leading zero`},
		{name: "annotation_null", in: edit(`"annotations": [`, `"annotations": [null, `, 1), want: `line 63: annotations[0]: got null, want an object`},
		{name: "annotations_object", in: cut(`"annotations": `, "\n  \"relations\"", "{},"), want: `line 63: annotations: got an object, want an array`},
		{name: "annotator_number", in: edit(`"annotator": "tester"`, `"annotator": 7`, 1), want: `line 148: annotator: got a number, want a string`},
		{name: "text_true", in: edit(`"text": "Lavrov met Rubio in Riyadh.\nLavrov said <talks> & \"more\" must go on."`, `"text": true`, 1), want: `line 8: document.text: got a boolean, want a string`},
		{name: "missing_comma", in: edit(`"start": 11,`, `"start": 11`, 1), want: `line 80: annotations[1]: column 7: unexpected character '"' after a field, want ',' or '}'`},
		{name: "id_empty", in: edit(`"id": "a2"`, `"id": ""`, 1), want: `line 77: annotations[1].id: empty`},
		{name: "id_twice", in: edit(`"id": "a2"`, `"id": "a1"`, 1), want: `line 77: annotations[1].id: "a1" is used twice`},
		{name: "orphan_id_twice", in: edit(`"id": "a9"`, `"id": "a1"`, 1), want: `line 135: orphans[0].annotation.id: "a1" is used twice`},
		{name: "unknown_label", in: edit(`"label": "claim"`, `"label": "clam"`, 1), want: `line 102: annotations[2].label: unknown label "clam"`},
		{name: "quote_required", in: edit(`"quote": "Rubio",`, ``, 1), want: `line 76: annotations[1].quote: missing`},
		{name: "duplicate_span", in: edit(`"start": 11,
      "end": 16,`, `"start": 0,
      "end": 6,`, 1), want: `line 76: annotations[1]: same label and span as annotations[0] ("a1")`},
		{name: "bad_time", in: edit(`"created": "2026-11-27T09:00:00Z"`, `"created": "yesterday"`, 2), want: `line 97: annotations[1].created: "yesterday" is not an RFC 3339 time such as "2025-02-18T09:30:00Z"`},
		{name: "conflict_vote_field", in: edit(`"annotator": "bob"`, `"annotator": "bob", "vote": 1`, 1), want: `line 93: annotations[1].conflict.votes[1].vote: unknown field`},
		{name: "relation_dangling", in: edit(`"to": "a1"`, `"to": "a7"`, 1), want: `line 117: relations[0].to: no annotation has id "a7"`},
		{name: "relation_unknown_type", in: edit(`"type": "target"`, `"type": "about"`, 1), want: `line 121: relations[1].type: unknown relation type "about"`},
		{name: "relation_wrong_labels", in: edit(`"from": "a3",
      "to": "a2"`, `"from": "a1",
      "to": "a2"`, 1), want: `line 119: relations[1]: a "target" relation cannot go from actor to actor`},
		{name: "relation_self", in: edit(`"to": "a1"`, `"to": "a3"`, 1), want: `line 117: relations[0].to: links annotation "a3" to itself`},
		{name: "relation_id_twice", in: edit(`"id": "r2"`, `"id": "r1"`, 1), want: `line 120: relations[1].id: "r1" is used twice (also relations[0])`},
		{name: "relation_repeated", in: edit(`"type": "target",
      "from": "a3",
      "to": "a2"`, `"type": "source",
      "from": "a3",
      "to": "a1"`, 1), want: `line 119: relations[1]: repeats relations[0] ("r1"): same type, from and to`},
		{name: "relations_null", in: cut("\n  \"relations\": ", "\n  \"orphans\"", "null,"), want: `line 112: relations: got null, want an array`},
		{name: "deep_nesting", in: deep, want: `line 148: annotator[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: column 32: nested more than 16 levels deep`},
		{name: "invalid_utf8", in: edit("Riyadh", "Riy\xffadh", 1), want: `line 5: invalid UTF-8 at byte 157`},
		{name: "oversized", in: base, lim: &jsonio.Limits{Size: 100, Annotations: 10, Relations: 10}, want: "the file is " + strconv.Itoa(len(base)) + " bytes, more than the limit of 100"},
		{name: "too_many_annotations", in: base, lim: &small, want: `line 63: annotations: 4 annotations and orphans are more than the limit of 2`},
		{name: "too_many_relations", in: base, lim: &jsonio.Limits{Size: MaxFileSize, Annotations: 10, Relations: 1}, want: `line 112: relations: 3 relations are more than the limit of 1`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lim := jsonio.DefaultLimits
			if tc.lim != nil {
				lim = *tc.lim
			}
			f, err := decode([]byte(tc.in), lim)
			if err == nil {
				t.Fatalf("decode succeeded, want error %s\ninput:\n%s", tc.want, tc.in)
			}
			if f != nil {
				t.Errorf("decode returned a file with the error")
			}
			if os.Getenv("CODEC_PRINT") != "" {
				t.Logf("GOT\t%s\t%s", tc.name, err)
			}
			if diff := cmp.Diff(tc.want, err.Error()); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			var pe *annotations.PathError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *PathError", err)
			}
		})
	}
}

func TestDecodeOversized(t *testing.T) {
	data := bytes.Repeat([]byte(" "), MaxFileSize+1)
	_, err := Decode(data)
	want := "the file is 67108865 bytes, more than the limit of 67108864"
	if err == nil || err.Error() != want {
		t.Errorf("Decode of %d bytes: error %v, want %s", len(data), err, want)
	}
}

// TestDecodeQuoteMismatch checks that a quote which disagrees with the text
// is kept as written by Decode, and that Place moves it and says so.
func TestDecodeQuoteMismatch(t *testing.T) {
	base := codecBase(t)
	// The claim's offsets point one code point too far right.
	in := strings.Replace(base, `"start": 35,
      "end": 67,`, `"start": 36,
      "end": 68,`, 1)
	f, err := Decode([]byte(in))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	a := f.Annotations[2]
	if a.Start != 36 || a.End != 68 {
		t.Errorf("decoded claim at [%d,%d), want the file's [36,68)", a.Start, a.End)
	}
	doc := annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
	s, rep, err := anchor.Place(f, doc)
	if err != nil {
		t.Fatalf("Place: %v", err)
	}
	got, _ := s.Annotation(a.ID)
	if got.Start != 35 || got.End != 67 || got.Quote != a.Quote {
		t.Errorf("placed claim at [%d,%d) %q, want [35,67) %q", got.Start, got.End, got.Quote, a.Quote)
	}
	if len(rep.Moved) != 1 || rep.Moved[0].ID != a.ID {
		t.Errorf("report moved %+v, want %s", rep.Moved, a.ID)
	}
}

func TestBenchFileRoundTrip(t *testing.T) {
	f := codectest.BenchFile(t, 1000)
	data, err := Encode(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(f, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Decode(Encode(f)) (-want +got):\n%s", diff)
	}
}

func BenchmarkEncode(b *testing.B) {
	f := codectest.BenchFile(b, 10_000)
	data, _ := Encode(f)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
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

func TestDecodeTimes(t *testing.T) {
	base := codecBase(t)
	for _, tc := range []struct {
		name, in string
		want     time.Time
		err      string
	}{
		{"utc", "2026-11-27T09:00:00Z", codecTime, ""},
		{"offset", "2026-11-27T10:00:00+01:00", codecTime, ""},
		{"fraction", "2026-11-27T09:00:00.999Z", codecTime, ""},
		{"leap_day", "2028-02-29T00:00:00Z", time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), ""},
		{"no_such_day", "2026-02-30T09:00:00Z", time.Time{}, `line 149: exported: "2026-02-30T09:00:00Z" is not an RFC 3339 time such as "2025-02-18T09:30:00Z"`},
		{"hour_25", "2026-11-27T25:00:00Z", time.Time{}, `line 149: exported: "2026-11-27T25:00:00Z" is not an RFC 3339 time such as "2025-02-18T09:30:00Z"`},
		{"empty", "", time.Time{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := strings.Replace(base, `"exported": "2026-11-27T09:00:00Z"`, `"exported": "`+tc.in+`"`, 1)
			f, err := Decode([]byte(in))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Exported != annotations.TimeOf(tc.want) {
				t.Errorf("exported = %v, want %v in UTC", f.Exported, tc.want)
			}
		})
	}
}

// TestDecodeFieldOrder checks that the top-level fields may come in any
// order: Decode reads annotations while parsing, before it has seen the
// document and schema they are checked against.
func TestDecodeFieldOrder(t *testing.T) {
	base := codecBase(t)
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(base), &top); err != nil {
		t.Fatal(err)
	}
	order := []string{"annotations", "orphans", "relations", "exported", "schema", "annotator", "document", "spanmark"}
	var b strings.Builder
	b.WriteString("{")
	for i, k := range order {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(strconv.Quote(k) + ": " + string(top[k]))
	}
	b.WriteString("}")
	want, err := Decode([]byte(base))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Decode([]byte(b.String()))
	if err != nil {
		t.Fatalf("Decode of reordered file: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reordered file (-want +got):\n%s", diff)
	}
	// An annotation error in a file of another version is reported as the
	// version, even though the annotations come first.
	bad := strings.Replace(b.String(), `"start": 11`, `"start": "11"`, 1)
	bad = strings.Replace(bad, `"spanmark": 1`, `"spanmark": 2`, 1)
	if _, err := Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "version 2 is not supported") {
		t.Errorf("error %v, want the version", err)
	}
	bad = strings.Replace(b.String(), `"start": 11`, `"start": "11"`, 1)
	if _, err := Decode([]byte(bad)); err == nil || !strings.HasSuffix(err.Error(), "annotations[1].start: got a string, want an integer") {
		t.Errorf("error %v, want annotations[1].start", err)
	}
}

func TestFormatTime(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 11, 27, 9, 5, 3, 999, time.UTC),
		time.Date(1999, 1, 2, 23, 59, 59, 0, time.FixedZone("x", -5*3600)),
		time.Date(9, 12, 31, 0, 0, 0, 0, time.UTC),
	} {
		want := tm.UTC().Format(jsonio.TimeLayout)
		if got := jsonio.FormatTime(annotations.TimeOf(tm)); got != want {
			t.Errorf("FormatTime(%v) = %q, want %q", tm, got, want)
		}
	}
	if got := jsonio.FormatTime(0); got != "" {
		t.Errorf("FormatTime(zero) = %q, want empty", got)
	}
}

// TestDecodeEntities checks a label's "entities" field: false is kept,
// and true or absent, as in files from before the field, both mean that
// the label takes entities.
func TestDecodeEntities(t *testing.T) {
	base := codecBase(t)
	const claim = `"description": "A statement presented as true about how things are",
        "entities": false`
	if !strings.Contains(base, claim) {
		t.Fatalf("the encoded default schema has no %s", claim)
	}
	for _, tc := range []struct {
		name, field string
		want        []bool // TakesEntities of actor, claim, proposal
		err         string
	}{
		{"false", `"entities": false`, []bool{true, false, false}, ""},
		{"true", `"entities": true`, []bool{true, true, false}, ""},
		{"absent", ``, []bool{true, true, false}, ""},
		{"string", `"entities": "no"`, nil, `line 25: schema.labels[1].entities: got a string, want a boolean`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repl := strings.TrimSuffix(claim, ",\n        \"entities\": false")
			if tc.field != "" {
				repl += ",\n        " + tc.field
			}
			in := strings.Replace(base, claim, repl, 1)
			f, err := Decode([]byte(in))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("error %v, want %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []bool
			for _, l := range f.Schema.Labels {
				got = append(got, l.TakesEntities())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("TakesEntities of each label (-want +got):\n%s", diff)
			}
			// What decodes encodes back to the same meaning.
			data, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			g, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(f.Schema, g.Schema); diff != "" {
				t.Errorf("the schema after a round trip (-want +got):\n%s", diff)
			}
		})
	}
}
