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

// add counts one more what at place.
func (r *Report) add(what, place string) {
	if r == nil {
		return
	}
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

// addAll adds the warnings of o to r, prefixing each place with prefix.
func (r *Report) addAll(o *Report, prefix string) {
	if r == nil || o == nil {
		return
	}
	for _, w := range o.Warnings {
		for i := 0; i < w.Count; i++ {
			p := ""
			if i < len(w.Places) {
				p = prefix + w.Places[i]
			}
			r.add(w.What, p)
		}
	}
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
