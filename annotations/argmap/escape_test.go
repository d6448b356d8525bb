package argmap

import (
	"math"
	"strings"
	"testing"
)

func TestWriteXML(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "Sergei Lavrov", "Sergei Lavrov"},
		{"markup", `<script>alert("x")</script>`, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"},
		{"attribute_breakout", `" onload='x' a="`, "&quot; onload=&#39;x&#39; a=&quot;"},
		{"entity", "&lt;b&gt; &amp;", "&amp;lt;b&amp;gt; &amp;amp;"},
		{"white_space_kept", "a\tb\nc\rd", "a&#9;b&#10;c&#13;d"},
		{"controls_replaced", "a\x00b\x1bc\uFFFEd", "a\uFFFDb\uFFFDc\uFFFDd"},
		{"invalid_utf8", "a\xffb", "a\uFFFDb"},
		{"unicode_kept", "習近平 \u202Eevil", "習近平 \u202Eevil"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			writeXML(&b, c.in)
			if got := b.String(); got != c.want {
				t.Errorf("writeXML(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestWriteDOT(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "Rubio", `"Rubio"`},
		{"quote", `say "hi"`, `"say \"hi\""`},
		{"backslash_escapes_not_expanded", `\N \G \l \`, `"\\N \\G \\l \\"`},
		{"ends_in_backslash", `a\`, `"a\\"`},
		{"line_breaks", "a\r\nb\nc", `"a\nb\nc"`},
		{"controls", "a\x00b\x7fc\td", `"a b c d"`},
		{"html_label_inert", "<<b>x</b>>", `"<<b>x</b>>"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			writeDOT(&b, c.in)
			if got := b.String(); got != c.want {
				t.Errorf("writeDOT(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func TestWriteCSV(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "Sergei Lavrov", "Sergei Lavrov"},
		{"empty", "", ""},
		{"comma", "a, b", `"a, b"`},
		{"quote", `say "hi"`, `"say ""hi"""`},
		{"newline", "a\nb", "\"a\nb\""},
		{"formula_equals", "=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`},
		{"formula_plus", "+1+1", "'+1+1"},
		{"formula_minus", "-2+3", "'-2+3"},
		{"formula_at", "@SUM(A1)", "'@SUM(A1)"},
		{"formula_tab", "\t=1", "'\t=1"},
		{"formula_cr", "\r=1", "\"'\r=1\""},
		{"formula_fullwidth", "＝1+1", "'＝1+1"},
		{"formula_later_is_text", "a=1", "a=1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			writeCSV(&b, c.in)
			if got := b.String(); got != c.want {
				t.Errorf("writeCSV(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestWriteFloat(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{0, "0"}, {1.25, "1.3"}, {-1.25, "-1.3"}, {-0.04, "0"}, {12.96, "13"}, {100.1, "100.1"}} {
		var b strings.Builder
		writeFloat(&b, c.in)
		if got := b.String(); got != c.want {
			t.Errorf("writeFloat(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestPseudoAngle(t *testing.T) {
	// Clockwise from the top, with y pointing down.
	prev := -1.0
	for k := 0; k < 360; k++ {
		a := float64(k)*math.Pi/180 - math.Pi/2
		p := pseudoAngle(math.Cos(a), math.Sin(a))
		if p <= prev || p < 0 || p >= 4 {
			t.Fatalf("pseudoAngle at %d° from the top = %v, after %v", k, p, prev)
		}
		prev = p
	}
}
