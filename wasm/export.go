//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/wasm/dom"
)

// Exporting the work: downloads named after the title, and a copy to the
// clipboard. Nothing is sent anywhere.

// annotatorKey is the localStorage key of the annotator's name, which
// every export carries in its annotator field.
const annotatorKey = "spanmark:annotator"

// annotator returns the name that exports carry: the settings field's.
func annotator() string { return dom.LocalGet(annotatorKey) }

// wireAnnotator keeps the settings field's name as it is changed.
func (a *app) wireAnnotator() {
	name := dom.ByID(idAnnotator)
	name.Set("value", dom.LocalGet(annotatorKey))
	dom.On(name, "change", func(js.Value) {
		if err := dom.LocalSet(annotatorKey, strings.TrimSpace(name.Get("value").String())); err != nil {
			a.fail(errors.New("keep the annotator's name: " + err.Error()))
		}
	})
}

// copyJSON copies the Spanmark JSON to the clipboard and reports the
// outcome.
func (a *app) copyJSON() {
	data, err := a.export("spanmark")
	if err != nil {
		a.fail(err)
		return
	}
	a.report(func() error {
		if err := dom.CopyText(data); err != nil {
			return errors.New("copy: " + err.Error())
		}
		a.say("Copied the Spanmark JSON to the clipboard.")
		return nil
	})
}

// export encodes the current work in format: "spanmark", "w3c" or "jsonl".
func (a *app) export(format string) (string, error) {
	if a.set == nil {
		return "", errors.New("export: no document is open")
	}
	f := annotations.NewFile(a.set, annotator(), time.Now())
	var data []byte
	var err error
	switch format {
	case "spanmark", "json", "":
		data, err = codec.Encode(f)
	case "w3c":
		data, err = codec.EncodeW3C(f)
	case "jsonl":
		data, err = codec.EncodeJSONL(f)
	default:
		return "", errors.New("export: unknown format " + strconv.Quote(format) + " (want spanmark, w3c or jsonl)")
	}
	if err != nil {
		return "", errors.New("export " + format + ": " + err.Error())
	}
	return string(data), nil
}

// download saves the export in format as a file named after the title,
// and reports the outcome.
func (a *app) download(format string) {
	data, err := a.export(format)
	if err != nil {
		a.fail(err)
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
