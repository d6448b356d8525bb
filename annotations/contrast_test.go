package annotations

import (
	"math"
	"strings"
	"testing"
)

func TestContrast(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want float64
		ok   bool
	}{
		{"black_on_white", "#000000", "#ffffff", 21, true},
		{"same", "#0072B2", "#0072b2", 1, true},
		{"okabe_blue_on_white", "#0072B2", "#ffffff", 5.19, true},
		{"not_a_colour", "blue", "#ffffff", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Contrast(tt.a, tt.b)
			if ok != tt.ok || math.Abs(got-tt.want) > 0.01 {
				t.Errorf("Contrast(%q, %q) = %.2f, %v; want %.2f, %v", tt.a, tt.b, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCheckReadable(t *testing.T) {
	def := DefaultSchema()
	with := func(color string) Schema {
		s := cloneSchema(def)
		s.Labels = append(s.Labels, Label{ID: "place", Name: "Place", Color: color})
		return s
	}
	tests := []struct {
		name    string
		s, old  Schema
		wantErr string // "" for none
	}{
		{name: "default_colours", s: def, old: Schema{}},
		{name: "mid_tone_new_colour", s: with("#8e44ad"), old: def},
		{name: "too_dark_for_the_dark_theme", s: with("#5a2d82"), old: def,
			wantErr: `labels[3].color: "#5a2d82" is hard to see on the dark theme's page, #16181c (1.80:1, want at least 3:1); choose a lighter colour`},
		{name: "black_for_the_dark_theme", s: with("#000000"), old: def, wantErr: `labels[3].color: "#000000" is hard to see on the dark theme's page`},
		{name: "dark_colour_kept", s: with("#5a2d82"), old: with("#5a2d82")},
		{name: "no_colour", s: with(""), old: def},
		{name: "pale_new_colour", s: with("#ffee88"), old: def, wantErr: `labels[3].color: "#ffee88" is hard to read`},
		{name: "pale_colour_kept", s: with("#ffee88"), old: with("#ffee88")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.CheckReadable(tt.old)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)) {
				t.Errorf("CheckReadable() = %v, want an error starting %q", err, tt.wantErr)
			}
		})
	}
}

func TestPow24(t *testing.T) {
	for x := 0.05; x <= 1; x += 0.001 {
		if got, want := pow24(x), math.Pow(x, 2.4); math.Abs(got-want) > 1e-9 {
			t.Fatalf("pow24(%v) = %v, want %v", x, got, want)
		}
	}
}
