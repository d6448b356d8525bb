package annotations

// This file holds the JSONL export, one flat JSON object per annotation for
// data tools (pandas, DuckDB, Spark). It is described for users in
// docs/format.md, section "JSONL"; a change here must be made there too.

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"
)

// jsonlRow is one line of the JSONL export. The field order is fixed; every
// field is always present, so every line has the same columns.
type jsonlRow struct {
	Document string      `json:"document"`
	ID       string      `json:"id"`
	Label    string      `json:"label"`
	Start    int         `json:"start"`
	End      int         `json:"end"`
	Quote    string      `json:"quote"`
	Prefix   string      `json:"prefix"`
	Suffix   string      `json:"suffix"`
	Entity   string      `json:"entity"`
	Note     string      `json:"note"`
	Sources  []string    `json:"sources"`
	Targets  []string    `json:"targets"`
	Links    []jsonlLink `json:"links"`
	Created  *string     `json:"created"`
	Modified *string     `json:"modified"`
}

// jsonlLink is a relation from the annotation of a row.
type jsonlLink struct {
	Type string `json:"type"`
	To   string `json:"to"`
}

// The relation types whose ends get a column of their own in the JSONL
// export: those of [DefaultSchema].
const (
	relationSource = "source"
	relationTarget = "target"
)

// EncodeJSONL writes one JSON object per line for each annotation of f,
// ordered by [Less], for loading into pandas (read_json(lines=True)), DuckDB
// (read_json) or Spark. The fields, always present and in this order, are:
//
//   - document: the document id, "sha256:<hex>";
//   - id, label, start, end, quote, prefix, suffix, entity, note: as in the
//     native format, with "" for no entity or note; start and end are code
//     points, half-open, so text[start:end] == quote in Python;
//   - sources and targets: for a claim or proposal, the actors it is linked
//     to by "source" and "target" relations, each given by its entity, or
//     by its quote when it has none, in relation id order ([] when none);
//   - links: every relation from the annotation, as {"type", "to"} with the
//     id of the other annotation, for other relation types and for joins;
//   - created, modified: RFC 3339 UTC times, or null when unknown.
//
// Orphans are not written: they have no place in the text. The output ends
// with a newline, and is empty when f has no annotations.
func EncodeJSONL(f *File) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode jsonl: no file")
	}
	byID := make(map[string]*Annotation, len(f.Annotations)+len(f.Orphans))
	for i := range f.Orphans {
		byID[f.Orphans[i].Annotation.ID] = &f.Orphans[i].Annotation
	}
	anns := make([]*Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
		byID[anns[i].ID] = anns[i]
	}
	slices.SortStableFunc(anns, compareAnnotations)
	rels := slices.Clone(f.Relations)
	slices.SortStableFunc(rels, func(a, b Relation) int { return compareIDs(a.ID, b.ID) })
	from := make(map[string][]Relation, len(rels))
	for _, r := range rels {
		from[r.From] = append(from[r.From], r)
	}
	var buf bytes.Buffer
	buf.Grow(300 * len(anns))
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, a := range anns {
		row := jsonlRow{
			Document: f.Document.ID,
			ID:       a.ID, Label: a.Label, Start: a.Start, End: a.End,
			Quote: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix,
			Entity: a.Entity, Note: a.Note,
			Sources: []string{}, Targets: []string{}, Links: []jsonlLink{},
			Created: optTime(formatTime(a.Created)), Modified: optTime(formatTime(a.Modified)),
		}
		for _, r := range from[a.ID] {
			row.Links = append(row.Links, jsonlLink{Type: r.Type, To: r.To})
			to, ok := byID[r.To]
			if !ok {
				return nil, errorf("encode jsonl: relation %q: no annotation has id %q", r.ID, r.To)
			}
			name := to.Entity
			if name == "" {
				name = to.Quote
			}
			switch r.Type {
			case relationSource:
				row.Sources = append(row.Sources, name)
			case relationTarget:
				row.Targets = append(row.Targets, name)
			}
		}
		if err := enc.Encode(row); err != nil {
			return nil, errorf("encode jsonl: annotation %q: %w", a.ID, err)
		}
	}
	return buf.Bytes(), nil
}

func optTime(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
