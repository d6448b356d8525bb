package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
)

func init() {
	commands["locate"] = command{run: runLocate,
		summary: "find a quote in a text, as the app does when the text was edited"}
}

const locateUsage = `usage: spanmark locate --text FILE --exact S [--prefix S] [--suffix S] [--start N] [--end N]

Finds the quote S in the text of FILE (a plain UTF-8 text; a byte order
mark and CRLF line endings are normalised away) the way Spanmark re-anchors
an annotation: at the position hint [start,end) if the quote is there, else
the exact quote chosen by its context and then by nearness to the hint, else
a fuzzy match. Prints one JSON line
  {"start":N,"end":N,"method":"position|quote|fuzzy","score":F}
with offsets in code points, half-open, or "not found" on standard error
with exit status 1.`

// locateResult is the line locate prints.
type locateResult struct {
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Method string  `json:"method"`
	Score  float64 `json:"score"`
}

func runLocate(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("locate", locateUsage)
	textPath := fl.String("text", "", "search the text `FILE` (required)")
	var sel annotations.Selector
	fl.StringVar(&sel.Exact, "exact", "", "the quote `S` (required)")
	fl.StringVar(&sel.Prefix, "prefix", "", "text `S` just before the quote")
	fl.StringVar(&sel.Suffix, "suffix", "", "text `S` just after the quote")
	fl.IntVar(&sel.Start, "start", -1, "position hint: the quote starts at code point `N` (default: no hint)")
	fl.IntVar(&sel.End, "end", -1, "position hint: the quote ends before code point `N` (default: no hint)")
	_, status, ok := fl.parse(args, stdout, stderr, func(rest []string) error {
		switch {
		case len(rest) > 0:
			return fmt.Errorf("unexpected argument %q", rest[0])
		case *textPath == "":
			return errors.New("--text is required")
		case sel.Exact == "":
			return errors.New("--exact is required and must not be empty")
		case (sel.Start < 0) != (sel.End < 0):
			return errors.New("give both --start and --end, or neither")
		case sel.Start >= 0 && sel.End <= sel.Start:
			return fmt.Errorf("--end %d is not after --start %d", sel.End, sel.Start)
		}
		return nil
	})
	if !ok {
		return status
	}
	if sel.Start < 0 {
		sel.Start, sel.End = 0, 0 // no hint
	}
	data, err := os.ReadFile(*textPath)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark locate: %v\n", err)
		return 1
	}
	text := []rune(annotations.Normalize(string(data)))
	m, err := anchor.NewAnchorer(text).Anchor(sel)
	if err != nil {
		if errors.Is(err, annotations.ErrNotFound) {
			fmt.Fprintf(stderr, "not found: %v\n", err)
		} else {
			fmt.Fprintf(stderr, "spanmark locate: %v\n", err)
		}
		return 1
	}
	b, err := json.Marshal(locateResult{Start: m.Start, End: m.End, Method: string(m.Method),
		Score: math.Round(m.Score*10000) / 10000})
	if err != nil {
		fmt.Fprintf(stderr, "spanmark locate: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\n", b)
	return 0
}
