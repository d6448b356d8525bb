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
	paras, rs := ar.Doc.Paragraphs(), ar.Doc.Runes()
	i := from
	for n := 0; i < len(paras) && (n < size || i%PartSize != 0); i++ {
		p := paras[i]
		n += p.End - p.Start + 1
		if i%PartSize == 0 {
			b = append(b, `<div class="`+ClassPart+`">`...)
		}
		class := ""
		if i == 0 && ar.TitlePara {
			class = ClassTitle
		} else if IsByline(rs[p.Start:p.End]) {
			class = ClassByline
		} else if ar.Wrapped && ar.Doc.StartsBlock(i) {
			class = ClassBlock
		}
		b = append(b, `<p data-p="`...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, `" data-start="`...)
		b = strconv.AppendInt(b, int64(p.Start), 10)
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
	return b, i
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
