package exchange

// This file reads and writes Label Studio's JSON export: an array of
// tasks, each with its data and the annotations people made,
//
//	[{"id": 1, "data": {"text": "..."}, "annotations": [{"id": 3,
//	  "completed_by": 1, "result": [
//	    {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
//	     "value": {"start": 0, "end": 6, "text": "Lavrov", "labels": ["actor"]}},
//	    {"from_id": "r2", "to_id": "r1", "type": "relation",
//	     "direction": "right", "labels": ["source"]}]}]}]
//
// Each annotation of each task is one annotator's work on one document, so
// [DecodeLabelStudio] returns one [annotations.File] per annotation (a task without
// annotations gives one file without spans). A region with several labels
// becomes one annotation per label; a relation with several labels one
// relation per label, and one without labels a relation of type
// "relation". A relation's direction is kept: "left" goes from to_id to
// from_id, and "bi" becomes a relation each way. The "meta" text of a
// region, and the text of a per-region TextArea (a result with the
// region's id), become its note. Results of other types (choices, ratings,
// a task's text area, paragraph or hypertext labels) cannot be held by the
// model: they are listed in the [Report] with their values, as are a task's
// predictions (a model's pre-annotations). A region given twice is read
// once. The text is data.text, or the only string field of
// data. A file holds an array of tasks, or one task as the API gives it.
//
// Units: Label Studio stores code points, as Python counts them. Its
// editor once stored JavaScript (UTF-16) lengths, which broke offsets after
// emoji (label-studio issue #1347); pull request #1559 ("Store code points
// instead of js length", merged through label-studio-frontend #308)
// changed that, and issue #4988 (version 1.9.1) confirms that the exported
// offsets of a text with emoji are right in Python. The decoder checks
// each region's text against the document, so a file with UTF-16 offsets
// is refused with a message rather than read wrong.
//
// Writing: one task with one annotation per file; region ids are the
// annotation ids; entities, orphans, conflicts and the annotator have no
// place and are left out.

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
)

type lsTask struct {
	ID          json.Number                `json:"id"`
	Data        map[string]json.RawMessage `json:"data"`
	Annotations []lsAnnotation             `json:"annotations"`
	// Completions is the name of annotations before Label Studio 1.0.
	Completions []lsAnnotation `json:"completions"`
	// Predictions are a model's pre-annotations, which are not read.
	Predictions []json.RawMessage `json:"predictions"`
}

type lsAnnotation struct {
	ID          json.Number     `json:"id"`
	CompletedBy json.RawMessage `json:"completed_by"`
	Result      []lsResult      `json:"result"`
}

type lsResult struct {
	ID        string          `json:"id"`
	Type      string          `json:"type"`
	FromName  string          `json:"from_name"`
	ToName    string          `json:"to_name"`
	Value     json.RawMessage `json:"value"`
	FromID    string          `json:"from_id"`
	ToID      string          `json:"to_id"`
	Direction string          `json:"direction"`
	Labels    []string        `json:"labels"`
	Meta      *lsMeta         `json:"meta"`
}

type lsValue struct {
	Start  *int     `json:"start"`
	End    *int     `json:"end"`
	Text   *string  `json:"text"`
	Labels []string `json:"labels"`
}

type lsMeta struct {
	Text []string `json:"text"`
}

// lsValueSummary is a short view of a result's value for a report: its
// choices, text or rating, or its JSON cut to 60 bytes.
func lsValueSummary(v json.RawMessage) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(v, &m) == nil {
		for _, k := range []string{"choices", "text", "rating", "number", "taxonomy", "datetime", "labels"} {
			if x, ok := m[k]; ok {
				v = x
				break
			}
		}
	}
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return ""
	}
	s := b.String()
	if len(s) > 60 {
		s = strings.ToValidUTF8(s[:60], "") + "…"
	}
	return s
}

