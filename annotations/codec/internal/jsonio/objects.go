package jsonio

import (
	"errors"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
)

// Limits of codec.Decode and w3c.Decode. They keep a hostile or broken file from taking all the
// memory of a browser tab: 64 MiB is about ten novels of text, and a
// million annotations is far more than anyone marks by hand.
const (
	// MaxFileSize is the largest input Decode reads, in bytes.
	MaxFileSize = 64 << 20
	// MaxAnnotations bounds the annotations and orphans of a file together.
	MaxAnnotations = 1_000_000
	// MaxRelations bounds the relations of a file.
	MaxRelations = 1_000_000
	// MaxDepth bounds the nesting of JSON arrays and objects. The format
	// itself nests six levels deep (orphans[i].annotation.conflict.votes[j]).
	MaxDepth = 16
)

// TimeLayout is how times are written: RFC 3339, UTC, to the second.
const TimeLayout = "2006-01-02T15:04:05Z"

// limits are the bounds Decode enforces; tests lower them.
type Limits struct {
	Size, Annotations, Relations int
}

var DefaultLimits = Limits{Size: MaxFileSize, Annotations: MaxAnnotations, Relations: MaxRelations}

// AnnotationOffsets are the byte offsets of an annotation object and of
// the fields that the checks after parsing may complain about.
type AnnotationOffsets struct {
	Off, ID, Label, Start, End int
}

// The helpers below read a value at a path: str, int, time and array take
// the value and its full path, and are also used by the W3C decoder. The
// field helpers (fieldStr, fieldInt, ...) take an object, its path and a
// key, and build the path only for an error, so that decoding a large valid
// file concatenates no strings.

var (
	SchemaFields       = []string{"labels", "relations"}
	labelFields        = []string{"id", "name", "key", "color", "description", "entities"}
	relationTypeFields = []string{"id", "name", "from", "to", "description"}
	annotationFields   = []string{"id", "label", "start", "end", "quote", "prefix", "suffix", "entity", "note", "conflict", "created", "modified"}
	conflictFields     = []string{"votes"}
	voteFields         = []string{"annotator", "label"}
	OrphanFields       = []string{"annotation", "reason"}
)

func (d *Decoder) Schema(v *Value) annotations.Schema {
	if !d.Object(v, "schema", SchemaFields, 1) {
		return annotations.Schema{}
	}
	var s annotations.Schema
	labels := d.FieldArray(v, "schema", "labels")
	s.Labels = make([]annotations.Label, len(labels))
	for i, lv := range labels {
		p := Index("schema.labels", i)
		if !d.Object(lv, p, labelFields, 2) {
			return annotations.Schema{}
		}
		s.Labels[i] = annotations.Label{
			ID:          d.FieldStr(lv, p, "id"),
			Name:        d.FieldStr(lv, p, "name"),
			Key:         d.FieldStr(lv, p, "key"),
			Color:       d.FieldStr(lv, p, "color"),
			Description: d.FieldStr(lv, p, "description"),
			// Absent is true: files from before the field had entities on
			// every label.
			NoEntities: !d.FieldBool(lv, p, "entities", true),
		}
	}
	if rels := d.FieldArray(v, "schema", "relations"); rels != nil {
		s.Relations = make([]annotations.RelationType, len(rels))
		for i, rv := range rels {
			p := Index("schema.relations", i)
			if !d.Object(rv, p, relationTypeFields, 4) {
				return annotations.Schema{}
			}
			s.Relations[i] = annotations.RelationType{
				ID:          d.FieldStr(rv, p, "id"),
				Name:        d.FieldStr(rv, p, "name"),
				From:        d.FieldStrings(rv, p, "from"),
				To:          d.FieldStrings(rv, p, "to"),
				Description: d.FieldStr(rv, p, "description"),
			}
		}
	}
	if d.Err != nil {
		return annotations.Schema{}
	}
	if err := s.Validate(); err != nil {
		if pe, ok := errors.AsType[*annotations.PathError](err); ok {
			d.Fail(d.at(v, pe.Path), Join("schema", pe.Path), "%v", pe.Err)
		} else {
			d.Fail(v, "schema", "%v", err)
		}
		return annotations.Schema{}
	}
	return s
}

