package annotations

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAppendEscaped(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Lavrov said", "Lavrov said"},
		{"all_five", `<a href="x" onclick='y'>&</a>`, "&lt;a href=&#34;x&#34; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;"},
		{"emoji_kept", "🇺🇦 & 👨‍👩‍👧", "🇺🇦 &amp; 👨‍👩‍👧"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(AppendEscaped(nil, tt.in))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AppendEscaped(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestHighlighterAppendParagraph(t *testing.T) {
	h := NewHighlighter(DefaultSchema())
	tests := []struct {
		name     string
		text     string
		anns     []Annotation
		selected string
		want     string
	}{
		{
			name: "plain",
			text: "No highlights <here>.",
			want: "No highlights &lt;here&gt;.",
		},
		{
			name: "one",
			text: "Lavrov spoke",
			anns: []Annotation{{ID: "a1", Label: "actor", Start: 0, End: 6}},
			want: `<span class="hl d1 k0-l0 in-l0 f-l0" data-ids="a1" data-first="a1" tabindex="-1" role="button" aria-label="Actor: Lavrov" data-badge="A">Lavrov</span> spoke`,
		},
		{
			name: "nested_same_start",
			text: "Lavrov spoke",
			anns: []Annotation{
				{ID: "a1", Label: "actor", Start: 0, End: 6},
				{ID: "a2", Label: "claim", Start: 0, End: 12},
			},
			selected: "a1",
			want: `<span class="mk in-l0" data-first="a1" tabindex="-1" role="button" aria-label="Actor: Lavrov; also Claim: Lavrov spoke" data-badge="A"></span>` +
				`<span class="hl d2 k0-l1 k1-l0 in-l0 f-l1 b1 sel" data-ids="a2 a1" data-first="a2 a1" tabindex="-1" role="button" aria-label="Claim: Lavrov spoke; also Actor: Lavrov" data-badge="C">Lavrov</span>` +
				`<span class="hl d1 k0-l1 in-l1" data-ids="a2" role="mark"> spoke</span>`,
		},
		{
			// Three badges in a row: the markers', then the run's.
			name: "three_same_start",
			text: "Lavrov spoke",
			anns: []Annotation{
				{ID: "a1", Label: "actor", Start: 0, End: 6},
				{ID: "a2", Label: "claim", Start: 0, End: 12},
				{ID: "a3", Label: "proposal", Start: 0, End: 11},
			},
			want: `<span class="mk in-l2" data-first="a3" tabindex="-1" role="button" aria-label="Proposal: Lavrov spok; also Actor: Lavrov; also Claim: Lavrov spoke" data-badge="P"></span>` +
				`<span class="mk in-l0 b1" data-first="a1" tabindex="-1" role="button" aria-label="Actor: Lavrov; also Proposal: Lavrov spok; also Claim: Lavrov spoke" data-badge="A"></span>` +
				`<span class="hl d3 k0-l1 k1-l2 k2-l0 in-l0 f-l1 b2" data-ids="a2 a3 a1" data-first="a2 a3 a1" tabindex="-1" role="button" aria-label="Claim: Lavrov spoke; also Actor: Lavrov; also Proposal: Lavrov spok" data-badge="C">Lavrov</span>` +
				`<span class="hl d2 k0-l1 k1-l2 in-l2" data-ids="a2 a3" role="mark"> spok</span>` +
				`<span class="hl d1 k0-l1 in-l1" data-ids="a2" role="mark">e</span>`,
		},
		{
			name: "crossing",
			text: "abc def ghi",
			anns: []Annotation{
				{ID: "a1", Label: "actor", Start: 0, End: 7},
				{ID: "a2", Label: "proposal", Start: 4, End: 11, Conflict: &Conflict{}},
			},
			want: `<span class="hl d1 k0-l0 in-l0 f-l0" data-ids="a1" data-first="a1" tabindex="-1" role="button" aria-label="Actor: abc def" data-badge="A">abc </span>` +
				`<span class="hl d2 k0-l0 k1-l2 in-l2 f-l2 cf" data-ids="a1 a2" data-first="a2" tabindex="-1" role="button" aria-label="Proposal: def ghi (conflict); also Actor: abc def" data-badge="P">def</span>` +
				`<span class="hl d1 k0-l2 in-l2 cf" data-ids="a2" role="mark"> ghi</span>`,
		},
		{
			name: "hostile_text_and_unknown_label",
			text: `<img src=x onerror="alert(1)">`,
			anns: []Annotation{{ID: "a1", Label: "bogus", Start: 0, End: 4}},
			want: `<span class="hl d1" data-ids="a1" data-first="a1" tabindex="-1" role="button" aria-label="bogus: &lt;img" data-badge="?">&lt;img</span> src=x onerror=&#34;alert(1)&#34;&gt;`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := []rune(tt.text)
			got := string(h.AppendParagraph(nil, rs, 0, len(rs), tt.anns, tt.selected))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("AppendParagraph(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestHighlighterSecondParagraph(t *testing.T) {
	// An annotation crossing two paragraphs takes focus only in the first.
	text := "one two\nthree four"
	rs := []rune(text)
	anns := []Annotation{{ID: "a1", Label: "claim", Start: 4, End: 13}}
	h := NewHighlighter(DefaultSchema())
	got := string(h.AppendParagraph(nil, rs, 8, 18, anns, ""))
	want := `<span class="hl d1 k0-l1 in-l1" data-ids="a1" role="mark">three</span> four`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("second paragraph mismatch (-want +got):\n%s", diff)
	}
	if strings.Count(string(h.AppendParagraph(nil, rs, 0, 7, anns, "")), "data-first") != 1 {
		t.Errorf("first paragraph has no focus element")
	}
}

func BenchmarkHighlighterAppendParagraph(b *testing.B) {
	// A paragraph of 100 annotations, the size the issue measures a
	// repaint for.
	words := strings.Repeat("word ", 200)
	rs := []rune(words)
	var anns []Annotation
	for i := 0; i < 100; i++ {
		anns = append(anns, Annotation{ID: "a" + strconv.Itoa(i), Label: "actor", Start: i * 10, End: i*10 + 4})
	}
	h := NewHighlighter(DefaultSchema())
	var buf []byte
	for b.Loop() {
		buf = h.AppendParagraph(buf[:0], rs, 0, len(rs), anns, "")
	}
}

func TestHTMLSkeleton(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "<p class=x>One</p><p>Two &amp; three</p>", "<p>One</p><p>Two &amp; three</p>"},
		{"handlers_and_styles", `<p onclick="alert(1)" style='color:red'>Hi</p><img src=x onerror=alert(1)>`, "<p>Hi</p><img>"},
		{"script_style_dropped", "<p>a</p><script>alert('<p>no</p>')</script><style>p{}</style><p>b</p>", "<p>a</p><p>b</p>"},
		{"head_keeps_title", `<html><head><title>Hostile <page></title><meta http-equiv=refresh content=0><script>x</script></head><body><h1>T</h1></body></html>`,
			"<html><title>Hostile &lt;page></title><body><h1>T</h1></body></html>"},
		{"comments_and_doctype", "<!doctype html><!-- <script>x</script> --><p>c</p>", "<p>c</p>"},
		{"quoted_gt", `<a title="a>b" href="javascript:x">link</a>`, "<a>link</a>"},
		{"unclosed_svg_swallows", "<p>keep</p><svg><p>gone", "<p>keep</p>"},
		{"lone_lt", "1 < 2", "1 &lt; 2"},
		{"unterminated_tag", `<p>x</p><p class="`, "<p>x</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, HTMLSkeleton(tt.in)); diff != "" {
				t.Errorf("HTMLSkeleton(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzHTMLSkeleton(f *testing.F) {
	f.Add(`<p onclick="x">a</p><script>b</script>`)
	f.Add(`<head><title>t</title></head><svg><p>`)
	f.Fuzz(func(t *testing.T, s string) {
		out := HTMLSkeleton(s)
		// Whatever the input, no dropped element survives, and what comes
		// out is a fixed point: no tag in it has anything left to strip.
		low := strings.ToLower(out)
		for _, bad := range []string{"<script>", "<style>", "<svg>", "<iframe>"} {
			if strings.Contains(low, bad) {
				t.Fatalf("HTMLSkeleton(%q) = %q keeps %q", s, out, bad)
			}
		}
		if again := HTMLSkeleton(out); again != out {
			t.Fatalf("HTMLSkeleton is not idempotent on %q: %q, then %q", s, out, again)
		}
	})
}
