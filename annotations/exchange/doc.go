// Package exchange reads and writes the files of other annotation tools:
// brat standoff (.txt and .ann), doccano JSONL and Label Studio JSON
// exports. Each decoder turns the tool's spans and links into an
// [annotations.File] with a schema made from the labels it saw (builder.go),
// with offsets converted to code points, and a [Report] of what it could
// not keep (report.go); each encoder writes a file the tool imports, with
// labels and relation types by name. A label or relation type keeps its
// name in any script: its id is derived from the name without collisions,
// numbered ("label-3") when no ASCII letter or digit is left of it.
//
// The browser program does not link this package: doccano and Label
// Studio files are read with encoding/json, which the command-line tool
// can afford and the wasm cannot.
package exchange
