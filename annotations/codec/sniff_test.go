package codec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Format
	}{
		{"native", `{"spanmark": 1, "document": {"text": "a"}}`, FormatSpanmark},
		{"native_late_field", `{"document": {"text": "x"}, "annotations": [{"note": "\"spanmark\""}], "spanmark": 1}`, FormatSpanmark},
		{"w3c", `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection"}`, FormatW3C},
		{"w3c_context_late", `{"type": "AnnotationCollection", "first": {"items": []}, "@context": "x"}`, FormatW3C},
		{"native_wins_over_context", `{"@context": "x", "spanmark": 1}`, FormatSpanmark},
		{"context_inside_a_note", `{"document": {"text": "\"@context\": 1"}, "spanmark": 1}`, FormatSpanmark},
		{"context_only_nested", `{"document": {"@context": "x"}}`, FormatUnknown},
		{"context_in_a_string", `{"a": "{\"@context\": 1}"}`, FormatUnknown},
		{"byte_order_mark", "\uFEFF {\"spanmark\": 1}", FormatSpanmark},
		{"whitespace_and_numbers", "\n\t{ \"n\" : -1.5e3 , \"ok\": true, \"@context\" : [ \"a\", {\"b\": null} ] }", FormatW3C},
		{"array", `[{"spanmark": 1}]`, FormatUnknown},
		{"w3c_array", `[{"id": "x", "target": {"source": "doc", "selector": []}, "body": []}, {"target": 1}]`, FormatW3C},
		{"w3c_array_context", ` [ {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"} ]`, FormatW3C},
		{"array_target_in_second", `[{"id": "x"}, {"target": 1}]`, FormatUnknown},
		{"array_of_arrays", `[["target"]]`, FormatUnknown},
		{"array_nested_target", `[{"body": {"target": 1}}]`, FormatUnknown},
		{"empty_array", `[]`, FormatUnknown},
		{"empty", ``, FormatUnknown},
		{"empty_object", `{}`, FormatUnknown},
		{"not_json", `Lavrov met Rubio.`, FormatUnknown},
		{"truncated_before_field", `{"document": {"text": "abc`, FormatUnknown},
		{"truncated_after_field", `{"@context": "x", "items": [`, FormatW3C},
		{"project", `{"spanmark-project": 1, "title": "", "documents": []}`, FormatProject},
		{"corpus", "{\"spanmark-corpus\":1,\"title\":\"\",\"documents\":[]}\n{\"spanmark\":1}\n", FormatCorpus},
		{"corpus_version_late", `{"title": "spanmark", "spanmark-corpus": 1}`, FormatCorpus},
		{"escaped_key", `{"\u0073panmark": 1}`, FormatUnknown},
		{"name_as_a_value", `{"format": "spanmark", "kind": "@context"}`, FormatUnknown},
		{"escaped_quote_in_value", `{"note": "say \"}\" then", "@context": 1}`, FormatW3C},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.in)); got != tt.want {
				t.Errorf("Sniff(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestSniffTestdata checks Sniff against every exported file in testdata
// that names its format in its file name.
func TestSniffTestdata(t *testing.T) {
	paths, _ := filepath.Glob(codectest.Testdata("*", "*.json*"))
	n := 0
	for _, p := range paths {
		base := filepath.Base(p)
		var want Format
		switch {
		case strings.Contains(base, ".spanmark.json"):
			want = FormatSpanmark
		case strings.Contains(base, ".w3c.json"):
			want = FormatW3C
		case strings.Contains(base, ".project.json"):
			want = FormatProject
		default:
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		n++
		if got := Sniff(data); got != want {
			t.Errorf("Sniff(%s) = %v, want %v", p, got, want)
		}
	}
	if n < 5 {
		t.Errorf("checked %d files, want the five in testdata", n)
	}
}

// FuzzSniff checks that Sniff never panics, and that a file it calls
// native has a "spanmark" field its decoder can see.
func FuzzSniff(f *testing.F) {
	f.Add([]byte(`{"spanmark": 1, "document": {"text": "a"}}`))
	f.Add([]byte(`{"@context": "http://www.w3.org/ns/anno.jsonld"}`))
	f.Add([]byte(`{"a": "\\\"", "b": [{"spanmark": 1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if Sniff(data) == FormatSpanmark && !strings.Contains(string(data), `"spanmark"`) {
			t.Errorf("Sniff(%q) = FormatSpanmark without a \"spanmark\" field", data)
		}
	})
}
