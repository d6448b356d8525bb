//go:build js && wasm

package main

import (
	"github.com/spanmark/spanmark/wasm/dom"
)

// The guidelines panel (#guide, in the project panel) shows the
// project's guidelines and what each label and relation type is for.
// Everything in it is text: the guidelines are an author's file, so a
// Markdown file shows as its plain text, line breaks kept by the
// stylesheet, and never as markup.

// readGuide reads the guidelines: the text itself, or the file it names
// beside the project file (project.Project.GuidelinesPath). A file that
// cannot be read is said in the panel instead. It blocks; call it from a
// goroutine.
func (ps *projectState) readGuide() {
	ps.guide = ps.p.Guidelines
	if path, ok := ps.p.GuidelinesPath(); ok {
		text, err := ps.read(path)
		if err != nil {
			text = "The guidelines could not be read: " + err.Error()
		}
		ps.guide = text
	}
}

// renderGuide fills the guidelines panel from the open project, whose
// schema is every document's.
func (a *app) renderGuide() {
	ps := a.proj
	if ps == nil {
		return
	}
	dom.ByID(idGuideText).Set("textContent", ps.guide)
	list := dom.ByID(idGuideLabels)
	list.Set("textContent", "")
	s := ps.p.Schema
	for _, l := range s.Labels {
		list.Call("append", dom.Create("dt", "", l.Name), dom.Create("dd", "", l.Description))
	}
	for _, r := range s.Relations {
		list.Call("append", dom.Create("dt", "", r.Name), dom.Create("dd", "", r.Description))
	}
}
