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
	fs, _, err := DecodeLabelStudio(readFormat(t, "emoji.labelstudio.json"), "emoji.labelstudio.json")
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
	fs, _, err := DecodeLabelStudio(b, f.Document.Source)
	if err != nil {
		return nil, err
	}
	return fs[0], nil
}

func TestLabelStudioRoundTrip(t *testing.T) {
	fs, _, err := DecodeLabelStudio(readFormat(t, "emoji.labelstudio.json"), "emoji.labelstudio.json")
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
			"line 3: [0].annotations[0].result[0].value.start: labelstudio: got a JSON string, want a number"},
		// Pretty-printed, as Label Studio exports: the line is the field's,
		// or, for a missing one, that of the object that lacks it.
		{"pretty", `[
  {
    "data": {
      "text": "Putin met Trump"
    },
    "annotations": [
      {
        "result": [
          {
            "type": "labels",
            "value": {
              "start": 0,
              "end": 5,
              "labels": ["actor"]
            }
          },
          {
            "type": "labels",
            "value": {
              "start": 10,
              "labels": ["actor"]
            }
          }
        ]
      }
    ]
  }
]`, "line 19: [0].annotations[0].result[1].value.end: labelstudio: missing"},
		{"pretty_wrong_type", "[\n {\"data\": {\"text\": \"Putin met Trump\"},\n  \"annotations\": [{\"result\": [\n   {\"type\": \"labels\",\n    \"value\": {\"start\": 0, \"end\": 5, \"labels\": [\"actor\"]}},\n   {\"type\": \"labels\",\n    \"value\": {\"start\": 0,\n     \"end\": \"5\", \"labels\": [\"actor\"]}}]}]}]",
			"line 8: [0].annotations[0].result[1].value.end: labelstudio: got a JSON string, want a number"},
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
			_, _, err := DecodeLabelStudio([]byte(tc.in), "x.json")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func FuzzDecodeLabelStudio(f *testing.F) {
	f.Add(string(readFormat(f, "emoji.labelstudio.json")))
	f.Add(string(readFormat(f, "chinese.labelstudio.json")))
	f.Add(`{"data": {"body": "a😀b"}, "completions": [{"result": [{"id": "1", "type": "labels", "value": {"start": 1, "end": 3, "labels": ["x", "y"]}}, {"type": "relation", "from_id": "1", "to_id": "1"}]}]}`)
	f.Fuzz(func(t *testing.T, in string) {
		fs, _, err := DecodeLabelStudio([]byte(in), "fuzz.json")
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

func TestDecodeLabelStudioTaskShapes(t *testing.T) {
	// chinese.labelstudio.json is one task object, as Label Studio's API
	// and its editor's examples give it, with labels in Chinese script, a
	// region given twice, a region with two labels, relations in each
	// direction, a per-region text area, and results the model cannot
	// hold: choices, a text area of the whole task, a rating, paragraph
	// and hypertext labels.
	fs, rep, err := DecodeLabelStudio(readFormat(t, "chinese.labelstudio.json"), "chinese.labelstudio.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("%d files, want 1", len(fs))
	}
	f := fs[0]
	labels, rels := schemaOf(f)
	if diff := cmp.Diff([]string{"label-1=品牌", "label-2=产品", "label-3=地点", "label-4=时间", "label-5=日期", "label-6=类别"}, labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"relation-1=产国", "relation-2=类型", "relation-3=品牌关系"}, rels); diff != "" {
		t.Errorf("relation types (-want +got):\n%s", diff)
	}
	want := []fmtSpan{
		{Label: "label-1", Start: 0, End: 2, Quote: "华为"},
		{Label: "label-2", Start: 3, End: 10, Quote: "Mate 60"},
		{Label: "label-3", Start: 12, End: 14, Quote: "中国", Note: "comment: 国家名"},
		{Label: "label-4", Start: 15, End: 20, Quote: "2023年"},
		{Label: "label-5", Start: 15, End: 20, Quote: "2023年"},
		{Label: "label-6", Start: 24, End: 26, Quote: "手机"},
	}
	if diff := cmp.Diff(want, spansOf(f)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	wantLinks := []string{
		"relation-1: Mate 60 -> 中国",
		"relation-2: Mate 60 -> 手机",
		"relation-3: 华为 -> Mate 60",
		"relation-3: Mate 60 -> 华为",
	}
	if diff := cmp.Diff(wantLinks, linksOf(f)); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	r := "line 1: annotations[0].result"
	wantRep := []string{
		"1 × choices result dropped (about the whole task, which the model cannot hold) (" + r + "[10]: [\"正面\"])",
		"1 × textarea result dropped (about the whole task, which the model cannot hold) (" + r + "[11]: [\"一款手机\"])",
		"1 × rating result dropped (about the whole task, which the model cannot hold) (" + r + "[12]: 4)",
		"1 × paragraphlabels result dropped (not a span of the text) (" + r + "[13]: \"华为\")",
		"1 × hypertextlabels result dropped (not a span of the text) (" + r + "[14]: \"华为\")",
		"1 × span with the same label and range as another, merged into it (" + r + "[3])",
	}
	if diff := cmp.Diff(wantRep, warningsOf(rep)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	// Written back, labels and relations carry their names.
	b, err := EncodeLabelStudio(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"地点"`, `"产国"`, `"品牌关系"`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("encoded Label Studio lacks %s", s)
		}
	}
	if strings.Contains(string(b), "label-1") {
		t.Errorf("encoded Label Studio writes ids:\n%s", b)
	}
	checkRoundTrip(t, f, labelStudioAgain)
}

func TestDecodeLabelStudioPredictions(t *testing.T) {
	// A task with a model's predictions and no annotations is read as a
	// task without spans, and the report says the predictions were not.
	in := `[{"id": 1, "data": {"text": "Putin"}, "annotations": [], "predictions": [{"model_version": "v1", "result": [{"id": "p", "type": "labels", "value": {"start": 0, "end": 5, "labels": ["PER"]}}]}]}]`
	fs, rep, err := DecodeLabelStudio([]byte(in), "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || len(fs[0].Annotations) != 0 {
		t.Fatalf("%d files, want 1 without annotations", len(fs))
	}
	want := []string{"1 × task predictions (a model's pre-annotations) not read (line 1: [0].predictions)"}
	if diff := cmp.Diff(want, warningsOf(rep)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}
