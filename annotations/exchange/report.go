package exchange

import (
	"strconv"
	"strings"
)

// Report says what a decoder could not keep as it was: each kind of thing
// it dropped or changed, with how many and the first places. A decoder
// never drops anything silently: what the model cannot hold is either kept
// (as a note, or in a field the encoder writes back) or listed here. The
// CLI prints the report's warnings on standard error, and --strict turns
// them into an error.
type Report struct {
	Warnings []Warning
	// doc is the index of the document being read, and each entry of all
	// one thing counted, so that [Report.Only] can give one document's.
	doc int
	all []counted
}

type counted struct {
	what, place string
	doc         int
}

// Warning is one kind of thing a decoder dropped or changed, such as
// "choices result dropped (about the whole task)".
type Warning struct {
	What  string
	Count int
	// Places are the first [maxPlaces] places, as "line 4" or a JSON path.
	Places []string
}

// maxPlaces is how many places a warning lists: enough to find the first
// few in an editor, short enough for one line of a terminal.
const maxPlaces = 3

// add counts one more what at place, in the document being read.
func (r *Report) add(what, place string) {
	if r == nil {
		return
	}
	r.all = append(r.all, counted{what, place, r.doc})
	r.count(what, place)
}

func (r *Report) count(what, place string) {
	for i := range r.Warnings {
		w := &r.Warnings[i]
		if w.What == what {
			w.Count++
			if len(w.Places) < maxPlaces && place != "" {
				w.Places = append(w.Places, place)
			}
			return
		}
	}
	w := Warning{What: what, Count: 1}
	if place != "" {
		w.Places = []string{place}
	}
	r.Warnings = append(r.Warnings, w)
}

// Only returns the warnings about the document at index i of what the
// decoder returned (a doccano line, a Label Studio task's annotation).
func (r *Report) Only(i int) *Report {
	o := &Report{}
	if r == nil {
		return o
	}
	for _, c := range r.all {
		if c.doc == i {
			o.all = append(o.all, c)
			o.count(c.what, c.place)
		}
	}
	return o
}

// IsEmpty reports whether nothing was dropped or changed.
func (r *Report) IsEmpty() bool { return r == nil || len(r.Warnings) == 0 }

// String writes the warning as one line: the count, what, and the first
// places, as in `2 × event sharing a trigger (line 4, line 9)`.
func (w Warning) String() string {
	s := strconv.Itoa(w.Count) + " × " + w.What
	if len(w.Places) > 0 {
		s += " (" + strings.Join(w.Places, ", ")
		if w.Count > len(w.Places) {
			s += ", …"
		}
		s += ")"
	}
	return s
}

// lineAt names line n of a file, as report places do.
func lineAt(n int) string { return "line " + strconv.Itoa(n) }
