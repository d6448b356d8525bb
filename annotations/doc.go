// Package annotations is Spanmark's model: a document, the schema of labels
// and relation types, the annotations and relations a person makes on it,
// the history of their edits, and render segmentation.
//
// # Units
//
// Every offset in this package is a Unicode code point index into the
// document text, and every range is half-open: [Start, End). This is the unit
// of the W3C TextPositionSelector and of Python's str indexing, so for an
// exported annotation text[start:end] == quote holds in Python. Conversions
// to the browser's UTF-16 offsets and to UTF-8 byte offsets are in offsets.go.
//
// # Tour
//
// This package is the model; each part it serves is a package of its own,
// and imports point from the parts to the model, never back:
//
//	annotations                the model (this package)
//	annotations/anchor         finding a quote again in an edited text; placing a file's annotations on a text together
//	annotations/codec          the native JSON format, and telling it from other files (Sniff)
//	annotations/codec/w3c      W3C Web Annotation (JSON-LD), for other tools (not linked by the page)
//	annotations/codec/jsonl    the JSONL export, for data tools (not linked by the page)
//	annotations/exchange       brat, doccano and Label Studio files (not linked by the browser)
//	annotations/team           agreement between annotators, and their merge
//	annotations/project        projects (a folder of articles and their labels) and their corpus files
//	annotations/internal/lite  stand-ins for fmt, crypto/sha256, sort and time.Parse the browser cannot afford
//
// In this package:
//
//   - document.go: [Document], text normalisation, identity and paragraphs.
//   - schema.go: [Schema], [Label] and [RelationType]; labels are data.
//   - annotation.go: [Annotation] and [Relation], the values a person makes,
//     and [Compare], their order.
//   - set.go, edit.go and resolve.go: [Set] holds a document's work; edits such as [Add]
//     or [Link] are values applied with [Set.Apply], each undoable as one step.
//   - history.go: undo and redo.
//   - segment.go: [Segment] cuts a paragraph into runs covered by the same
//     annotations, for drawing nested and crossing highlights.
//   - selector.go: [Selector], the W3C-style description of a span by its
//     quote, context and position, which package anchor finds again.
//   - snap.go: snapping a selection to whole words, trimming white space,
//     and finding every occurrence of a quote.
//   - file.go: [File], a document with its work as one value: what the
//     codecs read and write.
//   - errors.go: [PathError] and the sentinel errors callers branch on.
//   - offsets.go: conversions between code points, UTF-16 and UTF-8.
//   - html.go: the escaped HTML of a paragraph's highlights, written by the
//     browser in one step; text.go: small text rules of the page (bylines,
//     the lines of an opened HTML file, export file names).
//
// Read document.go, annotation.go and edit.go first; example_test.go shows
// the main calls. The file formats are described for users in
// docs/format.md.
//
// The package uses only the standard library, reads no clock and draws no
// random numbers: callers pass the time in, so tests and exports are stable.
package annotations
