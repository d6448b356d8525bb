//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

// Placing a file's work on a text. A file on its own text with every
// quote at its offsets (all the work this program saves) becomes a set
// here, at once (annotations.File.SetAt). Any other, an import onto an
// edited article or a W3C file, is placed by the worker with
// annotations/anchor (wasm/worker/place.go), which the page's wasm does
// not link: the page waits for it without blocking. The page's own share
// of the work (decoding, building the set, reading the report) is done in
// steps (pace), so that importing thousands of annotations leaves the page
// responsive.

// placeReport is what placing did beyond copying, as the worker reports
// it: how many annotations moved (found again elsewhere than their
// offsets), how many could not be placed and were kept aside as orphans,
// and how many relations are kept with them.
type placeReport struct {
	moved, orphaned, orphanedRelations int
	// placements are the moved annotations, for the review (review.go).
	placements []placement
}

// placement is an annotation of a file that the worker placed elsewhere
// than the file said: where the file had it (From, and Before, its quote
// with context), where it went (To), how (Method: diff, quote or fuzzy)
// and how well (Score, 0 to 1).
type placement struct {
	ID       string
	From, To [2]int
	Method   string
	Score    float64
	Before   annotations.Selector
}

// After describes the span the annotation was placed on in text, with
// context, the other half of the review beside Before.
func (p placement) After(text []rune) annotations.Selector {
	return annotations.Describe(text, p.To[0], p.To[1], annotations.ContextLen)
}

// place builds the set of f on doc. data is the file as it was read
// (Spanmark or W3C JSON), for the worker; f is nil for a W3C file, which
// the worker reads (the page's wasm does not link its decoder) and always
// places. Its errors are the decoder's and the placer's, without an
// operation. It blocks; call it from a goroutine.
func (a *app) place(f *annotations.File, data []byte, doc *annotations.Document) (*annotations.Set, placeReport, error) {
	pause := pace()
	if f != nil {
		if s, ok, err := f.SetAtInSteps(doc, paceStep, pause); ok {
			if err != nil {
				return nil, placeReport{}, err
			}
			return s, placeReport{orphanedRelations: len(s.OrphanRelations())}, nil
		}
	}
	bytes := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(bytes, data)
	res, err := a.worker.ask("place", map[string]any{"data": bytes, "text": doc.Text, "title": doc.Title, "source": doc.Source})
	if err != nil {
		return nil, placeReport{}, err
	}
	pf, err := codec.DecodeInSteps([]byte(res.Get("file").String()), false, paceStep, pause)
	if err != nil {
		return nil, placeReport{}, errors.New("the worker's placed file: " + err.Error())
	}
	s, ok, err := pf.SetAtInSteps(doc, paceStep, pause)
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
			if rep.moved++; rep.moved%paceStep == 0 {
				pause()
			}
			if p, ok := parsePlacement(line); ok {
				rep.placements = append(rep.placements, p)
			}
		case "orphan":
			rep.orphaned++
		case "relation":
			rep.orphanedRelations++
		}
	}
	return s, rep, nil
}

// parsePlacement reads a "moved" line of the worker's report
// (wasm/worker/place.go): moved, id, from, to, method, score, and the
// file's prefix, quote and suffix, tab separated, the id and the text
// escaped.
func parsePlacement(line string) (placement, bool) {
	fs := strings.Split(line, "\t")
	if len(fs) != 9 {
		return placement{}, false
	}
	p := placement{ID: unescapeField(fs[1]), Method: fs[4]}
	span := func(s string) ([2]int, bool) {
		a, b, ok := strings.Cut(s, ":")
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		return [2]int{x, y}, ok && err1 == nil && err2 == nil
	}
	var ok1, ok2 bool
	p.From, ok1 = span(fs[2])
	p.To, ok2 = span(fs[3])
	score, err := strconv.ParseFloat(fs[5], 64)
	if !ok1 || !ok2 || err != nil {
		return placement{}, false
	}
	p.Score = score
	p.Before = annotations.Selector{Prefix: unescapeField(fs[6]), Exact: unescapeField(fs[7]), Suffix: unescapeField(fs[8]),
		Start: p.From[0], End: p.From[1]}
	return p, true
}

// unescapeField undoes the worker's escaping of a report field: \\, \t
// and \n (wasm/worker/answer.go, escape).
func unescapeField(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 't':
				b.WriteByte('\t')
			case 'n':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
