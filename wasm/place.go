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

// placeReport is what placing did beyond copying, from the worker's spots
// (parseSpots): how many annotations moved (found again elsewhere than their
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
	// The file and the text go as bytes: copied at once, where a string
	// is converted for JavaScript.
	res, err := a.worker.ask("place", map[string]any{"data": jsBytes(data), "decoded": f != nil,
		"text": jsBytes([]byte(doc.Text)), "title": doc.Title, "source": doc.Source})
	if err != nil {
		return nil, placeReport{}, err
	}
	if f == nil {
		// A W3C file, which the worker read: its work comes back in the
		// native format, without text, the spots in its order.
		v := res.Get("file")
		file := make([]byte, v.Length())
		js.CopyBytesToGo(file, v)
		f, err = codec.DecodeInSteps(file, true, paceStep, pause)
		if err != nil {
			return nil, placeReport{}, errors.New("the worker's file: " + err.Error())
		}
	}
	spots, moves, ok := parseSpots(res.Get("spots").String(), len(f.Annotations), pause)
	if !ok {
		return nil, placeReport{}, errors.New("the worker placed another file")
	}
	s, orphaned, err := f.SetPlaced(doc, spots, paceStep, pause)
	if err != nil {
		return nil, placeReport{}, err
	}
	rep := placeReport{orphaned: len(orphaned), orphanedRelations: len(s.OrphanRelations())}
	for i, a := range f.Annotations {
		if len(orphaned) > 0 && orphaned[0] == i {
			orphaned = orphaned[1:]
			continue
		}
		if m := moves[i]; m.Method != "" {
			m.ID, m.From, m.Before = a.ID, [2]int{a.Start, a.End}, a.Selector()
			rep.placements = append(rep.placements, m)
		}
	}
	rep.moved = len(rep.placements)
	return s, rep, nil
}

// parseSpots reads the worker's spots of n annotations
// (wasm/worker/place.go), and a placement for each (by index) with its
// new span, method and score when it moved (no method when it did not).
// ok is false when they are not n or one
// does not read.
func parseSpots(lines string, n int, pause func()) (spots []annotations.Spot, moves []placement, ok bool) {
	spots = make([]annotations.Spot, 0, n)
	moves = make([]placement, n)
	if lines == "" {
		return spots, moves, n == 0
	}
	for line := range strings.SplitSeq(strings.TrimSuffix(lines, "\n"), "\n") {
		if len(spots) == n {
			return nil, nil, false
		}
		if len(spots)%(16*paceStep) == 0 {
			pause()
		}
		fs := strings.Split(line, "\t")
		if fs[0] == "!" && len(fs) == 2 {
			spots = append(spots, annotations.Spot{Reason: unescapeField(fs[1])})
			continue
		}
		if len(fs) != 2 && len(fs) != 4 {
			return nil, nil, false
		}
		start, err1 := strconv.Atoi(fs[0])
		end, err2 := strconv.Atoi(fs[1])
		if err1 != nil || err2 != nil {
			return nil, nil, false
		}
		if len(fs) == 4 {
			score, err := strconv.ParseFloat(fs[3], 64)
			if err != nil {
				return nil, nil, false
			}
			moves[len(spots)] = placement{To: [2]int{start, end}, Method: fs[2], Score: score}
		}
		spots = append(spots, annotations.Spot{Start: start, End: end})
	}
	return spots, moves, len(spots) == n
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
