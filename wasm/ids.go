//go:build js && wasm

package main

// Element ids and class names that Go and the page share. web/index.html
// holds the elements and web/style.css styles them (it points back here);
// docs/api.md documents the ones tests rely on (#article, #toolbar,
// #sidebar, #status, #detail, span.hl, data-ids, data-first). The
// highlight classes themselves (hl, mk, dN, kN-lS, in-lS, sel, cf) are
// written by annotations.Highlighter, and the article's (part, title,
// byline) by annotations.Article.
const (
	idArticle      = "article"
	idTitle        = "doc-title"
	idByline       = "doc-byline"
	idToolbar      = "toolbar"
	idStatus       = "status"
	idStatusAction = "status-action"
	idLoad         = "load-progress"
	idLoadBar      = "load-bar"
	idPanel        = "panel"
	idPanelToggle  = "panel-toggle"
	idSidebar      = "sidebar"
	idFilterText   = "filter-text"
	idFilterLabel  = "filter-label"
	idList         = "ann-list"
	idActors       = "actors"
	idClaims       = "claims"
	idOrphans      = "orphans"
	idOverview     = "overview"
	idUndo         = "undo"
	idRedo         = "redo"
	idSnap         = "snap"
	idOpen         = "open"
	idFileInput    = "file-input"
	idImport       = "import"
	idImportInput  = "import-input"
	idPaste        = "paste"
	idPasteDialog  = "paste-dialog"
	idPasteText    = "paste-text"
	idPasteTitle   = "paste-title"
	idPasteOK      = "paste-ok"
	idPasteCancel  = "paste-cancel"
	idExportJSON   = "export-json"
	idExportW3C    = "export-w3c"
	idExportJSONL  = "export-jsonl"
	idCopyJSON     = "copy-json"
	idDocs         = "docs"
	idDocsDialog   = "docs-dialog"
	idDocsList     = "docs-list"
	idDocsClose    = "docs-close"
	idHelp         = "help"
	idHelpButton   = "help-button"
	idHelpClose    = "help-close"
	idDrop         = "drop-zone"
	idAnnotator    = "annotator"

	idProject       = "project"
	idProjectTitle  = "project-title"
	idProjectBar    = "project-bar"
	idProjectCount  = "project-count"
	idProjectFilter = "project-filter"
	idProjectDone   = "project-done"
	idProjectDocs   = "project-docs"
	idProjectRow    = "project-row"

	// Opening a folder as a project (folder.go).
	idOpenFolder  = "open-folder"
	idFolderInput = "folder-input"

	// Keeping a project offline (offline.go).
	idProjectOffline = "project-offline"
	idOfflineBar     = "offline-bar"

	// The guidelines panel (guidelines.go).
	idGuideText   = "guide-text"
	idGuideLabels = "guide-labels"

	// The label editor (schema.go).
	idSchemaEdit      = "schema-edit"
	idSchemaDialog    = "schema-dialog"
	idSchemaLabels    = "schema-labels"
	idSchemaRelations = "schema-relations"
	idSchemaNote      = "schema-note"
	idSchemaError     = "schema-error"

	idDetail         = "detail"
	idDetailBadge    = "detail-badge"
	idDetailQuote    = "detail-quote"
	idDetailClose    = "detail-close"
	idDetailLabels   = "detail-labels"
	idDetailNote     = "detail-note"
	idDetailEntity   = "detail-entity"
	idEntityRow      = "entity-row"
	idEntityList     = "entity-list"
	idLinks          = "detail-links"
	idLinkList       = "link-list"
	idLinkForm       = "link-form"
	idLinkType       = "link-type"
	idLinkTarget     = "link-target"
	idLinkOptions    = "link-options" // the picker's listbox (picker.go)
	idLinkAdd        = "link-add"
	idLinkMode       = "link-mode"
	idLabelAll       = "label-all"
	idDelete         = "detail-delete"
	idConflict       = "detail-conflict"
	idConflictVotes  = "conflict-votes"
	idConflictAccept = "conflict-accept"
	idConflictReject = "conflict-reject"

	idReview       = "review"
	idReviewPos    = "review-pos"
	idReviewWas    = "review-was"
	idReviewNow    = "review-now"
	idReviewPrev   = "review-prev"
	idReviewNext   = "review-next"
	idReviewAccept = "review-accept"
	idReviewFix    = "review-fix"
	idReviewOrphan = "review-orphan"
	idReviewClose  = "review-close"

	// Classes set from Go.
	classFlash    = "flash"    // a highlight just jumped to from the list
	classSel      = "sel"      // runs of the selected annotation
	classWrapped  = "wrapped"  // #article of a hard-wrapped text, whose lines flow together
	classNear     = "near"     // a part laid out for a jump to an annotation in or near it (jump.go)
	classErr      = "err"      // #status showing an error
	classLinking  = "linking"  // <html> while link mode waits for a click
	classReadOnly = "readonly" // <html> while the document is read-only
	classDragging = "dragging" // <html> while a file is dragged over the page
	classOpen     = "open"     // #panel shown on narrow screens
)
