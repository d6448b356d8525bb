package main

// agree compares several annotators' files of one document. The measures
// and their rules (overlap rule, units of kappa and alpha, categories) are
// documented in annotations/team/agree.go; this file reads the files, prints the
// table or the JSON, and turns errors into messages that name the file.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/team"
)

func init() {
	commands["agree"] = command{run: runAgree,
		summary: "agreement of annotators' files of one document: span F1, kappa, alpha, disagreements"}
}

const agreeUsage = `usage: spanmark agree [--json] [--from FORMAT] [--text TEXT] [--offsets utf16|codepoints] [--doc N] A.json B.json [C.json ...]

Compares annotators' files of one document; --from reads another format.
A doccano file (one per annotator) may hold several documents' lines, and a
Label Studio export several tasks each with several annotators: the work is
grouped by document, each annotation of it counting as an annotator, and
--doc N picks the Nth document when there are several. --offsets gives the
unit of doccano's offsets (default utf16). --text gives the article's text
to files that do not carry it (W3C, brat .ann): once for all of them, or
once per such file, in order, when their texts differ. Prints per label
and overall the span precision, recall and F1 (exact, and overlapping:
same label and at least half of the shorter span shared, matched
one-to-one), Cohen's kappa
(two annotators) or Fleiss' kappa (more) and Krippendorff's alpha (nominal)
over the text's code points, relation and entity agreement, and the places
where the annotators differ. An annotator is named by the file's annotator
field, or else by the file name. --json prints the same as JSON.

Given corpus files (docs/project.md), one per annotator, agree compares
each document that two or more of them have a file for, and pools the
documents that all of them have, as if their texts were one.`

func runAgree(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("agree", agreeUsage)
	asJSON := fl.Bool("json", false, "print JSON")
	from, textPaths, o := teamFlags(fl)
	paths, status, ok := fl.parse(args, stdout, stderr, func(paths []string) error {
		return wantTeamFiles(paths, *from)
	})
	if !ok {
		return status
	}
	if *from == "" && len(*textPaths) == 0 {
		cs, ok, err := loadCorpora(paths)
		if err != nil {
			fmt.Fprintf(stderr, "spanmark agree: %v\n", err)
			return 1
		}
		if ok {
			return agreeCorpora(cs, *asJSON, stdout, stderr)
		}
	}
	p, _, _, err := loadPanel(paths, *from, *textPaths, *o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark agree: %v\n", err)
		return 1
	}
	if len(p.Annotators) < 2 {
		return fl.fail(stderr, fmt.Errorf("need at least two annotators, and %s holds one", paths[0]))
	}
	ag := team.Agree(p)
	if *asJSON {
		b, err := json.MarshalIndent(agreeJSON{
			Document:  docJSON{ID: p.Document.ID, Title: p.Document.Title, Length: p.Document.Len()},
			Files:     filesJSON(p),
			Agreement: ag,
		}, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "spanmark agree: %v\n", err)
			return 1
		}
		stdout.Write(append(b, '\n'))
		return 0
	}
	printAgreement(stdout, p, ag)
	return 0
}

// teamFlags defines the flags agree and merge share: --from and --text,
// which loadPanel takes.
func teamFlags(fl *cmdFlags) (from *string, textPaths *textList, o *readOptions) {
	from = fl.String("from", "", "read the files as `FORMAT` (default: detect spanmark or w3c)")
	textPaths = new(textList)
	fl.Var(textPaths, "text", "the article's text file `TEXT`, for files that do not carry it; once for all, or once per such file in order")
	return from, textPaths, fl.readFlags()
}

// wantTeamFiles checks the files given to agree or merge: two or more, or
// one in a format that holds several annotators (doccano, Label Studio).
func wantTeamFiles(paths []string, from string) error {
	if len(paths) < 2 && from != "labelstudio" && from != "doccano" || len(paths) == 0 {
		return errors.New("need at least two files")
	}
	return nil
}

