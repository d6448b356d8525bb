package project

import (
	"slices"
	"strconv"
	"strings"

	"github.com/spanmark/spanmark/annotations"
)

// articleExtensions are the kinds of file the page opens as articles.
var articleExtensions = []string{".txt", ".md", ".html", ".json"}

// FromFolder makes a project of the articles among names, the paths of
// the files of a folder without a project file, relative to it with "/"
// between folders. It keeps .txt, .md, .html and .json files (in any
// case), leaves out hidden files, the files of hidden folders (such as
// .git) and those [CheckPath] refuses, and lists
// them sorted by path. Each document's id is made from its file name
// without the extension (letters, digits and "-_.:" kept, anything else
// "-"), with "-2", "-3", ... added to repeats; its title is that file
// name. The schema is [annotations.DefaultSchema]. FromFolder returns a
// project with no documents when none fits.
func FromFolder(title string, names []string) *Project {
	var paths []string
	for _, n := range names {
		base := n[strings.LastIndexByte(n, '/')+1:]
		ext := strings.ToLower(base[max(strings.LastIndexByte(base, '.'), 0):])
		if strings.HasPrefix(n, ".") || strings.Contains(n, "/.") || !slices.Contains(articleExtensions, ext) || CheckPath(n) != nil {
			continue
		}
		paths = append(paths, n)
	}
	paths = sortedUnique(paths)
	p := &Project{Title: title, Schema: annotations.DefaultSchema(), Documents: make([]Document, 0, len(paths))}
	used := map[string]bool{}
	for _, path := range paths {
		base := path[strings.LastIndexByte(path, '/')+1:]
		stem := base[:strings.LastIndexByte(base, '.')]
		id := idFrom(stem)
		for n := 2; used[id]; n++ {
			suffix := "-" + strconv.Itoa(n)
			id = idFrom(stem)[:min(len(idFrom(stem)), 64-len(suffix))] + suffix
		}
		used[id] = true
		p.Documents = append(p.Documents, Document{ID: id, Title: stem, Path: path})
	}
	return p
}

// idFrom makes an id of s: ASCII letters, digits and "-_.:" kept, runs of
// anything else one "-", at most 64 bytes, and "doc" when nothing is left.
func idFrom(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range s {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_.:", c)) {
			b.WriteRune(c)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-")
	if len(id) > 64 {
		id = id[:64]
	}
	if id == "" {
		return "doc"
	}
	return id
}

// sortedUnique sorts paths and drops repeats. It sorts indexes with the
// stable sort that the model already uses for []int, rather than
// slices.Sort, whose instantiation for strings would add about 6 KB
// (gzip) to the wasm for this one call.
func sortedUnique(paths []string) []string {
	idx := make([]int, len(paths))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return strings.Compare(paths[i], paths[j]) })
	out := make([]string, 0, len(paths))
	for _, i := range idx {
		if len(out) == 0 || out[len(out)-1] != paths[i] {
			out = append(out, paths[i])
		}
	}
	return out
}
