package web

import (
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations/argmap"
)

// TestStyleHasDrawingStyle checks that style.css holds every rule of the
// argument map's own style, which the page removes from the drawing
// because its policy refuses inline style (web/analysis.js).
func TestStyleHasDrawingStyle(t *testing.T) {
	css, err := FS.ReadFile("style.css")
	if err != nil {
		t.Fatal(err)
	}
	squash := func(s string) string {
		s = strings.Join(strings.Fields(s), "")
		return strings.ReplaceAll(s, ";}", "}")
	}
	have := squash(string(css))
	for _, rule := range strings.SplitAfter(argmap.Style, "}") {
		if rule != "" && !strings.Contains(have, squash(rule)) {
			t.Errorf("style.css lacks the drawing's rule %s", rule)
		}
	}
}
