package annotations

import (
	"errors"
	"strconv"
)

// Contrast returns the WCAG 2.2 contrast ratio of two colours "#rrggbb",
// from 1 (the same luminance) to 21 (black on white), and false when
// either is not of that form.
func Contrast(a, b string) (float64, bool) {
	if !isHexColor(a) || !isHexColor(b) {
		return 0, false
	}
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05), true
}

// luminance is the relative luminance of a colour "#rrggbb", which
// isHexColor has accepted.
func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	ch := func(c uint64) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return pow24((s + 0.055) / 1.055)
	}
	return 0.2126*ch(v>>16&255) + 0.7152*ch(v>>8&255) + 0.0722*ch(v&255)
}

// BadgeText is the colour of the text on a label's badge where a schema
// gives the label its own colour, in both themes: web/style.css sets it
// as the light theme's --on-label, and wasm/labels.go for the label's
// slot in the dark theme too, whose own badge text is dark.
const BadgeText = "#ffffff"

// PageBackgrounds are the page's background colours (--bg in
// web/style.css), in the light theme and the dark one, on which a label's
// colour underlines its spans: a schema's own colour is used in both.
var PageBackgrounds = [2]string{"#fbfaf7", "#16181c"}

// MinUnderlineContrast is the least contrast a label's own colour must
// have with each of [PageBackgrounds]: WCAG 2.2 AA for graphics, such as
// the underline that marks a span.
const MinUnderlineContrast = 3

// MinBadgeContrast is the least contrast a label's own colour must have
// with [BadgeText]: WCAG 2.2 AA for small text, since the badge letter is
// small.
const MinBadgeContrast = 4.5

// CheckReadable checks that the colour of every label of s that differs
// from its colour in old is readable under the badge's text (see
// [MinBadgeContrast]) and visible as an underline on the page in both
// themes (see [MinUnderlineContrast]): a mid-tone, since one colour
// serves a light page and a dark one. Colours already in old are left
// alone, so a schema read from a file stays usable; the default colours are replaced by the
// theme's own (web/style.css). The error names the field, as in
// "labels[2].color".
func (s Schema) CheckReadable(old Schema) error {
	for i, l := range s.Labels {
		if l.Color == "" {
			continue
		}
		if o, ok := old.Label(l.ID); ok && o.Color == l.Color {
			continue
		}
		if d, ok := DefaultSchema().Label(l.ID); ok && d.Color == l.Color {
			continue
		}
		for _, r := range [...]struct {
			on, what, want, hint string
			min                  float64
		}{
			{BadgeText, "hard to read under the badge's white text", "4.5", "darker", MinBadgeContrast},
			{PageBackgrounds[0], "hard to see on the light theme's page, " + PageBackgrounds[0], "3", "darker", MinUnderlineContrast},
			{PageBackgrounds[1], "hard to see on the dark theme's page, " + PageBackgrounds[1], "3", "lighter", MinUnderlineContrast},
		} {
			if c, ok := Contrast(l.Color, r.on); ok && c < r.min {
				return &PathError{Path: "labels[" + strconv.Itoa(i) + "].color", Err: errors.New(strconv.Quote(l.Color) + " is " + r.what +
					" (" + strconv.FormatFloat(c, 'f', 2, 64) + ":1, want at least " + r.want + ":1); choose a " + r.hint + " colour")}
			}
		}
	}
	return nil
}

// pow24 returns x to the power 2.4 for x in [0.05, 1], the range of the
// sRGB curve where luminance needs it: x² times the fifth root of x²,
// found by Newton's method from 1, which comes down to it from above.
// It stands in for math.Pow, which would add about 2.6 KB (gzip) to the
// wasm for this one call; ten steps are within 1e-12 over the range.
func pow24(x float64) float64 {
	x2 := x * x
	r := 1.0
	for range 10 {
		r4 := r * r * r * r
		r = (4*r + x2/r4) / 5
	}
	return x2 * r
}
