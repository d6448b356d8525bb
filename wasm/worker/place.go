//go:build js && wasm

package main

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"syscall/js"

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
// string), and text (its UTF-8 bytes, a Uint8Array, or a string), title
// and source, the document to place it on. The page has decoded a
// Spanmark file already, so it is valid, and says so with decoded: it
// needs only where each annotation goes, and builds the set itself
// (annotations.File.SetPlaced), with no second decoding of a placed file.
// A W3C file the page does not read, and its decoder's error is the
// answer's.
//
// The answer is {spots}, and file too when the page has not decoded it:
// file is the work as read, in the native JSON format without its text
// (codec.DecodeDetached reads it), as UTF-8 bytes in a Uint8Array, and
// spots are then in its order (the encoder's); otherwise in the order of
// data's annotations. spots is one line per annotation, its fields
// separated by tabs and escaped as in answer.go:
//
//	start  end                  placed where the file said
//	start  end  method  score   placed elsewhere, or only approximately:
//	                            a move for the person to review (anchor.Moved)
//	!  reason                   not placed: an orphan
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
	text := str(r.msg, "text")
	if t := r.msg.Get("text"); t.InstanceOf(js.Global().Get("Uint8Array")) {
		b := make([]byte, t.Length())
		js.CopyBytesToGo(b, t)
		text = string(b)
	}
	doc := annotations.NewDocument(text, str(r.msg, "title"), str(r.msg, "source"))
	spots, matches := anchor.NewFilePlacer(f, doc).Spots()
	order := make([]int, len(f.Annotations))
	for i := range order {
		order[i] = i
	}
	answer := map[string]any{}
	if !r.msg.Get("decoded").Truthy() {
		out, err := codec.Encode(f)
		if err != nil {
			return nil, errors.New("encode the file: " + err.Error())
		}
		// As bytes: the page copies them at once, where a string of
		// megabytes is converted in one long task.
		file := js.Global().Get("Uint8Array").New(len(out))
		js.CopyBytesToJS(file, out)
		answer["file"] = file
		// The encoder's order, which the page reads back.
		slices.SortStableFunc(order, func(i, j int) int { return annotations.Compare(&f.Annotations[i], &f.Annotations[j]) })
	}
	answer["spots"] = spotLines(f, spots, matches, order)
	return answer, nil
}

// spotLines writes the spots of f's annotations in order, in the format
// above.
func spotLines(f *annotations.File, spots []annotations.Spot, matches []anchor.Match, order []int) string {
	var b strings.Builder
	for _, i := range order {
		sp := spots[i]
		if sp.Reason != "" {
			b.WriteString("!\t")
			escape(&b, sp.Reason)
			b.WriteByte('\n')
			continue
		}
		b.WriteString(strconv.Itoa(sp.Start) + "\t" + strconv.Itoa(sp.End))
		if m := matches[i]; anchor.Moved(f.Annotations[i], m) {
			b.WriteString("\t" + string(m.Method) + "\t" + strconv.FormatFloat(m.Score, 'f', 3, 64))
		}
		b.WriteByte('\n')
	}
	return b.String()
}
