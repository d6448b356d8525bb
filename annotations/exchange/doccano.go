package exchange

// This file reads and writes doccano's JSONL export: one document per
// line,
//
//	{"id": 1, "text": "...", "entities": [{"id": 7, "label": "actor",
//	  "start_offset": 0, "end_offset": 6}], "relations": [{"id": 2,
//	  "from_id": 7, "to_id": 8, "type": "source"}]}
//
// as doccano writes for sequence labelling projects with relations. The
// older shape "label": [[start, end, "actor"], ...] is read too. Other
// fields (comments, metadata) are ignored.
//
// Units: doccano counts offsets in UTF-16 code units by default, because
// its editor measures JavaScript strings (doccano issue #2290, "Sequence
// labels are TypeScript/JavaScript-style", and pull request #99); only a
// project with "Count grapheme clusters as one character" counts
// otherwise. [DecodeDoccano] and [EncodeDoccano] take the unit; the CLI
// defaults to UTF-16. An offset inside a surrogate pair is an error, since
// it cannot be a UTF-16 count. Entities, notes, orphans and conflicts have
// no place in the format and are not written.

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// OffsetUnit is the unit another tool counts text offsets in.
type OffsetUnit int

const (
	// UnitUTF16 counts UTF-16 code units, as JavaScript strings do: a
	// character outside the Basic Multilingual Plane (most emoji) counts 2.
	UnitUTF16 OffsetUnit = iota
	// UnitCodePoint counts Unicode code points, as Python strings and this
	// package do.
	UnitCodePoint
)

// String names the unit, as in "UTF-16 code units".
func (u OffsetUnit) String() string {
	if u == UnitCodePoint {
		return "code points"
	}
	return "UTF-16 code units"
}

type doccanoEntity struct {
	ID          *json.Number `json:"id"`
	Label       *string      `json:"label"`
	StartOffset *int         `json:"start_offset"`
	EndOffset   *int         `json:"end_offset"`
}

type doccanoRelation struct {
	ID     *json.Number `json:"id"`
	FromID *json.Number `json:"from_id"`
	ToID   *json.Number `json:"to_id"`
	Type   *string      `json:"type"`
}

type doccanoLine struct {
	ID        *json.Number      `json:"id,omitempty"`
	Text      *string           `json:"text"`
	Entities  []doccanoEntity   `json:"entities"`
	Relations []doccanoRelation `json:"relations"`
	Label     []json.RawMessage `json:"label"`
}

// jsonError turns an encoding/json error into a [PathError] at line; the
// field path is taken from a type error.
func jsonError(format string, line int, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return importError(format, line, te.Field, errors.New("got a JSON "+te.Value+", want "+goTypeName(te.Type.String())))
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return importError(format, line, "", errors.New("invalid JSON at byte "+strconv.FormatInt(se.Offset, 10)+": "+se.Error()))
	}
	return importError(format, line, "", err)
}

func goTypeName(t string) string {
	switch strings.TrimPrefix(t, "*") {
	case "int", "json.Number":
		return "a number"
	case "string":
		return "a string"
	}
	if strings.HasPrefix(t, "[]") {
		return "an array"
	}
	return "an object"
}

// DecodeDoccano reads doccano JSONL, one file per non-blank line, counting
// offsets in unit; name (the file name) becomes each document's source.
// Errors are [PathError]s with the line and the field path, such as
// "entities[2].end_offset".
func DecodeDoccano(data []byte, name string, unit OffsetUnit) ([]*annotations.File, error) {
	var files []*annotations.File
	lines := bytes.Split(data, []byte("\n"))
	for i, raw := range lines {
		ln := i + 1
		raw = bytes.TrimSpace(bytes.TrimPrefix(raw, []byte("\uFEFF")))
		if len(raw) == 0 {
			continue
		}
		var dl doccanoLine
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&dl); err != nil {
			return nil, jsonError("doccano", ln, err)
		}
		if dec.More() {
			return nil, importError("doccano", ln, "", errors.New("more than one JSON value on the line"))
		}
		f, err := decodeDoccanoLine(&dl, ln, name, unit)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, errors.New("doccano: no documents in the file")
	}
	return files, nil
}

