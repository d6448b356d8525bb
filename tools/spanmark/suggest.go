package main

// suggest writes the suggestions of annotations/suggest for an article, as
// a Spanmark file that can be opened as pre-annotated work or scored
// against a person's work with agree.

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/suggest"
)

func init() {
	commands["suggest"] = command{run: runSuggest,
		summary: "suggest actors, claims and proposals for an article, as a Spanmark file"}
}

const suggestUsage = `usage: spanmark suggest --text ARTICLE.txt [--with WORK.json] [--lexicon FILE] -o OUT.json

Suggests actor mentions (names, titles and names, surnames after a full
name, possessives, countries and organisations, demonyms, and the other
mentions of the entities the work names), and claims and proposals from
reporting and proposal cues, with their source and target links. OUT holds
the work of --with (if any) and every suggestion, accepted, so it can be
opened as pre-annotated work or scored with 'spanmark agree'. With --with
alone the text is the work's; with both, the work is placed on the text.
--lexicon reads the cue and name lists from FILE instead of the built-in
English ones (the format is that of annotations/suggest/lexicon/en.txt).
The output depends only on the inputs; OUT is written whole or not at all.`

func runSuggest(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("suggest", suggestUsage)
	textPath := fl.String("text", "", "the article, as plain `TEXT`")
	withPath := fl.String("with", "", "a Spanmark file of `WORK` on the article")
	lexPath := fl.String("lexicon", "", "a lexicon `FILE` (default: the built-in English one)")
	out := fl.String("o", "", "write to `OUT`")
	_, status, ok := fl.parse(args, stdout, stderr, func(rest []string) error {
		switch {
		case len(rest) > 0:
			return fmt.Errorf("unexpected argument %q", rest[0])
		case *out == "":
			return fmt.Errorf("-o OUT is required")
		case *textPath == "" && *withPath == "":
			return fmt.Errorf("--text or --with is required")
		}
		return nil
	})
	if !ok {
		return status
	}
	set, stamp, err := loadWork(*textPath, *withPath)
	if err == nil {
		err = suggestInto(set, *lexPath, stamp)
	}
	var b []byte
	if err == nil {
		b, err = codec.Encode(annotations.NewFile(set, "spanmark suggest", stamp))
	}
	if err == nil {
		err = writeAtomically(*out, b)
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark suggest: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %s: %d annotations, %d relations\n", *out, set.Len(), len(set.Relations()))
	return 0
}

// loadWork returns the set to add suggestions to: the work of withPath
// placed on the text of textPath, either alone, and the time to stamp the
// output with (the work's export time, so the output depends only on the
// inputs).
func loadWork(textPath, withPath string) (*annotations.Set, time.Time, error) {
	var doc *annotations.Document
	if textPath != "" {
		b, err := os.ReadFile(textPath)
		if err != nil {
			return nil, time.Time{}, err
		}
		doc = annotations.NewDocument(string(b), "", filepath.Base(textPath))
	}
	if withPath == "" {
		return annotations.NewSet(doc, annotations.DefaultSchema()), time.Time{}, nil
	}
	b, err := os.ReadFile(withPath)
	if err != nil {
		return nil, time.Time{}, err
	}
	f, _, _, err := readFile(withPath, "spanmark", b, readOptions{})
	if err != nil {
		return nil, time.Time{}, err
	}
	if doc == nil {
		doc = annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source)
	}
	set, rep, err := anchor.Place(f, doc)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("%s: %w", withPath, err)
	}
	if n := len(rep.Orphaned); n > 0 {
		return nil, time.Time{}, fmt.Errorf("%s: %d annotations could not be placed on %s", withPath, n, textPath)
	}
	return set, f.Exported.UTC(), nil
}

// suggestInto adds every suggestion for set's document and work to set,
// with the lexicon at lexPath or the English one.
func suggestInto(set *annotations.Set, lexPath string, now time.Time) error {
	lx := suggest.English()
	if lexPath != "" {
		b, err := os.ReadFile(lexPath)
		if err != nil {
			return err
		}
		if lx, err = suggest.ParseLexicon(string(b)); err != nil {
			return fmt.Errorf("%s: %w", lexPath, err)
		}
	}
	sugs := suggest.Suggest(set.Document(), set.Annotations(), lx)
	return suggest.Accept(set, sugs, map[string]string{}, now)
}
