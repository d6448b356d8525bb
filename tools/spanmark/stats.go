package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"text/tabwriter"

	"github.com/spanmark/spanmark/annotations"
)

func init() {
	commands["stats"] = command{run: runStats,
		summary: "count annotations by label, entities by mentions, relations by type"}
}

const statsUsage = `usage: spanmark stats [--from FORMAT] [--offsets utf16|codepoints] [--doc N] [--json] FILE

Prints what FILE holds: annotations by label, the entities (canonical names
such as "Sergei Lavrov") with how many annotations mention each, relations
by type and the orphans, each label and type by its name. With --json, one
JSON object instead. For a corpus file (docs/project.md), each document's
status and counts, then the counts of all its documents together.
--offsets and --doc read other tools' files as for convert; what such a
file holds that Spanmark cannot is warned about on standard error.`

type statsJSON struct {
	File        string       `json:"file"`
	Document    docStats     `json:"document"`
	Annotator   string       `json:"annotator,omitempty"`
	Annotations int          `json:"annotations"`
	Labels      []countJSON  `json:"labels"`
	Entities    []entityJSON `json:"entities"`
	Relations   int          `json:"relations"`
	Types       []countJSON  `json:"relation_types"`
	Orphans     int          `json:"orphans"`
}

type docStats struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Length int    `json:"length"`
}

type countJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

type entityJSON struct {
	Entity    string `json:"entity"`
	Label     string `json:"label"`
	LabelName string `json:"label_name"`
	Mentions  int    `json:"mentions"`
}

func runStats(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("stats", statsUsage)
	from := fl.String("from", "", "read FILE as `FORMAT` (default: detect spanmark or w3c)")
	asJSON := fl.Bool("json", false, "print one JSON object")
	o := fl.readFlags()
	paths, status, ok := fl.parse(args, stdout, stderr, func(paths []string) error {
		return wantOneFile(paths)
	})
	if !ok {
		return status
	}
	data, err := os.ReadFile(paths[0])
	if err != nil {
		fmt.Fprintf(stderr, "spanmark stats: %v\n", err)
		return 1
	}
	if *from == "" && isCorpus(data) {
		return runCorpusStats(paths[0], data, *asJSON, stdout, stderr)
	}
	f, _, rep, err := readFile(paths[0], *from, data, *o)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark stats: %v\n", err)
		return 1
	}
	warn(stderr, paths[0], rep)
	st := stats(paths[0], f)
	if *asJSON {
		b, err := json.MarshalIndent(st, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "spanmark stats: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return 0
	}
	printStats(stdout, st)
	return 0
}

func runCorpusStats(path string, data []byte, asJSON bool, stdout, stderr io.Writer) int {
	c, err := readCorpus(path, data)
	if err != nil {
		fmt.Fprintf(stderr, "spanmark stats: %v\n", err)
		return 1
	}
	st := corpusStats(path, c)
	if asJSON {
		b, err := json.MarshalIndent(st, "", "  ")
		if err != nil {
			fmt.Fprintf(stderr, "spanmark stats: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return 0
	}
	printCorpusStats(stdout, c, st)
	return 0
}

// stats counts what f holds. Labels and relation types are in schema
// order, with zero counts; entities by mentions, most first, then by name.
func stats(path string, f *annotations.File) statsJSON {
	st := statsJSON{
		File:        path,
		Document:    docStats{ID: f.Document.ID, Title: f.Document.Title, Length: f.Document.Length},
		Annotator:   f.Annotator,
		Annotations: len(f.Annotations),
		Labels:      []countJSON{},
		Entities:    []entityJSON{},
		Relations:   len(f.Relations),
		Types:       []countJSON{},
		Orphans:     len(f.Orphans),
	}
	byLabel := map[string]int{}
	type key struct{ entity, label string }
	byEntity := map[key]int{}
	for _, a := range f.Annotations {
		byLabel[a.Label]++
		if a.Entity != "" {
			byEntity[key{a.Entity, a.Label}]++
		}
	}
	for _, l := range f.Schema.Labels {
		st.Labels = append(st.Labels, countJSON{l.ID, nameOr(l.Name, l.ID), byLabel[l.ID]})
	}
	for k, n := range byEntity {
		name := k.label
		if l, ok := f.Schema.Label(k.label); ok {
			name = nameOr(l.Name, l.ID)
		}
		st.Entities = append(st.Entities, entityJSON{Entity: k.entity, Label: k.label, LabelName: name, Mentions: n})
	}
	sort.Slice(st.Entities, func(i, j int) bool {
		a, b := st.Entities[i], st.Entities[j]
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		if a.Entity != b.Entity {
			return a.Entity < b.Entity
		}
		return a.Label < b.Label
	})
	byType := map[string]int{}
	for _, r := range f.Relations {
		byType[r.Type]++
	}
	for _, rt := range f.Schema.Relations {
		st.Types = append(st.Types, countJSON{rt.ID, nameOr(rt.Name, rt.ID), byType[rt.ID]})
	}
	return st
}

func printStats(w io.Writer, st statsJSON) {
	fmt.Fprintf(w, "%s: %q, %d code points", st.File, st.Document.Title, st.Document.Length)
	if st.Annotator != "" {
		fmt.Fprintf(w, ", annotated by %s", st.Annotator)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "annotations\t%d\n", st.Annotations)
	for _, c := range st.Labels {
		fmt.Fprintf(tw, "  %s\t%d\n", c.Name, c.Count)
	}
	fmt.Fprintf(tw, "relations\t%d\n", st.Relations)
	for _, c := range st.Types {
		fmt.Fprintf(tw, "  %s\t%d\n", c.Name, c.Count)
	}
	fmt.Fprintf(tw, "orphans\t%d\n", st.Orphans)
	tw.Flush()
	if len(st.Entities) == 0 {
		fmt.Fprintln(w, "entities: none")
		return
	}
	fmt.Fprintf(w, "entities (%d), by mentions:\n", len(st.Entities))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, e := range st.Entities {
		// The name goes last: tabwriter counts code points, not columns,
		// so wide (CJK) names would misalign what follows them.
		fmt.Fprintf(tw, "  %d\t%s\t%s\n", e.Mentions, e.LabelName, e.Entity)
	}
	tw.Flush()
}

// nameOr returns name, or id when the name is empty.
func nameOr(name, id string) string {
	if name == "" {
		return id
	}
	return name
}
