// Package annotations is Spanmark's model: a document, the schema of labels
// and relation types, the annotations and relations a person makes on it,
// the history of their edits, anchoring of quotes in edited texts, render
// segmentation, and the file formats.
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
//   - document.go: [Document], text normalisation, identity and paragraphs.
//   - schema.go: [Schema], [Label] and [RelationType]; labels are data.
//   - annotation.go: [Annotation] and [Relation], the values a person makes.
//   - set.go, edit.go and resolve.go: [Set] holds a document's work; edits such as [Add]
//     or [Link] are values applied with [Set.Apply], each undoable as one step.
//   - history.go: undo and redo.
//   - segment.go: [Segment] cuts a paragraph into runs covered by the same
//     annotations, for drawing nested and crossing highlights.
//   - selector.go and match.go: W3C-style selectors and anchoring of a quote
//     in a (possibly edited) text: by position, by quote and context, or fuzzily.
//   - snap.go: snapping a selection to whole words, trimming white space,
//     and finding every occurrence of a quote.
//   - file.go: [File], a document with its work as one value, and
//     [File.Place], which puts a file's annotations on a (possibly edited)
//     text and reports what moved and what could not be placed.
//   - codec.go (with jsontree.go, its parser): the native "spanmark" v1 JSON
//     format, [Encode] and [Decode]; w3c.go and jsonl.go the interchange
//     formats; brat.go, doccano.go and labelstudio.go the formats of other
//     annotation tools. doccano.go and labelstudio.go, written over
//     encoding/json, are left out of js builds: the browser program does
//     not read those formats, and importing encoding/json at all costs it
//     about 33 KB of gzip transfer (its and fmt's initialisation are kept).
//   - html.go: the escaped HTML of a paragraph's highlights, written by the
//     browser in one step; text.go: small text rules of the page (bylines,
//     the lines of an opened HTML file, export file names).
//   - agree.go and merge.go: agreement between several annotators' files
//     and their merge, with conflicts kept for adjudication.
//
// Read document.go, annotation.go and edit.go first; example_test.go shows
// the main calls. The file formats are described for users in
// docs/format.md.
//
// The package uses only the standard library, reads no clock and draws no
// random numbers: callers pass the time in, so tests and exports are stable.
package annotations
