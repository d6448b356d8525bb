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
//   - E lines (events) become their trigger's annotation, noted "brat
//     event", with one relation per role from the trigger to the argument
//     (an event as argument stands for its trigger). EncodeBrat writes such
//     an annotation back as a T and an E line. Two events on one trigger
//     share its relations, which the [Report] counts.
//   - "*" lines (equivalences, "*\tEquiv T1 T2 T3") become relations from
//     the first to each other, of a relation type whose description says it
//     is a brat equivalence, which EncodeBrat writes back as "*" lines.
//   - "#" AnnotatorNotes lines become notes, several joined by new lines;
//     a note on a relation or an event goes to its first argument or its
//     trigger, saying which relation it is about.
//   - A and M lines (attributes) become notes: "Name" or "Name: value".
//   - N lines (normalisations) become the entity, the name after the second
//     tab or the reference (such as "Wikipedia:534366") if none, and a note
//     "brat normalisation: Reference Wikipedia:534366" that keeps the
//     reference and that EncodeBrat writes back as the N line.
//
// What is written: one T line per annotation (split into fragments where
// its span crosses a line break, because brat lines cannot hold one), an R
// line per relation (an E line for an event, a "*" line for an
// equivalence), a "#" line per line of a note and an N line per entity.
// Orphans and conflict votes have no place in brat and are left out.

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
)

// Notes that the brat decoder writes and [EncodeBrat] reads back, to keep
// what the model has no field for.
const (
	bratEventNote = "brat event"
	bratNormNote  = "brat normalisation: "
	// bratEquivalence is the description of a relation type read from "*"
	// lines.
	bratEquivalence = "brat equivalence (* lines)"
)