// loadPanel reads every annotator's work in the files at paths (in format
// from, or detected when from is ""), gives the files that carry no text
// (W3C, brat .ann) the text of the file at textPaths (one for all, or one
// per such file, in order, when their texts differ), and places them all on
// the first one's text. A file may hold several documents (doccano lines,
// Label Studio tasks): its work is grouped by text, and o.doc picks the
// Nth document of each such file. What the decoders could not keep is
// printed on warnings, and lost says whether there was any. Errors name
// the file, and the line and JSON path when the decoder knows them.
func loadPanel(paths []string, from string, textPaths []string, o readOptions, warnings io.Writer) (p *team.Panel, files []*annotations.File, lost bool, err error) {
	var texts []*annotations.Document
	for _, tp := range textPaths {
		b, err := os.ReadFile(tp)
		if err != nil {
			return nil, nil, false, err
		}
		texts = append(texts, annotations.NewDocument(string(b), "", filepath.Base(tp)))
	}
	// textFor returns the text for the kth file without one.
	textless := 0
	textFor := func(path string) (*annotations.Document, error) {
		k := textless
		textless++
		switch {
		case len(texts) == 1:
			return texts[0], nil
		case k < len(texts):
			return texts[k], nil
		case len(texts) == 0:
			return nil, errors.New(path + " holds no text (W3C files and brat .ann files do not carry it); name the article's text file with --text")
		}
		return nil, fmt.Errorf("%s holds no text, and the %d --text files are for the files before it; give one --text for all, or one per file without text", path, len(texts))
	}
	var names []string
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, nil, false, err
		}
		fs, ns, rep, err := decodeAll(path, from, b, readOptions{offsets: o.offsets})
		if err != nil {
			return nil, nil, false, err
		}
		if warn(warnings, path, rep) {
			lost = true
		}
		if fs, ns, err = oneDocument(fs, ns, o.doc); err != nil {
			return nil, nil, false, fmt.Errorf("%s: %w", path, err)
		}
		for _, f := range fs {
			if f.Document.Text != "" || f.Document.Length == 0 && len(f.Annotations) == 0 {
				continue
			}
			text, err := textFor(path)
			if err != nil {
				return nil, nil, false, err
			}
			f.Document = annotations.FileDocument{ID: text.ID, Title: text.Title, Source: f.Document.Source,
				Length: text.Len(), Text: text.Text}
		}
		files = append(files, fs...)
		names = append(names, ns...)
	}
	p, err = team.NewPanel(files, names)
	return p, files, lost, err
}

// textList is a flag that may be given several times.
type textList []string

func (l *textList) String() string     { return strings.Join(*l, ",") }
func (l *textList) Set(s string) error { *l = append(*l, s); return nil }

// oneDocument groups the files read from one file by their text, in the
// order first seen, and returns those of the group doc names (its number
// from 1), or of the only group. Each group is one document, and each
// file in it one annotator's work on it.
func oneDocument(files []*annotations.File, names []string, doc string) ([]*annotations.File, []string, error) {
	var texts []string
	group := map[string]int{}
	for _, f := range files {
		if _, ok := group[f.Document.Text]; !ok {
			group[f.Document.Text] = len(texts)
			texts = append(texts, f.Document.Text)
		}
	}
	pick := 0
	switch {
	case doc == "" && len(texts) > 1:
		return nil, nil, fmt.Errorf("the file holds %d documents; pick the one to compare with --doc N (1 to %d)", len(texts), len(texts))
	case doc != "" && len(texts) > 1:
		n, err := strconv.Atoi(doc)
		if err != nil || n < 1 || n > len(texts) {
			return nil, nil, fmt.Errorf("--doc %q: want a number from 1 to %d, the file's documents in order", doc, len(texts))
		}
		pick = n - 1
	}
	var fs []*annotations.File
	var ns []string
	for i, f := range files {
		if group[f.Document.Text] == pick {
			fs = append(fs, f)
			ns = append(ns, names[i])
		}
	}
	return fs, ns, nil
}

type agreeJSON struct {
	Document docJSON    `json:"document"`
	Files    []fileJSON `json:"files"`
	team.Agreement
}

type docJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Length int    `json:"length"`
}

// fileJSON says what placing one file on the first file's text did; the
// annotations not placed include those the file already held as orphans.
type fileJSON struct {
	Annotator   string       `json:"annotator"`
	File        string       `json:"file"`
	Annotations int          `json:"annotations"`
	Relations   int          `json:"relations"`
	Moved       int          `json:"moved"`
	Orphaned    []orphanJSON `json:"orphaned"`
}

type orphanJSON struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Quote  string `json:"quote"`
	Reason string `json:"reason"`
}

func filesJSON(p *team.Panel) []fileJSON {
	out := make([]fileJSON, len(p.Annotators))
	for i, a := range p.Annotators {
		out[i] = fileJSON{Annotator: a.Name, File: a.File, Annotations: len(a.Annotations), Relations: len(a.Relations),
			Moved: len(a.Report.Moved), Orphaned: []orphanJSON{}}
		for _, o := range a.Orphans {
			out[i].Orphaned = append(out[i].Orphaned, orphanJSON{ID: o.Annotation.ID, Label: o.Annotation.Label,
				Quote: o.Annotation.Quote, Reason: o.Reason})
		}
	}
	return out
}

