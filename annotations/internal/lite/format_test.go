package lite

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestSprintf checks Sprintf against fmt.Sprintf for every verb the
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
	}
	for _, tt := range tests {
		// fmt.Errorf, not fmt.Sprintf: only Errorf understands %w.
		want := fmt.Errorf(tt.format, tt.args...).Error()
		if got := Sprintf(tt.format, tt.args...); got != want {
			t.Errorf("Sprintf(%q) = %q, want %q (fmt)", tt.format, got, want)
		}
	}
	// A format that is not a constant, so that vet lets the test pass a
	// string to %d.
	bad := strings.Repeat("%d %q", 1)
	if got := Sprintf(bad, "x"); got != "%!d(?) %!q(MISSING)" {
		t.Errorf("bad arguments = %q", got)
	}
}

func TestErrorf(t *testing.T) {
	inner := errors.New("inner")
	err := Errorf("outer %q: %w", "x", inner)
	if err.Error() != `outer "x": inner` || !errors.Is(err, inner) {
		t.Errorf("Errorf = %v, Is = %v", err, errors.Is(err, inner))
	}
	if errors.Unwrap(Errorf("no wrap %v", inner)) != nil {
		t.Error("Errorf wraps an error printed with v")
	}
}
