package annotations

import "unicode/utf8"

// The browser counts text in UTF-16 code units, Go strings in UTF-8 bytes,
// and this package in code points. These functions convert offsets within
// one string between the three. Offsets past the end are clamped to the
// end; an offset that falls inside a character (the second half of a
// surrogate pair, or inside a UTF-8 sequence) is rounded down to the start
// of that character.

// UTF16Len returns the length of s in UTF-16 code units.
func UTF16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Width(r)
	}
	return n
}

// CodePointToUTF16 converts a code point offset in s to UTF-16 code units.
func CodePointToUTF16(s string, cp int) int {
	n, i := 0, 0
	for _, r := range s {
		if i >= cp {
			break
		}
		n += utf16Width(r)
		i++
	}
	return n
}

// UTF16ToCodePoint converts a UTF-16 offset in s to code points.
func UTF16ToCodePoint(s string, u int) int {
	n, i := 0, 0
	for _, r := range s {
		w := utf16Width(r)
		if n+w > u {
			break
		}
		n += w
		i++
	}
	return i
}

// CodePointToByte converts a code point offset in s to a UTF-8 byte offset.
func CodePointToByte(s string, cp int) int {
	i := 0
	for b := range s {
		if i == cp {
			return b
		}
		i++
	}
	return len(s)
}

// ByteToCodePoint converts a UTF-8 byte offset in s to code points.
func ByteToCodePoint(s string, b int) int {
	b = max(0, min(b, len(s)))
	// Round down to the start of a character.
	for b > 0 && b < len(s) && !utf8.RuneStart(s[b]) {
		b--
	}
	return utf8.RuneCountInString(s[:b])
}

func utf16Width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}
