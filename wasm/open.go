//go:build js && wasm

package main

import (
	"errors"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Opening articles (files, drops, pasted text) and importing work onto
// the open one. Whatever is read is text: HTML files become text through
// the browser's DOMParser and are never inserted as markup. Which article
// a visit opens first is in start.go.

// wireOpen wires the file inputs and drag and drop; the buttons that
// open the inputs and the paste dialog are in commands.go.
func (a *app) wireOpen() {
	fileInput, importInput := dom.ByID(idFileInput), dom.ByID(idImportInput)
	dom.On(fileInput, "change", func(js.Value) {
		if fs := fileInput.Get("files"); fs.Length() > 0 {
			f := fs.Index(0)
			fileInput.Set("value", "")
			a.openFile(f)
		}
	})
	dom.On(importInput, "change", func(js.Value) {
		if fs := importInput.Get("files"); fs.Length() > 0 {
			f := fs.Index(0)
			importInput.Set("value", "")
			a.report(func() error {
				data, err := readFile(f)
				if err != nil {
					return err
				}
				_, err = a.importJSON(data)
				return err
			})
		}
	})

	// Drag and drop anywhere on the page.
	root := a.el.root
	dom.On(dom.Document(), "dragover", func(ev js.Value) {
		ev.Call("preventDefault")
		root.Get("classList").Call("add", classDragging)
	})
	dom.On(dom.Document(), "dragleave", func(ev js.Value) {
		if ev.Get("relatedTarget").IsNull() {
			root.Get("classList").Call("remove", classDragging)
		}
	})
	dom.On(dom.Document(), "drop", func(ev js.Value) {
		ev.Call("preventDefault")
		root.Get("classList").Call("remove", classDragging)
		dt := ev.Get("dataTransfer")
		if a.dropFolder(dt) { // folder.go
			return
		}
		if fs := dt.Get("files"); fs.Length() > 0 {
			a.openFile(fs.Index(0))
			return
		}
		if text := dt.Call("getData", "text/plain").String(); strings.TrimSpace(text) != "" {
			a.report(func() error { return a.openKept(text, "", "dropped text") })
		}
	})
}

func readFile(f js.Value) ([]byte, error) {
	name := f.Get("name").String()
	if err := checkSize("open "+name+": the file", f.Get("size").Int()); err != nil {
		return nil, err
	}
	b, err := dom.FileBytes(f)
	if err != nil {
		return nil, errors.New("open " + name + ": " + err.Error())
	}
	return b, nil
}

// openFile opens a dropped or chosen file, in a goroutine, and reports
// the outcome: Spanmark JSON restores its article and work, W3C JSON
// imports onto the current article, HTML and text open as a new article.
func (a *app) openFile(f js.Value) {
	a.report(func() error {
		name := f.Get("name").String()
		data, err := readFile(f)
		if err != nil {
			return err
		}
		text := string(data)
		lower := strings.ToLower(name)
		switch {
		case strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".jsonld") || f.Get("type").String() == "application/json":
			err = a.openJSON(data)
		case strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || f.Get("type").String() == "text/html":
			// The skeleton keeps no attribute, script or style, so parsing
			// it can neither run nor load anything, nor trip the page's CSP.
			title, body := dom.HTMLText(annotations.HTMLSkeleton(text))
			err = a.openKept(annotations.TextLines(body), strings.TrimSpace(title), name)
		default:
			err = a.openKept(text, "", name)
		}
		if err != nil {
			return err
		}
		a.say("Opened " + name + ".")
		return nil
	})
}

// openPasted opens the text of the paste dialog, which the Open button
// closes.
func (a *app) openPasted() {
	text := dom.ByID(idPasteText).Get("value").String()
	title := dom.ByID(idPasteTitle).Get("value").String()
	dom.ByID(idPasteDialog).Call("close")
	if strings.TrimSpace(text) == "" {
		a.fail(errors.New("paste: there is no text to open"))
		return
	}
	a.report(func() error { return a.openKept(text, title, "pasted") })
}

// openKept opens text that the person chose (a file, a drop, a paste)
// and saves it, so that it is in the documents list even before it has
// any work. It blocks; call it from a goroutine.
func (a *app) openKept(text, title, source string) error {
	if _, err := a.loadText(text, title, source); err != nil {
		return err
	}
	a.queueSave()
	return nil
}

// loadText opens text as the current document, with its stored work if
// there is some. It returns the document id.
func (a *app) loadText(text, title, source string) (string, error) {
	if err := a.saveFirst(); err != nil {
		return "", err
	}
	doc := annotations.NewDocument(text, title, source)
	rec, ok, err := a.record(doc.ID)
	if err == nil && ok {
		if err := a.restore(rec, true); err == nil {
			return doc.ID, nil
		}
	}
	a.show(annotations.NewSet(doc, annotations.DefaultSchema()), 0)
	return doc.ID, nil
}

