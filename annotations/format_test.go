package annotations

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// TestSprintf checks sprintf against fmt.Sprintf for every verb the
// package's messages use.
func TestSprintf(t *testing.T) {
	err := errors.New("inner")
	tests := []struct {
		format string
		args   []any
	}{
		{"plain", nil},
		{"%d of %d", []any{3, int64(-7)}},
		{"%q is %s", []any{"a\"b\n✓", "x"}},
		{"%v and %v", []any{err, 12}},
		{"wrap: %w", []any{err}},
		{"char %U", []any{rune(0x1F)}},
		{"char %U", []any{rune(0x1F600)}},
		{"score %.2f below %.2f", []any{0.456, 0.6}},
		{"100%% sure", nil},
		{"byte %d", []any{uint8(200)}},
		{"method %s", []any{MethodFuzzy}},
	}
	for _, tt := range tests {
		// fmt.Errorf, not fmt.Sprintf: only Errorf understands %w.
		want := fmt.Errorf(tt.format, tt.args...).Error()
		if got := sprintf(tt.format, tt.args...); got != want {
			t.Errorf("sprintf(%q) = %q, want %q (fmt)", tt.format, got, want)
		}
	}
	if got := sprintf("%d %q", "x"); got != "%!d(?) %!q(MISSING)" {
		t.Errorf("bad arguments = %q", got)
	}
}

func TestErrorf(t *testing.T) {
	inner := errors.New("inner")
	err := errorf("outer %q: %w", "x", inner)
	if err.Error() != `outer "x": inner` || !errors.Is(err, inner) {
		t.Errorf("errorf = %v, Is = %v", err, errors.Is(err, inner))
	}
	if errors.Unwrap(errorf("no wrap %v", inner)) != nil {
		t.Error("errorf wraps an error printed with v")
	}
}

func TestAsErrorMatchesErrorsAs(t *testing.T) {
	pe := &PathError{Path: "schema.labels[0]", Err: ErrDuplicate}
	dup := &dupError{op: "add", what: "x", other: "y"}
	errs := []error{
		nil, ErrNotFound, pe, dup,
		errorf("decode: %w", pe),
		errorf("a %w and %w", ErrNotFound, dup),
		errors.Join(ErrNotFound, errorf("wrapped: %w", pe)),
		&PathError{Err: dup},
	}
	for _, err := range errs {
		var wantPE *PathError
		wantOK := errors.As(err, &wantPE)
		gotPE, ok := asError[*PathError](err)
		if ok != wantOK || gotPE != wantPE {
			t.Errorf("asError[*PathError](%v) = %v, %v; errors.As: %v, %v", err, gotPE, ok, wantPE, wantOK)
		}
		var wantDup *dupError
		wantOK = errors.As(err, &wantDup)
		gotDup, ok := asError[*dupError](err)
		if ok != wantOK || gotDup != wantDup {
			t.Errorf("asError[*dupError](%v) = %v, %v; errors.As: %v, %v", err, gotDup, ok, wantDup, wantOK)
		}
	}
}

func TestFormatTime(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 11, 27, 9, 5, 3, 999, time.UTC),
		time.Date(1999, 1, 2, 23, 59, 59, 0, time.FixedZone("x", -5*3600)),
		time.Date(9, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Unix(0, 0),
	} {
		want := tm.UTC().Format(timeLayout)
		if got := formatTime(tm); got != want {
			t.Errorf("formatTime(%v) = %q, want %q", tm, got, want)
		}
	}
	if got := formatTime(time.Time{}); got != "" {
		t.Errorf("formatTime(zero) = %q, want empty", got)
	}
}
