//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
	"github.com/spanmark/spanmark/wasm/internal/tabs"
)

// app is the whole state of the page. Every field is read and written on
// the single wasm thread; handlers run to completion, and goroutines that
// wait on the browser touch it only after their wait returns.
type app struct {
	set *annotations.Set
	hl  *annotations.Highlighter
	// gen counts the documents shown. Work that waits on the browser
	// (storage, the other tab) notes it first and gives up when it has
	// changed: the one check for stale asynchronous work. The page's own
	// deferred work needs none (render.go, queueRest).
	gen int

	// key is the storage key of the document shown: its text's id, or
	// a project document's key (projectKey in project.go).
	key      string
	selected string // id of the selected annotation, or ""
	snap     bool   // widen selections to whole words
	linkMode bool   // the next highlight clicked becomes a link target
	action   func() // what the button beside #status does (status.go)

	page  page               // the article on the page and the work queued for it (render.go, sidebar.go)
	db    storage            // IndexedDB and the autosave (persist.go)
	proj  *projectState      // the open project, or nil (project.go)
	tab   tabs.State         // this tab's part in the two-tab protocol (tabs.go)
	form  fields             // the note and entity fields' unsaved text (fields.go)
	jr    journal            // the typed text not yet stored, kept in localStorage (journal.go)
	edits int                // changes so far, counted by changed
	draft annotations.Schema // what the label editor shows (schema.go)
	pick  picker             // the link target picker (picker.go)
	rv    review             // the review of an import's placements (review.go)

	caret     js.Value // draws the caret in the article (focus.go)
	arcs      js.Value // draws the selected annotation's relations (arcs.go)
	arcsShown bool     // arcs holds a drawing
	lastFocus js.Value // the element that last took focus (focus.go)

	worker workerConn // the worker, for the formats of other tools (worker.go)

	el elements
}

// page is what the article on the page holds and what the next frame
// must do. Handlers mark what changed and one animation frame applies it
// (render.go).
type page struct {
	frame       *dom.Frame
	frameQueued bool
	dirty       map[int]bool        // paragraphs to repaint
	lazy        []int               // paragraphs to repaint in later slices (replace)
	shown       int                 // paragraphs on the page; a large article grows (queueRest)
	resting     bool                // queueRest's tick is pending
	article     annotations.Article // how the document shows (title paragraph, byline)
	toolbarDue  bool                // re-place the selection toolbar
	labelsDue   bool                // list the schema's labels (labels.go, labelsNow)
	detailDue   bool
	reveal      bool // scroll the selected annotation into view after the detail panel (selection.go)
	arcsDue     bool // redraw the relations' arcs (arcs.go)
	// A far jump to an annotation (jump.go): its id, the frames left to
	// check it, and the article parts laid out around it.
	jumpTo      string
	jumpLeft    int
	near        []js.Value
	overviewDue bool
	detailKey   string // the annotation and count the detail panel was last drawn for (detail.go)
	entities    string // the entity field's suggestions written (detail.go)
	listsStale  bool   // a closed list of the sidebar is not rendered (sidebar.go)
	buf         []byte
	// The debounce of the sidebar and overview (sidebar.go).
	listTimer  int
	listQueued bool
	listSince  float64 // when the pending rebuild was first asked for (performance.now)
	// The document whose first paragraphs web/boot.js keeps (start.go,
	// keepFirst), and whether handing them over is queued.
	kept    string
	keepDue bool
}

// elements caches the js.Values of the page's fixed elements.
type elements struct {
	root, article, title, byline, toolbar, status, statusAction  js.Value
	load, loadBar, panel, sidebar, list, actors, claims, orphans js.Value
	filterText, filterLabel, overview, undo, redo, snap          js.Value
	detail, detailBadge, detailQuote, detailLabels, note, entity js.Value
	entityRow, entityList, links, linkList, linkForm, linkType   js.Value
	linkTarget, conflict, conflictVotes, help, drop, project     js.Value
	parts                                                        js.Value // #article's children, a live collection (render.go)
}

