package main

import (
	"encoding/json"
	"errors"
	"flag"
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
	fs := flag.NewFlagSet("locate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	textPath := fs.String("text", "", "the text file")
	var sel annotations.Selector
	fs.StringVar(&sel.Exact, "exact", "", "the quote")
	fs.StringVar(&sel.Prefix, "prefix", "", "text just before the quote")
	fs.StringVar(&sel.Suffix, "suffix", "", "text just after the quote")
	fs.IntVar(&sel.Start, "start", -1, "position hint: start, in code points")
	fs.IntVar(&sel.End, "end", -1, "position hint: end, in code points (exclusive)")
	rest, err := parseInterspersed(fs, args)
	switch {
	case err != nil:
	case len(rest) > 0:
		err = fmt.Errorf("unexpected argument %q", rest[0])
	case *textPath == "":
		err = errors.New("--text is required")
	case sel.Exact == "":
		err = errors.New("--exact is required and must not be empty")
	case (sel.Start < 0) != (sel.End < 0):
		err = errors.New("give both --start and --end, or neither")
	case sel.Start >= 0 && sel.End <= sel.Start:
		err = fmt.Errorf("--end %d is not after --start %d", sel.End, sel.Start)
	}
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(stdout, locateUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark locate: %v\n%s\n", err, locateUsage)
		return 2
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
