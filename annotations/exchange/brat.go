package exchange

// This file reads and writes brat standoff annotations (a .txt file with
// the text and a .ann file beside it).
//
// brat's format is described at https://brat.nlplab.org/standoff.html.
// Offsets are characters of the .txt file as Python reads it, that is code
// points, half-open: the same unit as ours. brat reads the text as it is,
// so a text with CRLF line endings counts the CR; we map such offsets to
// the normalised text (see [rawText]).
//
// What is read:
//   - T lines (text-bound annotations) become annotations. A discontinuous
//     one ("T1\tLabel 0 5;10 15\t...") becomes one annotation per fragment,
//     each with the note "brat T1: fragment i of n"; relations to it go to
//     its first fragment.
//   - R lines become relations; the first argument is From, the second To.
//   - "#" AnnotatorNotes lines become notes, several joined by new lines.
//   - A and M lines (attributes) become notes: "Name" or "Name: value".
//   - N lines (normalisations) become the entity: the name after the
//     second tab, or the reference (such as "Wikipedia:534366") if none.
//   - E (event) and "*" (equivalence) lines cannot be represented and are
//     refused with an error that names the line.
//
// What is written: one T line per annotation (split into fragments where
// its span crosses a line break, because brat lines cannot hold one), an R
// line per relation, a "#" line per line of a note and an N line per
// entity. Orphans and conflict votes have no place in brat and are left out.

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
)

// DecodeBrat reads a brat standoff annotation: text is the .txt file and
// ann the .ann file; name (the file name) becomes the document's source.
// See the top of brat.go for what is read. Errors are [PathError]s with
// the line of the .ann file.
func DecodeBrat(text string, ann []byte, name string) (*annotations.File, error) {
	if !utf8.ValidString(text) {
		return nil, errors.New("brat: the text is not valid UTF-8")
	}
	if !utf8.Valid(ann) {
		return nil, errors.New("brat: the annotation file is not valid UTF-8")
	}
	raw := newRawText(text)
	im := &importer{format: "brat", doc: annotations.NewDocument(text, "", name)}
	type tinfo struct {
		first int // index in im.spans of its first fragment
		n     int
	}
	ts := map[string]tinfo{}
	type pending struct {
		kind, text string
		line       int
	}
	var later []pending
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(ann), "\r\n", "\n"), "\n"), "\n")
	for i, line := range lines {
		ln := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		fail := func(msg string) error { return importError("brat", ln, "", errors.New(msg)) }
		id, rest, _ := strings.Cut(line, "\t")
		if id == "" {
			return nil, fail("no id before the first tab")
		}
		switch id[0] {
		case 'T':
			head, quote, _ := strings.Cut(rest, "\t")
			label, ranges, ok := strings.Cut(head, " ")
			if !ok || label == "" {
				return nil, fail("want \"T<n>\\t<type> <start> <end>\\t<text>\"")
			}
			if _, dup := ts[id]; dup {
				return nil, fail("id " + id + " is used twice")
			}
			frags := strings.Split(ranges, ";")
			var texts []string
			first := len(im.spans)
			for _, fr := range frags {
				ss, es, ok := strings.Cut(strings.TrimSpace(fr), " ")
				s, err1 := strconv.Atoi(ss)
				e, err2 := strconv.Atoi(es)
				if !ok || err1 != nil || err2 != nil {
					return nil, fail("fragment " + strconv.Quote(fr) + " is not \"<start> <end>\"")
				}
				if s < 0 || e > len(raw.runes) || e <= s {
					_, _, err := raw.span(s, e)
					return nil, fail(err.Error())
				}
				texts = append(texts, string(raw.runes[s:e]))
				// A fragment over a line break is cut there, as EncodeBrat
				// writes it, so that reading what was written gives the
				// same spans.
				ns, ne, _ := raw.span(s, e)
				for _, piece := range splitLines(im.doc.Runes(), ns, ne) {
					im.spans = append(im.spans, importSpan{key: id, label: label, start: piece[0], end: piece[1], line: ln})
				}
			}
			if n := len(im.spans) - first; n > 1 {
				for k := first; k < len(im.spans); k++ {
					im.spans[k].notes = []string{"brat " + id + ": fragment " + strconv.Itoa(k-first+1) + " of " + strconv.Itoa(n)}
				}
			}
			if len(im.spans) == first {
				return nil, fail("the span " + ranges + " holds only line breaks")
			}
			// brat writes the text of a discontinuous annotation with its
			// fragments joined by a space.
			if got := strings.Join(texts, " "); quote != got && strings.ReplaceAll(quote, "\n", " ") != strings.ReplaceAll(got, "\n", " ") {
				return nil, fail("the text is " + strconv.Quote(got) + " at " + ranges + ", not " + strconv.Quote(quote) +
					"; is the .ann file for this .txt file?")
			}
			ts[id] = tinfo{first: first, n: len(im.spans) - first}
		case 'R':
			typ, args, _ := strings.Cut(strings.TrimSpace(rest), " ")
			fields := strings.Fields(args)
			if typ == "" || len(fields) != 2 {
				return nil, fail("want \"R<n>\\t<type> Arg1:<id> Arg2:<id>\"")
			}
			var ends [2]string
			for j, f := range fields {
				_, ref, ok := strings.Cut(f, ":")
				if !ok || ref == "" {
					return nil, fail("argument " + strconv.Quote(f) + " is not \"<role>:<id>\"")
				}
				ends[j] = ref
			}
			im.links = append(im.links, importLink{typ: typ, from: ends[0], to: ends[1], line: ln})
		case '#', 'A', 'M', 'N':
			later = append(later, pending{kind: id[:1], text: rest, line: ln})
		case 'E':
			return nil, fail("event annotations (E lines) are not supported")
		case '*':
			return nil, fail("equivalence annotations (* lines) are not supported")
		default:
			return nil, fail("unknown annotation kind " + strconv.Quote(id[:1]))
		}
	}
	// Notes, attributes and normalisations may come before their target.
	for _, p := range later {
		fail := func(msg string) error { return importError("brat", p.line, "", errors.New(msg)) }
		head, tail, hasTail := strings.Cut(p.text, "\t")
		fields := strings.Fields(head)
		if len(fields) < 2 {
			return nil, fail("want \"<type> <target id> ...\"")
		}
		t, ok := ts[fields[1]]
		if !ok {
			return nil, fail("no text-bound annotation has id " + strconv.Quote(fields[1]))
		}
		var note, entity string
		switch p.kind {
		case "#":
			// A tab in a note is written as a space, so read it as one.
			note = strings.ReplaceAll(tail, "\t", " ")
		case "A", "M":
			note = fields[0]
			if len(fields) > 2 {
				note += ": " + strings.Join(fields[2:], " ")
			}
		case "N":
			if len(fields) < 3 {
				return nil, fail("want \"N<n>\\tReference <id> <db>:<ref>\\t<name>\"")
			}
			entity = fields[2]
			if hasTail && strings.TrimSpace(tail) != "" {
				entity = tail
			}
		}
		for k := t.first; k < t.first+t.n; k++ {
			if note != "" || p.kind == "#" {
				im.spans[k].notes = append(im.spans[k].notes, note)
			}
			if entity != "" {
				im.spans[k].entity = entity
			}
		}
	}
	return im.build("")
}

