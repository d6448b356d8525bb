//go:build js && wasm

package main

import (
	"errors"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Which article a visit opens first: the project named by ?project= or
// open last (project.go), else the one named by ?article=, else the last
// one worked on, else the sample.

// start opens storage and shows the first article.
func (a *app) start() {
	go a.openStorage()
	if err := a.openFirst(); err != nil {
		a.fail(errors.New("open the article: " + err.Error()))
		// An empty document keeps the page usable: open or paste another.
		a.show(annotations.NewSet(annotations.NewDocument("", "Untitled", ""), annotations.DefaultSchema()), 0)
	}
}

// openFirst opens ?article=URL (same origin only), else the document last
// worked on, else the sample article. Problems with the first two are
// shown, and the next one is opened.
func (a *app) openFirst() error {
	loc := js.Global().Get("location")
	params := js.Global().Get("URLSearchParams").New(loc.Get("search"))
	proj := params.Call("get", "project")
	if proj.IsNull() && params.Call("get", "article").IsNull() {
		if last := dom.LocalGet(lastProjectKey); last != "" {
			proj = js.ValueOf(last)
		}
	}
	if !proj.IsNull() {
		err := a.openProject(proj.String())
		if err == nil && a.set != nil {
			return nil
		}
		if err != nil {
			a.fail(err)
		}
	}
	if p := params.Call("get", "article"); !p.IsNull() {
		if u, err := sameOrigin("?article=", p.String()); err != nil {
			a.fail(err)
		} else if text, err := articleText(u); err != nil {
			a.fail(errors.New("open ?article=" + p.String() + ": " + err.Error()))
		} else {
			return a.openFirstText(text, p.String())
		}
	}
	if id := dom.LocalGet(lastDocKey); id != "" && !a.pristineSample(id) {
		rec, ok, err := a.record(id)
		if err == nil && ok {
			err := a.restore(rec, true)
			if err == nil {
				return nil
			}
			a.fail(err)
		}
	}
	sample := a.el.root.Get("dataset").Get("sample")
	if sample.Type() != js.TypeString {
		return errors.New("the page names no sample article")
	}
	if doc, ok := a.prerenderedDoc(); ok {
		return a.openFirstDoc(doc)
	}
	var text string
	var err error
	if p := js.Global().Get("spanmark").Get("_sample"); p.Type() == js.TypeObject {
		// Fetched by web/boot.js while the wasm compiled.
		var v js.Value
		if v, err = dom.Await(p); err == nil {
			text = v.String()
		}
	} else {
		text, err = dom.FetchText(sample.String())
	}
	if err != nil {
		return errors.New("fetch the sample " + sample.String() + ": " + err.Error())
	}
	return a.openFirstText(text, "sample")
}

// articleText fetches the article ?article= names, at url: web/boot.js
// fetched it while the wasm compiled when it named the same url.
func articleText(url string) (string, error) {
	f := js.Global().Get("spanmark").Get("_article")
	if f.Type() != js.TypeObject || f.Get("url").String() != url {
		return dom.FetchText(url)
	}
	v, err := dom.Await(f.Get("text"))
	if err != nil {
		return "", err
	}
	return v.String(), nil
}

// pristineSample reports whether document id, the one worked on last,
// is the sample the build wrote into the page with no work known to be
// stored for it: then the visit shows it without first waiting for
// storage to open and answer, the longest wait of a later visit. Work
// stored all the same (by an earlier version, which kept no storedKey)
// still comes, a moment later (openFirstDoc).
func (a *app) pristineSample(id string) bool {
	mark, kept := a.articleMark()
	return !kept && mark == id && dom.LocalGet(storedKey) != id && dom.LocalGet(journalPrefix+id) == ""
}

// articleMark returns the document id #article is marked with ("" when
// it is not), and whether the paragraphs there are kept ones that
// web/boot.js wrote (data-kept), which only the stored work may open,
// rather than the sample the build wrote.
func (a *app) articleMark() (mark string, kept bool) {
	ds := a.el.article.Get("dataset")
	m := ds.Get("doc")
	if m.Type() != js.TypeString {
		return "", false
	}
	return m.String(), ds.Get("kept").Type() == js.TypeString
}

// openFirstText opens the first article of a visit. Storage may still be
// opening then (a new database takes a while): rather than wait, it
// shows the text at once, and its stored work, if any, once storage
// answers, unless the text was edited or left meanwhile (then the
// revision check of the next save keeps either tab from overwriting the
// other).
func (a *app) openFirstText(text, source string) error {
	select {
	case <-a.db.ready:
		_, err := a.loadText(text, "", source)
		return err
	default:
	}
	return a.openFirstDoc(annotations.NewDocument(text, "", source))
}

// openFirstDoc is openFirstText with the document made. When web/boot.js
// showed this document's kept paragraphs (keepFirst), its work is stored:
// then it waits for storage, for the program to take over those
// paragraphs with their highlights rather than write the article twice.
func (a *app) openFirstDoc(doc *annotations.Document) error {
	mark, kept := a.articleMark()
	wait := kept && mark == doc.ID
	select {
	case <-a.db.ready:
		wait = true
	default:
	}
	if wait {
		_, err := a.loadText(doc.Text, "", doc.Source)
		return err
	}
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	a.show(set, 0)
	gen := a.gen
	go func() {
		rec, ok, err := a.record(set.Document().ID)
		if err != nil || !ok || gen != a.gen || a.tab.Unsaved || a.set.Len() > 0 {
			return
		}
		if err := a.restore(rec, true); err != nil {
			a.fail(err)
		} else if rec.Get("saved").Float() > js.Global().Get("performance").Get("timeOrigin").Float() {
			// Saved since this page began loading, so by another tab.
			a.say("Updated with changes made in another tab.")
		}
	}()
	return nil
}

// prerenderedDoc returns the document of the sample the build wrote
// into the page (render.go, adopt) when it can be told exactly: its
// paragraphs joined by line breaks, with a final one or without, whose
// document id is the one #article is marked with. The program then
// starts without waiting for the fetch of the sample: one round trip
// through the event loop less, on a main thread that is busy during
// start-up. The document's own id is the check, so the text is hashed
// once for the usual text that ends with a line break.
func (a *app) prerenderedDoc() (*annotations.Document, bool) {
	mark, kept := a.articleMark()
	if mark == "" || kept {
		return nil, false
	}
	ps := a.el.article.Call("querySelectorAll", paraBlock)
	var b strings.Builder
	for i := range ps.Length() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(ps.Index(i).Get("textContent").String())
	}
	for _, t := range []string{b.String() + "\n", b.String()} {
		if doc := annotations.NewDocument(t, "", "sample"); doc.ID == mark {
			return doc, true
		}
	}
	return nil, false
}

