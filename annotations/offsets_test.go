package annotations

import (
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// offsetCases are strings whose code points, UTF-16 units and bytes differ.
var offsetCases = []struct{ name, s string }{
	{"ascii", "plain text"},
	{"flag", "🇺🇦 and 🇷🇺 flags"},
	{"zwj_family", "a 👨‍👩‍👧‍👦 family"},
	{"skin_tone", "👍🏽 ok"},
	{"cjk", "俄罗斯和美国 talks"},
	{"combining", "cafe\u0301 e\u0301le\u0300ve"},
	{"rtl", "قال لافروف إن روسيا"},
	{"hebrew_mixed", "שלום world ✓"},
	{"astral_math", "𝔘𝔖 𝔞𝔫𝔡"},
	{"empty", ""},
}

func TestOffsetConversions(t *testing.T) {
	for _, tc := range offsetCases {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.s)
			u16 := utf16.Encode(rs)
			if got := UTF16Len(tc.s); got != len(u16) {
				t.Errorf("UTF16Len = %d, want %d", got, len(u16))
			}
			for cp := 0; cp <= len(rs); cp++ {
				wantU := len(utf16.Encode(rs[:cp]))
				if got := CodePointToUTF16(tc.s, cp); got != wantU {
					t.Errorf("CodePointToUTF16(%d) = %d, want %d", cp, got, wantU)
				}
				if got := UTF16ToCodePoint(tc.s, wantU); got != cp {
					t.Errorf("UTF16ToCodePoint(%d) = %d, want %d", wantU, got, cp)
				}
				wantB := len(string(rs[:cp]))
				if got := CodePointToByte(tc.s, cp); got != wantB {
					t.Errorf("CodePointToByte(%d) = %d, want %d", cp, got, wantB)
				}
				if got := ByteToCodePoint(tc.s, wantB); got != cp {
					t.Errorf("ByteToCodePoint(%d) = %d, want %d", wantB, got, cp)
				}
			}
		})
	}
}

func TestOffsetsInsideCharacters(t *testing.T) {
	s := "a😀b" // 😀 is 2 UTF-16 units and 4 bytes
	if got := UTF16ToCodePoint(s, 2); got != 1 {
		t.Errorf("UTF16ToCodePoint inside a surrogate pair = %d, want 1 (rounded down)", got)
	}
	if got := ByteToCodePoint(s, 3); got != 1 {
		t.Errorf("ByteToCodePoint inside a UTF-8 sequence = %d, want 1 (rounded down)", got)
	}
	if got := UTF16ToCodePoint(s, 99); got != 3 {
		t.Errorf("UTF16ToCodePoint past the end = %d, want 3", got)
	}
	if got := CodePointToUTF16(s, 99); got != 4 {
		t.Errorf("CodePointToUTF16 past the end = %d, want 4", got)
	}
	if got := ByteToCodePoint(s, -1); got != 0 {
		t.Errorf("ByteToCodePoint(-1) = %d, want 0", got)
	}
}

func FuzzOffsets(f *testing.F) {
	for _, tc := range offsetCases {
		f.Add(tc.s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, cp int) {
		if !utf8.ValidString(s) {
			return
		}
		n := utf8.RuneCountInString(s)
		cp = max(0, min(cp, n))
		if got := UTF16ToCodePoint(s, CodePointToUTF16(s, cp)); got != cp {
			t.Errorf("UTF-16 round trip of %d in %q = %d", cp, s, got)
		}
		if got := ByteToCodePoint(s, CodePointToByte(s, cp)); got != cp {
			t.Errorf("byte round trip of %d in %q = %d", cp, s, got)
		}
	})
}
