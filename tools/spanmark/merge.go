package main

// merge builds one file from several annotators' files of one document;
// the rules are in annotations/merge.go.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/team"
)

func init() {
	commands["merge"] = command{run: runMerge,
		summary: "merge annotators' files, keeping disagreements as conflicts to adjudicate"}
}

const mergeUsage = `usage: spanmark merge [--min-agree N] [--from FORMAT] [--text TEXT] [--offsets utf16|codepoints] [--doc N] -o OUT A.json B.json [C.json ...]

Writes one file with every annotation at least N annotators made (default:
a majority), and the others marked with a conflict that lists each
annotator's vote, to accept or reject in the app. Relations are kept when N
annotators made them or an endpoint is in conflict. Ids are renumbered; the
output depends only on the inputs. OUT is written whole or not at all.
--from, --text, --offsets and --doc read other formats, as for agree.`

func runMerge(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	minAgree := fs.Int("min-agree", 0, "annotators needed to keep an annotation without conflict (default majority)")
	out := fs.String("o", "", "output file")
	from := fs.String("from", "", "format of the files (default: detect spanmark or w3c)")
	var textPaths textList
	fs.Var(&textPaths, "text", "the article's text, for files that do not carry it; once for all, or once per such file in order")
	readOpts := addReadFlags(fs)
	paths, err := parseInterspersed(fs, args)
	var o readOptions
	if err == nil {
		o, err = readOpts()
	}
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintln(stdout, mergeUsage)
		return 0
	case err != nil:
	case *out == "":
		err = fmt.Errorf("-o OUT is required")
	case len(paths) < 2 && *from != "labelstudio" && *from != "doccano" || len(paths) == 0:
		err = fmt.Errorf("need at least two files")
	case *minAgree < 0:
		err = fmt.Errorf("--min-agree %d is negative", *minAgree)
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark merge: %v\n%s\n", err, mergeUsage)
		return 2
	}
	p, files, err := loadPanel(paths, *from, textPaths, o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark merge: %v\n", err)
		return 1
	}
	// The merge is stamped with the latest export time of its inputs, so
	// that merging the same files twice gives the same bytes.
	var stamp time.Time
	for _, f := range files {
		if f.Exported.After(stamp) {
			stamp = f.Exported
		}
	}
	if len(p.Annotators) < 2 {
		fmt.Fprintf(stderr, "spanmark merge: need at least two annotators, and %s holds one\n%s\n", paths[0], mergeUsage)
		return 2
	}
	if *minAgree > len(p.Annotators) {
		fmt.Fprintf(stderr, "spanmark merge: --min-agree %d is more than the %d annotators\n%s\n", *minAgree, len(p.Annotators), mergeUsage)
		return 2
	}
	merged, rep, err := team.Merge(p, *minAgree, stamp)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark merge: %v\n", err)
		return 1
	}
	b, err := codec.Encode(merged)
	if err == nil {
		err = writeAtomically(*out, b)
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark merge: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "merged %d annotators into %s: %d annotations agreed by at least %d, %d conflicts to adjudicate, %d relations\n",
		len(p.Annotators), *out, rep.Agreed, rep.MinAgree, rep.Conflicts, len(merged.Relations))
	for _, a := range p.Annotators {
		for _, o := range a.Orphans {
			fmt.Fprintf(stdout, "  kept as orphan: %s %s %s: %s\n", a.Name, o.Annotation.Label, quoteShort(o.Annotation.Quote, 40), o.Reason)
		}
	}
	for _, d := range rep.DroppedRelations {
		fmt.Fprintf(stdout, "  dropped relation: %s from %s to %s, made only by %v\n", d.Type,
			quoteShort(d.From.Quote, 30), quoteShort(d.To.Quote, 30), d.Annotators)
	}
	return 0
}

// writeAtomically writes b to path through a temporary file in the same
// folder and a rename, so path holds either its old content or all of b,
// never part of it.
func writeAtomically(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
