package site

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/spanmark/spanmark/annotations"
)

// The page names its sample article in <html data-sample>, and the first
// visit shows it. So that it is readable before the wasm has even
// compiled, the build writes the sample's paragraphs into #article, in
// exactly the markup the browser program writes (annotations.Article), and
// marks #article with data-doc, the document's id. The program then takes
// over those elements instead of writing its own (wasm/render.go, adopt):
// no visible change and no layout shift. The text goes through
// annotations' escaping, as every untrusted text does; the sample is ours,
// but the rule has no exceptions.
//
// It works on the minified page, whose markup is the minifier's own
// (unquoted attributes, optional end tags dropped): the article is added
// after minifying, so that the minifier cannot collapse the text's white
// space, which would move every offset after it.

var (
	sampleAttr = regexp.MustCompile(`<html[^>]* data-sample="?([^" >]+)"?`)
	// The elements the sample fills, empty in web/index.html.
	articleTag = regexp.MustCompile(`<main id="?article"?[^>]*>()</main>`)
	titleTag   = regexp.MustCompile(`<h1 id="?doc-title"?( hidden)?>()</h1>`)
	bylineTag  = regexp.MustCompile(`<p id="?doc-byline"?( hidden)?>()`)
)

// sampleName returns the source name of the sample article the page names,
// or "" when it names none.
func sampleName(page []byte) string {
	if m := sampleAttr.FindSubmatch(page); m != nil {
		return string(m[1])
	}
	return ""
}

// prerender returns the minified page with the article of text written
// into it.
func prerender(page []byte, text string) ([]byte, error) {
	doc := annotations.NewDocument(text, "", "sample")
	ar := annotations.NewArticle(doc)
	var article []byte
	article = ar.AppendPlain(article)

	fill := func(page []byte, re *regexp.Regexp, what string, attrs, content []byte, show bool) ([]byte, error) {
		locs := re.FindAllSubmatchIndex(page, -1)
		if len(locs) != 1 {
			return nil, fmt.Errorf("build: prerender the sample into %s: want one %s element, found %d", IndexName, what, len(locs))
		}
		loc := locs[0]
		at := loc[len(loc)-2] // where the content goes: the last, empty group
		var b []byte
		b = append(b, page[:loc[0]]...)
		head := page[loc[0]:at]
		if hidden := []byte(" hidden"); show && len(loc) > 4 && loc[2] >= 0 {
			head = bytes.Replace(head, hidden, nil, 1)
		}
		if len(attrs) > 0 {
			head = append(bytes.TrimSuffix(bytes.Clone(head), []byte(">")), attrs...)
			head = append(head, '>')
		}
		b = append(b, head...)
		b = append(b, content...)
		b = append(b, page[at:]...)
		return b, nil
	}
	var err error
	attr := annotations.AppendEscaped([]byte(` data-doc="`), doc.ID)
	attr = append(attr, '"')
	if page, err = fill(page, articleTag, "#article", attr, article, false); err != nil {
		return nil, err
	}
	// As the program shows them (wasm/render.go, show): a title that is
	// not the first paragraph in #doc-title, with the byline under it.
	if ar.TitlePara {
		return page, nil
	}
	title := annotations.AppendEscaped(nil, doc.Title)
	if page, err = fill(page, titleTag, "#doc-title", nil, title, true); err != nil {
		return nil, err
	}
	byline := annotations.AppendEscaped(nil, ar.Byline)
	return fill(page, bylineTag, "#doc-byline", nil, byline, ar.Byline != "")
}
