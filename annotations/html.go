package annotations

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file renders a paragraph and its highlights as one HTML string, so
// that the browser adapter can repaint a paragraph with a single DOM write.
// The element classes and attributes it writes are the page's test hooks,
// documented in docs/api.md and styled by web/style.css (whose layer and
// slot classes, "k0-l1" and so on, must match [MaxLayers] and [LabelSlots]).

// MaxLayers is how many nested highlights a run of text shows as separate
// underlines; deeper nesting still lists every id in data-ids.
const MaxLayers = 4

// LabelSlots is how many label styles the stylesheet defines; a schema's
// label i takes slot i mod LabelSlots.
const LabelSlots = 8

// AppendEscaped appends s to b with the five characters that matter in HTML
// text and quoted attribute values (& < > " ') replaced by references.
// It is the only way untrusted text enters the HTML that [Highlighter]
// writes. It is a few lines instead of html.EscapeString, which would
// bring a 100 KB entity table into the browser build.
func AppendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '"':
			rep = "&#34;"
		case '\'':
			rep = "&#39;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// appendEscapedRunes is [AppendEscaped] for text held as code points, so
// that rendering a paragraph allocates no string per run.
func appendEscapedRunes(b []byte, rs []rune) []byte {
	for _, r := range rs {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			b = append(b, "&#34;"...)
		case '\'':
			b = append(b, "&#39;"...)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// Highlighter renders paragraphs of a document with the highlights of a
// schema's labels. Make one with [NewHighlighter] per schema.
type Highlighter struct {
	slot  map[string]int
	badge map[string]string
	name  map[string]string
}

// NewHighlighter returns a highlighter for the labels of s.
func NewHighlighter(s Schema) *Highlighter {
	h := &Highlighter{slot: map[string]int{}, badge: map[string]string{}, name: map[string]string{}}
	for i, l := range s.Labels {
		h.slot[l.ID] = i % LabelSlots
		h.badge[l.ID] = Badge(l)
		h.name[l.ID] = l.Name
	}
	return h
}

// Badge returns the letter shown beside a highlight of label l, so that a
// label is never told by colour alone: the first letter of its name (or of
// its id), upper-cased.
func Badge(l Label) string {
	n := l.Name
	if n == "" {
		n = l.ID
	}
	r, _ := utf8.DecodeRuneInString(n)
	if r == utf8.RuneError {
		return "?"
	}
	return string(unicode.ToUpper(r))
}

// Slot returns the style slot of label id, or -1 for a label the schema
// does not know.
func (h *Highlighter) Slot(id string) int {
	if s, ok := h.slot[id]; ok {
		return s
	}
	return -1
}

// ariaQuoteLen bounds the quote in a highlight's aria-label: enough to tell
// highlights apart when a screen reader lists them, short enough to listen to.
const ariaQuoteLen = 60

// AppendParagraph appends the inner HTML of the paragraph [start, end) of
// text rs: plain runs as escaped text and every run covered by annotations
// as
//
//	<span class="hl d2 k0-l0 k1-l2 in-l2" data-ids="a1 a3" data-first="a3"
//	  tabindex="-1" role="button" aria-label="Claim: …" data-badge="C">text</span>
//
// where data-ids lists the covering annotations outermost first (as
// [Segments] orders them), kN-lS says that layer N is drawn in label slot
// S, in-lS names the innermost label's slot, f-lS the slot of the
// annotation that starts at the run (for its badge), and dN is the depth.
// The run where annotations start lists their ids in data-first,
// outermost first, and is the focus of the first of them; each of the
// others also gets an empty focusable marker span.mk[data-first=id] just
// before the run, so that every annotation has a place to move focus to.
// The badges of the markers and the run stand in a row, in that order:
// the class bN of a marker or the run puts its badge N places along.
// Other runs have role "mark". Runs covering selected get the class
// "sel"; runs covering an annotation with a [Conflict] get "cf".
// anns are the annotations touching the paragraph, as [Set.InParagraph]
// returns them.
func (h *Highlighter) AppendParagraph(b []byte, rs []rune, start, end int, anns []Annotation, selected string) []byte {
	byID := make(map[string]*Annotation, len(anns))
	for i := range anns {
		byID[anns[i].ID] = &anns[i]
	}
	for _, sg := range Segments(start, end, anns) {
		text := rs[sg.Start:sg.End]
		if len(sg.IDs) == 0 {
			b = appendEscapedRunes(b, text)
			continue
		}
		// Annotations starting here, outermost first.
		var starts []*Annotation
		for _, id := range sg.IDs {
			// An annotation whose start lies in white space before the
			// paragraph (possible in an imported file) starts at its first run.
			if a := byID[id]; a.Start == sg.Start || sg.Start == start && a.Start < start && isSpaceRunes(rs[max(0, a.Start):start]) {
				starts = append(starts, a)
			}
		}
		for i := 1; i < len(starts); i++ {
			b = append(b, `<span class="mk`...)
			b = h.appendSlotClass(b, " in-l", starts[i].Label)
			b = appendPlace(b, i-1)
			b = append(b, '"')
			b = h.appendFocus(b, rs, starts[i:i+1], false, sg.IDs, byID)
			b = append(b, `></span>`...)
		}
		b = append(b, `<span class="hl d`...)
		b = strconv.AppendInt(b, int64(min(len(sg.IDs), MaxLayers)), 10)
		for k, id := range sg.IDs {
			if k == MaxLayers {
				break
			}
			b = h.appendSlotClass(b, " k"+strconv.Itoa(k)+"-l", byID[id].Label)
		}
		b = h.appendSlotClass(b, " in-l", byID[sg.IDs[len(sg.IDs)-1]].Label)
		if len(starts) > 0 {
			b = h.appendSlotClass(b, " f-l", starts[0].Label)
			b = appendPlace(b, len(starts)-1)
		}
		sel, cf := false, false
		for _, id := range sg.IDs {
			sel = sel || id == selected
			cf = cf || byID[id].Conflict != nil
		}
		if sel {
			b = append(b, " sel"...)
		}
		if cf {
			b = append(b, " cf"...)
		}
		b = append(b, `" data-ids="`...)
		for k, id := range sg.IDs {
			if k > 0 {
				b = append(b, ' ')
			}
			b = AppendEscaped(b, id)
		}
		b = append(b, '"')
		if len(starts) > 0 {
			b = h.appendFocus(b, rs, starts, true, sg.IDs, byID)
		} else {
			b = append(b, ` role="mark"`...)
		}
		b = append(b, '>')
		b = appendEscapedRunes(b, text)
		b = append(b, "</span>"...)
	}
	return b
}

// appendPlace appends the class " bN" that puts a badge N places along
// the row of the badges starting at one place, if N > 0.
func appendPlace(b []byte, n int) []byte {
	if n == 0 {
		return b
	}
	b = append(b, " b"...)
	return strconv.AppendInt(b, int64(n), 10)
}

func (h *Highlighter) appendSlotClass(b []byte, prefix, label string) []byte {
	s, ok := h.slot[label]
	if !ok {
		return b
	}
	b = append(b, prefix...)
	return strconv.AppendInt(b, int64(s), 10)
}

// appendFocus appends the attributes of the element that takes focus for
// starts[0]; with all, data-first lists the ids of all of starts. Its
// accessible name names starts[0] and then every other annotation of
// covering (the run's, outermost first) from the innermost out, each with
// its label and quote, so that a screen reader announces them all. It is
// a button (Enter opens it) out of the tab order: the article is the one
// tab stop, and keys move focus between highlights (wasm/keys.go).
func (h *Highlighter) appendFocus(b []byte, rs []rune, starts []*Annotation, all bool, covering []string, byID map[string]*Annotation) []byte {
	a := starts[0]
	b = append(b, ` data-first="`...)
	b = AppendEscaped(b, a.ID)
	for _, o := range starts[1:] {
		if !all {
			break
		}
		b = append(b, ' ')
		b = AppendEscaped(b, o.ID)
	}
	b = append(b, `" tabindex="-1" role="button" aria-label="`...)
	b = h.appendName(b, rs, a)
	for i := len(covering) - 1; i >= 0; i-- {
		if o := byID[covering[i]]; o != nil && o != a {
			b = append(b, "; also "...)
			b = h.appendName(b, rs, o)
		}
	}
	b = append(b, `" data-badge="`...)
	badge, ok := h.badge[a.Label]
	if !ok {
		badge = "?"
	}
	b = AppendEscaped(b, badge)
	return append(b, '"')
}

// appendName appends "Label: quote" for a, the quote clipped to
// ariaQuoteLen, escaped for an attribute.
func (h *Highlighter) appendName(b []byte, rs []rune, a *Annotation) []byte {
	name, ok := h.name[a.Label]
	if !ok {
		name = a.Label
	}
	b = AppendEscaped(b, name)
	b = append(b, ": "...)
	q := rs[max(0, min(a.Start, len(rs))):max(0, min(a.End, len(rs)))]
	if len(q) > ariaQuoteLen {
		b = appendEscapedRunes(b, q[:ariaQuoteLen-1])
		b = append(b, "…"...)
	} else {
		b = appendEscapedRunes(b, q)
	}
	if a.Conflict != nil {
		b = append(b, " (conflict)"...)
	}
	return b
}

func isSpaceRunes(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// droppedElements are the elements whose content is no text of an
// article: [HTMLSkeleton] drops them whole.
var droppedElements = []string{"script", "style", "template", "noscript", "svg", "math", "iframe", "object", "embed", "textarea", "select", "head"}

// HTMLSkeleton returns src with every tag stripped of its attributes and
// without comments, processing instructions and the elements in
// droppedElements (with their content), except that <title> is kept. It
// prepares a saved web page for the browser's parser when only its text
// is wanted: what remains can load, run and style nothing, so parsing it
// under the page's Content-Security-Policy raises no violation. It is not
// a sanitizer for markup to be shown: the result is only ever read as
// text.
func HTMLSkeleton(src string) string {
	var b strings.Builder
	b.Grow(len(src))
	low := asciiLower(src)
	for i := 0; i < len(src); {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			b.WriteString(src[i:])
			break
		}
		b.WriteString(src[i : i+lt])
		i += lt
		switch {
		case strings.HasPrefix(src[i:], "<!--"):
			end := strings.Index(src[i+4:], "-->")
			if end < 0 {
				return b.String()
			}
			i += 4 + end + 3
			continue
		case strings.HasPrefix(src[i:], "<!") || strings.HasPrefix(src[i:], "<?"):
			end := strings.IndexByte(src[i:], '>')
			if end < 0 {
				return b.String()
			}
			i += end + 1
			continue
		}
		// A tag: <name ...> or </name ...>.
		j := i + 1
		closing := j < len(src) && src[j] == '/'
		if closing {
			j++
		}
		k := j
		for k < len(src) && isTagNameByte(src[k]) {
			k++
		}
		if k == j {
			b.WriteString("&lt;") // a lone '<' in text
			i++
			continue
		}
		name := low[j:k]
		end := tagEnd(src, k)
		if end < 0 {
			return b.String()
		}
		if !closing && slices.Contains(droppedElements, name) && name != "head" {
			// Skip to the matching close tag; an unclosed one swallows the
			// rest, as the browser's parser would.
			c := strings.Index(low[end:], "</"+name)
			if c < 0 {
				return b.String()
			}
			ce := tagEnd(src, end+c+2+len(name))
			if ce < 0 {
				return b.String()
			}
			i = ce
			continue
		}
		if name == "head" {
			// Keep the title out of the head; drop the rest of it.
			if !closing {
				if t := strings.Index(low[end:], "<title"); t >= 0 {
					if h := strings.Index(low[end:], "</head"); h < 0 || t < h {
						te := tagEnd(src, end+t+6)
						tc := strings.Index(low[max(te, 0):], "</title")
						if te >= 0 && tc >= 0 {
							b.WriteString("<title>")
							b.WriteString(strings.ReplaceAll(src[te:te+tc], "<", "&lt;"))
							b.WriteString("</title>")
						}
					}
				}
				if h := strings.Index(low[end:], "</head"); h >= 0 {
					if he := tagEnd(src, end+h+6); he >= 0 {
						i = he
						continue
					}
				}
			}
			i = end
			continue
		}
		b.WriteByte('<')
		if closing {
			b.WriteByte('/')
		}
		b.WriteString(name)
		b.WriteByte('>')
		i = end
	}
	return b.String()
}

// asciiLower lower-cases ASCII letters only, so that offsets into the
// result are offsets into s (strings.ToLower may change byte lengths).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func isTagNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == ':'
}

// tagEnd returns the offset just past the '>' that ends the tag whose
// attributes start at i, skipping quoted values, or -1.
func tagEnd(s string, i int) int {
	var quote byte
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return -1
}
