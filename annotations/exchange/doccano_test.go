package exchange

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

func TestDecodeDoccano(t *testing.T) {
	// emoji.doccano.jsonl is written by hand as doccano exports it, with
	// offsets in UTF-16 units: "Lavrov" is at 5–11 there, after the flag's
	// four units, and at 3–9 in code points.
	fs, _, err := DecodeDoccano(readFormat(t, "emoji.doccano.jsonl"), "emoji.doccano.jsonl", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("%d files, want 1", len(fs))
	}
	if diff := cmp.Diff(emojiSpans, spansOf(fs[0])); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(emojiLinks, linksOf(fs[0])); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	if want := string(readFormat(t, "emoji.txt")); fs[0].Document.Text != want {
		t.Errorf("text = %q, want %q", fs[0].Document.Text, want)
	}
}

func TestDecodeDoccanoTwoDocuments(t *testing.T) {
	// The second line has the older "label": [[start, end, label]] shape,
	// and text with an emoji and a skin tone modifier (two code points,
	// four UTF-16 units).
	fs, _, err := DecodeDoccano(readFormat(t, "two-docs.doccano.jsonl"), "two-docs.doccano.jsonl", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("%d files, want 2", len(fs))
	}
	want := []fmtSpan{
		{Label: "actor", Start: 0, End: 5, Quote: "Putin"},
		{Label: "actor", Start: 12, End: 17, Quote: "Trump"},
		{Label: "actor", Start: 22, End: 31, Quote: "Zelenskyy"},
	}
	if diff := cmp.Diff(want, spansOf(fs[1])); diff != "" {
		t.Errorf("second document's spans (-want +got):\n%s", diff)
	}
}

func TestDecodeDoccanoCodePoints(t *testing.T) {
	line := `{"text": "😀 Putin", "entities": [{"id": 1, "label": "actor", "start_offset": 2, "end_offset": 7}]}`
	fs, _, err := DecodeDoccano([]byte(line), "x.jsonl", UnitCodePoint)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]fmtSpan{{Label: "actor", Start: 2, End: 7, Quote: "Putin"}}, spansOf(fs[0])); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
}

func doccanoAgain(unit OffsetUnit) func(*annotations.File) (*annotations.File, error) {
	return func(f *annotations.File) (*annotations.File, error) {
		b, err := EncodeDoccano([]*annotations.File{f}, unit)
		if err != nil {
			return nil, err
		}
		fs, _, err := DecodeDoccano(b, f.Document.Source, unit)
		if err != nil {
			return nil, err
		}
		return fs[0], nil
	}
}

