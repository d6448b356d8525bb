//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/jsonl"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
	"github.com/spanmark/spanmark/annotations/project"
)

// A project's corpus (project.EncodeCorpus, project.DecodeCorpus), for
// the page's spanmark.exportProject and importProject (wasm/project.go).
// The page keeps the project and the stored work; the worker encodes,
// decodes, checks and places. Both requests carry project, the text of
// the open project.json, which the page has decoded already.
//
// "corpus-export" has format, "corpus", "jsonl" or "w3c"; url, the
// project's URL, which names a W3C collection; annotator, the name
// every file is stamped with (with the time of the export); and statuses
// and files, arrays parallel to the project's documents: each document's
// status, and its work in the native JSON format, or "" when it has none.
// The answer is the corpus, the document's JSONL lines in the project's
// order, or one W3C AnnotationCollection of the documents whose status is
// not new (w3c.EncodeAll), as a string.
//
// "corpus-import" has corpus, the text to import. The answer is an array
// parallel to the corpus's documents, each {id, status, file, count,
// moved, orphaned}: file is the document's work placed on its text, in
// the native JSON format, ready to store, or "" when its status is new;
// count, moved and orphaned count its annotations, those that moved and
// those kept aside. Nothing is answered unless every line decodes and
// every file is placed.
//
// The errors of both are whole messages ("export project: ...", "import
// project: ..."), in the words the page used when it did this itself.

func answerCorpusExport(r request) (any, error) {
	p, err := project.Decode([]byte(str(r.msg, "project")))
	if err != nil {
		return nil, errors.New("export project: " + err.Error())
	}
	statuses, files := strs(r.msg, "statuses"), strs(r.msg, "files")
	if len(statuses) != len(p.Documents) || len(files) != len(p.Documents) {
		return nil, errors.New("export project: " + strconv.Itoa(len(statuses)) + " statuses and " + strconv.Itoa(len(files)) +
			" files for " + strconv.Itoa(len(p.Documents)) + " documents")
	}
	name, now := str(r.msg, "annotator"), annotations.TimeOf(time.Now())
	work := make([]*annotations.File, len(files))
	for i, data := range files {
		if data == "" {
			continue
		}
		f, err := codec.Decode([]byte(data))
		if err != nil {
			return nil, errors.New("export project: the stored work of " + p.Documents[i].Path + ": " + err.Error())
		}
		f.Annotator, f.Exported = name, now
		work[i] = f
	}
	switch format := str(r.msg, "format"); format {
	case "jsonl":
		var b strings.Builder
		for i, f := range work {
			if f == nil {
				continue
			}
			data, err := jsonl.Encode(f)
			if err != nil {
				return nil, errors.New("export project jsonl: " + p.Documents[i].Path + ": " + err.Error())
			}
			b.Write(data)
		}
		return b.String(), nil
	case "w3c":
		// The documents begun, as in the corpus, each named by its path
		// in the project.
		var list []*annotations.File
		for i, f := range work {
			if f != nil && project.Status(statuses[i]) != project.StatusNew {
				f.Document.Title, f.Document.Source = docTitle(p.Documents[i]), p.Documents[i].Path
				list = append(list, f)
			}
		}
		// The URL of a folder's project may have spaces.
		id := js.Global().Call("encodeURI", str(r.msg, "url")).String()
		data, err := w3c.EncodeAll(w3c.Collection{ID: id, Label: p.Title, Annotator: name, Exported: now, Schema: p.Schema}, list)
		if err != nil {
			return nil, errors.New("export project w3c: " + err.Error())
		}
		return string(data), nil
	case "corpus":
		h := project.CorpusHeader{Title: p.Title, Schema: p.Schema, Annotator: name}
		list := make([]*annotations.File, len(p.Documents))
		for i, d := range p.Documents {
			s := project.Status(statuses[i])
			h.Documents = append(h.Documents, project.CorpusDocument{Document: d, Status: s})
			if s != project.StatusNew {
				// A document with work has a file; EncodeCorpus says
				// which one has none.
				list[i] = work[i]
			}
		}
		data, err := project.EncodeCorpus(h, list)
		if err != nil {
			return nil, errors.New("export project corpus: " + err.Error())
		}
		return string(data), nil
	default:
		return nil, errors.New("export project: unknown format " + strconv.Quote(format) + " (want corpus, jsonl or w3c)")
	}
}

func answerCorpusImport(r request) (any, error) {
	p, err := project.Decode([]byte(str(r.msg, "project")))
	if err != nil {
		return nil, errors.New("import project: " + err.Error())
	}
	c, err := project.DecodeCorpus([]byte(str(r.msg, "corpus")))
	if err != nil {
		return nil, errors.New("import project: " + err.Error())
	}
	byID := make(map[string]project.Document, len(p.Documents))
	for _, d := range p.Documents {
		byID[d.ID] = d
	}
	now := time.Now()
	out := make([]any, len(c.Header.Documents))
	for i, cd := range c.Header.Documents {
		d, ok := byID[cd.ID]
		if !ok {
			return nil, errors.New("import project: line 1: documents[" + strconv.Itoa(i) + "].id: this project has no document " + strconv.Quote(cd.ID))
		}
		res := map[string]any{"id": cd.ID, "status": string(cd.Status), "file": "", "count": 0, "moved": 0, "orphaned": 0}
		out[i] = res
		f := c.Files[i]
		if f == nil {
			continue
		}
		set, rep, err := anchor.Place(f, annotations.NewDocument(f.Document.Text, docTitle(d), d.Path))
		if err != nil {
			return nil, errors.New("import project: document " + strconv.Quote(cd.ID) + ": " + err.Error())
		}
		data, err := codec.Encode(annotations.NewFile(set, "", now))
		if err != nil {
			return nil, errors.New("import project: document " + strconv.Quote(cd.ID) + ": " + err.Error())
		}
		res["file"], res["count"], res["moved"], res["orphaned"] = string(data), set.Len(), len(rep.Moved), len(rep.Orphaned)
		res["source"], res["length"] = d.Path, set.Document().Len() // for the document's summary (wasm/persist.go)
	}
	return out, nil
}

// docTitle is d's title: an empty one is its path's file name, as
// project.Document says (the page's docTitle, in wasm/project.go, is the
// same).
func docTitle(d project.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Path[strings.LastIndexByte(d.Path, '/')+1:]
}

// strs reads the array of strings o[key]; an element that is not a
// string reads as "".
func strs(o js.Value, key string) []string {
	v := o.Get(key)
	if v.Type() != js.TypeObject {
		return nil
	}
	out := make([]string, v.Length())
	for i := range out {
		if e := v.Index(i); e.Type() == js.TypeString {
			out[i] = e.String()
		}
	}
	return out
}