// lineOf returns the 1-based line of byte offset off in data.
func lineOf(data []byte, off int) int {
	off = max(0, min(off, len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// DecodeLabelStudio reads a Label Studio JSON export (an array of tasks,
// or one task) and returns a file per annotation, in order; name (the file
// name) becomes each document's source. The report lists what was not
// kept, such as the choices and ratings of a whole task. Errors are [PathError]s with the
// line and a path such as "[0].annotations[1].result[3].value.start".
func DecodeLabelStudio(data []byte, name string) ([]*annotations.File, *Report, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	type rawTask struct {
		msg json.RawMessage
		off int
	}
	var tasks []rawTask
	single := false
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, jsonError("labelstudio", lineOf(data, int(dec.InputOffset())), err)
	}
	switch tok {
	case json.Delim('['):
		for dec.More() {
			off := int(dec.InputOffset())
			var m json.RawMessage
			if err := dec.Decode(&m); err != nil {
				return nil, nil, labelStudioJSONError(data, off, err)
			}
			// The value starts after the comma and space before it.
			off += bytes.IndexAny(data[off:], "{[\"0123456789-tfn")
			tasks = append(tasks, rawTask{m, off})
		}
		if _, err := dec.Token(); err != nil {
			return nil, nil, labelStudioJSONError(data, int(dec.InputOffset()), err)
		}
	case json.Delim('{'):
		// One task, as Label Studio's API and its editor's examples give it.
		dec = json.NewDecoder(bytes.NewReader(data))
		var m json.RawMessage
		if err := dec.Decode(&m); err != nil {
			return nil, nil, labelStudioJSONError(data, 0, err)
		}
		tasks = append(tasks, rawTask{m, bytes.IndexByte(data, '{')})
		single = true
	default:
		return nil, nil, importError("labelstudio", 1, "", errors.New("want an array of tasks or one task"))
	}
	if _, err := dec.Token(); err == nil {
		return nil, nil, importError("labelstudio", lineOf(data, int(dec.InputOffset())), "", errors.New("more than one JSON value"))
	}
	var files []*annotations.File
	rep := &Report{}
	for i, rt := range tasks {
		var t lsTask
		d := json.NewDecoder(bytes.NewReader(rt.msg))
		d.UseNumber()
		p := "[" + strconv.Itoa(i) + "]"
		if single {
			p = "" // paths such as "annotations[0].result[2]"
		}
		if err := d.Decode(&t); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return nil, nil, importError("labelstudio", lineOf(data, rt.off+int(te.Offset)), strings.TrimPrefix(p+"."+te.Field, "."),
					errors.New("got a JSON "+te.Value+", want "+goTypeName(te.Type.String())))
			}
			return nil, nil, labelStudioJSONError(data, rt.off, err)
		}
		fs, err := decodeLabelStudioTask(&t, p, taskLines(data, rt.off, rt.msg, p), name, rep, len(files))
		if err != nil {
			return nil, nil, err
		}
		files = append(files, fs...)
	}
	if len(files) == 0 {
		return nil, nil, errors.New("labelstudio: no tasks in the file")
	}
	return files, rep, nil
}

func labelStudioJSONError(data []byte, off int, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return importError("labelstudio", lineOf(data, int(se.Offset)), "", errors.New("invalid JSON: "+se.Error()))
	}
	return importError("labelstudio", lineOf(data, off), "", err)
}

// taskLines returns, for the task at byte off of data (msg is its JSON,
// p the path of the task, such as "[3]"), a function that gives the line
// where the value at a path in it begins: in a pretty-printed file, the
// line of the very field an error is about. For a field that is missing,
// it gives the line of the object that lacks it, and so on up to the
// task's first line. It walks the task's JSON for each call, so it is for
// errors, not for every result read.
func taskLines(data []byte, off int, msg json.RawMessage, p string) func(path string) int {
	return func(path string) int {
		rel := strings.TrimPrefix(strings.TrimPrefix(path, p), ".")
		for {
			if at := jsonValueAt(msg, rel); at >= 0 {
				return lineOf(data, off+at)
			}
			cut := strings.LastIndexAny(rel, ".[")
			if cut < 0 {
				return lineOf(data, off)
			}
			rel = rel[:cut]
		}
	}
}

// jsonValueAt returns the byte offset in msg where the value at path
// begins: path is object keys and array indexes, such as
// "annotations[1].result[3].value.start", "" for msg itself. It returns
// -1 when msg has no such value or is not valid JSON.
func jsonValueAt(msg []byte, path string) int {
	dec := json.NewDecoder(bytes.NewReader(msg))
	for path != "" {
		var key string
		idx := -1
		switch {
		case path[0] == '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return -1
			}
			n, err := strconv.Atoi(path[1:end])
			if err != nil || n < 0 {
				return -1
			}
			idx, path = n, path[end+1:]
		default:
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			key, path = path[:end], path[end:]
		}
		path = strings.TrimPrefix(path, ".")
		tok, err := dec.Token()
		if err != nil {
			return -1
		}
		want := json.Delim('{')
		if idx >= 0 {
			want = '['
		}
		if tok != want {
			return -1
		}
		found := false
		for i := 0; dec.More(); i++ {
			if idx < 0 {
				k, err := dec.Token()
				if err != nil {
					return -1
				}
				found = k == key
			} else {
				found = i == idx
			}
			if found {
				break
			}
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return -1
			}
		}
		if !found {
			return -1
		}
	}
	// The value starts after the separators that follow the last token.
	at := int(dec.InputOffset())
	for at < len(msg) && strings.IndexByte(" \t\r\n:,", msg[at]) >= 0 {
		at++
	}
	return at
}

