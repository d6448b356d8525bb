//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/spanmark/spanmark/wasm/dom"
)

// The page's buttons that have an id (header, dialogs, detail panel)
// share one click listener on the document, which calls the function of
// each button's area (open.go, export.go, documents.go, detail.go,
// keys.go, sidebar.go, status.go, app.go, review.go). A listener per button would
// cost the wasm a function each, for one line of work. Buttons inside
// lists carry data attributes instead and are handled by their list.
func (a *app) wireCommands() {
	dom.On(dom.Document(), "click", func(ev js.Value) {
		b := ev.Get("target").Call("closest", "button[id]")
		if b.IsNull() {
			return
		}
		switch b.Get("id").String() {
		case idUndo:
			a.undo()
		case idRedo:
			a.redo()
		case idOpen:
			dom.ByID(idFileInput).Call("click")
		case idImport:
			dom.ByID(idImportInput).Call("click")
		case idPaste:
			dom.ByID(idPasteText).Set("value", "")
			dom.ByID(idPasteTitle).Set("value", "")
			dom.ByID(idPasteDialog).Call("showModal")
		case idPasteCancel:
			dom.ByID(idPasteDialog).Call("close")
		case idPasteOK:
			a.openPasted()
		case idExportJSON:
			a.download("spanmark")
		case idExportW3C:
			a.download("w3c")
		case idExportJSONL:
			a.download("jsonl")
		case idCopyJSON:
			a.copyJSON()
		case idDocs:
			a.report(a.showDocuments)
		case idDocsClose:
			dom.ByID(idDocsDialog).Call("close")
		case idHelpButton, idHelpClose:
			a.toggleHelp()
		case idPanelToggle:
			a.togglePanel()
		case idDetailClose:
			// Back to the highlight the panel was about, not to <body>.
			el := a.focusElement(a.selected)
			a.selectAnnotation("", false)
			if el.IsNull() {
				el = a.el.article
			}
			el.Call("focus", noScroll)
		case idLinkAdd:
			switch {
			case a.pick.pick != "":
				a.linkTo(a.pick.pick)
			case !a.linkTargets():
				a.say("No annotation can be linked with this one by this relation.")
			default:
				a.say("Choose the annotation to link to: type in the field beside Link.")
			}
		case idLinkMode:
			a.setLinkMode(!a.linkMode)
		case idLabelAll:
			a.labelAll()
		case idDelete:
			a.deleteSelected()
		case idConflictAccept, idConflictReject:
			a.resolveConflict(b.Get("id").String() == idConflictAccept)
		case idStatusAction:
			a.runAction()
		case idProjectDone:
			a.report(a.toggleDone)
		default:
			a.reviewCommand(b.Get("id").String())
		}
	})
}
