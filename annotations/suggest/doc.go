// Package suggest proposes annotations for a person to accept or reject:
// actor mentions, claims and proposals, with the source and target links
// of the claims and proposals. It uses rules and word lists, not a
// trained model: the same text, work and lexicon always give the same
// suggestions, and nothing is downloaded.
//
// # Units
//
// Offsets are Unicode code points into the document text and spans are
// half-open, as everywhere in [annotations]. Every suggested span starts
// and ends on a word boundary, as [annotations.SnapToWords] draws them.
//
// # Rules
//
//   - Mentions (names.go): countries, organisations and cities of the
//     lexicon; capitalised word sequences with their titles
//     ("Foreign Minister Lavrov"); possessives ("Russia's"); demonyms
//     ("the Russians", "the Sudanese army"); and the other mentions of the
//     entities these and the work name: the same words, a surname alone
//     after a full name, the work's other aliases of an entity.
//   - Repeats (suggest.go): the same words as any annotation of the work,
//     with its label and entity.
//   - Claims and proposals (cues.go): the clause a reporting cue introduces
//     ("said", "according to") is a claim, and the action after a proposal
//     cue ("called for", "urged ... to") a proposal; the source is the cue's
//     subject, the target the actor a proposal is addressed to.
//
// The words and cues are data (lexicon/en.txt), read by [ParseLexicon];
// another language is another file.
//
// # Use
//
// [Suggest] computes every suggestion at once. A browser uses a [Run]
// instead, calling [Run.Step] once per frame until it is done, so that a
// long article never blocks the page; after an edit it starts a new run.
// [Accept] turns suggestions into annotations of an [annotations.Set].
// Suggestion IDs depend only on the label and the span, so a page can keep
// the IDs a person rejected and leave them out of the next run's results.
//
// The package links into the analysis worker (wasm/worker), a browser
// program whose size counts too, so it must not import fmt,
// encoding/json, reflect, regexp, net/url or crypto (see TestImports), nor
// the codecs, anchoring or team parts of annotations: only the model.
package suggest
