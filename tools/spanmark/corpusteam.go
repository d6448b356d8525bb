package main

// agree and merge on corpus files (docs/project.md): each corpus is one
// annotator's work on a project. Documents are matched by their project
// id; each document that two or more corpora have a file for is compared
// or merged as a single document would be, and agree also pools them.

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/project"
	"github.com/spanmark/spanmark/annotations/team"
)

// corpusSet is the corpora given to agree or merge, and the union of
// their documents by id, in the order they first appear.
type corpusSet struct {
	paths   []string
	corpora []*project.Corpus
	docs    []project.CorpusDocument
}

// loadCorpora reads the files at paths, when the first is a corpus; the
// second result is false when it is not, and the caller reads them as
// single files. Every file must then be a corpus of the same schema.
func loadCorpora(paths []string) (*corpusSet, bool, error) {
	first, err := os.ReadFile(paths[0])
	if err != nil || !isCorpus(first) {
		return nil, false, nil
	}
	cs := &corpusSet{paths: paths}
	seen := map[string]bool{}
	for i, path := range paths {
		data := first
		if i > 0 {
			if data, err = os.ReadFile(path); err != nil {
				return nil, true, err
			}
			if !isCorpus(data) {
				return nil, true, fmt.Errorf("%s is not a corpus, and %s is: give corpora only", path, paths[0])
			}
		}
		c, err := readCorpus(path, data)
		if err != nil {
			return nil, true, err
		}
		if i > 0 && !sameSchema(c.Header.Schema, cs.corpora[0].Header.Schema) {
			return nil, true, fmt.Errorf("%s has another schema than %s", path, paths[0])
		}
		cs.corpora = append(cs.corpora, c)
		for _, d := range c.Header.Documents {
			if !seen[d.ID] {
				seen[d.ID] = true
				cs.docs = append(cs.docs, d)
			}
		}
	}
	return cs, true, nil
}

func sameSchema(a, b annotations.Schema) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// filesOf returns the files of document id, one per corpus that has one,
// with the corpus paths as names and the statuses.
func (cs *corpusSet) filesOf(id string) (files []*annotations.File, names []string, statuses []project.Status) {
	for i, c := range cs.corpora {
		for j, d := range c.Header.Documents {
			if d.ID == id && c.Files[j] != nil {
				files = append(files, c.Files[j])
				names = append(names, cs.paths[i])
				statuses = append(statuses, d.Status)
			}
		}
	}
	return files, names, statuses
}

// corpusAgreeJSON is what agree --json prints for corpora.
type corpusAgreeJSON struct {
	Corpora   []string             `json:"corpora"`
	Documents []corpusDocAgreeJSON `json:"documents"`
	// Pooled is the agreement over the documents every corpus has a file
	// for, as if they were one text: null when there are none.
	Pooled       *team.Agreement `json:"pooled"`
	PooledDocIDs []string        `json:"pooled_documents"`
}

type corpusDocAgreeJSON struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Annotators []string        `json:"annotators"`
	Agreement  *team.Agreement `json:"agreement"` // null when fewer than two have a file
}

// agreeCorpora compares the corpora at paths per document and pooled.
func agreeCorpora(cs *corpusSet, asJSON bool, stdout, stderr io.Writer) int {
	res := corpusAgreeJSON{Corpora: cs.paths, Documents: []corpusDocAgreeJSON{}, PooledDocIDs: []string{}}
	pooled := make([][]*annotations.File, len(cs.corpora)) // per corpus, its files of the pooled documents
	var names []string
	for _, d := range cs.docs {
		files, fnames, _ := cs.filesOf(d.ID)
		row := corpusDocAgreeJSON{ID: d.ID, Title: d.Title, Annotators: []string{}}
		if len(files) >= 2 {
			p, err := team.NewPanel(files, fnames)
			if err != nil {
				fmt.Fprintf(stderr, "spanmark agree: document %q: %v\n", d.ID, err)
				return 1
			}
			ag := team.Agree(p)
			row.Agreement = &ag
			row.Annotators = ag.Annotators
		}
		if len(files) == len(cs.corpora) {
			res.PooledDocIDs = append(res.PooledDocIDs, d.ID)
			for i := range files {
				pooled[i] = append(pooled[i], files[i])
			}
			names = fnames
		}
		res.Documents = append(res.Documents, row)
	}
	if len(res.PooledDocIDs) > 0 {
		joined := make([]*annotations.File, len(pooled))
		for i, fs := range pooled {
			joined[i] = joinFiles(fs, res.PooledDocIDs)
		}
		p, err := team.NewPanel(joined, names)
		if err != nil {
			fmt.Fprintf(stderr, "spanmark agree: pooled: %v\n", err)
			return 1
		}
		ag := team.Agree(p)
		res.Pooled = &ag
	}
	if asJSON {
		b, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "spanmark agree: %v\n", err)
			return 1
		}
		stdout.Write(append(b, '\n'))
		return 0
	}
	fmt.Fprintf(stdout, "Agreement of %d corpora, per document (overall: exact F1, overlap F1, kappa, alpha)\n\n", len(cs.corpora))
	for _, r := range res.Documents {
		if r.Agreement == nil {
			fmt.Fprintf(stdout, "%s: fewer than two annotators have a file\n", r.ID)
			continue
		}
		o := r.Agreement.Overall
		fmt.Fprintf(stdout, "%s (%s): exact F1 %v, overlap F1 %v, kappa %v, alpha %v\n", r.ID,
			strings.Join(r.Annotators, ", "), o.Exact.F1, o.Overlap.F1, o.Kappa, o.Alpha)
	}
	if res.Pooled == nil {
		fmt.Fprintf(stdout, "\nPooled: no document has a file in every corpus\n")
		return 0
	}
	o := res.Pooled.Overall
	fmt.Fprintf(stdout, "\nPooled over %s (%s): exact F1 %v, overlap F1 %v, kappa %v, alpha %v, relations F1 %v\n",
		plural(len(res.PooledDocIDs), "document"), strings.Join(res.PooledDocIDs, ", "),
		o.Exact.F1, o.Overlap.F1, o.Kappa, o.Alpha, res.Pooled.RelationsOverall.F1)
	return 0
}

