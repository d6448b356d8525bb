package lite

import (
	"net/url"
	"testing"
)

func TestPathEscapeMatchesNetURL(t *testing.T) {
	var all []byte
	for c := range 256 {
		all = append(all, byte(c))
	}
	for _, s := range []string{"", "a1", "a b#c/d%e", "\u00e9\U0001F980", string(all)} {
		if got, want := PathEscape(s), url.PathEscape(s); got != want {
			t.Errorf("PathEscape(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"", "a1", "a%20b", "%2f%2F%zz", "%", "%4", "a%", "%41%42", "%e9", "+%2B", url.PathEscape(string(all))} {
		got, gotErr := PathUnescape(s)
		want, wantErr := url.PathUnescape(s)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("PathUnescape(%q) = %q, %v; want %q, %v", s, got, gotErr, want, wantErr)
		}
	}
}

func FuzzPathEscape(f *testing.F) {
	for _, s := range []string{"a b#c/d%e", "%zz", "%41", "\u00e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := PathEscape(s), url.PathEscape(s); got != want {
			t.Fatalf("PathEscape(%q) = %q, want %q", s, got, want)
		}
		got, gotErr := PathUnescape(s)
		want, wantErr := url.PathUnescape(s)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("PathUnescape(%q) = %q, %v; want %q, %v", s, got, gotErr, want, wantErr)
		}
	})
}