// done is how many files the tasks before this one gave, for the report.
// lineAt gives the line of a path in the task (taskLines).
func decodeLabelStudioTask(t *lsTask, p string, lineAt func(path string) int, name string, rep *Report, done int) ([]*annotations.File, error) {
	line := lineAt(p) // the task's own line, for the report and the spans
	var text string
	if raw, ok := t.Data["text"]; ok {
		if json.Unmarshal(raw, &text) != nil {
			return nil, importError("labelstudio", lineAt(p+".data.text"), strings.TrimPrefix(p+".data.text", "."), errors.New("want a string"))
		}
	} else {
		var keys []string
		for k, raw := range t.Data {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				keys = append(keys, k)
				text = s
			}
		}
		if len(keys) != 1 {
			slices.Sort(keys)
			return nil, importError("labelstudio", lineAt(p+".data"), strings.TrimPrefix(p+".data", "."),
				errors.New("no \"text\" field, and "+strconv.Itoa(len(keys))+" string fields ("+strings.Join(keys, ", ")+") to choose from"))
		}
	}
	if p != "" {
		p += "."
	}
	if len(t.Predictions) > 0 {
		rep.doc = done
		rep.add("task predictions (a model's pre-annotations) not read", place(line, p+"predictions"))
	}
	anns, ap := t.Annotations, p+"annotations"
	if len(anns) == 0 && len(t.Completions) > 0 {
		anns, ap = t.Completions, p+"completions"
	}
	if len(anns) == 0 {
		anns = []lsAnnotation{{}}
	}
	raw := newRawText(text)
	var files []*annotations.File
	for j, a := range anns {
		rep.doc = len(files) + done
		im := &importer{format: "labelstudio", doc: annotations.NewDocument(text, "", name), rep: rep}
		aPath := ap + "[" + strconv.Itoa(j) + "]"
		// A per-region text area (a TextArea with perRegion) shares its
		// region's id; its text is read as a note on the region.
		regionNotes := map[string][]string{}
		regions := map[string]bool{}
		for _, r := range a.Result {
			if r.Type == "labels" && r.ID != "" {
				regions[r.ID] = true
			}
		}
		for k, r := range a.Result {
			rp := aPath + ".result[" + strconv.Itoa(k) + "]"
			switch r.Type {
			case "labels":
				var v lsValue
				if len(r.Value) == 0 || string(r.Value) == "null" {
					return nil, importError("labelstudio", lineAt(rp+".value"), rp+".value", errors.New("missing"))
				}
				if err := json.Unmarshal(r.Value, &v); err != nil {
					at := rp + ".value"
					if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) && te.Field != "" {
						at += "." + te.Field
					}
					return nil, jsonFieldError("labelstudio", lineAt(at), rp+".value", err)
				}
				switch {
				case v.Start == nil:
					return nil, importError("labelstudio", lineAt(rp+".value.start"), rp+".value.start", errors.New("missing"))
				case v.End == nil:
					return nil, importError("labelstudio", lineAt(rp+".value.end"), rp+".value.end", errors.New("missing"))
				case len(v.Labels) == 0:
					return nil, importError("labelstudio", lineAt(rp+".value.labels"), rp+".value.labels", errors.New("no label"))
				}
				s, e, err := raw.span(*v.Start, *v.End)
				if err != nil {
					return nil, importError("labelstudio", lineAt(rp+".value"), rp+".value", err)
				}
				if v.Text != nil && *v.Text != string(raw.runes[*v.Start:*v.End]) {
					return nil, importError("labelstudio", lineAt(rp+".value.text"), rp+".value.text", errors.New(strconv.Quote(*v.Text)+
						" is not the text at ["+strconv.Itoa(*v.Start)+","+strconv.Itoa(*v.End)+"), "+
						strconv.Quote(string(raw.runes[*v.Start:*v.End]))+
						"; offsets must be code points (older Label Studio versions wrote UTF-16 units after emoji)"))
				}
				var notes []string
				if r.Meta != nil && len(r.Meta.Text) > 0 {
					notes = []string{strings.Join(r.Meta.Text, "\n")}
				}
				for _, l := range v.Labels {
					im.spans = append(im.spans, importSpan{key: r.ID, label: l, start: s, end: e, notes: notes, line: line, path: rp})
				}
			case "relation":
				if r.FromID == "" || r.ToID == "" {
					return nil, importError("labelstudio", lineAt(rp), rp, errors.New("a relation needs from_id and to_id"))
				}
				labels := r.Labels
				if len(labels) == 0 {
					labels = []string{"relation"}
				}
				from, to := r.FromID, r.ToID
				if r.Direction == "left" {
					from, to = to, from
				}
				for _, l := range labels {
					im.links = append(im.links, importLink{typ: l, from: from, to: to, line: line, path: rp})
					if r.Direction == "bi" {
						im.links = append(im.links, importLink{typ: l, from: to, to: from, line: line, path: rp})
					}
				}
			case "textarea":
				var v struct {
					Text []string `json:"text"`
				}
				if json.Unmarshal(r.Value, &v) == nil && regions[r.ID] && len(v.Text) > 0 {
					regionNotes[r.ID] = append(regionNotes[r.ID], r.FromName+": "+strings.Join(v.Text, "\n"))
					continue
				}
				rep.add("textarea result dropped (about the whole task, which the model cannot hold)", place(line, rp+": "+lsValueSummary(r.Value)))
			default:
				what := r.Type + " result dropped"
				switch r.Type {
				case "choices", "rating", "taxonomy", "number", "datetime":
					what += " (about the whole task, which the model cannot hold)"
				case "":
					what = "result without a type dropped"
				default:
					what += " (not a span of the text)"
				}
				rep.add(what, place(line, rp+": "+lsValueSummary(r.Value)))
			}
		}
		for k := range im.spans {
			im.spans[k].notes = append(im.spans[k].notes, regionNotes[im.spans[k].key]...)
		}
		f, err := im.build(labelStudioAnnotator(a.CompletedBy))
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// labelStudioAnnotator names the author of an annotation: the e-mail of an
// expanded user, or "user N" for a user id.
func labelStudioAnnotator(raw json.RawMessage) string {
	var id json.Number
	if json.Unmarshal(raw, &id) == nil && id != "" {
		return "user " + id.String()
	}
	var u struct {
		Email string      `json:"email"`
		ID    json.Number `json:"id"`
	}
	if json.Unmarshal(raw, &u) == nil {
		if u.Email != "" {
			return u.Email
		}
		if u.ID != "" {
			return "user " + u.ID.String()
		}
	}
	return ""
}

