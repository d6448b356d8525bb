package anchor

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/spanmark/spanmark/annotations"
)

var peerCases = flag.String("reanchor.cases", "", "write the re-anchoring cases as JSON to this `dir`, for tools/bench/peers")

// peerCase is one text of the re-anchoring evaluation as JSON, so that
// other tools' anchoring can be run on exactly the same selectors and
// counted the same way (tools/bench/peers). Offsets are code points.
type peerCase struct {
	Name      string    `json:"name"`
	Text      string    `json:"text"`
	Selectors []peerSel `json:"selectors"`
	Want      []*[2]int `json:"want"` // nil: the words are gone, an orphan is right
	Edited    []bool    `json:"edited"`
	// Spanmark is where PlaceSelectors put each selector without the old
	// text (as for a W3C file), nil for an orphan, and Millis the time it
	// took for the batch.
	Spanmark []*[2]int `json:"spanmark"`
	Millis   float64   `json:"spanmark_ms"`
}

type peerSel struct {
	Exact  string `json:"exact"`
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
}

func toPeerSel(s annotations.Selector) peerSel {
	return peerSel{Exact: s.Exact, Prefix: s.Prefix, Suffix: s.Suffix, Start: s.Start, End: s.End}
}

// TestWriteReanchorCases writes the cases of BenchmarkReanchor (every 50th
// word replaced) and of BenchmarkPlaceEditedArticle (lines removed and
// sentences inserted) when -reanchor.cases is set:
//
//	go test ./annotations/anchor -run TestWriteReanchorCases -reanchor.cases /tmp/cases -reanchor.n 1000
func TestWriteReanchorCases(t *testing.T) {
	if *peerCases == "" {
		t.Skip("-reanchor.cases not set")
	}
	if err := os.MkdirAll(*peerCases, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(c peerCase) {
		sels := make([]annotations.Selector, len(c.Selectors))
		for i, s := range c.Selectors {
			sels[i] = annotations.Selector{Exact: s.Exact, Prefix: s.Prefix, Suffix: s.Suffix, Start: s.Start, End: s.End}
		}
		t0 := time.Now()
		got := PlaceSelectors(nil, []rune(c.Text), sels)
		c.Millis = float64(time.Since(t0).Microseconds()) / 1000
		for _, r := range got {
			if r.Err != nil {
				c.Spanmark = append(c.Spanmark, nil)
			} else {
				c.Spanmark = append(c.Spanmark, &[2]int{r.Start, r.End})
			}
		}
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*peerCases, c.Name+".json"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tx := range evalTexts(t) {
		e := replaceWords(tx.text, 50, 1)
		spans := evalSpans(e, *reanchorN, 2)
		c := peerCase{Name: tx.name + "_words", Text: string(e.text)}
		for i, s := range evalSelectors(e, spans) {
			sp := spans[i]
			c.Selectors = append(c.Selectors, toPeerSel(s))
			c.Want = append(c.Want, &[2]int{e.newWords[sp.first][0], e.newWords[sp.last][1]})
			c.Edited = append(c.Edited, e.isEdited(sp))
		}
		write(c)
	}
	old := loadCorpus(t, 0)
	f := benchFile(t, old)
	want := benchWant(f, old)
	c := peerCase{Name: "war_and_peace_lines", Text: editParagraphs(string(old))}
	step := max(1, len(f.Annotations) / *reanchorN)
	for i := 0; i < len(f.Annotations); i += step {
		a := f.Annotations[i]
		c.Selectors = append(c.Selectors, toPeerSel(a.Selector()))
		if w := want[a.ID]; w != [2]int{} {
			c.Want = append(c.Want, &w)
		} else {
			c.Want = append(c.Want, nil)
		}
		c.Edited = append(c.Edited, false)
	}
	write(c)
}
