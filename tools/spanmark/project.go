package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/project"
)

func init() {
	commands["project"] = command{run: runProject,
		summary: "make a project folder of articles to annotate one after another (docs/project.md)"}
}

const projectUsage = `usage: spanmark project init -o DIR [--title T] [--schema FILE] [--guidelines FILE] FILE...

init writes a project folder ready to host: the articles FILE... copied
into DIR/articles, the guidelines (a .md or .txt file) copied to DIR, and
DIR/project.json listing the articles in the order given, each with an id
made from its file name and, for .txt and .md files, the first line as
its title. Articles are .txt, .md, .html or Spanmark .json
files. The schema is Spanmark's default, or the one in FILE: a schema
object ({"labels": [...], "relations": [...]}), or a Spanmark file or
project file whose schema is taken. DIR must not exist or be empty.
Open the project with the app's ?project=PATH/project.json, where PATH is
DIR's place on the site. The format is described in docs/project.md.`

func runProject(args []string, stdout, stderr io.Writer) int {
	fl := newFlags("project", projectUsage)
	out := fl.String("o", "", "write the project folder `DIR` (required)")
	title := fl.String("title", "", "the project's `TITLE` (default: DIR's name)")
	schemaPath := fl.String("schema", "", "take the schema from `FILE` (default: Spanmark's)")
	guidelines := fl.String("guidelines", "", "copy the guidelines `FILE` (.md or .txt) into the project")
	rest, status, ok := fl.parse(args, stdout, stderr, func(rest []string) error {
		switch {
		case len(rest) == 0 || rest[0] != "init":
			return errors.New("want the subcommand init")
		case *out == "":
			return errors.New("-o DIR is required")
		case len(rest) == 1:
			return errors.New("no articles")
		}
		return nil
	})
	if !ok {
		return status
	}
	paths := rest[1:]
	if err := projectInit(*out, *title, *schemaPath, *guidelines, paths); err != nil {
		fmt.Fprintf(stderr, "spanmark project init: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: project of %s\n", filepath.Join(*out, "project.json"), plural(len(paths), "document"))
	return 0
}

// projectInit writes the project folder dir; see projectUsage.
func projectInit(dir, title, schemaPath, guidelines string, articles []string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty; choose a new or empty folder", dir)
	}
	if title == "" {
		title = filepath.Base(filepath.Clean(dir))
	}
	names := make([]string, len(articles))
	order := map[string]int{}
	for i, a := range articles {
		base := filepath.Base(a)
		name := "articles/" + base
		if j, ok := order[name]; ok {
			return fmt.Errorf("%s and %s have the same file name; rename one", articles[j], a)
		}
		names[i], order[name] = name, i
	}
	p := project.FromFolder(title, names)
	if len(p.Documents) != len(names) {
		for _, n := range names {
			if !slices.ContainsFunc(p.Documents, func(d project.Document) bool { return d.Path == n }) {
				return fmt.Errorf("%s: not an article: want a .txt, .md, .html or .json file whose name does not start with \".\"", articles[order[n]])
			}
		}
	}
	slices.SortFunc(p.Documents, func(a, b project.Document) int { return order[a.Path] - order[b.Path] })
	if schemaPath != "" {
		s, err := readSchema(schemaPath)
		if err != nil {
			return err
		}
		p.Schema = s
	}
	var copies [][2]string // source, destination in dir
	if guidelines != "" {
		ext := strings.ToLower(filepath.Ext(guidelines))
		if ext != ".md" && ext != ".txt" {
			return fmt.Errorf("%s: guidelines must be a .md or .txt file", guidelines)
		}
		p.Guidelines = "guidelines" + ext
		copies = append(copies, [2]string{guidelines, p.Guidelines})
	}
	for i, a := range articles {
		copies = append(copies, [2]string{a, names[i]})
	}
	for i := range p.Documents {
		d := &p.Documents[i]
		if t := firstLine(articles[order[d.Path]]); t != "" {
			d.Title = t
		}
	}
	data, err := project.Encode(p)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		return err
	}
	for _, c := range copies {
		b, err := os.ReadFile(c[0])
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(c[1])), b, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, "project.json"), data, 0o644)
}

// firstLine returns the first line of a .txt or .md article, its title
// as the app shows it, or "" for other files and lines over 200 bytes.
func firstLine(path string) string {
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".txt" && ext != ".md" {
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimPrefix(string(b), "\uFEFF"), "\n")
	line = strings.TrimSpace(strings.TrimLeft(line, "# "))
	if len(line) > 200 {
		return ""
	}
	return line
}

// readSchema reads the schema in the file at path: a schema object, or
// the schema of a Spanmark file or project file.
func readSchema(path string) (annotations.Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return annotations.Schema{}, err
	}
	switch codec.Sniff(data) {
	case codec.FormatSpanmark:
		f, err := codec.Decode(data)
		if err != nil {
			return annotations.Schema{}, fmt.Errorf("%s: %w", path, err)
		}
		return f.Schema, nil
	case codec.FormatProject:
		p, err := project.Decode(data)
		if err != nil {
			return annotations.Schema{}, fmt.Errorf("%s: %w", path, err)
		}
		return p.Schema, nil
	}
	var s annotations.Schema
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return annotations.Schema{}, fmt.Errorf("%s: not a schema object ({\"labels\": [...], \"relations\": [...]}), Spanmark file or project: %w", path, err)
	}
	if err := s.Validate(); err != nil {
		return annotations.Schema{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