// EncodeLabelStudio writes f as a Label Studio export with one task and one
// annotation, for a labelling config whose Labels tag is named "label" and
// whose Text tag is named "text". Labels and relations are written by name.
func EncodeLabelStudio(f *annotations.File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode labelstudio: no file")
	}
	if err := checkHasText(f, "encode labelstudio"); err != nil {
		return nil, err
	}
	rs := []rune(f.Document.Text)
	type value struct {
		Start  int      `json:"start"`
		End    int      `json:"end"`
		Text   string   `json:"text"`
		Labels []string `json:"labels"`
	}
	type result struct {
		ID        string   `json:"id,omitempty"`
		FromName  string   `json:"from_name,omitempty"`
		ToName    string   `json:"to_name,omitempty"`
		Type      string   `json:"type"`
		Value     *value   `json:"value,omitempty"`
		Meta      *lsMeta  `json:"meta,omitempty"`
		FromID    string   `json:"from_id,omitempty"`
		ToID      string   `json:"to_id,omitempty"`
		Direction string   `json:"direction,omitempty"`
		Labels    []string `json:"labels,omitempty"`
	}
	results := []result{}
	ids := map[string]bool{}
	for _, a := range sortedAnnotations(f.Annotations) {
		if a.Start < 0 || a.End > len(rs) || a.End <= a.Start {
			return nil, errors.New("encode labelstudio: annotation " + strconv.Quote(a.ID) + ": span is outside the text")
		}
		r := result{ID: a.ID, FromName: "label", ToName: "text", Type: "labels",
			Value: &value{Start: a.Start, End: a.End, Text: string(rs[a.Start:a.End]), Labels: []string{labelName(f.Schema, a.Label)}}}
		if a.Note != "" {
			r.Meta = &lsMeta{Text: []string{a.Note}}
		}
		results = append(results, r)
		ids[a.ID] = true
	}
	for _, r := range f.Relations {
		if !ids[r.From] || !ids[r.To] {
			continue
		}
		results = append(results, result{Type: "relation", FromID: r.From, ToID: r.To, Direction: "right", Labels: []string{relationName(f.Schema, r.Type)}})
	}
	type annotation struct {
		ID     int      `json:"id"`
		Result []result `json:"result"`
	}
	type task struct {
		ID          int               `json:"id"`
		Data        map[string]string `json:"data"`
		Annotations []annotation      `json:"annotations"`
	}
	out := []task{{ID: 1, Data: map[string]string{"text": f.Document.Text}, Annotations: []annotation{{ID: 1, Result: results}}}}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return nil, errors.New("encode labelstudio: " + err.Error())
	}
	return buf.Bytes(), nil
}
