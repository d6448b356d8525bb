package annotations

import (
	"cmp"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Annotation is a labelled span of the document text.
type Annotation struct {
	// ID is unique within a document, such as "a12".
	ID string `json:"id"`
	// Label is the id of a [Label] of the schema.
	Label string `json:"label"`
	// Start and End are code point offsets into the document text, half-open.
	Start int `json:"start"`
	End   int `json:"end"`
	// Quote is the text in [Start, End). Prefix and Suffix are up to
	// [ContextLen] code points before and after it; with Quote they let the
	// span be found again in an edited text.
	Quote  string `json:"quote"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	// Entity is a canonical name, mainly for actors, so that "Lavrov" and
	// "Russia's foreign minister" can be counted as one actor.
	Entity string `json:"entity,omitempty"`
	// Note is free text the annotator wrote about the span.
	Note string `json:"note,omitempty"`
	// Conflict is set on annotations that a merge of several annotators'
	// files could not settle; it records who said what.
	Conflict *Conflict `json:"conflict,omitempty"`
	// Created and Modified are when the annotation was made and last
	// changed, to the second.
	Created  Time `json:"created"`
	Modified Time `json:"modified"`
}

// Conflict records, for a merged annotation, which annotators agreed with
// it and what the others said, so a person can adjudicate it.
type Conflict struct {
	// Votes lists each annotator's view of this span.
	Votes []Vote `json:"votes"`
}

// Vote is one annotator's label for a span in a merge; an empty Label means
// the annotator did not mark the span.
type Vote struct {
	Annotator string `json:"annotator"`
	Label     string `json:"label,omitempty"`
}

// Relation links two annotations, such as a claim to the actor who made it.
type Relation struct {
	// ID is unique within a document, such as "r3".
	ID string `json:"id"`
	// Type is the id of a [RelationType] of the schema.
	Type string `json:"type"`
	// From and To are annotation ids.
	From string `json:"from"`
	To   string `json:"to"`
}

// Selector returns the annotation's quote and position as a [Selector].
func (a Annotation) Selector() Selector {
	return Selector{Exact: a.Quote, Prefix: a.Prefix, Suffix: a.Suffix, Start: a.Start, End: a.End}
}

// Len returns the length of the span in code points.
func (a Annotation) Len() int { return a.End - a.Start }

// Compare orders annotations by start, then end, then label, then id (the
// order of files and lists), returning -1, 0 or +1 as [strings.Compare]
// does, so that it serves [slices.SortStableFunc] directly.
func Compare(a, b *Annotation) int {
	switch {
	case a.Start != b.Start:
		return cmp.Compare(a.Start, b.Start)
	case a.End != b.End:
		return cmp.Compare(a.End, b.End)
	case a.Label != b.Label:
		return strings.Compare(a.Label, b.Label)
	}
	return CompareIDs(a.ID, b.ID)
}

// CompareIDs orders ids with a numeric tail numerically, so "a9" < "a10".
func CompareIDs(a, b string) int {
	pa, na := splitID(a)
	pb, nb := splitID(b)
	if pa != pb || na < 0 || nb < 0 {
		return strings.Compare(a, b)
	}
	switch {
	case na < nb:
		return -1
	case na > nb:
		return 1
	}
	return strings.Compare(a, b)
}

// splitID splits "a12" into "a" and 12; n is -1 when there is no numeric
// tail or it is too long to be a counter.
func splitID(id string) (prefix string, n int) {
	i := len(id)
	for i > 0 && id[i-1] >= '0' && id[i-1] <= '9' {
		i--
	}
	if i == len(id) || len(id)-i > 9 {
		return id, -1
	}
	n = 0
	for _, c := range id[i:] {
		n = n*10 + int(c-'0')
	}
	return id[:i], n
}

// Time is an instant in whole seconds since the Unix epoch, as Spanmark
// records when work was made and changed; zero means not recorded (so the
// epoch itself, 1970-01-01T00:00:00Z, reads as not recorded). It is
// not a time.Time because the browser program sorts and clones annotations
// with generic functions, and the linker counts a generic's type
// arguments, with every field they hold, as converted to an interface: a
// time.Time so converted keeps its String method, and with it time's
// general formatter and time zone code, about 22 KB of gzipped
// WebAssembly.
type Time int64

// TimeOf returns t to the second; the zero time.Time gives zero.
func TimeOf(t time.Time) Time {
	if t.IsZero() {
		return 0
	}
	return Time(t.Unix())
}

// UTC returns t as a time.Time in UTC; zero gives the zero time.Time.
func (t Time) UTC() time.Time {
	if t == 0 {
		return time.Time{}
	}
	return time.Unix(int64(t), 0).UTC()
}

// IsZero reports whether t is not recorded.
func (t Time) IsZero() bool { return t == 0 }

// MarshalText writes t as RFC 3339 in UTC ("2026-12-03T09:30:00Z"), or
// nothing when zero, as the file formats write it; so encoding/json, in
// scripts and tests that read the page's JSON, reads and writes times as
// strings.
func (t Time) MarshalText() ([]byte, error) {
	if t.IsZero() {
		return nil, nil
	}
	return []byte(lite.FormatTime(t.UTC())), nil
}

// UnmarshalText reads what [Time.MarshalText] writes, or any RFC 3339 time,
// to the second.
func (t *Time) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*t = 0
		return nil
	}
	tm, ok := lite.ParseTime(string(b))
	if !ok {
		return errors.New("time " + strconv.Quote(string(b)) + " is not RFC 3339, such as \"2025-02-18T09:30:00Z\"")
	}
	*t = TimeOf(tm)
	return nil
}
