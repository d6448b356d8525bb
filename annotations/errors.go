package annotations

import (
	"errors"
	"strconv"
)

// PathError is an error at a place in a file or value: a JSON path such as
// "annotations[3].end", and for line-based formats a line number.
// Decoders return it so the UI and the CLI can point at the problem.
type PathError struct {
	// Path is the JSON path of the offending value, such as
	// "annotations[3].end"; empty when the error is about the whole input.
	Path string
	// Line is the 1-based line of the input, or 0 when not known.
	Line int
	// Err says what is wrong.
	Err error
}

func (e *PathError) Error() string {
	s := ""
	if e.Line > 0 {
		s = "line " + strconv.Itoa(e.Line)
		if e.Path != "" {
			s += ": "
		}
	}
	s += e.Path
	if s != "" {
		s += ": "
	}
	return s + e.Err.Error()
}

func (e *PathError) Unwrap() error { return e.Err }

// Sentinel errors that callers branch on.
var (
	// ErrNotFound is returned when an id, or a quote when anchoring, is not there.
	ErrNotFound = errors.New("not found")
	// ErrDuplicate is returned when adding an annotation with the same label
	// and span as an existing one, or a relation that already exists.
	ErrDuplicate = errors.New("already exists")
	// ErrNothingToUndo and ErrNothingToRedo are returned by [Set.Undo] and
	// [Set.Redo] when the history is empty in that direction.
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)
