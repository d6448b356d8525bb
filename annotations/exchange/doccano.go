package exchange

// This file reads and writes doccano's JSONL export: one document per
// line,
//
//	{"id": 1, "text": "...", "entities": [{"id": 7, "label": "actor",
//	  "start_offset": 0, "end_offset": 6}], "relations": [{"id": 2,
//	  "from_id": 7, "to_id": 8, "type": "source"}]}
//
// as doccano writes for sequence labelling projects with relations. The
// other shapes doccano versions wrote are read too (see [DecodeDoccano]);
// fields that are not read (comments, metadata) are listed in the report.
//
// Units: doccano counts offsets in UTF-16 code units by default, because
// its editor measures JavaScript strings (doccano issue #2290, "Sequence
// labels are TypeScript/JavaScript-style", and pull request #99); only a
// project with "Count grapheme clusters as one character" counts
// otherwise. [DecodeDoccano] and [EncodeDoccano] take the unit; the CLI
// defaults to UTF-16 and --offsets codepoints says otherwise. An offset
// inside a surrogate pair cannot be a UTF-16 count: the span is widened to
// the whole character and reported, as is a span that cuts a word in a
// text with such characters. Entities, notes, orphans and conflicts have
// no place in the format and are not written.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

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

// DecodeDoccano reads a doccano export, counting offsets in unit: JSONL,
// one document per line, and also a JSON array of documents or documents
// pretty-printed over several lines. name (the file name) becomes each
// document's source. The spans of a document are read from any of the keys
// doccano versions have used:
//
//	"entities": [{"id": 7, "label": "actor", "start_offset": 0, "end_offset": 6}]
//	"entities" or "label" or "labels": [[0, 6, "actor"]]
//	"annotations": [{"label": "actor", "start_offset": 0, "end_offset": 6, "user": 1}]
//
// A label list of strings ("label": ["positive"]) labels the whole
// document, which the model cannot hold: the report lists it, as it does
// other fields that are not read. Errors are [PathError]s with the line and
// the field path, such as "entities[2].end_offset".
func DecodeDoccano(data []byte, name string, unit OffsetUnit) ([]*annotations.File, *Report, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	rep := &Report{}
	var files []*annotations.File
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	read := func(raw json.RawMessage, off int, prefix string) error {
		ln := lineOf(data, off)
		var doc map[string]json.RawMessage
		if err := json.Unmarshal(raw, &doc); err != nil {
			return importError("doccano", ln, strings.TrimSuffix(prefix, "."), errors.New("want an object with a \"text\" field"))
		}
		keys := keyOffsets(raw)
		keyLine := func(key string) int {
			if k, ok := keys[key]; ok {
				return lineOf(data, off+k)
			}
			return ln
		}
		rep.doc = len(files)
		f, err := decodeDoccanoDoc(doc, ln, keyLine, prefix, name, unit, rep)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	}
	for {
		off := int(dec.InputOffset())
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			break
		}
		off += len(data[off:]) - len(bytes.TrimLeft(data[off:], " \t\r\n"))
		if err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return nil, nil, importError("doccano", lineOf(data, int(se.Offset)), "", errors.New("invalid JSON: "+se.Error()))
			}
			return nil, nil, importError("doccano", lineOf(data, off), "", errors.New("invalid JSON: "+err.Error()))
		}
		if bytes.HasPrefix(raw, []byte("[")) {
			// A JSON export: an array of documents.
			var docs []json.RawMessage
			if err := json.Unmarshal(raw, &docs); err != nil {
				return nil, nil, importError("doccano", lineOf(data, off), "", err)
			}
			at := off
			for i, d := range docs {
				if k := bytes.Index(data[at:], d); k >= 0 {
					at += k
				}
				if err := read(d, at, "["+strconv.Itoa(i)+"]."); err != nil {
					return nil, nil, err
				}
			}
			continue
		}
		if err := read(raw, off, ""); err != nil {
			return nil, nil, err
		}
	}
	if len(files) == 0 {
		return nil, nil, errors.New("doccano: no documents in the file")
	}
	return files, rep, nil
}

