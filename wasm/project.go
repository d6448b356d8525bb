//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/project"
	"github.com/spanmark/spanmark/wasm/dom"
	"github.com/spanmark/spanmark/wasm/internal/tabs"
)

// Projects: a project.json on the same site names documents, a schema and
// guidelines; annotations/project decodes it and holds its rules (which
// paths it may name, the statuses). This file opens one, shows the
// documents panel (#project), moves between documents and keeps each
// one's status.
//
// Each document's work is stored like any other (persist.go), under
// projectKey: the project's URL and the document's id, so the same
// article in two projects keeps two works. The project's own state (its
// statuses and the document open last) is kept in localStorage under
// projectStatePrefix and its URL, and lastProjectKey names the project a
// visit returns to.

const (
	lastProjectKey     = "spanmark:project"
	projectStatePrefix = "spanmark:project:"
)

// projectState is the open project.
type projectState struct {
	url     string // the absolute URL of its project.json
	p       *project.Project
	text    string                    // the project.json p was decoded from, for the worker
	status  map[string]project.Status // by document id; missing is new
	count   map[string]int            // annotations stored, by document id
	missing map[string]string         // why a document could not be fetched
	current string                    // the id of the document shown, or ""
	guide   string                    // the guidelines' text, read when the project opens (guidelines.go)
	files   map[string]js.Value       // a chosen folder's files by path, or nil (folder.go)
	filter  project.Status            // the panel shows only these; "" is all
	rows    map[string]js.Value       // the panel's row of each document shown (projectpanel.go)
	proto   js.Value                  // the panel's empty row, to clone
}

// projectKey is the storage key of a project document.
func projectKey(url, id string) string { return url + "#" + id }

func (a *app) wireProject() {
	dom.On(dom.ByID(idProjectDocs), "click", func(ev js.Value) {
		if b := ev.Get("target").Call("closest", "button[data-doc]"); !b.IsNull() {
			id := b.Call("getAttribute", "data-doc").String()
			go a.report(func() error { return a.openDocument(id) })
		}
	})
	filter := dom.ByID(idProjectFilter)
	dom.On(filter, "change", func(js.Value) {
		if a.proj != nil {
			a.proj.filter = project.Status(filter.Get("value").String())
			a.renderProject()
		}
	})
}

// sameOrigin resolves ref against the page and refuses another site's
// URL, for ?article=, ?project= and a project's documents; what names the
// input in the error ("?article=").
func sameOrigin(what, ref string) (string, error) {
	loc := js.Global().Get("location")
	u := js.Global().Get("URL").New(ref, loc.Get("href"))
	if u.Get("origin").String() != loc.Get("origin").String() {
		return "", errors.New("open " + what + ": " + ref + " is not on this site; only same-origin files can be opened")
	}
	u.Set("hash", "")
	return u.Get("href").String(), nil
}

// openProject opens the project.json at ref (same origin only) and the
// document open there last, else its first. A project that cannot be
// fetched or decoded changes nothing; a document that cannot be opened is
// shown in #status and marked missing, and the project stays open. It
// blocks; call it from a goroutine.
func (a *app) openProject(ref string) error {
	url, err := sameOrigin("project "+ref, ref)
	if err != nil {
		return err
	}
	text, err := fetchText(url) // offline.go
	if err != nil {
		return errors.New("open project " + ref + ": " + err.Error())
	}
	p, err := project.Decode([]byte(text))
	if err != nil {
		return errors.New("open project " + ref + ": " + err.Error())
	}
	ps := newProjectState(url, p)
	ps.text = text
	return a.showProject(ps)
}

// showProject makes ps the open project and opens the document open
// there last, else its first.
func (a *app) showProject(ps *projectState) error {
	last := ps.load()
	if err := a.projectCounts(ps); err != nil {
		a.fail(err) // the counts are missing; the work is not
	}
	ps.readGuide()
	a.proj = ps
	if ps.files == nil { // a folder cannot be read again on the next visit
		_ = dom.LocalSet(lastProjectKey, ps.url)
	}
	a.el.project.Set("hidden", false)
	a.renderProject()
	a.renderGuide()
	if _, ok := ps.doc(last); !ok { // project.Decode refuses a project without documents
		last = ps.p.Documents[0].ID
	}
	if err := a.openDocument(last); err != nil {
		a.fail(err)
	}
	return nil
}

