//go:build js && wasm

package main

import (
	"errors"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

// Placing a file's work on a text. A file on its own text with every
// quote at its offsets (all the work this program saves) becomes a set
// here, at once (annotations.File.SetAt). Any other, an import onto an
// edited article or a W3C file, is placed by the worker with
// annotations/anchor (wasm/worker/place.go), which the page's wasm does
// not link: the page waits for it without blocking.

// placeReport is what placing did beyond copying, as the worker reports
// it: how many annotations moved (found again elsewhere than their
// offsets), how many could not be placed and were kept aside as orphans,
// and how many relations are kept with them.
type placeReport struct{ moved, orphaned, orphanedRelations int }

// place builds the set of f on doc. data is the file as it was read
// (Spanmark or W3C JSON), for the worker. Its errors are the decoder's
// and the placer's, without an operation. It blocks; call it from a
// goroutine.
func (a *app) place(f *annotations.File, data []byte, doc *annotations.Document) (*annotations.Set, placeReport, error) {
	if s, ok, err := f.SetAt(doc); ok {
		if err != nil {
			return nil, placeReport{}, err
		}
		return s, placeReport{orphanedRelations: len(s.OrphanRelations())}, nil
	}
	res, err := a.worker.ask("place", map[string]any{"file": string(data), "text": doc.Text, "title": doc.Title, "source": doc.Source})
	if err != nil {
		return nil, placeReport{}, err
	}
	pf, err := codec.Decode([]byte(res.Get("file").String()))
	if err != nil {
		return nil, placeReport{}, errors.New("the worker's placed file: " + err.Error())
	}
	s, ok, err := pf.SetAt(doc)
	switch {
	case err != nil:
		return nil, placeReport{}, errors.New("the worker's placed file: " + err.Error())
	case !ok:
		return nil, placeReport{}, errors.New("the worker placed the annotations on another text")
	}
	var rep placeReport
	for line := range strings.SplitSeq(res.Get("report").String(), "\n") {
		switch line[:strings.IndexByte(line+"\t", '\t')] {
		case "moved":
			rep.moved++
		case "orphan":
			rep.orphaned++
		case "relation":
			rep.orphanedRelations++
		}
	}
	return s, rep, nil
}