// doccanoSpan is a span of any of doccano's shapes.
type doccanoSpan struct {
	ID          *json.Number `json:"id"`
	Label       any          `json:"label"`
	StartOffset *int         `json:"start_offset"`
	EndOffset   *int         `json:"end_offset"`
}

type doccanoRelation struct {
	ID     *json.Number `json:"id"`
	FromID *json.Number `json:"from_id"`
	ToID   *json.Number `json:"to_id"`
	Type   *string      `json:"type"`
}

func decodeDoccanoDoc(doc map[string]json.RawMessage, docLine int, keyLine func(string) int, prefix, name string, unit OffsetUnit, rep *Report) (*annotations.File, error) {
	// ln is the line of the field being read, for errors and the report.
	ln := docLine
	fail := func(path string, err error) error { return importError("doccano", ln, prefix+path, err) }
	var text string
	if raw, ok := doc["text"]; !ok {
		return nil, fail("text", errors.New("missing"))
	} else if json.Unmarshal(raw, &text) != nil {
		return nil, fail("text", errors.New("want a string"))
	}
	raw := newRawText(text)
	im := &importer{format: "doccano", doc: annotations.NewDocument(text, "", name), rep: rep}
	nonBMP := len(raw.runes) != annotations.UTF16Len(text)
	span := func(path string, s, e int) (int, int, error) {
		if unit == UnitUTF16 {
			var err error
			var split bool
			if s, e, split, err = raw.utf16Span(s, e); err != nil {
				return 0, 0, fail(path, err)
			}
			switch {
			case split:
				rep.add("span with an offset inside a surrogate pair, widened to the whole character (does the file count code points? --offsets codepoints)", place(ln, prefix+path))
			case nonBMP && looksCut(raw.runes, s, e):
				rep.add("span whose quote cuts a word, read in UTF-16 units after characters outside the BMP (does the file count code points? --offsets codepoints)", place(ln, prefix+path))
			}
		}
		ns, ne, err := raw.span(s, e)
		if err != nil {
			return 0, 0, fail(path, err)
		}
		return ns, ne, nil
	}
	keys := make([]string, 0, len(doc))
	for k := range doc {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var rels []doccanoRelation
	for _, key := range keys {
		val := doc[key]
		ln = keyLine(key)
		switch key {
		case "text", "id":
			continue
		case "relations":
			d := json.NewDecoder(bytes.NewReader(val))
			d.UseNumber()
			if err := d.Decode(&rels); err != nil {
				return nil, jsonFieldError("doccano", ln, prefix+key, err)
			}
			continue
		case "entities", "label", "labels", "annotations":
		default:
			if !isEmptyJSON(val) {
				rep.add("field "+strconv.Quote(key)+" not read", place(ln, prefix+key))
			}
			continue
		}
		var items []json.RawMessage
		if json.Unmarshal(val, &items) != nil {
			if !isEmptyJSON(val) {
				rep.add("field "+strconv.Quote(key)+" not read (not a list)", place(ln, prefix+key))
			}
			continue
		}
		for i, it := range items {
			p := key + "[" + strconv.Itoa(i) + "]"
			var triple []json.RawMessage
			var lab string
			switch {
			case json.Unmarshal(it, &triple) == nil:
				var s, e int
				if len(triple) != 3 || json.Unmarshal(triple[0], &s) != nil || json.Unmarshal(triple[1], &e) != nil || json.Unmarshal(triple[2], &lab) != nil {
					return nil, fail(p, errors.New("want [start, end, \"label\"]"))
				}
				s, e, err := span(p, s, e)
				if err != nil {
					return nil, err
				}
				im.spans = append(im.spans, importSpan{label: lab, start: s, end: e, line: ln, path: prefix + p})
			case json.Unmarshal(it, &lab) == nil:
				// A label of the whole document (text classification).
				rep.add("document label "+strconv.Quote(lab)+" dropped (labels of a whole document have no place)", place(ln, prefix+p))
			default:
				var sp doccanoSpan
				d := json.NewDecoder(bytes.NewReader(it))
				d.UseNumber()
				if err := d.Decode(&sp); err != nil {
					return nil, jsonFieldError("doccano", ln, prefix+p, err)
				}
				switch l := sp.Label.(type) {
				case string:
					lab = l
				case json.Number:
					// doccano before 1.0 wrote the label's number.
					lab = l.String()
				case nil:
					return nil, fail(p+".label", errors.New("missing"))
				default:
					return nil, fail(p+".label", errors.New("want a string or a number"))
				}
				switch {
				case sp.StartOffset == nil && sp.EndOffset == nil:
					rep.add("document label "+strconv.Quote(lab)+" dropped (labels of a whole document have no place)", place(ln, prefix+p))
					continue
				case sp.StartOffset == nil:
					return nil, fail(p+".start_offset", errors.New("missing"))
				case sp.EndOffset == nil:
					return nil, fail(p+".end_offset", errors.New("missing"))
				}
				s, e, err := span(p, *sp.StartOffset, *sp.EndOffset)
				if err != nil {
					return nil, err
				}
				key := ""
				if sp.ID != nil {
					key = sp.ID.String()
				}
				im.spans = append(im.spans, importSpan{key: key, label: lab, start: s, end: e, line: ln, path: prefix + p})
			}
		}
	}
	ln = keyLine("relations")
	for i, r := range rels {
		p := "relations[" + strconv.Itoa(i) + "]"
		switch {
		case r.FromID == nil:
			return nil, fail(p+".from_id", errors.New("missing"))
		case r.ToID == nil:
			return nil, fail(p+".to_id", errors.New("missing"))
		case r.Type == nil:
			return nil, fail(p+".type", errors.New("missing"))
		}
		im.links = append(im.links, importLink{typ: *r.Type, from: r.FromID.String(), to: r.ToID.String(), line: ln, path: prefix + p})
	}
	return im.build("")
}

// keyOffsets returns the byte offset in obj, a JSON object, of each of its
// own keys, so that a message can name the line of a field of a document
// pretty-printed over many lines.
func keyOffsets(obj []byte) map[string]int {
	out := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(obj))
	depth, wantKey := 0, false
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' || v == '[' {
				depth++
				wantKey = depth == 1
			} else {
				depth--
				wantKey = depth == 1
			}
		case string:
			if depth == 1 && wantKey {
				off += len(obj[off:]) - len(bytes.TrimLeft(obj[off:], " \t\r\n,"))
				out[v] = off
				wantKey = false
				continue
			}
			wantKey = depth == 1
		default:
			wantKey = depth == 1
		}
	}
}