func newProjectState(url string, p *project.Project) *projectState {
	return &projectState{url: url, p: p, status: map[string]project.Status{}, count: map[string]int{}, missing: map[string]string{}}
}

// load reads the stored state of the project and returns the document
// open there last.
func (ps *projectState) load() string {
	s := dom.LocalGet(projectStatePrefix + ps.url)
	if s == "" {
		return ""
	}
	var v js.Value
	if err := jsCatch(func() { v = js.Global().Get("JSON").Call("parse", s) }); err != nil || v.Type() != js.TypeObject {
		return ""
	}
	if st := v.Get("status"); st.Type() == js.TypeObject {
		for _, d := range ps.p.Documents {
			if x := st.Get(d.ID); x.Type() == js.TypeString {
				ps.status[d.ID] = project.Status(x.String())
			}
		}
	}
	// The schema as edited in the page (schema.go) replaces the file's.
	if sv := v.Get("schema"); sv.Type() == js.TypeObject {
		if sch, err := decodeSchema(js.Global().Get("JSON").Call("stringify", sv).String()); err == nil {
			ps.p.Schema = sch
		}
	}
	if l := v.Get("last"); l.Type() == js.TypeString {
		return l.String()
	}
	return ""
}

// save keeps the project's state in localStorage.
func (ps *projectState) save() {
	st := map[string]any{}
	for id, s := range ps.status {
		st[id] = string(s)
	}
	w := codec.NewWriter(true)
	w.Schema(ps.p.Schema)
	v := map[string]any{"url": ps.url, "title": ps.p.Title, "status": st, "last": ps.current,
		"schema": js.Global().Get("JSON").Call("parse", string(w.Bytes()))}
	_ = dom.LocalSet(projectStatePrefix+ps.url, js.Global().Get("JSON").Call("stringify", v).String())
}

func (ps *projectState) doc(id string) (project.Document, bool) {
	for _, d := range ps.p.Documents {
		if d.ID == id {
			return d, true
		}
	}
	return project.Document{}, false
}

func (ps *projectState) statusOf(id string) project.Status {
	if s, ok := ps.status[id]; ok {
		return s
	}
	return project.StatusNew
}

// projectCounts reads how many annotations each document of ps has stored.
func (a *app) projectCounts(ps *projectState) error {
	docs, err := a.documents()
	if err != nil {
		return err
	}
	for _, d := range docs {
		if id, ok := strings.CutPrefix(d.ID, projectKey(ps.url, "")); ok {
			ps.count[id] = d.Count
		}
	}
	return nil
}

// openDocument shows project document id: its stored work (on its
// file's text, for a folder in hand), else its file, fetched now. A file
// that cannot be fetched marks the document missing and leaves the page
// as it was. It blocks; call it from a goroutine.
func (a *app) openDocument(id string) error {
	ps := a.proj
	if ps == nil {
		return errors.New("open document: no project is open")
	}
	d, ok := ps.doc(id)
	if !ok {
		return errors.New("open document: the project has no document " + strconv.Quote(id))
	}
	if err := a.saveFirst(); err != nil {
		return err
	}
	key := projectKey(ps.url, id)
	var set *annotations.Set
	if rec, ok, err := a.record(key); err == nil && ok {
		// A folder in hand is read, not fetched: its file is the
		// document's text, which the work saved may not be on (the file
		// was edited, or another folder of the same name was opened).
		var file *annotations.Document
		if ps.files != nil {
			if set, err = a.fetchDocument(ps, d); err == nil {
				file = set.Document()
			}
		}
		if err := a.restoreOn(rec, true, file, d.Path); err == nil {
			a.adoptProjectSchema()
			return nil
		}
	}
	var err error
	if set == nil {
		set, err = a.fetchDocument(ps, d)
	}
	if err != nil {
		ps.missing[id] = err.Error()
		a.renderProject(id)
		return err
	}
	delete(ps.missing, id)
	a.showKey(key, set, 0)
	a.adoptProjectSchema()
	a.queueSave()
	return nil
}

// adoptProjectSchema gives the document shown the project's schema,
// which may have been edited since its work was stored, and says what
// that removed.
func (a *app) adoptProjectSchema() {
	c, err := a.set.Adopt(a.proj.p.Schema)
	if err != nil {
		a.fail(err)
		return
	}
	if !c.IsEmpty() {
		a.changed(c)
		if n := len(c.Removed); n > 0 {
			a.say(formatCount(n, "annotation", "annotations") + " of labels deleted from the project were removed from this document.")
		}
	}
}