func decodeDoccanoLine(dl *doccanoLine, ln int, name string, unit OffsetUnit) (*annotations.File, error) {
	if dl.Text == nil {
		return nil, importError("doccano", ln, "text", errors.New("missing"))
	}
	raw := newRawText(*dl.Text)
	im := &importer{format: "doccano", doc: annotations.NewDocument(*dl.Text, "", name)}
	span := func(path string, s, e int) (int, int, error) {
		if unit == UnitUTF16 {
			var err error
			if s, e, err = raw.utf16Span(s, e); err != nil {
				return 0, 0, importError("doccano", ln, path, err)
			}
		}
		ns, ne, err := raw.span(s, e)
		if err != nil {
			return 0, 0, importError("doccano", ln, path, err)
		}
		return ns, ne, nil
	}
	for i, e := range dl.Entities {
		p := "entities[" + strconv.Itoa(i) + "]"
		switch {
		case e.Label == nil:
			return nil, importError("doccano", ln, p+".label", errors.New("missing"))
		case e.StartOffset == nil:
			return nil, importError("doccano", ln, p+".start_offset", errors.New("missing"))
		case e.EndOffset == nil:
			return nil, importError("doccano", ln, p+".end_offset", errors.New("missing"))
		}
		s, en, err := span(p, *e.StartOffset, *e.EndOffset)
		if err != nil {
			return nil, err
		}
		key := ""
		if e.ID != nil {
			key = e.ID.String()
		}
		im.spans = append(im.spans, importSpan{key: key, label: *e.Label, start: s, end: en, line: ln, path: p})
	}
	for i, l := range dl.Label {
		p := "label[" + strconv.Itoa(i) + "]"
		var triple []json.RawMessage
		var s, e int
		var lab string
		if json.Unmarshal(l, &triple) != nil || len(triple) != 3 ||
			json.Unmarshal(triple[0], &s) != nil || json.Unmarshal(triple[1], &e) != nil || json.Unmarshal(triple[2], &lab) != nil {
			return nil, importError("doccano", ln, p, errors.New("want [start, end, \"label\"]"))
		}
		s, e, err := span(p, s, e)
		if err != nil {
			return nil, err
		}
		im.spans = append(im.spans, importSpan{label: lab, start: s, end: e, line: ln, path: p})
	}
	for i, r := range dl.Relations {
		p := "relations[" + strconv.Itoa(i) + "]"
		switch {
		case r.FromID == nil:
			return nil, importError("doccano", ln, p+".from_id", errors.New("missing"))
		case r.ToID == nil:
			return nil, importError("doccano", ln, p+".to_id", errors.New("missing"))
		case r.Type == nil:
			return nil, importError("doccano", ln, p+".type", errors.New("missing"))
		}
		im.links = append(im.links, importLink{typ: *r.Type, from: r.FromID.String(), to: r.ToID.String(), line: ln, path: p})
	}
	return im.build("")
}

// EncodeDoccano writes files as doccano JSONL, one line each, counting
// offsets in unit. Entity and relation ids are numbered from 1 across the
// file, as doccano's are unique in a project.
func EncodeDoccano(files []*annotations.File, unit OffsetUnit) ([]byte, error) {
	var buf bytes.Buffer
	nextEnt, nextRel := 1, 1
	for i, f := range files {
		if f == nil {
			return nil, errors.New("encode doccano: no file")
		}
		if err := checkHasText(f, "encode doccano"); err != nil {
			return nil, err
		}
		text := f.Document.Text
		rs := []rune(text)
		off := func(cp int) int {
			if unit == UnitUTF16 {
				return annotations.UTF16Len(string(rs[:cp]))
			}
			return cp
		}
		type ent struct {
			ID          int    `json:"id"`
			Label       string `json:"label"`
			StartOffset int    `json:"start_offset"`
			EndOffset   int    `json:"end_offset"`
		}
		type rel struct {
			ID     int    `json:"id"`
			FromID int    `json:"from_id"`
			ToID   int    `json:"to_id"`
			Type   string `json:"type"`
		}
		line := struct {
			ID        int    `json:"id"`
			Text      string `json:"text"`
			Entities  []ent  `json:"entities"`
			Relations []rel  `json:"relations"`
		}{ID: i + 1, Text: text, Entities: []ent{}, Relations: []rel{}}
		ids := map[string]int{}
		for _, a := range sortedAnnotations(f.Annotations) {
			if a.Start < 0 || a.End > len(rs) || a.End <= a.Start {
				return nil, errors.New("encode doccano: annotation " + strconv.Quote(a.ID) + ": span is outside the text")
			}
			ids[a.ID] = nextEnt
			line.Entities = append(line.Entities, ent{nextEnt, a.Label, off(a.Start), off(a.End)})
			nextEnt++
		}
		for _, r := range f.Relations {
			from, okF := ids[r.From]
			to, okT := ids[r.To]
			if !okF || !okT {
				continue
			}
			line.Relations = append(line.Relations, rel{nextRel, from, to, r.Type})
			nextRel++
		}
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(line); err != nil {
			return nil, errors.New("encode doccano: " + err.Error())
		}
	}
	return buf.Bytes(), nil
}

// sortedAnnotations returns a copy of as ordered by [annotations.Compare].
func sortedAnnotations(as []annotations.Annotation) []annotations.Annotation {
	out := slices.Clone(as)
	lite.SortStableFunc(out, annotations.Compare)
	return out
}