// DecodeBrat reads a brat standoff annotation: text is the .txt file and
// ann the .ann file; name (the file name) becomes the document's source.
// See the top of brat.go for what is read; the report lists what was
// changed on the way. Errors are [PathError]s with the line of the .ann
// file.
func DecodeBrat(text string, ann []byte, name string) (*annotations.File, *Report, error) {
	if !utf8.ValidString(text) {
		return nil, nil, errors.New("brat: the text is not valid UTF-8")
	}
	if !utf8.Valid(ann) {
		return nil, nil, errors.New("brat: the annotation file is not valid UTF-8")
	}
	raw := newRawText(text)
	rep := &Report{}
	im := &importer{format: "brat", doc: annotations.NewDocument(text, "", name), rep: rep}
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
	type event struct {
		id, trigger string
		args        [][2]string // role, id
		line        int
	}
	var events []event
	rels := map[string]importLink{} // R and E ids, for notes on them
	equiv := map[string]bool{}      // relation types read from "*" lines
	lines := strings.Split(strings.TrimSuffix(string(ann), "\n"), "\n")
	for i, line := range lines {
		// Carriage returns ending a line are never content: a CRLF file's,
		// one ending the file, or more; kept, a note would lose them when
		// written back, line by line.
		line = strings.TrimRight(line, "\r")
		ln := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		fail := func(msg string) error { return importError("brat", ln, "", errors.New(msg)) }
		id, rest, _ := strings.Cut(line, "\t")
		if id == "" {
			return nil, nil, fail("no id before the first tab")
		}
		switch id[0] {
		case 'T':
			head, quote, _ := strings.Cut(rest, "\t")
			label, ranges, ok := strings.Cut(head, " ")
			// A brat type has no white space: a tab or a carriage return
			// around it is no part of the name, and one inside (a form
			// feed, a no-break space) makes no type brat would write.
			label = strings.TrimSpace(label)
			if !ok || label == "" {
				return nil, nil, fail("want \"T<n>\\t<type> <start> <end>\\t<text>\"")
			}
			if strings.ContainsFunc(label, unicode.IsSpace) {
				return nil, nil, fail("type " + strconv.Quote(label) + " holds white space, which a brat type cannot")
			}
			if _, dup := ts[id]; dup {
				return nil, nil, fail("id " + id + " is used twice")
			}
			frags := strings.Split(ranges, ";")
			var texts []string
			first := len(im.spans)
			for _, fr := range frags {
				ss, es, ok := strings.Cut(strings.TrimSpace(fr), " ")
				s, err1 := strconv.Atoi(ss)
				e, err2 := strconv.Atoi(es)
				if !ok || err1 != nil || err2 != nil {
					return nil, nil, fail("fragment " + strconv.Quote(fr) + " is not \"<start> <end>\"")
				}
				if s < 0 || e > len(raw.runes) || e <= s {
					_, _, err := raw.span(s, e)
					return nil, nil, fail(err.Error())
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
				return nil, nil, fail("the span " + ranges + " holds only line breaks")
			}
			// brat writes the text of a discontinuous annotation with its
			// fragments joined by a space.
			if got := strings.Join(texts, " "); quote != got && strings.ReplaceAll(quote, "\n", " ") != strings.ReplaceAll(got, "\n", " ") {
				return nil, nil, fail("the text is " + strconv.Quote(got) + " at " + ranges + ", not " + strconv.Quote(quote) +
					"; is the .ann file for this .txt file?")
			}
			ts[id] = tinfo{first: first, n: len(im.spans) - first}
		case 'R':
			// Any white space parts the type from the arguments: the type
			// is read as a brat type, which has none.
			fields := strings.Fields(rest)
			if len(fields) != 3 {
				return nil, nil, fail("want \"R<n>\\t<type> Arg1:<id> Arg2:<id>\"")
			}
			typ := fields[0]
			var ends [2]string
			for j, f := range fields[1:] {
				_, ref, ok := cutArg(f)
				if !ok || ref == "" {
					return nil, nil, fail("argument " + strconv.Quote(f) + " is not \"<role>:<id>\"")
				}
				ends[j] = ref
			}
			l := importLink{typ: typ, from: ends[0], to: ends[1], line: ln}
			rels[id] = l
			im.links = append(im.links, l)
		case 'E':
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				return nil, nil, fail("want \"E<n>\\t<type>:<trigger id> <role>:<id> ...\"")
			}
			ev := event{id: id, line: ln}
			for j, f := range fields {
				role, ref, ok := cutArg(f)
				if !ok || role == "" || ref == "" {
					return nil, nil, fail("argument " + strconv.Quote(f) + " is not \"<role>:<id>\"")
				}
				if j == 0 {
					ev.trigger = ref
					continue
				}
				ev.args = append(ev.args, [2]string{role, ref})
			}
			events = append(events, ev)
		case '*':
			fields := strings.Fields(rest)
			if len(fields) < 3 {
				return nil, nil, fail("want \"*\\t<type> <id> <id> ...\"")
			}
			equiv[fields[0]] = true
			for _, other := range fields[2:] {
				im.links = append(im.links, importLink{typ: fields[0], from: fields[1], to: other, line: ln})
			}
		case '#', 'A', 'M', 'N':
			later = append(later, pending{kind: id[:1], text: rest, line: ln})
		default:
			return nil, nil, fail("unknown annotation kind " + strconv.Quote(id[:1]))
		}
	}
	// An event is its trigger: an event id stands for the trigger's id
	// wherever it is an argument.
	trigger := map[string]string{}
	for _, ev := range events {
		if _, ok := ts[ev.trigger]; !ok {
			return nil, nil, importError("brat", ev.line, "", errors.New("no text-bound annotation has id "+strconv.Quote(ev.trigger)+" (the trigger of "+ev.id+")"))
		}
		if _, dup := trigger[ev.id]; dup {
			return nil, nil, importError("brat", ev.line, "", errors.New("id "+ev.id+" is used twice"))
		}
		trigger[ev.id] = ev.trigger
	}
	resolve := func(id string) string {
		// Events may be arguments of events; follow the chain, at most as
		// far as there are events.
		for range len(events) {
			t, ok := trigger[id]
			if !ok {
				break
			}
			id = t
		}
		return id
	}
	triggered := map[string]string{} // trigger id -> its first event
	for _, ev := range events {
		t := ts[ev.trigger]
		if first, ok := triggered[ev.trigger]; ok {
			rep.add("event sharing its trigger "+ev.trigger+" with "+first+": its roles join that event's", lineAt(ev.line))
		} else {
			triggered[ev.trigger] = ev.id
			for k := t.first; k < t.first+t.n; k++ {
				im.spans[k].notes = append(im.spans[k].notes, bratEventNote)
			}
		}
		for _, a := range ev.args {
			l := importLink{typ: a[0], from: ev.trigger, to: a[1], line: ev.line}
			im.links = append(im.links, l)
		}
		rels[ev.id] = importLink{typ: "event", from: ev.trigger, line: ev.line}
	}
	for i := range im.links {
		im.links[i].from, im.links[i].to = resolve(im.links[i].from), resolve(im.links[i].to)
	}
	// Notes, attributes and normalisations may come before their target.
	for _, p := range later {
		fail := func(msg string) error { return importError("brat", p.line, "", errors.New(msg)) }
		head, tail, hasTail := strings.Cut(p.text, "\t")
		fields := strings.Fields(head)
		if len(fields) < 2 {
			return nil, nil, fail("want \"<type> <target id> ...\"")
		}
		target, about := fields[1], ""
		if l, ok := rels[target]; ok && l.typ != "event" {
			// A note on a relation goes to its first argument, saying
			// which relation it is about.
			target, about = resolve(l.from), "on relation "+target+" ("+l.typ+" to "+resolve(l.to)+"): "
		} else if ok {
			target = resolve(target)
		}
		t, ok := ts[target]
		if !ok {
			return nil, nil, fail("no annotation has id " + strconv.Quote(fields[1]))
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
				return nil, nil, fail("want \"N<n>\\tReference <id> <db>:<ref>\\t<name>\"")
			}
			if about != "" {
				note = "normalisation " + strings.Join(fields[2:], " ") + " " + oneLine(tail)
				break
			}
			// The name is read as EncodeBrat writes it: on one line, with
			// single spaces.
			entity = fields[2]
			if name := oneLine(tail); hasTail && name != "" {
				entity = name
			}
			// The reference EncodeBrat makes up for an entity of ours says
			// nothing more than the entity.
			if fields[0] != "Reference" || fields[2] != "spanmark:"+strings.Join(strings.Fields(entity), "_") {
				note = bratNormNote + fields[0] + " " + strings.Join(fields[2:], " ")
			}
		}
		if note != "" || p.kind == "#" {
			note = about + note
		}
		for k := t.first; k < t.first+t.n; k++ {
			if note != "" || p.kind == "#" {
				im.spans[k].notes = append(im.spans[k].notes, note)
			}
			if entity != "" && im.spans[k].entity == "" {
				im.spans[k].entity = entity
			}
		}
	}
	f, err := im.build("")
	if err != nil {
		return nil, nil, err
	}
	for i, rt := range f.Schema.Relations {
		if equiv[rt.Name] {
			f.Schema.Relations[i].Description = bratEquivalence
		}
	}
	return f, rep, nil
}

