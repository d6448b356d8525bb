//go:build js && wasm

package main

import (
	"errors"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
)

// Placing a file on a text other than its own (anchor.Place): an import
// onto an edited article, a W3C import, a file whose quotes are not at
// their offsets. The page places a file on its own text itself
// (annotations.File.SetAt) and asks the worker only for the rest
// (wasm/worker.go, placeFile).
//
// The request "place" has data, the file as the person gave it (Spanmark
// or W3C JSON, told apart by codec.Sniff), as a Uint8Array (or file, as a
// string), and text, title and source, the document to place it on. The
// page has decoded a Spanmark file already, so it is valid; a W3C file
// the page does not read, and its decoder's error is the answer's. The answer is {file, report}: file is the placed work in
// the native JSON format, every annotation at its offsets in text, so the
// page builds its set with File.SetAt; report is one line per fact, its
// fields separated by tabs and escaped as in answer.go:
//
//	method  name  count                 annotations placed by each method
//	moved   id  from  to  method  score  prefix  quote  suffix
//	                                    a moved annotation; from and to are start:end,
//	                                    prefix, quote and suffix the file's
//	orphan  id  reason                  an annotation kept aside
//	relation  id                        a relation kept with the orphans
//
// An error is the placer's, without an operation: the page adds its own
// ("import: ...").

func answerPlace(r request) (any, error) {
	data := r.data // a Uint8Array, or else a string
	if data == nil {
		data = []byte(r.file)
	}
	var f *annotations.File
	var err error
	if codec.Sniff(data) == codec.FormatW3C {
		f, err = w3c.Decode(data)
	} else {
		// Detached: a W3C file the page had this worker read first comes
		// back as a native file without its text.
		f, err = codec.DecodeDetached(data)
	}
	if err != nil {
		return nil, err
	}
	doc := annotations.NewDocument(str(r.msg, "text"), str(r.msg, "title"), str(r.msg, "source"))
	set, rep, err := anchor.Place(f, doc)
	if err != nil {
		return nil, err
	}
	out, err := codec.Encode(annotations.NewFile(set, f.Annotator, time.Now()))
	if err != nil {
		return nil, errors.New("encode the placed file: " + err.Error())
	}
	return map[string]any{"file": string(out), "report": reportLines(rep)}, nil
}

// reportLines writes rep in the format above.
func reportLines(rep anchor.Report) string {
	var b strings.Builder
	for _, m := range slices.Sorted(maps.Keys(rep.Methods)) {
		b.WriteString("method\t" + string(m) + "\t" + strconv.Itoa(rep.Methods[m]) + "\n")
	}
	span := func(s [2]int) string { return strconv.Itoa(s[0]) + ":" + strconv.Itoa(s[1]) }
	for _, p := range rep.Moved {
		b.WriteString("moved\t")
		escape(&b, p.ID)
		b.WriteString("\t" + span(p.From) + "\t" + span(p.To) + "\t" + string(p.Method) + "\t" + strconv.FormatFloat(p.Score, 'f', 3, 64))
		for _, s := range [3]string{p.Before.Prefix, p.Before.Exact, p.Before.Suffix} {
			b.WriteByte('\t')
			escape(&b, s)
		}
		b.WriteByte('\n')
	}
	for _, o := range rep.Orphaned {
		b.WriteString("orphan\t")
		escape(&b, o.Annotation.ID)
		b.WriteByte('\t')
		escape(&b, o.Reason)
		b.WriteByte('\n')
	}
	for _, rel := range rep.OrphanedRelations {
		b.WriteString("relation\t")
		escape(&b, rel.ID)
		b.WriteByte('\n')
	}
	return b.String()
}