// fetchDocument fetches d's file: text, Markdown or HTML as the open path
// reads them, and a Spanmark file as work already begun.
func (a *app) fetchDocument(ps *projectState, d project.Document) (*annotations.Set, error) {
	text, err := ps.read(d.Path)
	fail := func(err error) (*annotations.Set, error) {
		return nil, errors.New("open " + d.Path + ": " + err.Error())
	}
	if err != nil {
		return nil, err
	}
	title, lower := docTitle(d), strings.ToLower(d.Path)
	switch {
	case strings.HasSuffix(lower, ".json"):
		f, err := codec.Decode([]byte(text))
		if err != nil {
			return fail(err)
		}
		set, _, err := a.place(f, []byte(text), annotations.NewDocument(f.Document.Text, title, d.Path))
		if err != nil {
			return fail(err)
		}
		return set, nil
	case strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm"):
		_, body := dom.HTMLText(annotations.HTMLSkeleton(text))
		text = annotations.TextLines(body)
	}
	return annotations.NewSet(annotations.NewDocument(text, title, d.Path), ps.p.Schema), nil
}

// read returns the text of the project's file at path (relative to the
// project file): from the chosen folder when the project was made from
// one (folder.go), else fetched from the site.
func (ps *projectState) read(path string) (string, error) {
	fail := func(err error) (string, error) {
		return "", errors.New("open " + path + ": " + err.Error())
	}
	if ps.files != nil {
		f, ok := ps.files[path]
		if !ok {
			return fail(errors.New("the folder has no such file"))
		}
		b, err := readFile(f)
		return string(b), err
	}
	url, err := ps.fileURL(path)
	if err != nil {
		return fail(err)
	}
	text, err := fetchText(url) // offline.go
	if err != nil {
		return fail(err)
	}
	return text, nil
}

// fileURL returns the absolute URL of the project's file at path, which
// must stay inside the project's folder on this site.
func (ps *projectState) fileURL(path string) (string, error) {
	// ResolvePath takes the project file's path on the site.
	base := js.Global().Get("URL").New(ps.url).Get("pathname").String()
	ref, err := project.ResolvePath(base, path)
	if err != nil {
		return "", err
	}
	return sameOrigin(path, ref)
}

// projectShown notes which project document the page shows, if any,
// after showKey.
func (a *app) projectShown() {
	ps := a.proj
	if ps == nil {
		return
	}
	id, ok := strings.CutPrefix(a.key, projectKey(ps.url, ""))
	if !ok {
		id = ""
		_ = dom.LocalSet(lastProjectKey, "") // a visit returns to this document instead
	} else if ps.files == nil { // a folder cannot be read again on the next visit
		_ = dom.LocalSet(lastProjectKey, ps.url)
	}
	old := ps.current
	ps.current = id
	if id != "" {
		ps.count[id] = a.set.Len()
		ps.save()
	}
	a.renderProject(old, id)
}

// projectChanged counts the work of the document shown and moves it from
// new to in progress at its first annotation.
func (a *app) projectChanged() {
	ps := a.proj
	if ps == nil || ps.current == "" {
		return
	}
	n := a.set.Len()
	if n == ps.count[ps.current] {
		return
	}
	ps.count[ps.current] = n
	if n > 0 && ps.statusOf(ps.current) == project.StatusNew {
		ps.status[ps.current] = project.StatusProgress
		ps.save()
	}
	a.renderProject(ps.current)
}

// setProjectStatus sets the status of the document shown.
func (a *app) setProjectStatus(s project.Status) error {
	ps := a.proj
	if ps == nil || ps.current == "" {
		return errors.New("set status: no project document is open")
	}
	switch s {
	case project.StatusNew, project.StatusProgress, project.StatusDone:
	default:
		return errors.New("set status: unknown status " + strconv.Quote(string(s)) + " (want new, progress or done)")
	}
	ps.status[ps.current] = s
	ps.save()
	a.renderProject(ps.current)
	return nil
}

