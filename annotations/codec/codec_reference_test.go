package codec

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// encodeReference is the first Encode, written with encoding/json and the
// mirror types below. Encode now writes by hand; the tests check that the
// two agree byte for byte, so that the hand-written writer escapes and
// indents exactly as encoding/json does.
func encodeReference(f *annotations.File) ([]byte, error) {
	out := fileOut{
		Spanmark:    annotations.Version,
		Document:    f.Document,
		Schema:      schemaOut{Labels: labelsOut(f.Schema.Labels), Relations: make([]relationTypeOut, len(f.Schema.Relations))},
		Annotations: make([]annotationOut, len(f.Annotations)),
		Relations:   slices.Clone(lite.NonNil(f.Relations)),
		Annotator:   f.Annotator,
		Exported:    formatTime(f.Exported),
	}
	for i, r := range f.Schema.Relations {
		out.Schema.Relations[i] = relationTypeOut{ID: r.ID, Name: r.Name, From: lite.NonNil(r.From), To: lite.NonNil(r.To), Description: r.Description}
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	for i, a := range anns {
		out.Annotations[i] = annotationToOut(a)
	}
	slices.SortStableFunc(out.Relations, func(a, b annotations.Relation) int { return annotations.CompareIDs(a.ID, b.ID) })
	if len(f.Orphans) > 0 {
		os := make([]*annotations.Orphan, len(f.Orphans))
		for i := range f.Orphans {
			os[i] = &f.Orphans[i]
		}
		slices.SortStableFunc(os, func(a, b *annotations.Orphan) int { return annotations.Compare(&a.Annotation, &b.Annotation) })
		out.Orphans = make([]orphanOut, len(os))
		for i, o := range os {
			out.Orphans[i] = orphanOut{Annotation: annotationToOut(&o.Annotation), Reason: o.Reason}
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

func labelsOut(ls []annotations.Label) []labelOut {
	out := make([]labelOut, len(ls))
	for i, l := range ls {
		out[i].Label = l
		if l.NoEntities {
			out[i].Entities = new(bool)
		}
	}
	return out
}

func TestEncodeMatchesReference(t *testing.T) {
	files := map[string]*annotations.File{"small": smallFile(t), "bench": benchFile(t, 500)}
	for _, gc := range goldenCases {
		files[gc.name] = buildGolden(t, gc)
	}
	// Strings that encoding/json escapes, and empty lists and fields.
	odd := smallFile(t)
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

func annotationToOut(a *annotations.Annotation) annotationOut {
	o := annotationOut{
		ID: a.ID, Label: a.Label, Start: a.Start, End: a.End,
		Quote: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix,
		Entity: a.Entity, Note: a.Note,
		Created: formatTime(a.Created), Modified: formatTime(a.Modified),
	}
	if a.Conflict != nil {
		o.Conflict = &conflictOut{Votes: lite.NonNil(a.Conflict.Votes)}
	}
	return o
}

// The types below mirror File for encoding/json. The encoders no longer use
// them (they write by hand, and their tests compare them with these). They fix
// the field order, write empty lists as [] rather than null, leave out zero
// times and write times in UTC to the second.
type (
	fileOut struct {
		Spanmark    int                      `json:"spanmark"`
		Document    annotations.FileDocument `json:"document"`
		Schema      schemaOut                `json:"schema"`
		Annotations []annotationOut          `json:"annotations"`
		Relations   []annotations.Relation   `json:"relations"`
		Orphans     []orphanOut              `json:"orphans,omitempty"`
		Annotator   string                   `json:"annotator,omitempty"`
		Exported    string                   `json:"exported,omitempty"`
	}
	schemaOut struct {
		Labels    []labelOut        `json:"labels"`
		Relations []relationTypeOut `json:"relations"`
	}
	// labelOut is an annotations.Label as files write it: "entities" only
	// when false.
	labelOut struct {
		annotations.Label
		Entities *bool `json:"entities,omitempty"`
	}
	relationTypeOut struct {
		ID          string   `json:"id"`
		Name        string   `json:"name"`
		From        []string `json:"from"`
		To          []string `json:"to"`
		Description string   `json:"description,omitempty"`
	}
	annotationOut struct {
		ID       string       `json:"id"`
		Label    string       `json:"label"`
		Start    int          `json:"start"`
		End      int          `json:"end"`
		Quote    string       `json:"quote"`
		Prefix   string       `json:"prefix"`
		Suffix   string       `json:"suffix"`
		Entity   string       `json:"entity,omitempty"`
		Note     string       `json:"note,omitempty"`
		Conflict *conflictOut `json:"conflict,omitempty"`
		Created  string       `json:"created,omitempty"`
		Modified string       `json:"modified,omitempty"`
	}
	conflictOut struct {
		Votes []annotations.Vote `json:"votes"`
	}
	orphanOut struct {
		Annotation annotationOut `json:"annotation"`
		Reason     string        `json:"reason"`
	}
)
