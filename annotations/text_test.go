package annotations

import (
	"strings"
	"testing"
)

func TestIsByline(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Edited By Ali Musa", true},
		{"  by Jane Doe", true},
		{"Written by the desk", true},
		{"Bypassing the talks, Rubio left.", false},
		{"Every war reaches a conclusion.", false},
		{"By " + string(make([]rune, 130)), false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsByline([]rune(tt.text)); got != tt.want {
			t.Errorf("IsByline(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestTextLines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Title \n\n\n  First   paragraph\t here.\n \nSecond.", "Title\nFirst paragraph here.\nSecond."},
		{"\n \n", ""},
		{"one", "one"},
	}
	for _, tt := range tests {
		if got := TextLines(tt.in); got != tt.want {
			t.Errorf("TextLines(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFileStem(t *testing.T) {
	tests := []struct{ title, want string }{
		{"US and Russia Engage in Dialogue: A Promising Move", "us-and-russia-engage-in-dialogue-a-promising-move"},
		{"../../etc/passwd", "etc-passwd"},
		{"Переговоры в Эр-Рияде", "переговоры-в-эр-рияде"},
		{"“Quoted” — title\u200b", "quoted-title"},
		{"!!!", "spanmark"},
		{"", "spanmark"},
	}
	for _, tt := range tests {
		if got := FileStem(tt.title); got != tt.want {
			t.Errorf("FileStem(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
	if got := FileStem(strings.Repeat("word ", 40)); len(got) > 84 {
		t.Errorf("FileStem of a long title is %d bytes, want about 80 at most", len(got))
	}
}
