package annotations

import (
	"slices"
	"strings"
	"testing"
)

func TestIsHardWrapped(t *testing.T) {
	line := "It was the best of times, it was the worst of times, it was the age" // 67
	para := strings.Repeat(line+"\n", 4) + "of wisdom.\n"
	tests := []struct {
		name, text string
		want       bool
	}{
		{"gutenberg", strings.Repeat(para+"\n", 3), true},
		{"crlf_gutenberg", strings.ReplaceAll(strings.Repeat(para+"\n", 3), "\n", "\r\n"), true},
		{"no_blank_lines", strings.Repeat(line+"\n", 12), false},
		{"one_line_per_paragraph", strings.Repeat(strings.Repeat(line+" ", 5)+"\n\n", 10), false},
		{"article_single_breaks", strings.Repeat(strings.Repeat(line+" ", 5)+"\n", 10) + "\nEnd.", false},
		{"poem", strings.Repeat("Shall I compare thee\nto a summer's day?\nThou art more lovely\nand more temperate.\n\n", 4), false},
		{"few_lines", line + "\n" + line + "\nend.\n\n" + line + "\nend.", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewDocument(tt.text, "", "test").IsHardWrapped(); got != tt.want {
				t.Errorf("IsHardWrapped() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStartsBlock(t *testing.T) {
	d := NewDocument("Title\n\nline one\nline two\n\n\nnext\nmore", "", "test")
	var got []bool
	for i := range d.Paragraphs() {
		got = append(got, d.StartsBlock(i))
	}
	if want := []bool{true, true, false, true, false}; !slices.Equal(got, want) {
		t.Errorf("StartsBlock of each paragraph = %v, want %v", got, want)
	}
}
