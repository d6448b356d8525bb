package argmap

import (
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations"
)

// TestTables checks that the tables parse as XML, that hostile text stays
// text, and that every button names a span of the map.
func TestTables(t *testing.T) {
	hostile := `<img src=x onerror="alert(1)"> & "Ø" '`
	doc := annotations.NewDocument("Lavrov said talks were useful. Rubio urged a ceasefire on Moscow.", "Talks", "")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	for _, a := range []annotations.Annotation{
		{ID: "a1", Label: "actor", Start: 0, End: 6, Entity: hostile},
		{ID: `a2"><script>`, Label: "claim", Start: 7, End: 29},
		{ID: "a3", Label: "actor", Start: 31, End: 36},
		{ID: "a4", Label: "proposal", Start: 37, End: 54},
		{ID: "a5", Label: "actor", Start: 58, End: 64},
	} {
		if err := set.Insert(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range []annotations.Relation{
		{ID: "r1", Type: "source", From: `a2"><script>`, To: "a1"},
		{ID: "r2", Type: "source", From: "a4", To: "a3"},
		{ID: "r3", Type: "target", From: "a4", To: "a5"},
	} {
		if err := set.InsertRelation(r); err != nil {
			t.Fatal(err)
		}
	}
	out := New([]Source{FromSet(set, "talks.txt", "")}).Tables()

	d := xml.NewDecoder(strings.NewReader(out))
	var text strings.Builder
	var targets []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Tables is not well-formed XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "div", "section", "h3", "h4", "span", "p", "ul", "li", "button", "table", "caption", "tr", "th", "td":
			default:
				t.Errorf("Tables has a <%s> element", tok.Name.Local)
			}
			for _, at := range tok.Attr {
				if strings.HasPrefix(at.Name.Local, "on") {
					t.Errorf("Tables has an %s attribute", at.Name.Local)
				}
				if at.Name.Local == "data-annotation" {
					targets = append(targets, at.Value)
				}
			}
		case xml.CharData:
			text.Write(tok)
		}
	}
	if !strings.Contains(text.String(), hostile) {
		t.Errorf("the tables' text lacks the entity %q whole:\n%s", hostile, text.String())
	}
	// Actors a1, a3 and a5 with their statements, and the one cell.
	want := map[string]bool{"a1": true, `a2"><script>`: true, "a3": true, "a4": true, "a5": true}
	for _, id := range targets {
		if !want[id] {
			t.Errorf("a button selects %q, not an annotation of the map", id)
		}
	}
	if len(targets) < 7 {
		t.Errorf("Tables has %d buttons, want at least 7 (3 actors, 3 statements, 1 cell):\n%s", len(targets), out)
	}
}