func TestDoccanoRoundTrip(t *testing.T) {
	fs, _, err := DecodeDoccano(readFormat(t, "emoji.doccano.jsonl"), "emoji.doccano.jsonl", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, fs[0], doccanoAgain(UnitUTF16))
	checkRoundTrip(t, fs[0], doccanoAgain(UnitCodePoint))
	// Encoding writes the UTF-16 offsets doccano expects.
	b, err := EncodeDoccano(fs, UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"label":"actor","start_offset":5,"end_offset":11`) {
		t.Errorf("encoded %s, want Lavrov at UTF-16 5–11", b)
	}
}

func TestDecodeDoccanoErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"not_json", "{\"text\": \"a\"}\n{nope}\n", "line 2: doccano: invalid JSON"},
		{"no_text", `{"entities": []}`, "line 1: text: doccano: missing"},
		{"wrong_type", `{"text": "Putin", "entities": [{"id": 1, "label": "actor", "start_offset": "0", "end_offset": 5}]}`,
			"line 1: entities[0].start_offset: doccano: got a JSON string, want a number"},
		{"past_end", `{"text": "Putin", "entities": [{"id": 1, "label": "actor", "start_offset": 0, "end_offset": 9}]}`,
			"line 1: entities[0]: doccano: end: UTF-16 offset 9 is past the end of the text (5 UTF-16 units)"},
		{"missing_label", `{"text": "Putin", "entities": [{"id": 1, "start_offset": 0, "end_offset": 5}]}`,
			"line 1: entities[0].label: doccano: missing"},
		{"unknown_relation_end", `{"text": "Putin", "entities": [{"id": 1, "label": "actor", "start_offset": 0, "end_offset": 5}], "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "x"}]}`,
			"line 1: relations[0]: doccano: no span has id \"2\""},
		{"bad_triple", `{"text": "Putin", "label": [[0, 5]]}`, "line 1: label[0]: doccano: want [start, end, \"label\"]"},
		{"empty", "\n\n", "doccano: no documents in the file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := DecodeDoccano([]byte(tc.in), "x.jsonl", UnitUTF16)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func FuzzDecodeDoccano(f *testing.F) {
	f.Add(string(readFormat(f, "emoji.doccano.jsonl")), false)
	f.Add(string(readFormat(f, "two-docs.doccano.jsonl")), true)
	f.Add(`{"text": "a😀b", "label": [[0, 1, "x"], [1, 3, "y y"]]}`, false)
	f.Add(string(readFormat(f, "chinese.doccano.jsonl")), false)
	f.Add(string(readFormat(f, "shapes.doccano.json")), true)
	f.Fuzz(func(t *testing.T, in string, codePoints bool) {
		unit := UnitUTF16
		if codePoints {
			unit = UnitCodePoint
		}
		fs, _, err := DecodeDoccano([]byte(in), "fuzz.jsonl", unit)
		if err != nil {
			return
		}
		for _, g := range fs {
			if _, err := codec.Encode(g); err != nil {
				t.Fatalf("a decoded file does not encode: %v", err)
			}
			checkRoundTrip(t, g, doccanoAgain(unit))
		}
	})
}

func TestDecodeDoccanoNonASCIILabels(t *testing.T) {
	// Labels and relation types in Chinese script, as in the doccano
	// exports of Chinese NER projects, each keep their own id and name;
	// "Named Place" and "Named_Place" too, and two labels on one range are
	// two annotations.
	fs, rep, err := DecodeDoccano(readFormat(t, "chinese.doccano.jsonl"), "chinese.doccano.jsonl", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	labels, rels := schemaOf(fs[0])
	if diff := cmp.Diff([]string{"label-1=地点", "label-2=日期"}, labels); diff != "" {
		t.Errorf("first document's labels (-want +got):\n%s", diff)
	}
	if len(rels) != 0 {
		t.Errorf("first document's relation types %v, want none", rels)
	}
	want := []fmtSpan{{Label: "label-1", Start: 0, End: 2, Quote: "北京"}, {Label: "label-2", Start: 3, End: 5, Quote: "5月"}}
	if diff := cmp.Diff(want, spansOf(fs[0])); diff != "" {
		t.Errorf("first document's spans (-want +got):\n%s", diff)
	}
	labels, rels = schemaOf(fs[1])
	wantLabels := []string{"label-1=品牌", "label-2=产品", "label-3=地点", "label-4=时间", "label-5=类别", "Named_Place=Named Place", "Named_Place-2=Named_Place"}
	if diff := cmp.Diff(wantLabels, labels); diff != "" {
		t.Errorf("second document's labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"relation-1=产国", "relation-2=类型"}, rels); diff != "" {
		t.Errorf("second document's relation types (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"relation-1: Mate 60 -> 中国", "relation-2: Mate 60 -> 手机"}, linksOf(fs[1])); diff != "" {
		t.Errorf("second document's relations (-want +got):\n%s", diff)
	}
	if n := len(fs[1].Annotations); n != 7 {
		t.Errorf("%d annotations in the second document, want 7", n)
	}
	if !rep.IsEmpty() {
		t.Errorf("report %v, want nothing dropped", warningsOf(rep))
	}
	// Written back, the file carries the names, not the ids.
	b, err := EncodeDoccano(fs, UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"label":"地点"`, `"label":"日期"`, `"label":"Named Place"`, `"label":"Named_Place"`, `"type":"产国"`, `"type":"类型"`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("encoded doccano lacks %s:\n%s", s, b)
		}
	}
	if strings.Contains(string(b), "label-1") || strings.Contains(string(b), "relation-1") {
		t.Errorf("encoded doccano writes ids:\n%s", b)
	}
	for _, f := range fs {
		checkRoundTrip(t, f, doccanoAgain(UnitUTF16))
	}
}

func TestDecodeDoccanoShapes(t *testing.T) {
	// shapes.doccano.json is a pretty-printed JSON array (doccano's JSON
	// export) whose documents use the "labels" key, the "annotations" key
	// of doccano before 1.0 (a label by number), triples under "entities",
	// and a label of the whole document.
	fs, rep, err := DecodeDoccano(readFormat(t, "shapes.doccano.json"), "shapes.doccano.json", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]fmtSpan
	for _, f := range fs {
		got = append(got, spansOf(f))
	}
	putin := fmtSpan{Label: "PER", Start: 0, End: 5, Quote: "Putin"}
	trump := fmtSpan{Label: "PER", Start: 10, End: 15, Quote: "Trump"}
	alaska := fmtSpan{Label: "LOC", Start: 19, End: 25, Quote: "Alaska"}
	want := [][]fmtSpan{
		{putin, trump, alaska},
		{{Label: "3", Start: 0, End: 5, Quote: "Putin"}, alaska},
		{putin, trump},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	wantRep := []string{
		`1 × field "meta" not read (line 40: [1].meta)`,
		`1 × document label "politics" dropped (labels of a whole document have no place) (line 59: [2].label[0])`,
	}
	if diff := cmp.Diff(wantRep, warningsOf(rep)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestDecodeDoccanoUnits(t *testing.T) {
	// doccano issue #2290: a file that counts code points, read as UTF-16
	// (doccano's default), gives quotes cut in the middle of words; that
	// is reported, and --offsets codepoints reads it right.
	line := `{"text": "Our 🚒🚒🚒🚒🚒 drove past: the new firetruck is red.", "label": [[30, 39, "VEHICLE"]]}`
	fs, rep, err := DecodeDoccano([]byte(line), "x.jsonl", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]fmtSpan{{Label: "VEHICLE", Start: 25, End: 34, Quote: " new fire"}}, spansOf(fs[0])); diff != "" {
		t.Errorf("read as UTF-16 (-want +got):\n%s", diff)
	}
	wantRep := []string{"1 × span whose quote cuts a word, read in UTF-16 units after characters outside the BMP (does the file count code points? --offsets codepoints) (line 1: label[0])"}
	if diff := cmp.Diff(wantRep, warningsOf(rep)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	// An offset inside a surrogate pair cannot be a UTF-16 count: the span
	// takes the whole character, and the report says so.
	fs2, rep2, err := DecodeDoccano([]byte(`{"text": "😀 Putin", "entities": [{"id": 1, "label": "actor", "start_offset": 1, "end_offset": 8}]}`), "x.jsonl", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]fmtSpan{{Label: "actor", Start: 0, End: 7, Quote: "😀 Putin"}}, spansOf(fs2[0])); diff != "" {
		t.Errorf("split pair (-want +got):\n%s", diff)
	}
	wantRep = []string{"1 × span with an offset inside a surrogate pair, widened to the whole character (does the file count code points? --offsets codepoints) (line 1: entities[0])"}
	if diff := cmp.Diff(wantRep, warningsOf(rep2)); diff != "" {
		t.Errorf("split pair report (-want +got):\n%s", diff)
	}
	fs, rep, err = DecodeDoccano([]byte(line), "x.jsonl", UnitCodePoint)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]fmtSpan{{Label: "VEHICLE", Start: 30, End: 39, Quote: "firetruck"}}, spansOf(fs[0])); diff != "" {
		t.Errorf("read as code points (-want +got):\n%s", diff)
	}
	if !rep.IsEmpty() {
		t.Errorf("report %v, want none", warningsOf(rep))
	}
}

func TestEncodeDoccanoSharedNames(t *testing.T) {
	// Two labels of one schema with the same name are written by id, so
	// that reading the file back keeps them apart.
	doc := annotations.NewDocument("Putin met Trump.", "", "")
	sch := annotations.Schema{Labels: []annotations.Label{{ID: "leader", Name: "Person"}, {ID: "guest", Name: "Person"}, {ID: "place", Name: "Place"}},
		Relations: []annotations.RelationType{}}
	s := annotations.NewSet(doc, sch)
	for _, a := range []annotations.Annotation{{ID: "a1", Label: "leader", Start: 0, End: 5}, {ID: "a2", Label: "guest", Start: 10, End: 15}} {
		if err := s.Insert(a); err != nil {
			t.Fatal(err)
		}
	}
	f := annotations.NewFile(s, "", t0)
	b, err := EncodeDoccano([]*annotations.File{f}, UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"label":"leader"`) || !strings.Contains(string(b), `"label":"guest"`) {
		t.Errorf("labels named alike are not written by id:\n%s", b)
	}
	checkRoundTrip(t, f, doccanoAgain(UnitUTF16))
}
