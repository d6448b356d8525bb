package exchange

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

func TestDecodeLabelStudio(t *testing.T) {
	// emoji.labelstudio.json is written by hand as Label Studio exports a
	// task with two annotators; its offsets are code points, and each
	// region's text is checked against them.
	fs, err := DecodeLabelStudio(readFormat(t, "emoji.labelstudio.json"), "emoji.labelstudio.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 {
		t.Fatalf("%d files, want one per annotation, 2", len(fs))
	}
	first := append([]fmtSpan(nil), emojiSpans[:4]...)
	first[1].Note = "reported speech"
	if diff := cmp.Diff(first, spansOf(fs[0])); diff != "" {
		t.Errorf("first annotation's spans (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(emojiLinks, linksOf(fs[0])); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	second := []fmtSpan{emojiSpans[0], emojiSpans[4], emojiSpans[5]}
	if diff := cmp.Diff(second, spansOf(fs[1])); diff != "" {
		t.Errorf("second annotation's spans (-want +got):\n%s", diff)
	}
	if fs[0].Annotator != "user 1" || fs[1].Annotator != "bob@example.org" {
		t.Errorf("annotators %q and %q, want \"user 1\" and \"bob@example.org\"", fs[0].Annotator, fs[1].Annotator)
	}
	if want := string(readFormat(t, "emoji.txt")); fs[0].Document.Text != want {
		t.Errorf("text = %q, want %q", fs[0].Document.Text, want)
	}
}

func labelStudioAgain(f *annotations.File) (*annotations.File, error) {
	b, err := EncodeLabelStudio(f)
	if err != nil {
		return nil, err
	}
	fs, err := DecodeLabelStudio(b, f.Document.Source)
	if err != nil {
		return nil, err
	}
	return fs[0], nil
}

func TestLabelStudioRoundTrip(t *testing.T) {
	fs, err := DecodeLabelStudio(readFormat(t, "emoji.labelstudio.json"), "emoji.labelstudio.json")
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, fs[0], labelStudioAgain)
	alice := sampleAlice(t)
	for i := range alice.Annotations {
		alice.Annotations[i].Entity = "" // Label Studio has no place for it
	}
	alice.Annotations[2].Note = "two\nlines"
	checkRoundTrip(t, alice, labelStudioAgain)
}

func TestDecodeLabelStudioErrors(t *testing.T) {
	task := func(result string) string {
		return "[\n  {\"data\": {\"text\": \"😀 Putin met Trump\"},\n   \"annotations\": [{\"result\": [" + result + "]}]}\n]"
	}
	tests := []struct {
		name, in, want string
	}{
		{"not_json", "[{]", "line 1: labelstudio: invalid JSON"},
		{"not_array", `"tasks"`, "line 1: labelstudio: want an array of tasks"},
		{"no_text", `[{"data": {"a": "x", "b": "y"}}]`, `line 1: [0].data: labelstudio: no "text" field, and 2 string fields (a, b) to choose from`},
		{"wrong_type", task(`{"type": "labels", "value": {"start": "2", "end": 7, "labels": ["actor"]}}`),
			"line 3: [0].annotations.result.value.start: labelstudio: got a JSON string, want a number"},
		{"no_start", task(`{"type": "labels", "value": {"end": 7, "labels": ["actor"]}}`),
			"[0].annotations[0].result[0].value.start: labelstudio: missing"},
		{"utf16_offsets", task(`{"id": "a", "type": "labels", "value": {"start": 3, "end": 8, "text": "Putin", "labels": ["actor"]}}`),
			`[0].annotations[0].result[0].value.text: labelstudio: "Putin" is not the text at [3,8), "utin "; offsets must be code points`},
		{"dangling_relation", task(`{"id": "a", "type": "labels", "value": {"start": 2, "end": 7, "labels": ["actor"]}}, {"type": "relation", "from_id": "a", "to_id": "zz"}`),
			`[0].annotations[0].result[1]: labelstudio: no span has id "zz"`},
		{"self_relation", task(`{"id": "a", "type": "labels", "value": {"start": 2, "end": 7, "labels": ["actor"]}}, {"type": "relation", "from_id": "a", "to_id": "a", "labels": ["x"]}`),
			`[0].annotations[0].result[1]: labelstudio: insert relation "r1": an annotation cannot be linked to itself`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeLabelStudio([]byte(tc.in), "x.json")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func FuzzDecodeLabelStudio(f *testing.F) {
	f.Add(string(readFormat(f, "emoji.labelstudio.json")))
	f.Add(`{"data": {"body": "a😀b"}, "completions": [{"result": [{"id": "1", "type": "labels", "value": {"start": 1, "end": 3, "labels": ["x", "y"]}}, {"type": "relation", "from_id": "1", "to_id": "1"}]}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		fs, err := DecodeLabelStudio([]byte(in), "fuzz.json")
		if err != nil {
			return
		}
		for _, g := range fs {
			if _, err := codec.Encode(g); err != nil {
				t.Fatalf("a decoded file does not encode: %v", err)
			}
			checkRoundTrip(t, g, labelStudioAgain)
		}
	})
}