// jsonFieldError is [jsonError] for a value at path.
func jsonFieldError(format string, line int, path string, err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		p := path
		if te.Field != "" {
			p += "." + te.Field
		}
		return importError(format, line, p, errors.New("got a JSON "+te.Value+", want "+goTypeName(te.Type.String())))
	}
	return importError(format, line, path, err)
}

// isEmptyJSON reports whether v is null, "", [], {} or false, which say
// nothing a report needs to mention.
func isEmptyJSON(v json.RawMessage) bool {
	switch string(bytes.Join(bytes.Fields(v), nil)) {
	case "null", `""`, "[]", "{}", "false":
		return true
	}
	return false
}

// looksCut reports whether [s, e) of rs starts or ends inside a word: a
// letter or digit on both sides of a boundary.
func looksCut(rs []rune, s, e int) bool {
	in := func(i int) bool { return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) }
	return in(s-1) && in(s) || in(e-1) && in(e)
}

// EncodeDoccano writes files as doccano JSONL, one line each, counting
// offsets in unit, with labels and relation types by name. Entity and relation ids are numbered from 1 across the
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
			line.Entities = append(line.Entities, ent{nextEnt, labelName(f.Schema, a.Label), off(a.Start), off(a.End)})
			nextEnt++
		}
		for _, r := range f.Relations {
			from, okF := ids[r.From]
			to, okT := ids[r.To]
			if !okF || !okT {
				continue
			}
			line.Relations = append(line.Relations, rel{nextRel, from, to, relationName(f.Schema, r.Type)})
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
