// Package jsonl writes the JSONL export, one flat JSON object per
// annotation for data tools (pandas, DuckDB, Spark). It is described for
// users in docs/format.md, section "JSONL"; a change here must be made
// there too. The browser program does not link this package
// (tools/internal/deps says so): its worker (wasm/worker) exports JSONL
// for it.
package jsonl

import (
	"errors"
	"slices"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// The relation types whose ends get a column of their own in the JSONL
// export: those of [DefaultSchema].
const (
	relationSource = "source"
	relationTarget = "target"
)

// Encode writes one JSON object per line for each annotation of f,
// ordered by [Compare], for loading into pandas (read_json(lines=True)), DuckDB
// (read_json) or Spark. The fields, always present and in this order, are:
//
//   - document: the document id, "sha256:<hex>";
//   - id, label, start, end, quote, prefix, suffix, entity, note: as in the
//     native format, with "" for no entity or note; start and end are code
//     points, half-open, so text[start:end] == quote in Python; label_name,
//     after label, is the label's name in the schema (the id when it has
//     none), which a label made for a tool's name in another script, such
//     as "地点", needs;
//   - sources and targets: for a claim or proposal, the actors it is linked
//     to by "source" and "target" relations, each given by its entity, or
//     by its quote when it has none, in relation id order ([] when none);
//   - links: every relation from the annotation, as {"type", "type_name",
//     "to"}: the relation type's id and its name in the schema (the id when
//     it has none), and the id of the other annotation, for other relation
//     types and for joins;
//   - created, modified: RFC 3339 UTC times, or null when unknown.
//
// Orphans are not written: they have no place in the text. The output ends
// with a newline, and is empty when f has no annotations.
func Encode(f *annotations.File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode jsonl: no file")
	}
	byID := make(map[string]*annotations.Annotation, len(f.Annotations)+len(f.Orphans))
	for i := range f.Orphans {
		byID[f.Orphans[i].Annotation.ID] = &f.Orphans[i].Annotation
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
		byID[anns[i].ID] = anns[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)
	rels := jsonio.SortedRelations(f.Relations)
	from := make(map[string][]annotations.Relation, len(rels))
	for _, r := range rels {
		from[r.From] = append(from[r.From], r)
	}
	// The writer produces what encoding/json's Encoder with
	// SetEscapeHTML(false) would (the tests check this).
	w := jsonio.Writer{Buf: make([]byte, 0, 300*len(anns)), Compact: true}
	var sources, targets []string
	for _, a := range anns {
		sources, targets = sources[:0], targets[:0]
		for _, r := range from[a.ID] {
			to, ok := byID[r.To]
			if !ok {
				return nil, lite.Errorf("encode jsonl: relation %q: no annotation has id %q", r.ID, r.To)
			}
			name := to.Entity
			if name == "" {
				name = to.Quote
			}
			switch r.Type {
			case relationSource:
				sources = append(sources, name)
			case relationTarget:
				targets = append(targets, name)
			}
		}
		w.Open('{')
		w.Str("document", f.Document.ID)
		w.Str("id", a.ID)
		w.Str("label", a.Label)
		w.Str("label_name", labelName(f.Schema, a.Label))
		w.IntField("start", a.Start)
		w.IntField("end", a.End)
		w.Str("quote", a.Quote)
		w.Str("prefix", a.Prefix)
		w.Str("suffix", a.Suffix)
		w.Str("entity", a.Entity)
		w.Str("note", a.Note)
		w.Strs("sources", sources)
		w.Strs("targets", targets)
		w.Key("links")
		w.Open('[')
		for _, r := range from[a.ID] {
			w.Elem()
			w.Open('{')
			w.Str("type", r.Type)
			w.Str("type_name", relationName(f.Schema, r.Type))
			w.Str("to", r.To)
			w.Close('}')
		}
		w.Close(']')
		w.StrOrNull("created", jsonio.FormatTime(a.Created))
		w.StrOrNull("modified", jsonio.FormatTime(a.Modified))
		w.Close('}')
		w.Buf = append(w.Buf, '\n')
	}
	return w.Buf, nil
}

// relationName is the name of the relation type id of sch, or the id when
// the schema gives none.
func relationName(sch annotations.Schema, id string) string {
	if r, ok := sch.Relation(id); ok && r.Name != "" {
		return r.Name
	}
	return id
}

// labelName is the name of the label id of sch, or the id when the schema
// gives none.
func labelName(sch annotations.Schema, id string) string {
	if l, ok := sch.Label(id); ok && l.Name != "" {
		return l.Name
	}
	return id
}