// EncodeBrat writes f as a brat .txt text and .ann annotations; see the top
// of brat.go for what is kept. Labels and relation types are written by
// name (see [bratTypes]).
func EncodeBrat(f *annotations.File) (text string, ann []byte, err error) {
	if f == nil {
		return "", nil, errors.New("encode brat: no file")
	}
	if err := checkHasText(f, "encode brat"); err != nil {
		return "", nil, err
	}
	rs := []rune(f.Document.Text)
	var b strings.Builder
	labelType, relType := bratTypes(f.Schema)
	tid := map[string]string{}
	eid := map[string]string{} // annotation id -> E id, of event triggers
	nt, nn, nh, ne := 0, 0, 0, 0
	anns := slices.Clone(f.Annotations)
	slices.SortStableFunc(anns, func(x, y annotations.Annotation) int {
		return annotations.Compare(&x, &y)
	})
	for _, a := range anns {
		if a.Start < 0 || a.End > len(rs) || a.End <= a.Start {
			return "", nil, errors.New("encode brat: annotation " + strconv.Quote(a.ID) + ": span is outside the text")
		}
		label := labelType(a.Label)
		if strings.ContainsAny(label, " \t\n") {
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
		b.WriteString(id + "\t" + label + " " + strings.Join(ranges, ";") + "\t" + strings.Join(texts, " ") + "\n")
		// Note lines and normalisations are written in the note's order,
		// because a reader appends them to the note in file order.
		normalised := false
		if a.Note != "" {
			for _, l := range strings.Split(a.Note, "\n") {
				switch ref, isNorm := strings.CutPrefix(l, bratNormNote); {
				case l == bratEventNote:
					ne++
					eid[a.ID] = "E" + strconv.Itoa(ne)
				case isNorm && len(strings.Fields(ref)) == 2:
					nn++
					fs := strings.Fields(ref)
					b.WriteString("N" + strconv.Itoa(nn) + "\t" + fs[0] + " " + id + " " + fs[1] + "\t" + oneLine(a.Entity) + "\n")
					normalised = true
				default:
					nh++
					b.WriteString("#" + strconv.Itoa(nh) + "\tAnnotatorNotes " + id + "\t" + strings.ReplaceAll(l, "\t", " ") + "\n")
				}
			}
		}
		if a.Entity != "" && !normalised {
			// Says nothing but the entity, so its place among the notes
			// does not matter.
			nn++
			ref := strings.Join(strings.Fields(a.Entity), "_")
			b.WriteString("N" + strconv.Itoa(nn) + "\tReference " + id + " spanmark:" + ref + "\t" + oneLine(a.Entity) + "\n")
		}
	}
	ref := func(id string) string {
		if e, ok := eid[id]; ok {
			return e
		}
		return tid[id]
	}
	// An event's roles are the relations from its trigger, in file order.
	roles := map[string][]string{}
	labelOf := map[string]string{}
	for _, a := range anns {
		labelOf[a.ID] = labelType(a.Label)
	}
	nr, nq := 0, 0
	var rlines strings.Builder
	for _, r := range f.Relations {
		from, okF := tid[r.From]
		_, okT := tid[r.To]
		if !okF || !okT {
			continue
		}
		typ := relType(r.Type)
		rt, _ := f.Schema.Relation(r.Type)
		switch {
		case rt.Description == bratEquivalence:
			nq++
			rlines.WriteString("*\t" + typ + " " + from + " " + tid[r.To] + "\n")
		case eid[r.From] != "":
			roles[r.From] = append(roles[r.From], typ+":"+ref(r.To))
		default:
			nr++
			rlines.WriteString("R" + strconv.Itoa(nr) + "\t" + typ + " Arg1:" + ref(r.From) + " Arg2:" + ref(r.To) + "\n")
		}
	}
	for _, a := range anns {
		if e, ok := eid[a.ID]; ok {
			b.WriteString(e + "\t" + labelOf[a.ID] + ":" + tid[a.ID])
			for _, r := range roles[a.ID] {
				b.WriteString(" " + r)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString(rlines.String())
	return f.Document.Text, []byte(b.String()), nil
}

// bratTypes returns the brat type of each label and relation type of sch:
// its name, which brat shows. A brat type cannot hold white space, so a
// name with some has it replaced by "_", and a "-2", "-3"… where that
// would be another's type: "Named Place" beside "Named_Place" is written
// "Named_Place-2", never merged with it. Names without white space come
// first, so they are written as they are.
func bratTypes(sch annotations.Schema) (label, relation func(id string) string) {
	make := func(ids []string, name func(string) string) func(string) string {
		types := map[string]string{}
		taken := map[string]bool{}
		for pass := 0; pass < 2; pass++ {
			for _, id := range ids {
				n := name(id)
				spaced := strings.ContainsAny(n, " \t\n\r")
				if spaced != (pass == 1) {
					continue
				}
				t := strings.Join(strings.Fields(n), "_")
				if t == "" {
					t = id
				}
				base := t
				for k := 2; taken[t]; k++ {
					t = base + "-" + strconv.Itoa(k)
				}
				types[id], taken[t] = t, true
			}
		}
		return func(id string) string {
			if t, ok := types[id]; ok {
				return t
			}
			return id
		}
	}
	label = make(sch.LabelIDs(), func(id string) string { return labelName(sch, id) })
	relation = make(sch.RelationIDs(), func(id string) string { return relationName(sch, id) })
	return label, relation
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
func DecodeBratWithoutText(ann []byte, name string) (*annotations.File, *Report, error) {
	if !utf8.Valid(ann) {
		return nil, nil, errors.New("brat: the annotation file is not valid UTF-8")
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
				return nil, nil, importError("brat", i+1, "", errors.New("offset "+strconv.Itoa(e)+" is past any text this program reads"))
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
				return nil, nil, importError("brat", f.line, "", errors.New("the text of this line disagrees with an overlapping annotation's"))
			}
			text[f.start+k] = r
		}
	}
	f, rep, err := DecodeBrat(string(text), ann, name)
	if err != nil {
		return nil, nil, err
	}
	f.Document = annotations.FileDocument{Source: name, Length: end}
	for i := range f.Annotations {
		f.Annotations[i].Prefix, f.Annotations[i].Suffix = "", ""
	}
	return f, rep, nil
}

// checkHasText refuses a file that has annotations but no text, such as a
// W3C file or a brat .ann read alone: the other tools' formats need it.
func checkHasText(f *annotations.File, op string) error {
	if f.Document.Text == "" && len(f.Annotations) > 0 {
		return errors.New(op + ": the file holds no text; place its annotations in the article's text first")
	}
	return nil
}

// cutArg splits a relation's or event's argument, "<role>:<id>", at its
// last colon: a brat id never holds one, and a type may (an event's first
// argument is "<type>:<trigger id>").
func cutArg(f string) (role, id string, ok bool) {
	i := strings.LastIndexByte(f, ':')
	if i < 0 {
		return f, "", false
	}
	return f[:i], f[i+1:], true
}
