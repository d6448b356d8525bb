// Package argmap is the argument map of annotated documents: who claims and
// proposes what, about whom. It turns the actors, claims and proposals of
// one or more documents, with their source and target relations, into a
// [Map], and the map into the per-actor [Summary], the actor × actor
// [Matrix], a deterministic [Layout] drawn as SVG, and exports for other
// tools: a CSV table, Graphviz DOT and GraphML. The page and the spanmark
// CLI both use it, so the picture in the page and the exported files agree.
//
// # Model
//
// A [Source] is one document's work: its schema, annotations and relations,
// from a file ([FromFile]) or from the page's set ([FromSet]). [New] pools
// sources into a [Map]:
//
//   - actors are the annotations whose label a "source" or "target" relation
//     type may point to (in the default schema, "actor"), grouped across
//     documents by their entity, or by their quote when they have none,
//     ignoring case and runs of white space;
//   - statements are the annotations whose label those relation types may
//     start from ("claim" and "proposal"), each with the actor groups it has
//     as sources and as targets.
//
// Offsets are code points into the text of their document, half-open, as
// everywhere in package annotations. Orphans (annotations that could not be
// placed in their text) are left out: they have no span to select.
//
// # Files
//
//   - map.go: [Source], [New], [Map] and its parts.
//   - summary.go: [Map.Summaries] and [Map.Matrix], the tables of the page.
//   - layout.go: [Layout], positions of nodes and arrows; svg.go writes them.
//   - table.go, dot.go and graphml.go: the exports.
//   - escape.go: escaping for XML, DOT and CSV, written once for all formats.
//
// The analysis worker (wasm/worker), a browser program, links this
// package, so it uses neither fmt nor any
// encoding package: every format is written by hand with strconv and
// strings.Builder, and tests check the output with the standard library's
// parsers.
package argmap