// EncodeBrat writes f as a brat .txt text and .ann annotations; see the top
// of brat.go for what is kept.
func EncodeBrat(f *annotations.File) (text string, ann []byte, err error) {
	if f == nil {
		return "", nil, errors.New("encode brat: no file")
	}
	if err := checkHasText(f, "encode brat"); err != nil {
		return "", nil, err
	}
	rs := []rune(f.Document.Text)
	var b strings.Builder
	tid := map[string]string{}
	nt, nn, nh := 0, 0, 0
	anns := slices.Clone(f.Annotations)
	slices.SortStableFunc(anns, func(x, y annotations.Annotation) int {
		return annotations.Compare(&x, &y)
	})
	for _, a := range anns {
		if a.Start < 0 || a.End > len(rs) || a.End <= a.Start {
			return "", nil, errors.New("encode brat: annotation " + strconv.Quote(a.ID) + ": span is outside the text")
		}
		if strings.ContainsAny(a.Label, " \t\n") {
			return "", nil, errors.New("encode brat: label " + strconv.Quote(a.Label) + " has white space")
		}
		// Fragments: the span without its line breaks.
		var ranges, texts []string
		for _, p := range splitLines(rs, a.Start, a.End) {
			ranges = append(ranges, strconv.Itoa(p[0])+" "+strconv.Itoa(p[1]))
			texts = append(texts, string(rs[p[0]:p[1]]))
		}
		if len(ranges) == 0 {
			continue // only line breaks: brat cannot hold it
		}
		nt++
		id := "T" + strconv.Itoa(nt)
		tid[a.ID] = id
		b.WriteString(id + "\t" + a.Label + " " + strings.Join(ranges, ";") + "\t" + strings.Join(texts, " ") + "\n")
		if a.Entity != "" {
			nn++
			ref := strings.Join(strings.Fields(a.Entity), "_")
			b.WriteString("N" + strconv.Itoa(nn) + "\tReference " + id + " spanmark:" + ref + "\t" + oneLine(a.Entity) + "\n")
		}
		if a.Note != "" {
			for _, l := range strings.Split(a.Note, "\n") {
				nh++
				b.WriteString("#" + strconv.Itoa(nh) + "\tAnnotatorNotes " + id + "\t" + strings.ReplaceAll(l, "\t", " ") + "\n")
			}
		}
	}
	nr := 0
	for _, r := range f.Relations {
		from, okF := tid[r.From]
		to, okT := tid[r.To]
		if !okF || !okT {
			continue
		}
		nr++
		b.WriteString("R" + strconv.Itoa(nr) + "\t" + r.Type + " Arg1:" + from + " Arg2:" + to + "\n")
	}
	return f.Document.Text, []byte(b.String()), nil
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// splitLines cuts [start, end) of rs at line breaks, leaving them out, and
// returns the non-empty pieces.
func splitLines(rs []rune, start, end int) [][2]int {
	var out [][2]int
	s := start
	for k := start; k <= end; k++ {
		if k == end || rs[k] == '\n' {
			if k > s {
				out = append(out, [2]int{s, k})
			}
			s = k + 1
		}
	}
	return out
}

// DecodeBratWithoutText reads a brat .ann file without its .txt file, as
// the CLI does when it is given the .ann file alone: each annotation's
// quote is taken from the .ann line (fragments of a discontinuous one are
// cut out of it by their lengths, as brat joins them with a space). The
// file holds no text: Document.Text is empty and Document.Length is the end
// of the last span. Place it in the article's text with [anchor.Place],
// which checks every quote at its offsets.
func DecodeBratWithoutText(ann []byte, name string) (*annotations.File, error) {
	if !utf8.Valid(ann) {
		return nil, errors.New("brat: the annotation file is not valid UTF-8")
	}
	// Build a stand-in text that holds each quote at its offsets and
	// spaces elsewhere, and read the file against it.
	type frag struct {
		start int
		text  []rune
		line  int
	}
	var frags []frag
	end := 0
	lines := strings.Split(strings.ReplaceAll(string(ann), "\r\n", "\n"), "\n")
	for i, line := range lines {
		id, rest, _ := strings.Cut(line, "\t")
		if id == "" || id[0] != 'T' {
			continue
		}
		head, quote, _ := strings.Cut(rest, "\t")
		_, ranges, _ := strings.Cut(head, " ")
		q := []rune(quote)
		for _, fr := range strings.Split(ranges, ";") {
			ss, es, _ := strings.Cut(strings.TrimSpace(fr), " ")
			s, err1 := strconv.Atoi(ss)
			e, err2 := strconv.Atoi(es)
			if err1 != nil || err2 != nil || s < 0 || e <= s || e-s > len(q) {
				break // DecodeBrat below names the problem
			}
			// 16 million code points is five times War and Peace; a larger
			// offset is a broken file, and the stand-in text would be huge.
			if e > 1<<24 {
				return nil, importError("brat", i+1, "", errors.New("offset "+strconv.Itoa(e)+" is past any text this program reads"))
			}
			frags = append(frags, frag{s, q[:e-s], i + 1})
			end = max(end, e)
			q = q[min(len(q), e-s+1):]
		}
	}
	text := []rune(strings.Repeat(" ", end))
	for _, f := range frags {
		for k, r := range f.text {
			if r == '\n' || r == '\r' {
				r = ' '
			}
			if text[f.start+k] != ' ' && text[f.start+k] != r {
				return nil, importError("brat", f.line, "", errors.New("the text of this line disagrees with an overlapping annotation's"))
			}
			text[f.start+k] = r
		}
	}
	f, err := DecodeBrat(string(text), ann, name)
	if err != nil {
		return nil, err
	}
	f.Document = annotations.FileDocument{Source: name, Length: end}
	for i := range f.Annotations {
		f.Annotations[i].Prefix, f.Annotations[i].Suffix = "", ""
	}
	return f, nil
}

// checkHasText refuses a file that has annotations but no text, such as a
// W3C file or a brat .ann read alone: the other tools' formats need it.
func checkHasText(f *annotations.File, op string) error {
	if f.Document.Text == "" && len(f.Annotations) > 0 {
		return errors.New(op + ": the file holds no text; place its annotations in the article's text first")
	}
	return nil
}
