package annotations

import (
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// Document is a text as loaded, with its identity and paragraphs.
// A Document is immutable once made; use [NewDocument].
type Document struct {
	// ID is "sha256:" followed by the hex SHA-256 of the UTF-8 text.
	ID string
	// Title defaults to the first non-empty line of the text.
	Title string
	// Source says where the text came from: "sample", a file name or a URL.
	Source string
	// Text is the normalised text: no BOM, LF line endings.
	Text string

	runes []rune
	paras []Paragraph
}

// Paragraph is a range of the document text, in code points, half-open.
// Paragraphs are the non-empty lines of the text.
type Paragraph struct {
	Start, End int
}

// NewDocument normalises text with [Normalize] and returns its document.
// An empty title is replaced by the first non-empty line, trimmed.
func NewDocument(text, title, source string) *Document {
	text = Normalize(text)
	d := &Document{Text: text, Source: source, runes: []rune(text)}
	d.ID = DocumentID(text)
	d.paras = splitParagraphs(d.runes)
	d.Title = strings.TrimSpace(title)
	if d.Title == "" {
		for _, p := range d.paras {
			if t := strings.TrimSpace(string(d.runes[p.Start:p.End])); t != "" {
				d.Title = t
				break
			}
		}
	}
	const maxTitle = 200 // code points; a title is a label, not a paragraph
	if utf8.RuneCountInString(d.Title) > maxTitle {
		d.Title = string([]rune(d.Title)[:maxTitle-1]) + "…"
	}
	return d
}

// Normalize strips a leading byte order mark, turns CRLF and lone CR into LF
// and replaces invalid UTF-8 with U+FFFD. Nothing else is changed, so offsets
// into a normalised text stay valid for the user's file once its line endings
// are LF.
func Normalize(text string) string {
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return text
}

func splitParagraphs(rs []rune) []Paragraph {
	var ps []Paragraph
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i == len(rs) || rs[i] == '\n' {
			if i > start {
				ps = append(ps, Paragraph{start, i})
			}
			start = i + 1
		}
	}
	return ps
}

// Len returns the length of the text in code points.
func (d *Document) Len() int { return len(d.runes) }

// Runes returns the text as code points. The caller must not modify it.
func (d *Document) Runes() []rune { return d.runes }

// Slice returns the text in [start, end), clamped to the text.
func (d *Document) Slice(start, end int) string {
	start = max(0, min(start, len(d.runes)))
	end = max(start, min(end, len(d.runes)))
	return string(d.runes[start:end])
}

// Paragraphs returns the document's paragraphs in order. The caller must not
// modify the slice.
func (d *Document) Paragraphs() []Paragraph { return d.paras }

// ParagraphAt returns the index of the paragraph that contains code point
// offset off, or of the first paragraph after it when off is on a blank
// line; it returns len(Paragraphs()) when there is none after.
func (d *Document) ParagraphAt(off int) int {
	lo, hi := 0, len(d.paras)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.paras[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// ParagraphsIn returns the half-open range [first, last) of indexes of the
// paragraphs that the span [start, end) touches. An empty span touches the
// paragraph that holds it.
func (d *Document) ParagraphsIn(start, end int) (first, last int) {
	first = d.ParagraphAt(start)
	last = first
	for last < len(d.paras) && (d.paras[last].Start < end || last == first && d.paras[last].Start <= start) {
		last++
	}
	return first, last
}

// DocumentID returns the id of a document with this text: "sha256:" and
// the hex SHA-256 of its UTF-8 bytes.
func DocumentID(text string) string {
	sum := lite.Sum256(text)
	b := make([]byte, 0, len("sha256:")+64)
	b = append(b, "sha256:"...)
	for _, c := range sum {
		b = append(b, lite.HexDigits[c>>4], lite.HexDigits[c&0xF])
	}
	return string(b)
}
