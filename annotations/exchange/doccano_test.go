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
	fs, err := DecodeDoccano(readFormat(t, "emoji.doccano.jsonl"), "emoji.doccano.jsonl", UnitUTF16)
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
	fs, err := DecodeDoccano(readFormat(t, "two-docs.doccano.jsonl"), "two-docs.doccano.jsonl", UnitUTF16)
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
	fs, err := DecodeDoccano([]byte(line), "x.jsonl", UnitCodePoint)
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
		fs, err := DecodeDoccano(b, f.Document.Source, unit)
		if err != nil {
			return nil, err
		}
		return fs[0], nil
	}
}

func TestDoccanoRoundTrip(t *testing.T) {
	fs, err := DecodeDoccano(readFormat(t, "emoji.doccano.jsonl"), "emoji.doccano.jsonl", UnitUTF16)
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
			"line 1: entities.start_offset: doccano: got a JSON string, want a number"},
		{"past_end", `{"text": "Putin", "entities": [{"id": 1, "label": "actor", "start_offset": 0, "end_offset": 9}]}`,
			"line 1: entities[0]: doccano: end: UTF-16 offset 9 is past the end of the text (5 UTF-16 units)"},
		{"inside_surrogate", `{"text": "😀 Putin", "entities": [{"id": 1, "label": "actor", "start_offset": 1, "end_offset": 8}]}`,
			"line 1: entities[0]: doccano: start: UTF-16 offset 1 falls inside the surrogate pair of '😀'"},
		{"missing_label", `{"text": "Putin", "entities": [{"id": 1, "start_offset": 0, "end_offset": 5}]}`,
			"line 1: entities[0].label: doccano: missing"},
		{"unknown_relation_end", `{"text": "Putin", "entities": [{"id": 1, "label": "actor", "start_offset": 0, "end_offset": 5}], "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "x"}]}`,
			"line 1: relations[0]: doccano: no span has id \"2\""},
		{"bad_triple", `{"text": "Putin", "label": [[0, 5]]}`, "line 1: label[0]: doccano: want [start, end, \"label\"]"},
		{"empty", "\n\n", "doccano: no documents in the file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeDoccano([]byte(tc.in), "x.jsonl", UnitUTF16)
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
	f.Fuzz(func(t *testing.T, in string, codePoints bool) {
		unit := UnitUTF16
		if codePoints {
			unit = UnitCodePoint
		}
		fs, err := DecodeDoccano([]byte(in), "fuzz.jsonl", unit)
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