// decodeNative decodes a Spanmark file, in steps (pace).
func decodeNative(data []byte) (*annotations.File, error) {
	f, err := codec.DecodeInSteps(data, false, paceStep, pace())
	if err != nil {
		return nil, errors.New("import: " + err.Error())
	}
	return f, nil
}

// openJSON opens a Spanmark file as its own article with its work. A W3C
// collection (JSON-LD), told apart by codec.Sniff as the CLI does, and a
// Spanmark file without text are imported onto the current article
// instead; a project file says why it cannot open alone.
func (a *app) openJSON(data []byte) error {
	switch codec.SniffInSteps(data, pace()) {
	case codec.FormatW3C:
		_, err := a.importW3C(data)
		return err
	case codec.FormatProject:
		return loneProject(data) // folder.go
	}
	f, err := decodeNative(data)
	if err != nil {
		return err
	}
	if f.Document.Text == "" {
		_, err := a.importFile(f, data, "import")
		return err
	}
	if err := a.saveFirst(); err != nil {
		return err
	}
	doc := annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
	gen := a.gen
	set, rep, err := a.place(f, data, doc)
	if err != nil {
		return errors.New("import: " + err.Error())
	}
	if a.gen != gen {
		return errors.New("import: another document was opened meanwhile; open the file again")
	}
	rev := 0
	if rec, ok, err := a.record(doc.ID); err == nil && ok {
		rev = rec.Get("rev").Int()
	}
	a.show(set, rev)
	a.queueSave()
	a.sayReport(rep)
	return nil
}

// warmWorkerSize is the size of a file (Spanmark or W3C) from which an import
// starts the worker while the page reads the file: about 2,500
// annotations, or a long article.
const warmWorkerSize = 1 << 20

// importResult is what an import reports: how many annotations moved to
// be placed in this text, and how many could not be placed (kept aside
// and listed as orphans).
type importResult struct{ Moved, Orphaned int }

// importJSON validates data and places its annotations on the current
// article, replacing its work. A bad file changes nothing; the caller
// reports its error. It blocks (a W3C file is read by the worker); call
// it from a goroutine.
func (a *app) importJSON(data []byte) (importResult, error) {
	if err := checkSize("import: the input", len(data)); err != nil {
		return importResult{}, err
	}
	if len(data) >= warmWorkerSize {
		// Reading a large file takes the page a while; the worker, which
		// reads a W3C file and places a Spanmark one unless it is on its
		// own text, starts meanwhile.
		a.worker.warm()
	}
	if codec.SniffInSteps(data, pace()) == codec.FormatW3C {
		return a.importW3C(data)
	}
	f, err := decodeNative(data)
	if err != nil {
		return importResult{}, err
	}
	return a.importFile(f, data, "import")
}

// importW3C imports a W3C annotation collection onto the current article.
// The W3C decoder is the worker's (wasm/worker), so that the page's wasm
// does not link it: the worker reads the file and places it at once, or
// answers with the decoder's error, which reads as the CLI's.
func (a *app) importW3C(data []byte) (importResult, error) {
	return a.importFile(nil, data, "import W3C annotations")
}

// importFile places f, read from data (nil for a W3C file: see place), on
// the current article and replaces its work. op begins its errors. It
// blocks; call it from a goroutine.
func (a *app) importFile(f *annotations.File, data []byte, op string) (importResult, error) {
	if err := a.editable(); err != nil {
		return importResult{}, errors.New(op + ": " + err.Error())
	}
	gen := a.gen
	set, rep, err := a.place(f, data, a.set.Document())
	if err != nil {
		return importResult{}, errors.New(op + ": " + err.Error())
	}
	if a.gen != gen {
		return importResult{}, errors.New(op + ": another document was opened meanwhile; nothing was imported")
	}
	a.replace(set)
	a.queueSave()
	a.sayReport(rep)
	return importResult{Moved: rep.moved, Orphaned: rep.orphaned}, nil
}

func (a *app) sayReport(rep placeReport) {
	a.offerReview(placedMessage("Imported", a.set.Len(), rep), rep)
}

// placedMessage says what placing a file's work did: lead, then how many
// annotations there are (n), moved and could not be placed.
func placedMessage(lead string, n int, rep placeReport) string {
	msg := lead + " " + formatCount(n, "annotation", "annotations") + "."
	if rep.moved > 0 {
		msg += " " + formatCount(rep.moved, "annotation", "annotations") + " moved: found again by quote in this text."
	}
	if rep.orphaned > 0 {
		msg += " " + formatCount(rep.orphaned, "annotation", "annotations") + " could not be placed; they are kept aside and listed under Not placed."
	}
	if rep.orphanedRelations > 0 {
		msg += " " + formatCount(rep.orphanedRelations, "relation", "relations") + " to them are kept with them."
	}
	return msg
}
