package annotations

import (
	"strconv"
	"strings"
)

// This file writes the article's paragraphs as HTML, around the inner
// HTML that [Highlighter.AppendParagraph] writes. Two programs write it:
// the browser program (wasm/render.go), and the build
// (tools/internal/site), which puts the sample article into the page so
// that it is readable before the wasm runs. Both go through
// [Article.AppendParagraphs], so the program takes over the build's
// paragraphs without a visible change. web/style.css styles the classes.

// PartSize is the number of paragraphs per part, <div class="part">: a
// part out of view skips style, layout and paint as a whole
// (content-visibility in web/style.css), so that a frame's cost follows
// the part in view rather than the length of the article.
const PartSize = 64

// Classes of the article's markup.
const (
	ClassPart   = "part"   // a div of PartSize paragraphs
	ClassTitle  = "title"  // the paragraph that is the document's title
	ClassByline = "byline" // a paragraph that is a byline
	ClassBlock  = "pb"     // a line of a hard-wrapped text that begins a paragraph
)

// Article is how a document shows as an article: its paragraphs, the
// first of them styled as the heading when it is the title, and bylines.
type Article struct {
	Doc *Document
	// TitlePara is whether the first paragraph is the title: then it is
	// shown as the heading, so that its text stays annotatable at its
	// offsets, rather than in a heading of its own.
	TitlePara bool
	// Byline is the text of the first byline paragraph, or "". With
	// TitlePara, the title paragraph carries it in data-byline, which the
	// stylesheet draws under the heading (so no text node shifts an
	// offset).
	Byline string
	// Wrapped is whether the text is hard-wrapped ([Document.IsHardWrapped]):
	// its lines are shown flowing into paragraphs, each line that starts one
	// marked with ClassBlock.
	Wrapped bool
}

// NewArticle returns the article of doc.
func NewArticle(doc *Document) Article {
	ar := Article{Doc: doc, Wrapped: doc.IsHardWrapped()}
	paras, rs := doc.Paragraphs(), doc.Runes()
	ar.TitlePara = len(paras) > 0 && strings.TrimSpace(string(rs[paras[0].Start:paras[0].End])) == doc.Title
	for i, p := range paras {
		if !(i == 0 && ar.TitlePara) && IsByline(rs[p.Start:p.End]) {
			ar.Byline = string(rs[p.Start:p.End])
			break
		}
	}
	return ar
}

// AppendParagraphs appends paragraphs from index from on, at least one
// when any is left and about size code points of text, ending where a
// part ends (or at the last paragraph), as
//
//	<div class="part"><p data-p="0" data-start="0" class="title">…</p>…</div>
//
// inner appends the inner HTML of paragraph i, escaped: usually
// [Highlighter.AppendParagraph]. It returns b and the index of the next
// paragraph to append.
func (ar Article) AppendParagraphs(b []byte, from, size int, inner func(b []byte, i int) []byte) ([]byte, int) {
	paras := ar.Doc.Paragraphs()
	end := ar.sliceEnd(from, size)
	for i := from; i < end; i++ {
		if i%PartSize == 0 {
			b = append(b, `<div class="`+ClassPart+`">`...)
		}
		class := ar.class(i)
		b = append(b, `<p data-p="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `" data-start="`...)
		b = strconv.AppendInt(b, int64(paras[i].Start), 10)
		if class != "" {
			b = append(b, `" class="`...)
			b = append(b, class...)
		}
		if class == ClassTitle {
			// The page's h1 then: the separate title element is hidden.
			b = append(b, `" role="heading" aria-level="1`...)
			if ar.Byline != "" {
				b = append(b, `" data-byline="`...)
				b = AppendEscaped(b, ar.Byline)
			}
		}
		b = append(b, `">`...)
		b = inner(b, i)
		b = append(b, "</p>"...)
		if i%PartSize == PartSize-1 || i == len(paras)-1 {
			b = append(b, "</div>"...)
		}
	}
	return b, end
}

// sliceEnd returns the index after the last paragraph of the slice that
// begins at from: at least one paragraph when any is left, and about size
// code points of text, ending where a part ends (or at the last
// paragraph).
func (ar Article) sliceEnd(from, size int) int {
	paras := ar.Doc.Paragraphs()
	i := from
	for n := 0; i < len(paras) && (n < size || i%PartSize != 0); i++ {
		n += paras[i].End - paras[i].Start + 1
	}
	return i
}

// class returns the class of paragraph i: ClassTitle, ClassByline,
// ClassBlock or "".
func (ar Article) class(i int) string {
	p := ar.Doc.Paragraphs()[i]
	switch {
	case i == 0 && ar.TitlePara:
		return ClassTitle
	case IsByline(ar.Doc.Runes()[p.Start:p.End]):
		return ClassByline
	case ar.Wrapped && ar.Doc.StartsBlock(i):
		return ClassBlock
	}
	return ""
}

// PlainPara is a paragraph as the page shows it without highlights.
type PlainPara struct {
	Start int    // where it begins in the document, in code points
	Class string // ClassTitle, ClassByline, ClassBlock or ""
	Text  string
}

// FirstParas returns the article's first paragraphs without highlights:
// those [Article.AppendParagraphs] would append from the first with
// size, so whole parts. The page keeps them, to show the article it
// opens next time before the program runs (web/boot.js), in the markup
// AppendParagraphs writes.
func (ar Article) FirstParas(size int) []PlainPara {
	paras, rs := ar.Doc.Paragraphs(), ar.Doc.Runes()
	out := make([]PlainPara, ar.sliceEnd(0, size))
	for i := range out {
		p := paras[i]
		out[i] = PlainPara{Start: p.Start, Class: ar.class(i), Text: string(rs[p.Start:p.End])}
	}
	return out
}

// AppendPlain appends the whole article without highlights, as the page
// shows it before the browser program runs.
func (ar Article) AppendPlain(b []byte) []byte {
	paras, rs := ar.Doc.Paragraphs(), ar.Doc.Runes()
	b, _ = ar.AppendParagraphs(b, 0, len(rs)+1, func(b []byte, i int) []byte {
		return appendEscapedRunes(b, rs[paras[i].Start:paras[i].End])
	})
	return b
}
