package annotations

import (
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestNewDocument(t *testing.T) {
	tests := []struct {
		name, text, title string
		wantText          string
		wantTitle         string
		wantParas         []Paragraph
	}{
		{name: "plain", text: "Title\nBody one.\nBody two.", wantText: "Title\nBody one.\nBody two.",
			wantTitle: "Title", wantParas: []Paragraph{{0, 5}, {6, 15}, {16, 25}}},
		{name: "bom_crlf", text: "\uFEFFA\r\nB\r\n", wantText: "A\nB\n",
			wantTitle: "A", wantParas: []Paragraph{{0, 1}, {2, 3}}},
		{name: "lone_cr", text: "A\rB", wantText: "A\nB", wantTitle: "A", wantParas: []Paragraph{{0, 1}, {2, 3}}},
		{name: "blank_lines_separate", text: "\n\n  \nFirst\n\nSecond\n", wantText: "\n\n  \nFirst\n\nSecond\n",
			wantTitle: "First", wantParas: []Paragraph{{2, 4}, {5, 10}, {12, 18}}},
		{name: "title_given", text: "x", title: "  Given ", wantText: "x", wantTitle: "Given", wantParas: []Paragraph{{0, 1}}},
		{name: "empty", text: "", wantText: "", wantTitle: "", wantParas: nil},
		{name: "invalid_utf8", text: "a\xffb", wantText: "a\uFFFDb", wantTitle: "a\uFFFDb", wantParas: []Paragraph{{0, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDocument(tt.text, tt.title, "test")
			if d.Text != tt.wantText {
				t.Errorf("Text = %q, want %q", d.Text, tt.wantText)
			}
			if d.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", d.Title, tt.wantTitle)
			}
			if diff := cmp.Diff(tt.wantParas, d.Paragraphs()); diff != "" {
				t.Errorf("Paragraphs() mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDocumentSample(t *testing.T) {
	b, err := os.ReadFile("../web/sample.txt")
	if err != nil {
		t.Skipf("sample article not in web/ yet: %v", err)
	}
	d := NewDocument(string(b), "", "sample")
	if got, want := d.Len(), 7079; got != want {
		t.Errorf("Len() = %d, want %d", got, want)
	}
	if got, want := d.ID, "sha256:f05b4c7212080da690d0687b1ecf337ba82b09b286fcdfc3c17bbaa924cf5852"; got != want {
		t.Errorf("ID = %s, want %s", got, want)
	}
	if got, want := d.Title, "US and Russia Engage in Dialogue: A Promising Move Towards Resolving the Conflict in Ukraine"; got != want {
		t.Errorf("Title = %q, want %q", got, want)
	}
	ps := d.Paragraphs()
	if last := d.Slice(ps[len(ps)-1].Start, ps[len(ps)-1].End); last != "Axadle Times International – Monitoring" {
		t.Errorf("last paragraph = %q, want the byline", last)
	}
}

func TestParagraphsIn(t *testing.T) {
	d := NewDocument("ab\n\ncd\nef", "", "")
	// Paragraphs: [0,2) [4,6) [7,9).
	tests := []struct {
		name        string
		start, end  int
		first, last int
	}{
		{"inside_first", 0, 1, 0, 1},
		{"whole_second", 4, 6, 1, 2},
		{"across_blank", 1, 5, 0, 2},
		{"across_all", 0, 9, 0, 3},
		{"on_blank_line", 3, 3, 1, 1},
		{"empty_in_para", 5, 5, 1, 2},
		{"at_end", 9, 9, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, l := d.ParagraphsIn(tt.start, tt.end)
			if f != tt.first || l != tt.last {
				t.Errorf("ParagraphsIn(%d, %d) = %d, %d; want %d, %d", tt.start, tt.end, f, l, tt.first, tt.last)
			}
		})
	}
}

func TestSlice(t *testing.T) {
	d := NewDocument("héllo 👍🏽", "", "")
	tests := []struct {
		start, end int
		want       string
	}{
		{0, 5, "héllo"}, {6, 8, "👍🏽"}, {-3, 2, "hé"}, {6, 100, "👍🏽"}, {5, 2, ""},
	}
	for _, tt := range tests {
		if got := d.Slice(tt.start, tt.end); got != tt.want {
			t.Errorf("Slice(%d, %d) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestTimeText(t *testing.T) {
	for _, tc := range []struct {
		in   Time
		text string
	}{
		{0, ""},
		{TimeOf(time.Date(2026, 12, 3, 9, 30, 5, 999, time.UTC)), "2026-12-03T09:30:05Z"},
		{TimeOf(time.Date(1969, 7, 20, 20, 17, 40, 0, time.FixedZone("x", 3600))), "1969-07-20T19:17:40Z"},
	} {
		b, err := tc.in.MarshalText()
		if err != nil || string(b) != tc.text {
			t.Errorf("MarshalText(%d) = %q, %v; want %q", tc.in, b, err, tc.text)
		}
		var back Time
		if err := back.UnmarshalText(b); err != nil || back != tc.in {
			t.Errorf("UnmarshalText(%q) = %d, %v; want %d", b, back, err, tc.in)
		}
	}
	var x Time
	if err := x.UnmarshalText([]byte("yesterday")); err == nil {
		t.Error("UnmarshalText(yesterday) gave no error")
	}
}