// quoteShort quotes s for a terminal, escaping control characters, and
// shortens it to about n code points by cutting out its middle.
func quoteShort(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		rs := []rune(s)
		h := n / 2
		s = string(rs[:h]) + " … " + string(rs[len(rs)-(n-h):])
	}
	return strconv.Quote(s)
}

func printAgreement(w io.Writer, p *team.Panel, ag team.Agreement) {
	fmt.Fprintf(w, "Agreement of %d annotators on %s (%d code points)\n\n", len(p.Annotators),
		quoteShort(p.Document.Title, 60), p.Document.Len())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "annotator\tfile\tspans\trelations\tplacement\t")
	for _, a := range p.Annotators {
		place := "as in the file"
		if len(a.Report.Moved) > 0 || len(a.Orphans) > 0 {
			place = fmt.Sprintf("%d moved, %d not placed", len(a.Report.Moved), len(a.Orphans))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t\n", a.Name, a.File, len(a.Annotations), len(a.Relations), place)
	}
	tw.Flush()
	for _, a := range p.Annotators {
		for _, o := range a.Orphans {
			fmt.Fprintf(w, "  not placed: %s %s %s %s: %s\n", a.Name, o.Annotation.ID, o.Annotation.Label,
				quoteShort(o.Annotation.Quote, 40), o.Reason)
		}
	}

	kappa := "kappa"
	if ag.Overall.KappaKind != "" {
		kappa = ag.Overall.KappaKind + " kappa"
	}
	fmt.Fprintf(w, "\nSpans (means over pairs; P and R take the first of a pair as reference)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "label\t"
	for _, n := range ag.Annotators {
		head += n + "\t"
	}
	fmt.Fprintln(tw, head+"exact P\texact R\texact F1\toverlap F1\t"+kappa+"\talpha\t")
	for _, row := range append(ag.Labels, ag.Overall) {
		fmt.Fprintf(tw, "%s%v\t%v\t%v\t%v\t%v\t%v\t\n", rowHead(row.Label, row.Spans), row.Exact.Precision, row.Exact.Recall, row.Exact.F1,
			row.Overlap.F1, row.Kappa, row.Alpha)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nPairs (all labels)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "pair\texact F1\toverlap F1\trelations F1\tentities\t")
	for i, ps := range ag.Overall.Exact.Pairs {
		e := ag.Entities.Pairs[i]
		fmt.Fprintf(tw, "%s–%s\t%v\t%v\t%v\t%d/%d\t\n", ps.A, ps.B, ps.F1, ag.Overall.Overlap.Pairs[i].F1,
			ag.RelationsOverall.Pairs[i].F1, e.Agreed, e.Compared)
	}
	tw.Flush()

	fmt.Fprintf(w, "\nRelations (same type between spans matched by overlap)\n")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\t"+strings.TrimPrefix(head, "label\t")+"P\tR\tF1\t")
	for _, row := range append(ag.Relations, ag.RelationsOverall) {
		fmt.Fprintf(tw, "%s%v\t%v\t%v\t\n", rowHead(row.Type, row.Relations), row.Precision, row.Recall, row.F1)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nEntities: %v of matched spans naming an entity name the same one\n", ag.Entities.Rate)

	fmt.Fprintf(w, "\nDisagreements (%d)\n", len(ag.Disagreements))
	width := 0
	for _, n := range ag.Annotators {
		width = max(width, utf8.RuneCountInString(n))
	}
	for _, d := range ag.Disagreements {
		fmt.Fprintf(w, "[%d,%d) %s\n", d.Start, d.End, quoteShort(d.Quote, 70))
		for _, v := range d.Views {
			var parts []string
			for _, s := range v.Spans {
				part := s.Label
				if s.Start != d.Start || s.End != d.End {
					part += fmt.Sprintf(" [%d,%d) %s", s.Start, s.End, quoteShort(p.Document.Slice(s.Start, s.End), 40))
				}
				parts = append(parts, part)
			}
			if len(parts) == 0 {
				parts = []string{"—"}
			}
			fmt.Fprintf(w, "    %-*s  %s\n", width, v.Annotator, strings.Join(parts, "; "))
		}
	}
}

// rowHead starts a row of the spans or relations table: the label or
// relation type ("all" for the row of all of them), then each annotator's
// count, each cell ending in a tab.
func rowHead(name string, counts []int) string {
	if name == "" {
		name = "all"
	}
	head := name + "\t"
	for _, c := range counts {
		head += strconv.Itoa(c) + "\t"
	}
	return head
}