// keepFirstSize is about how much text of the article shown web/boot.js
// keeps for the next visit, in code points, in whole parts
// (annotations.PartSize paragraphs): enough for the first screen and
// more; and keepFirstMax is the most, in bytes, for a part of long
// paragraphs, past which it keeps nothing rather than fill localStorage,
// which the journal of typed text needs.
const (
	keepFirstSize = 8_000
	keepFirstMax  = 200_000
)

// queueKeepFirst hands the first paragraphs of the document shown to
// web/boot.js, a moment later, once the first frames are out of the way:
// when it is stored, so restored or saved. Not before: a visit opens
// the article worked on last only from storage, and showing one that
// then gives way to another would be worse than showing none.
func (a *app) queueKeepFirst() {
	if a.page.keepDue || a.set == nil || a.page.kept == a.keptKey() {
		return // queued, or handed over already: most saves
	}
	a.page.keepDue = true
	gen := a.gen
	dom.After(keepFirstDelay, func() {
		a.page.keepDue = false
		if gen == a.gen { // else another document was shown since
			a.keepFirst()
		}
	})
}

// keepFirstDelay is how long after a document is restored or saved its
// first paragraphs are handed over, in milliseconds.
const keepFirstDelay = 300

// keepFirst gives web/boot.js (spanmark._keepFirst) the first paragraphs
// of the document shown, without highlights, how the page shows them and
// the source the document came from (a visit to ?article= names it):
// it keeps them in localStorage, and on the next visit that opens this
// document first it writes them into #article before the program runs,
// in the markup annotations.Article writes, marked with data-doc for
// adopt. Only boot.js reads what it keeps, and only when its own build
// kept it. The texts go into the page as text, never as HTML.
func (a *app) keepFirst() {
	if a.set == nil || a.page.kept == a.keptKey() {
		return
	}
	a.page.kept = a.keptKey()
	doc := a.set.Document()
	ar := a.page.article
	first := ar.FirstParas(keepFirstSize)
	n := 0
	paras := make([]any, len(first))
	for i, p := range first {
		n += len(p.Text)
		paras[i] = []any{p.Start, p.Class, p.Text}
	}
	if n > keepFirstMax {
		a.keep(js.Null())
		return
	}
	titleHidden, bylineHidden := headings(ar)
	a.keep(js.ValueOf(map[string]any{
		"key":          a.key,
		"source":       doc.Source,
		"doc":          doc.ID,
		"title":        doc.Title,
		"titleHidden":  titleHidden,
		"byline":       ar.Byline,
		"bylineHidden": bylineHidden,
		"wrapped":      ar.Wrapped,
		"paras":        paras,
		"part":         annotations.PartSize,
		"partClass":    annotations.ClassPart,
		"titleClass":   annotations.ClassTitle,
		"wrapClass":    classWrapped,
	}))
}

// keep hands first to web/boot.js to keep, or null to keep nothing.
func (a *app) keep(first js.Value) {
	if keep := js.Global().Get("spanmark").Get("_keepFirst"); keep.Type() == js.TypeFunction {
		keep.Invoke(first)
	}
}

// keptKey names the document shown for keepFirst: its storage key and
// its text's id.
func (a *app) keptKey() string { return a.key + "\x00" + a.set.Document().ID }

// forgetFirst drops the first paragraphs web/boot.js keeps (keepFirst)
// when they are of the document stored under key, which was deleted.
func (a *app) forgetFirst(key string) {
	a.page.kept = ""
	if f := js.Global().Get("spanmark").Get("_forgetFirst"); f.Type() == js.TypeFunction {
		f.Invoke(key)
	}
}
