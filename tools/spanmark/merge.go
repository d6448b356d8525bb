package main

// merge builds one file from several annotators' files of one document;
// the rules are in annotations/team/merge.go.

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/team"
)

func init() {
	commands["merge"] = command{run: runMerge,
		summary: "merge annotators' files, keeping disagreements as conflicts to adjudicate"}
}

const mergeUsage = `usage: spanmark merge [--min-agree N] [--from FORMAT] [--text TEXT] [--offsets utf16|codepoints] [--doc N] [--lossy] -o OUT A.json B.json [C.json ...]

Writes one file with every annotation at least N annotators made (default:
a majority), and the others marked with a conflict that lists each
annotator's vote, to accept or reject in the app. Relations are kept when N
annotators made them or an endpoint is in conflict. Ids are renumbered; the
output depends only on the inputs. OUT is written whole or not at all.
--from, --text, --offsets and --doc read other formats, as for agree; what
their files hold that cannot be kept is listed as warnings, and then
nothing is written (exit status 1) unless --lossy.

Given corpus files (docs/project.md), one per annotator, merge writes one
corpus: each document is merged as above from the corpora that have a
file for it (a file only one has is kept as it is), and is done when every
annotator marked it done.`

func runMerge(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("merge", mergeUsage)
	minAgree := fl.Int("min-agree", 0, "keep without conflict what `N` annotators made (default: a majority)")
	out := fl.String("o", "", "write to the file `OUT` (required)")
	lossy := fl.Bool("lossy", false, "merge what can be kept even when other tools' files hold what cannot (the warnings)")
	from, textPaths, o := teamFlags(fl)
	paths, status, ok := fl.parse(args, stdout, stderr, func(paths []string) error {
		if *out == "" {
			return errors.New("-o OUT is required")
		}
		if err := wantTeamFiles(paths, *from); err != nil {
			return err
		}
		if *minAgree < 0 {
			return fmt.Errorf("--min-agree %d is negative", *minAgree)
		}
		return nil
	})
	if !ok {
		return status
	}
	if *from == "" && len(*textPaths) == 0 {
		cs, ok, err := loadCorpora(paths)
		if err != nil {
			fmt.Fprintf(stderr, "spanmark merge: %v\n", err)
			return 1
		}
		if ok {
			return mergeCorpora(cs, *minAgree, *out, stdout, stderr)
		}
	}
	p, files, lost, err := loadPanel(paths, *from, *textPaths, *o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark merge: %v\n", err)
		return 1
	}
	if lost && !*lossy {
		fmt.Fprintf(stderr, "spanmark merge: not everything in the files can be kept (the warnings above), so nothing was written; --lossy merges what can be\n")
		return 1
	}
	// The merge is stamped with the latest export time of its inputs, so
	// that merging the same files twice gives the same bytes.
	var latest annotations.Time
	for _, f := range files {
		latest = max(latest, f.Exported)
	}
	stamp := latest.UTC()
	if len(p.Annotators) < 2 {
		return fl.fail(stderr, fmt.Errorf("need at least two annotators, and %s holds one", paths[0]))
	}
	if *minAgree > len(p.Annotators) {
		return fl.fail(stderr, fmt.Errorf("--min-agree %d is more than the %d annotators", *minAgree, len(p.Annotators)))
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
