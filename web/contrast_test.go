package web

// The colours of the stylesheet meet WCAG 2.2 AA in both themes: every
// label slot as a badge's background under its text (4.5:1) and as an
// underline on the page (3:1), and the borders of the form fields (3:1).
// The colours are read from style.css, the one place they are defined
// for the default labels (wasm/labels.go sets a schema's own colours).

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// themes returns the custom properties of :root in the light theme and,
// with the light ones as defaults, in the dark theme.
func themes(t *testing.T) (light, dark map[string]string) {
	t.Helper()
	b, err := FS.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(b)
	decl := regexp.MustCompile(`(--[a-z0-9-]+)\s*:\s*(#[0-9A-Fa-f]{6}\b|[0-9]+%)`)
	block := func(s string) map[string]string {
		m := map[string]string{}
		for _, d := range decl.FindAllStringSubmatch(s, -1) {
			m[d[1]] = strings.ToLower(d[2])
		}
		return m
	}
	root := regexp.MustCompile(`(?s)^.*?:root\s*\{(.*?)\}`).FindStringSubmatch(css)
	darkRoot := regexp.MustCompile(`(?s)@media \(prefers-color-scheme: dark\)\s*\{\s*:root\s*\{(.*?)\}`).FindStringSubmatch(css)
	if root == nil || darkRoot == nil {
		t.Fatal("style.css has no :root block or no dark :root block")
	}
	light = block(root[1])
	dark = block(root[1])
	for k, v := range block(darkRoot[1]) {
		dark[k] = v
	}
	return light, dark
}

func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("%q is not a colour #rrggbb", hex)
	}
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&255) + 0.7152*ch(v>>8&255) + 0.0722*ch(v&255)
}

// mix is color-mix(in srgb, a pct, b), pct like "14%", as #rrggbb.
func mix(t *testing.T, a, b, pct string) string {
	t.Helper()
	p, err := strconv.ParseFloat(strings.TrimSuffix(pct, "%"), 64)
	if err != nil {
		t.Fatalf("%q is not a percentage", pct)
	}
	x, _ := strconv.ParseUint(a[1:], 16, 32)
	y, _ := strconv.ParseUint(b[1:], 16, 32)
	out := "#"
	for _, sh := range []uint{16, 8, 0} {
		c := float64(x>>sh&255)*p/100 + float64(y>>sh&255)*(1-p/100)
		out += strconv.FormatUint(uint64(math.Round(c))|0x100, 16)[1:]
	}
	return out
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrast(t *testing.T) {
	light, dark := themes(t)
	for _, th := range []struct {
		name string
		vars map[string]string
	}{{"light", light}, {"dark", dark}} {
		t.Run(th.name, func(t *testing.T) {
			get := func(name string) string {
				v, ok := th.vars[name]
				if !ok {
					t.Fatalf("style.css sets no %s", name)
				}
				return v
			}
			bg, panel := get("--bg"), get("--panel")
			check := func(what, fg, bg string, want float64) {
				t.Helper()
				if got := contrast(t, fg, bg); got < want {
					t.Errorf("%s: %s on %s is %.2f:1, want at least %.1f:1", what, fg, bg, got, want)
				}
			}
			for i := range annotations.LabelSlots {
				l := get("--l" + strconv.Itoa(i))
				check("badge text of slot "+strconv.Itoa(i), get("--on-label"), l, 4.5)
				check("underline of slot "+strconv.Itoa(i), l, bg, 3)
				check("underline of slot "+strconv.Itoa(i)+" on the panel", l, panel, 3)
			}
			tint := th.vars["--tint-pct"]
			if tint == "" {
				t.Fatalf("style.css sets no --tint-pct")
			}
			for i := range annotations.LabelSlots {
				l := get("--l" + strconv.Itoa(i))
				check("text on the tint of slot "+strconv.Itoa(i), get("--fg"), mix(t, l, bg, tint), 4.5)
			}
			check("text", get("--fg"), bg, 4.5)
			check("muted text", get("--muted"), bg, 4.5)
			check("muted text on the panel", get("--muted"), panel, 4.5)
			check("accent", get("--accent"), bg, 4.5)
			check("danger", get("--danger"), bg, 4.5)
			check("warning", get("--warn"), bg, 3)
			check("field border", get("--field-line"), bg, 3)
			check("field border on the panel", get("--field-line"), panel, 3)
			check("focus ring", get("--focus"), bg, 3)
		})
	}
}

// TestSchemaColourRules checks that the rules a schema's own colour is
// checked by (annotations.CheckReadable) name the stylesheet's colours:
// the page's background in each theme, and the badge text the program
// gives such a colour in both, the light theme's.
func TestSchemaColourRules(t *testing.T) {
	light, dark := themes(t)
	got := []string{annotations.PageBackgrounds[0], annotations.PageBackgrounds[1], annotations.BadgeText}
	want := []string{light["--bg"], dark["--bg"], light["--on-label"]}
	for i := range got {
		if strings.ToLower(got[i]) != want[i] {
			t.Errorf("annotations has %s where style.css has %s (page light, page dark, badge text)", got, want)
			break
		}
	}
}