func newApp() *app {
	a := &app{
		snap: true,
		page: page{dirty: map[int]bool{}},
		db:   storage{ready: make(chan struct{}), channel: js.Undefined()},
		// The tab's id tells its own broadcasts from other tabs': a random
		// integer, since strconv's float formatting would be one more body
		// of code for the browser to compile before the page is ready.
		tab: tabs.State{Tab: strconv.FormatInt(int64(js.Global().Get("Math").Call("random").Float()*(1<<53)), 36)},
	}
	e := &a.el
	// One loop rather than a call per element: each call site costs the
	// wasm a resume point.
	for _, x := range []struct {
		v  *js.Value
		id string
	}{
		{&e.article, idArticle},
		{&e.title, idTitle},
		{&e.byline, idByline},
		{&e.toolbar, idToolbar},
		{&e.status, idStatus},
		{&e.statusAction, idStatusAction},
		{&e.load, idLoad},
		{&e.loadBar, idLoadBar},
		{&e.panel, idPanel},
		{&e.sidebar, idSidebar},
		{&e.list, idList},
		{&e.actors, idActors},
		{&e.claims, idClaims},
		{&e.orphans, idOrphans},
		{&e.filterText, idFilterText},
		{&e.filterLabel, idFilterLabel},
		{&e.overview, idOverview},
		{&e.undo, idUndo},
		{&e.redo, idRedo},
		{&e.snap, idSnap},
		{&e.detail, idDetail},
		{&e.detailBadge, idDetailBadge},
		{&e.detailQuote, idDetailQuote},
		{&e.detailLabels, idDetailLabels},
		{&e.note, idDetailNote},
		{&e.entity, idDetailEntity},
		{&e.entityRow, idEntityRow},
		{&e.entityList, idEntityList},
		{&e.links, idLinks},
		{&e.linkList, idLinkList},
		{&e.linkForm, idLinkForm},
		{&e.linkType, idLinkType},
		{&e.linkTarget, idLinkTarget},
		{&e.conflict, idConflict},
		{&e.conflictVotes, idConflictVotes},
		{&e.help, idHelp},
		{&e.drop, idDrop},
		{&e.project, idProject},
	} {
		*x.v = dom.ByID(x.id)
	}
	e.root = dom.Document().Get("documentElement")
	e.parts = e.article.Get("children")
	a.page.frame = dom.NewFrame(a.render)
	return a
}

// wire installs the page's listeners, each area in its own file.
func (a *app) wire() {
	a.wireSelection()
	a.wireKeys()
	a.wireFocus()
	a.wireArcs()
	a.wireDetail()
	a.wirePicker()
	a.wireReview()
	a.wireFields()
	a.wireSidebar()
	a.wireOverview()
	a.wireOpen()
	a.wireAnnotator()
	a.wireDocuments()
	a.wireProject()
	a.wireSchema()
	a.wireFolder()
	a.wireOffline()
	a.wireTabs()
	a.wireAPI()
	a.wireCommands()
	a.el.snap.Set("checked", a.snap)
	dom.On(a.el.snap, "change", func(js.Value) { a.snap = a.el.snap.Get("checked").Bool() })
}

// apply applies an edit to the current set and queues its effects.
func (a *app) apply(e annotations.Edit) (annotations.Change, error) {
	if err := a.editable(); err != nil {
		return annotations.Change{}, err
	}
	c, err := a.set.Apply(e, time.Now())
	if err != nil {
		return c, err
	}
	a.changed(c)
	return c, nil
}

func (a *app) editable() error {
	switch {
	case a.set == nil:
		return errors.New("the article is still loading")
	case a.tab.ReadOnly:
		return errReadOnly
	}
	return nil
}

// undo and redo step the history; they report whether anything changed.
func (a *app) undo() bool {
	a.commitFields()
	if a.editable() != nil {
		return false
	}
	c, err := a.set.Undo()
	if err != nil {
		return false
	}
	a.changed(c)
	a.say("Undone.")
	return true
}

func (a *app) redo() bool {
	a.commitFields()
	if a.editable() != nil {
		return false
	}
	c, err := a.set.Redo()
	if err != nil {
		return false
	}
	a.changed(c)
	a.say("Redone.")
	return true
}

// changed queues what a change needs: a repaint of its paragraphs, the
// detail panel, the list and overview, and a save.
func (a *app) changed(c annotations.Change) {
	a.edits++
	for _, i := range c.Paragraphs {
		a.page.dirty[i] = true
	}
	if c.Schema {
		a.schemaChanged()
	}
	if a.selected != "" {
		if _, ok := a.set.Annotation(a.selected); !ok {
			a.selected = ""
		}
	}
	a.paint()
	a.page.detailDue = true
	a.queueFrame()
	a.queueList()
	a.queueSave()
	a.projectChanged()
	a.analysesStale()
}

// label returns the schema's label with id, or a stand-in for an unknown one.
func (a *app) label(id string) annotations.Label {
	if l, ok := a.set.Schema().Label(id); ok {
		return l
	}
	return annotations.Label{ID: id, Name: id}
}