// toggleDone marks the document shown done, or back in progress.
func (a *app) toggleDone() error {
	if a.proj == nil || a.proj.current == "" {
		return errors.New("mark done: no project document is open")
	}
	if a.proj.statusOf(a.proj.current) == project.StatusDone {
		a.say("Marked in progress.")
		return a.setProjectStatus(project.StatusProgress)
	}
	a.say("Marked done.")
	return a.setProjectStatus(project.StatusDone)
}

// step opens the next (+1) or previous (-1) document of the project.
func (a *app) step(delta int) bool {
	ps := a.proj
	if ps == nil || len(ps.p.Documents) == 0 {
		return false
	}
	i := 0
	for j, d := range ps.p.Documents {
		if d.ID == ps.current {
			i = j + delta
		}
	}
	if i < 0 || i >= len(ps.p.Documents) {
		a.say("No more documents this way.")
		return true
	}
	id := ps.p.Documents[i].ID
	go a.report(func() error { return a.openDocument(id) })
	return true
}

// docTitle is d's title: an empty one is its path's file name, as
// project.Document says.
func docTitle(d project.Document) string {
	if d.Title != "" {
		return d.Title
	}
	return d.Path[strings.LastIndexByte(d.Path, '/')+1:]
}

// projectInfo is the project as the API returns it.
func (a *app) projectInfo() any {
	ps := a.proj
	if ps == nil {
		return nil
	}
	docs := make([]any, len(ps.p.Documents))
	for i, d := range ps.p.Documents {
		m := map[string]any{"id": d.ID, "title": docTitle(d), "status": string(ps.statusOf(d.ID)), "count": ps.count[d.ID]}
		if why, ok := ps.missing[d.ID]; ok {
			m["missing"] = why
		}
		docs[i] = m
	}
	return map[string]any{"title": ps.p.Title, "current": ps.current, "documents": docs}
}

// jsCatch runs fn and returns a JavaScript exception thrown in it.
func jsCatch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New(panicMessage(r))
		}
	}()
	fn()
	return nil
}

// projectFiles returns the stored work of every document of the open
// project, parallel to its documents, in the native JSON format: the one
// shown as it is now, the others as stored, and "" for those without
// work. It blocks; call it from a goroutine.
func (a *app) projectFiles(op string) ([]any, error) {
	ps := a.proj
	if ps == nil {
		return nil, errors.New(op + ": no project is open")
	}
	if err := a.flush(); err != nil && a.db.err == nil {
		return nil, errors.New(op + ": " + err.Error())
	}
	// The stored work of all the documents is read in one request: a
	// thousand reads one after another take a quarter of a second. The
	// keys of a project's documents all start with its URL and "#".
	prefix := projectKey(ps.url, "")
	st, err := a.storage()
	var all js.Value
	if err == nil {
		all, err = st.All(false, prefix, prefix+"\uffff")
	}
	if err != nil {
		return nil, errors.New(op + ": read storage: " + err.Error())
	}
	stored := make(map[string]js.Value, all.Length())
	for i := range all.Length() {
		r := all.Index(i)
		stored[r.Get("id").String()] = r
	}
	out := make([]any, len(ps.p.Documents))
	for i, d := range ps.p.Documents {
		out[i] = ""
		if d.ID == ps.current {
			data, err := codec.Encode(annotations.NewFile(a.set, "", time.Now()))
			if err != nil {
				return nil, errors.New(op + ": " + d.Path + ": " + err.Error())
			}
			out[i] = string(data)
			continue
		}
		rec, ok := stored[prefix+d.ID]
		if !ok {
			continue
		}
		data := goBytes(rec.Get("file"))
		if f, err := codec.Decode(data); err == nil && !sameSchema(f.Schema, ps.p.Schema) {
			// Stored before the project's labels were edited: under the
			// project's labels, as the document would open.
			if f, err = withSchema(f, ps.p.Schema, annotator(), time.Now()); err == nil {
				data, err = codec.Encode(f)
			}
			if err != nil {
				return nil, errors.New(op + ": the stored work of " + d.Path + ": " + err.Error())
			}
		}
		out[i] = string(data)
	}
	return out, nil
}