// joinFiles makes one file of one annotator's files of several documents,
// for pooled measures: the texts joined by a blank line, the annotations
// shifted with them and their ids (and those of the relations) prefixed
// with the document id. Orphans are left out, as every measure leaves
// them out.
func joinFiles(files []*annotations.File, ids []string) *annotations.File {
	const sep = "\n\n"
	out := &annotations.File{Spanmark: annotations.Version, Schema: files[0].Schema, Annotator: files[0].Annotator}
	var text strings.Builder
	shift := 0
	for i, f := range files {
		if i > 0 {
			text.WriteString(sep)
			shift += utf8.RuneCountInString(sep)
		}
		text.WriteString(f.Document.Text)
		for _, a := range f.Annotations {
			a.ID = ids[i] + "/" + a.ID
			a.Start += shift
			a.End += shift
			out.Annotations = append(out.Annotations, a)
		}
		for _, r := range f.Relations {
			r.ID, r.From, r.To = ids[i]+"/"+r.ID, ids[i]+"/"+r.From, ids[i]+"/"+r.To
			out.Relations = append(out.Relations, r)
		}
		shift += f.Document.Length
	}
	t := text.String()
	out.Document = annotations.FileDocument{ID: annotations.DocumentID(t), Title: "pooled", Length: utf8.RuneCountInString(t), Text: t}
	return out
}

// mergeCorpora merges the corpora per document into one corpus at out.
// A document that only one corpus has a file for keeps that file.
func mergeCorpora(cs *corpusSet, minAgree int, out string, stdout, stderr io.Writer) int {
	first := cs.corpora[0].Header
	var annotators []string
	for i, c := range cs.corpora {
		name := c.Header.Annotator
		if name == "" {
			name = cs.paths[i]
		}
		annotators = append(annotators, name)
	}
	h := project.CorpusHeader{Title: first.Title, Schema: first.Schema, Annotator: "merged: " + strings.Join(annotators, ", ")}
	var files []*annotations.File
	for _, d := range cs.docs {
		fs, names, statuses := cs.filesOf(d.ID)
		cd := project.CorpusDocument{Document: d.Document, Status: project.StatusNew}
		var f *annotations.File
		switch len(fs) {
		case 0:
		case 1:
			f = fs[0]
			cd.Status = statuses[0]
			fmt.Fprintf(stdout, "%s: only %s has a file; kept as it is\n", d.ID, names[0])
		default:
			p, err := team.NewPanel(fs, names)
			if err != nil {
				fmt.Fprintf(stderr, "spanmark merge: document %q: %v\n", d.ID, err)
				return 1
			}
			var latest annotations.Time
			cd.Status = project.StatusDone
			for i, x := range fs {
				latest = max(latest, x.Exported)
				if statuses[i] != project.StatusDone {
					cd.Status = project.StatusProgress
				}
			}
			k := minAgree
			if k > len(fs) {
				k = len(fs)
			}
			merged, rep, err := team.Merge(p, k, latest.UTC())
			if err != nil {
				fmt.Fprintf(stderr, "spanmark merge: document %q: %v\n", d.ID, err)
				return 1
			}
			merged.Schema = h.Schema
			f = merged
			fmt.Fprintf(stdout, "%s: merged %d annotators: %d annotations agreed by at least %d, %d conflicts to adjudicate\n",
				d.ID, len(fs), rep.Agreed, rep.MinAgree, rep.Conflicts)
		}
		h.Documents = append(h.Documents, cd)
		files = append(files, f)
	}
	b, err := project.EncodeCorpus(h, files)
	if err == nil {
		err = writeAtomically(out, b)
	}
	if err != nil {
		fmt.Fprintf(stderr, "spanmark merge: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "merged %d corpora into %s\n", len(cs.corpora), out)
	return 0
}