// at returns the value at a relative path such as "labels[2].id" under v,
// or the deepest value on the way that exists, for its line.
func (d *Decoder) at(v *Value, path string) *Value {
	for path != "" {
		switch i := strings.IndexAny(path, ".["); {
		case i < 0:
			if next := v.Field(path); next != nil {
				return next
			}
			return v
		case i > 0:
			next := v.Field(path[:i])
			if next == nil {
				return v
			}
			v, path = next, path[i:]
		case path[0] == '.':
			path = path[1:]
		default: // "[n]..."
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return v
			}
			n, err := strconv.Atoi(path[1:end])
			if err != nil || v.Kind != KindArray || n < 0 || n >= len(v.Elems) {
				return v
			}
			v, path = v.Elems[n], path[end+1:]
		}
	}
	return v
}

// annotation decodes an annotation or an orphan's annotation at path and
// records its id and label in labels. It checks what both share (a unique,
// non-empty id, a known label); the span checks are the caller's, since an
// orphan's offsets refer to a text that is gone. The second result is
// always nil; it is kept for the W3C decoder, written against an earlier
// version that returned the fields.
func (d *Decoder) Annotation(v *Value, p string, sch *annotations.Schema, labels map[string]string) (annotations.Annotation, map[string]*Value) {
	a, offs := d.AnnotationShape(v, p, -1)
	if d.Err != nil {
		return annotations.Annotation{}, nil
	}
	if d.AnnotationCheck(&a, &offs, p, -1, sch, labels); d.Err != nil {
		return annotations.Annotation{}, nil
	}
	return a, nil
}

// annotationPath is path, or path[i] when i >= 0. The callers that read
// many annotations pass the index, so that the path is made only for an
// error.
func annotationPath(path string, i int) string {
	if i < 0 {
		return path
	}
	return Index(path, i)
}

// annotationShape reads the fields of the annotation v at
// annotationPath(path, i), checking their names and types.
func (d *Decoder) AnnotationShape(v *Value, path string, i int) (annotations.Annotation, AnnotationOffsets) {
	p := annotationPath(path, i)
	if !d.Object(v, p, annotationFields, 5) {
		return annotations.Annotation{}, AnnotationOffsets{}
	}
	a := annotations.Annotation{
		ID:       d.FieldStr(v, p, "id"),
		Label:    d.FieldStr(v, p, "label"),
		Start:    d.FieldInt(v, p, "start"),
		End:      d.FieldInt(v, p, "end"),
		Quote:    d.FieldStr(v, p, "quote"),
		Prefix:   d.FieldStr(v, p, "prefix"),
		Suffix:   d.FieldStr(v, p, "suffix"),
		Entity:   d.FieldStr(v, p, "entity"),
		Note:     d.FieldStr(v, p, "note"),
		Created:  d.FieldTime(v, p, "created"),
		Modified: d.FieldTime(v, p, "modified"),
	}
	if cv := v.Field("conflict"); cv != nil && d.Err == nil {
		a.Conflict = d.Conflict(cv, p+".conflict")
	}
	return a, AnnotationOffsets{Off: v.Off, ID: v.Field("id").Off, Label: v.Field("label").Off,
		Start: v.Field("start").Off, End: v.Field("end").Off}
}

// annotationCheck checks that the id of the annotation a at
// annotationPath(path, i) is non-empty and unused, and its label known, and
// records them in labels.
func (d *Decoder) AnnotationCheck(a *annotations.Annotation, offs *AnnotationOffsets, path string, i int, sch *annotations.Schema, labels map[string]string) {
	switch _, used := labels[a.ID]; {
	case a.ID == "":
		d.FailAt(offs.ID, annotationPath(path, i)+".id", "empty")
	case used:
		d.FailAt(offs.ID, annotationPath(path, i)+".id", "%q is used twice", a.ID)
	default:
		if _, ok := sch.Label(a.Label); !ok {
			d.FailAt(offs.Label, annotationPath(path, i)+".label", "unknown label %q", a.Label)
		}
	}
	if d.Err == nil {
		labels[a.ID] = a.Label
	}
}

func (d *Decoder) Conflict(v *Value, p string) *annotations.Conflict {
	if !d.Object(v, p, conflictFields, 1) {
		return nil
	}
	votes := d.FieldArray(v, p, "votes")
	c := &annotations.Conflict{Votes: make([]annotations.Vote, len(votes))}
	for i, vv := range votes {
		vp := Index(p+".votes", i)
		if !d.Object(vv, vp, voteFields, 1) {
			return nil
		}
		c.Votes[i] = annotations.Vote{Annotator: d.FieldStr(vv, vp, "annotator"), Label: d.FieldStr(vv, vp, "label")}
	}
	return c
}
