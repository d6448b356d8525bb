//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Opening articles (files, drops, pasted text), importing and exporting
// work, and the documents list. Whatever is read is text: HTML files
// become text through the browser's DOMParser and are never inserted as
// markup.

// maxFileSize bounds what is read into memory from a file or the API, in
// bytes: far above any article, below what would stall the tab.
const maxFileSize = 32 << 20

func (a *app) wireIO() {
	click := func(id string, fn func()) { dom.On(dom.ByID(id), "click", func(js.Value) { fn() }) }
	fileInput, importInput := dom.ByID(idFileInput), dom.ByID(idImportInput)
	click(idOpen, func() { fileInput.Call("click") })
	click(idImport, func() { importInput.Call("click") })
	dom.On(fileInput, "change", func(js.Value) {
		if fs := fileInput.Get("files"); fs.Length() > 0 {
			f := fs.Index(0)
			fileInput.Set("value", "")
			go a.openFile(f)
		}
	})
	dom.On(importInput, "change", func(js.Value) {
		if fs := importInput.Get("files"); fs.Length() > 0 {
			f := fs.Index(0)
			importInput.Set("value", "")
			go func() {
				data, err := readFile(f)
				if err == nil {
					_, err = a.importJSON(data)
				}
				if err != nil {
					a.fail(err.Error())
				}
			}()
		}
	})
	click(idUndo, func() { a.undo() })
	click(idRedo, func() { a.redo() })
	a.el.snap.Set("checked", a.snap)
	dom.On(a.el.snap, "change", func(js.Value) { a.snap = a.el.snap.Get("checked").Bool() })

	// Paste text.
	paste := dom.ByID(idPasteDialog)
	click(idPaste, func() {
		dom.ByID(idPasteText).Set("value", "")
		dom.ByID(idPasteTitle).Set("value", "")
		paste.Call("showModal")
	})
	click(idPasteCancel, func() { paste.Call("close") })
	click(idPasteOK, func() {
		text := dom.ByID(idPasteText).Get("value").String()
		title := dom.ByID(idPasteTitle).Get("value").String()
		paste.Call("close")
		if strings.TrimSpace(text) == "" {
			a.fail("paste: there is no text to open")
			return
		}
		go a.report(func() error { return a.openKept(text, title, "pasted") })
	})

	// Export.
	click(idExportJSON, func() { a.download("spanmark") })
	click(idExportW3C, func() { a.download("w3c") })
	click(idExportJSONL, func() { a.download("jsonl") })
	click(idCopyJSON, func() {
		data, err := a.export("spanmark")
		if err != nil {
			a.fail(err.Error())
			return
		}
		go func() {
			if err := dom.CopyText(data); err != nil {
				a.fail("copy: " + err.Error())
				return
			}
			a.say("Copied the Spanmark JSON to the clipboard.")
		}()
	})

	// Documents.
	docs := dom.ByID(idDocsDialog)
	click(idDocs, func() { go a.showDocuments() })
	click(idDocsClose, func() { docs.Call("close") })
	dom.On(dom.ByID(idDocsList), "click", func(ev js.Value) {
		t := ev.Get("target")
		if b := t.Call("closest", "button[data-open]"); !b.IsNull() {
			id := b.Call("getAttribute", "data-open").String()
			docs.Call("close")
			go a.report(func() error {
				if err := a.flush(); err != nil && a.storeErr == nil {
					return err
				}
				rec, ok, err := a.record(id)
				if err != nil {
					return err
				}
				if !ok {
					return errors.New("open: the document is no longer stored")
				}
				return a.restore(rec)
			})
		} else if b := t.Call("closest", "button[data-delete]"); !b.IsNull() {
			id := b.Call("getAttribute", "data-delete").String()
			if !dom.Confirm("Delete “" + b.Call("getAttribute", "data-title").String() + "” and its annotations from this browser? This cannot be undone.") {
				return
			}
			go a.report(func() error {
				if err := a.deleteDocument(id); err != nil {
					return err
				}
				a.say("Deleted.")
				a.showDocuments()
				return nil
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
		if fs := dt.Get("files"); fs.Length() > 0 {
			go a.openFile(fs.Index(0))
			return
		}
		if text := dt.Call("getData", "text/plain").String(); strings.TrimSpace(text) != "" {
			go a.report(func() error { return a.openKept(text, "", "dropped text") })
		}
	})
}

// report runs fn (in a goroutine) and shows its error.
func (a *app) report(fn func() error) {
	if err := fn(); err != nil {
		a.fail(err.Error())
	}
}

func readFile(f js.Value) ([]byte, error) {
	name := f.Get("name").String()
	if size := f.Get("size").Int(); size > maxFileSize {
		return nil, errors.New("open " + name + ": the file is " + strconv.Itoa(size>>20) + " MB; the limit is " + strconv.Itoa(maxFileSize>>20) + " MB")
	}
	b, err := dom.FileBytes(f)
	if err != nil {
		return nil, errors.New("open " + name + ": " + err.Error())
	}
	return b, nil
}

// openFile opens a dropped or chosen file: Spanmark JSON restores its
// article and work, W3C JSON imports onto the current article, HTML and
// text open as a new article.
func (a *app) openFile(f js.Value) {
	name := f.Get("name").String()
	data, err := readFile(f)
	if err != nil {
		a.fail(err.Error())
		return
	}
	text := string(data)
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".json") || strings.HasSuffix(lower, ".jsonld") || f.Get("type").String() == "application/json":
		err = a.openJSON(data)
	case strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") || f.Get("type").String() == "text/html":
		// The skeleton keeps no attribute, script or style, so parsing it
		// can neither run nor load anything, nor trip the page's CSP.
		title, body := dom.HTMLText(annotations.HTMLSkeleton(text))
		err = a.openKept(annotations.TextLines(body), strings.TrimSpace(title), name)
	default:
		err = a.openKept(text, "", name)
	}
	if err != nil {
		a.fail(err.Error())
		return
	}
	a.say("Opened " + name + ".")
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

// decodeAny decodes a Spanmark file, or a W3C annotation collection
// (JSON-LD), told apart by annotations.Sniff as the CLI does.
func decodeAny(data []byte) (*annotations.File, error) {
	if annotations.Sniff(data) == annotations.FormatW3C {
		f, err := annotations.DecodeW3C(data)
		if err != nil {
			return nil, errors.New("import W3C annotations: " + err.Error())
		}
		return f, nil
	}
	f, err := annotations.Decode(data)
	if err != nil {
		return nil, errors.New("import: " + err.Error())
	}
	return f, nil
}

// openJSON opens a Spanmark file as its own article with its work; a file
// without text (W3C) is imported onto the current article instead.
func (a *app) openJSON(data []byte) error {
	f, err := decodeAny(data)
	if err != nil {
		return err
	}
	if f.Document.Text == "" {
		_, err := a.importFile(f)
		return err
	}
	if err := a.flush(); err != nil && a.storeErr == nil {
		return err
	}
	doc := annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
	set, rep, err := f.Place(doc)
	if err != nil {
		return errors.New("import: " + err.Error())
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

// importResult is what an import reports: how many annotations moved to
// be placed in this text, and how many could not be placed (kept aside
// and listed as orphans).
type importResult struct{ Moved, Orphaned int }

// importJSON validates data and places its annotations on the current
// article, replacing its work. A bad file changes nothing, and its error
// is shown in #status.
func (a *app) importJSON(data []byte) (r importResult, err error) {
	defer func() {
		if err != nil {
			a.fail(err.Error())
		}
	}()
	if len(data) > maxFileSize {
		return importResult{}, errors.New("import: the input is " + strconv.Itoa(len(data)>>20) + " MB; the limit is " + strconv.Itoa(maxFileSize>>20) + " MB")
	}
	f, err := decodeAny(data)
	if err != nil {
		return importResult{}, err
	}
	return a.importFile(f)
}

func (a *app) importFile(f *annotations.File) (importResult, error) {
	if err := a.editable(); err != nil {
		return importResult{}, errors.New("import: " + err.Error())
	}
	set, rep, err := f.Place(a.set.Document())
	if err != nil {
		return importResult{}, errors.New("import: " + err.Error())
	}
	a.replace(set)
	a.queueSave()
	a.sayReport(rep)
	return importResult{Moved: len(rep.Moved), Orphaned: len(rep.Orphaned)}, nil
}

func (a *app) sayReport(rep annotations.Report) {
	msg := "Imported " + formatCount(a.set.Len(), "annotation", "annotations") + "."
	if len(rep.Moved) > 0 {
		msg += " " + formatCount(len(rep.Moved), "annotation", "annotations") + " moved: found again by quote in this text."
	}
	if len(rep.Orphaned) > 0 {
		msg += " " + formatCount(len(rep.Orphaned), "annotation", "annotations") + " could not be placed; they are kept aside and listed under Not placed."
	}
	if len(rep.OrphanedRelations) > 0 {
		msg += " " + formatCount(len(rep.OrphanedRelations), "relation", "relations") + " to them are kept with them."
	}
	a.say(msg)
}

// export encodes the current work in format: "spanmark", "w3c" or "jsonl".
func (a *app) export(format string) (string, error) {
	if a.set == nil {
		return "", errors.New("export: no document is open")
	}
	f := annotations.NewFile(a.set, "", time.Now())
	var data []byte
	var err error
	switch format {
	case "spanmark", "json", "":
		data, err = annotations.Encode(f)
	case "w3c":
		data, err = annotations.EncodeW3C(f)
	case "jsonl":
		data, err = annotations.EncodeJSONL(f)
	default:
		return "", errors.New("export: unknown format " + strconv.Quote(format) + " (want spanmark, w3c or jsonl)")
	}
	if err != nil {
		return "", errors.New("export " + format + ": " + err.Error())
	}
	return string(data), nil
}

// download saves the export in format as a file named after the title.
func (a *app) download(format string) {
	data, err := a.export(format)
	if err != nil {
		a.fail(err.Error())
		return
	}
	name, mime := annotations.FileStem(a.set.Document().Title), "application/json"
	switch format {
	case "w3c":
		name += ".w3c.jsonld"
		mime = "application/ld+json"
	case "jsonl":
		name += ".jsonl"
		mime = "application/jsonl"
	default:
		name += ".spanmark.json"
	}
	dom.Download(name, mime, data)
	a.say("Downloaded " + name + ".")
}

// showDocuments fills and opens the documents dialog.
func (a *app) showDocuments() {
	docs, err := a.documents()
	if err != nil {
		a.fail(err.Error())
		return
	}
	list := dom.ByID(idDocsList)
	list.Set("textContent", "")
	if len(docs) == 0 {
		list.Call("append", dom.Create("li", "", "No saved documents yet."))
	}
	for _, d := range docs {
		li := dom.Create("li", "", "")
		open := dom.Create("button", "doc-open", d.Title)
		open.Set("type", "button")
		open.Call("setAttribute", "data-open", d.ID)
		if a.set != nil && d.ID == a.set.Document().ID {
			open.Call("setAttribute", "aria-current", "true")
		}
		saved := js.Global().Get("Date").New(d.Saved).Call("toLocaleString").String()
		info := dom.Create("span", "doc-info", formatCount(d.Count, "annotation", "annotations")+" · saved "+saved)
		del := dom.Create("button", "danger", "Delete")
		del.Set("type", "button")
		del.Call("setAttribute", "data-delete", d.ID)
		del.Call("setAttribute", "data-title", d.Title)
		del.Call("setAttribute", "aria-label", "Delete "+d.Title)
		li.Call("append", open, info, del)
		list.Call("append", li)
	}
	if dlg := dom.ByID(idDocsDialog); !dlg.Get("open").Bool() {
		dlg.Call("showModal")
	}
}