// exportProject encodes the work of the whole project: "corpus" (one
// file, project.EncodeCorpus), "jsonl" (every document's JSONL lines, in
// the project's order) or "w3c" (one AnnotationCollection, named by the
// project's URL). The worker encodes (wasm/worker/corpus.go);
// the page collects the work. It blocks; call it from a goroutine.
func (a *app) exportProject(format string) (string, error) {
	if format != "corpus" && format != "jsonl" && format != "w3c" {
		return "", errors.New("export project: unknown format " + strconv.Quote(format) + " (want corpus, jsonl or w3c)")
	}
	files, err := a.projectFiles("export project")
	if err != nil {
		return "", err
	}
	ps := a.proj
	statuses := make([]any, len(ps.p.Documents))
	for i, d := range ps.p.Documents {
		statuses[i] = string(ps.statusOf(d.ID))
	}
	res, err := a.worker.ask("corpus-export", map[string]any{
		"project": ps.encoded(), "format": format, "annotator": annotator(), "statuses": statuses, "files": files,
		"url": ps.url,
	})
	if err != nil {
		return "", err
	}
	return res.String(), nil
}

// importProject reads a corpus of this project and replaces the work and
// statuses of its documents. The worker decodes it and places every file
// in its text (wasm/worker/corpus.go); the page stores the work only when
// all of it is placed, so a bad corpus changes nothing. It blocks; call it
// from a goroutine.
func (a *app) importProject(data []byte) (any, error) {
	ps := a.proj
	if ps == nil {
		return nil, errors.New("import project: no project is open")
	}
	if err := a.editable(); err != nil {
		return nil, errors.New("import project: " + err.Error())
	}
	res, err := a.worker.ask("corpus-import", map[string]any{"project": ps.encoded(), "corpus": string(data)})
	if err != nil {
		return nil, err
	}
	if a.proj != ps {
		return nil, errors.New("import project: another project was opened meanwhile; nothing was imported")
	}
	if err := a.saveFirst(); err != nil {
		return nil, err
	}
	st, err := a.storage()
	if err != nil {
		return nil, errors.New("import project: " + err.Error())
	}
	n := res.Length()
	docs, moved, orphaned, count := 0, 0, 0, 0
	for i := range n {
		x := res.Index(i)
		id, file := x.Get("id").String(), x.Get("file").String()
		if file == "" {
			continue
		}
		d, _ := ps.doc(id)
		c := x.Get("count").Int()
		key := projectKey(ps.url, id)
		rev, err := putRecord(st, key, docTitle(d), c, []byte(file), a.tab.Tab)
		if err != nil {
			return nil, errors.New("import project: store " + id + ": " + err.Error())
		}
		a.post(tabs.Message{Tab: a.tab.Tab, ID: key, Rev: rev})
		ps.count[id] = c
		docs, moved, orphaned, count = docs+1, moved+x.Get("moved").Int(), orphaned+x.Get("orphaned").Int(), count+c
	}
	for i := range n {
		x := res.Index(i)
		ps.status[x.Get("id").String()] = project.Status(x.Get("status").String())
	}
	ps.save()
	if ps.current != "" {
		if err := a.openDocument(ps.current); err != nil {
			return nil, err
		}
	}
	a.renderProject()
	a.say("Imported " + formatCount(docs, "document", "documents") + " with " + formatCount(count, "annotation", "annotations") + ".")
	return map[string]any{"documents": docs, "annotations": count, "moved": moved, "orphaned": orphaned}, nil
}

// sameSchema reports whether a and b are the same schema, as encoded.
func sameSchema(a, b annotations.Schema) bool {
	wa, wb := codec.NewWriter(true), codec.NewWriter(true)
	wa.Schema(a)
	wb.Schema(b)
	return string(wa.Bytes()) == string(wb.Bytes())
}

// withSchema returns f's work under schema, as a document opened in the
// project would have it (adoptProjectSchema).
func withSchema(f *annotations.File, schema annotations.Schema, name string, now time.Time) (*annotations.File, error) {
	set, ok, err := f.SetAt(annotations.NewDocument(f.Document.Text, f.Document.Title, f.Document.Source))
	if err == nil && !ok {
		err = errors.New("its annotations are not at their offsets")
	}
	if err != nil {
		return nil, err
	}
	if _, err := set.Adopt(schema); err != nil {
		return nil, err
	}
	return annotations.NewFile(set, name, now), nil
}

// encoded is the project as the worker reads it (wasm/worker/corpus.go),
// as it is now: a folder has no project file, and the labels may have
// been edited since the file was read.
func (ps *projectState) encoded() string {
	b, err := project.Encode(ps.p)
	if err != nil {
		return ps.text
	}
	return string(b)
}
