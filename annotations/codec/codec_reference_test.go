package codec

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// encodeReference is the first Encode, written with encoding/json and the
// mirror types below. Encode now writes by hand; the tests check that the
// two agree byte for byte, so that the hand-written writer escapes and
// indents exactly as encoding/json does.
func encodeReference(f *annotations.File) ([]byte, error) {
	out := codectest.FileOut{
		Spanmark:    annotations.Version,
		Document:    f.Document,
		Schema:      codectest.SchemaOut{Labels: codectest.LabelsOut(f.Schema.Labels), Relations: make([]codectest.RelationTypeOut, len(f.Schema.Relations))},
		Annotations: make([]codectest.AnnotationOut, len(f.Annotations)),
		Relations:   slices.Clone(lite.NonNil(f.Relations)),
		Annotator:   f.Annotator,
		Exported:    jsonio.FormatTime(f.Exported),
	}
	for i, r := range f.Schema.Relations {
		out.Schema.Relations[i] = codectest.RelationTypeOut{ID: r.ID, Name: r.Name, From: lite.NonNil(r.From), To: lite.NonNil(r.To), Description: r.Description}
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	for i, a := range anns {
		out.Annotations[i] = codectest.AnnotationToOut(a)
	}
	slices.SortStableFunc(out.Relations, func(a, b annotations.Relation) int { return annotations.CompareIDs(a.ID, b.ID) })
	if len(f.Orphans) > 0 {
		os := make([]*annotations.Orphan, len(f.Orphans))
		for i := range f.Orphans {
			os[i] = &f.Orphans[i]
		}
		slices.SortStableFunc(os, func(a, b *annotations.Orphan) int { return annotations.Compare(&a.Annotation, &b.Annotation) })
		out.Orphans = make([]codectest.OrphanOut, len(os))
		for i, o := range os {
			out.Orphans[i] = codectest.OrphanOut{Annotation: codectest.AnnotationToOut(&o.Annotation), Reason: o.Reason}
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func TestEncodeMatchesReference(t *testing.T) {
	files := map[string]*annotations.File{"small": codectest.SmallFile(t), "bench": codectest.BenchFile(t, 500)}
	for _, gc := range goldenCases {
		files[gc.name] = buildGolden(t, gc)
	}
	// Strings that encoding/json escapes, and empty lists and fields.
	odd := codectest.SmallFile(t)
	odd.Annotations[0].Note = "tab\there, nul\x00, bell\x07, \b\f\r\n, del\x7f, \u2028\u2029, bad \xff\xfe utf-8, </script> & \\ \"q\""
	odd.Annotations[0].Entity = "\U0001F980 \u00e9\u0301"
	odd.Annotator = "<&>"
	odd.Schema.Relations = append(odd.Schema.Relations, annotations.RelationType{ID: "none", Name: "None"})
	odd.Annotations[1].Conflict = &annotations.Conflict{}
	odd.Exported = 0
	files["odd"] = odd
	empty := &annotations.File{}
	files["empty"] = empty
	for name, f := range files {
		t.Run(name, func(t *testing.T) {
			want, err := encodeReference(f)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Encode(f)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Encode differs from encoding/json (-want +got):\n%s", diff)
			}
		})
	}
}
