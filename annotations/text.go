package annotations

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsByline reports whether a paragraph reads as a byline: short, and
// starting "By", "Edited by" or "Written by". The browser shows such
// a paragraph as the article's byline.
func IsByline(rs []rune) bool {
	if len(rs) > 120 {
		return false
	}
	// Most paragraphs fail on their first letter, without a string made.
	for _, r := range rs {
		if unicode.IsSpace(r) {
			continue // as strings.TrimSpace below
		}
		if r != 'b' && r != 'B' && r != 'e' && r != 'E' && r != 'w' && r != 'W' {
			return false
		}
		break
	}
	s := strings.ToLower(strings.TrimSpace(string(rs)))
	return strings.HasPrefix(s, "by ") || strings.HasPrefix(s, "edited by ") || strings.HasPrefix(s, "written by ")
}

// TextLines tidies the text of an HTML body, as the browser's DOMParser
// gives it for a page reduced by [HTMLSkeleton]: white space runs become one
// space and every block is one line, without empty ones.
func TextLines(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(strings.Join(f, " "))
		}
	}
	return b.String()
}

// FileStem turns a title into a safe file name: letters and digits, with
// dashes for the rest, at most 80 bytes; "spanmark" when nothing is left. Exports
// are named after it.
func FileStem(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && (r < 0x2000 || r > 0x206f) && r != 0xfeff {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 80 {
				break
			}
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "spanmark"
	}
	return b.String()
}

// Abbreviate returns s cut to n code points, with an ellipsis, for
// messages that quote the text.
func Abbreviate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}
