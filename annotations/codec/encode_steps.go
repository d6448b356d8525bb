package codec

import (
	"bytes"
	"errors"
	"slices"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/jsonio"
	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// EncodeInSteps writes f exactly as [Encode] does, calling pause before
// every n annotations (so once after the rest of the file, with its text,
// when there are any), so that a program on a single thread (the browser)
// can let other work run while it writes thousands of them. f must not
// change until EncodeInSteps returns; pause may be nil.
//
// The file around the annotations is written by Encode itself, with the
// list empty, and the annotations are spliced in, so the two stay equal.
func EncodeInSteps(f *annotations.File, n int, pause func()) ([]byte, error) {
	if f == nil {
		return nil, errors.New("encode: no file")
	}
	if n < 1 {
		return nil, lite.Errorf("encode: %d annotations per step; want 1 or more", n)
	}
	rest := *f
	rest.Annotations = []annotations.Annotation{}
	frame, err := Encode(&rest)
	if err != nil {
		return nil, err
	}
	// Encode writes an empty list as "[]" on the member's line. A newline
	// inside a JSON string is written as \n, so this line, at the
	// top level, occurs exactly once.
	const empty = "\n  \"annotations\": []"
	at := bytes.Index(frame, []byte(empty))
	if at < 0 {
		return nil, errors.New("encode: the annotations member is missing from the file")
	}
	anns := make([]*annotations.Annotation, len(f.Annotations))
	for i := range f.Annotations {
		anns[i] = &f.Annotations[i]
	}
	slices.SortStableFunc(anns, annotations.Compare)

	w := jsonio.Writer{Buf: make([]byte, 0, len(frame)+450*len(anns)+16)}
	w.Buf = append(w.Buf, frame[:at+len(empty)-1]...) // up to and with the '['
	w.Depth, w.Empty = 2, true
	for i, a := range anns {
		if pause != nil && i%n == 0 {
			pause()
		}
		w.Elem()
		w.Annotation(a)
	}
	w.Close(']')
	w.Buf = append(w.Buf, frame[at+len(empty):]...)
	return w.Buf, nil
}
