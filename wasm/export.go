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
	data, err := a.exportNative("spanmark")
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

// export encodes the current work in format: "spanmark", "w3c" or
// "jsonl". The native format is encoded here, at once; the others are the
// worker's (wasm/worker), which makes them from the native file, so for
// them export blocks: call it from a goroutine, or check the format with
// [isWorkerFormat] first.
func (a *app) export(format string) (string, error) {
	if !isWorkerFormat(format) {
		return a.exportNative(format)
	}
	data, err := a.encodeNative(format)
	if err != nil {
		return "", err
	}
	res, err := a.worker.ask("export-"+format, map[string]any{"file": data})
	if err != nil {
		return "", errors.New("export " + format + ": " + err.Error())
	}
	return res.String(), nil
}

// isWorkerFormat reports whether the worker exports format.
func isWorkerFormat(format string) bool { return format == "w3c" || format == "jsonl" }

// exportNative encodes the current work in the native format; a format
// other than its names ("spanmark", "json", "") is an error.
func (a *app) exportNative(format string) (string, error) {
	switch format {
	case "spanmark", "json", "":
	default:
		return "", errors.New("export: unknown format " + strconv.Quote(format) + " (want spanmark, w3c or jsonl)")
	}
	return a.encodeNative(format)
}

// encodeNative encodes the current work in the native format, for an
// export in format.
func (a *app) encodeNative(format string) (string, error) {
	if a.set == nil {
		return "", errors.New("export: no document is open")
	}
	data, err := codec.Encode(annotations.NewFile(a.set, annotator(), time.Now()))
	if err != nil {
		return "", errors.New("export " + format + ": " + err.Error())
	}
	return string(data), nil
}

// download saves the export in format as a file named after the title,
// and reports the outcome. It returns at once: the formats of the worker
// are downloaded when it answers.
func (a *app) download(format string) {
	if a.set == nil {
		a.fail(errors.New("export: no document is open"))
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
	save := func() error {
		data, err := a.export(format)
		if err != nil {
			return err
		}
		dom.Download(name, mime, data)
		a.say("Downloaded " + name + ".")
		return nil
	}
	if isWorkerFormat(format) {
		go a.report(save) // the worker answers later; never block the listener
	} else if err := save(); err != nil {
		a.fail(err)
	}
}
