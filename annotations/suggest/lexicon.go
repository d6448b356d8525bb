package suggest

import (
	_ "embed"
	"errors"
	"strconv"
	"strings"
)

// The lexicon is data, one plain-text file per language, so that another
// language is a new file and not new code. Its format:
//
//	# a comment line
//	[section]
//	an entry
//
// Sections hold word lists (function, titles, abbreviations, connectors,
// groups, pronouns, locatives, breaks, prepositions), names ("Entity | other name | ..."),
// places ("City = Entity" or just "Region"), demonyms ("Adjective | Plural =
// Entity") and cues (claim, proposal), where "*" stands for a gap of up to
// eight words and a final " <" says the speaker follows the cue. Words are
// compared in lower case, with ’ read as ', except in names and places,
// whose case is kept ("US" is a country, "us" is not).

//go:embed lexicon/en.txt
var englishLexicon string

// Lexicon holds the words and cues the suggestions are made from; make it
// with [English] or [ParseLexicon]. A Lexicon is not changed after it is
// made, so one value may serve many runs.
type Lexicon struct {
	function, titles, abbreviations, connectors map[string]bool
	groups, pronouns, locatives, breaks         map[string]bool
	prepositions                                map[string]bool
	// names maps a name's first word (as written) to the names starting
	// with it.
	names map[string][]name
	// demonyms maps an adjective or plural, in lower case, to its entity;
	// plurals says which are plurals.
	demonyms map[string]string
	plurals  map[string]bool
	claims   map[string][]cue
	props    map[string][]cue
}

// name is a country, organisation or place of the lexicon.
type name struct {
	words  []string
	entity string
	// place is set for cities and regions, which are actors only when they
	// stand for a government.
	place bool
}

// cue is a phrase that introduces a claim or a proposal.
type cue struct {
	// words are lower case; "*" is a gap of up to maxGap words.
	words []string
	// speakerAfter is set when the speaker follows the cue.
	speakerAfter bool
}

// maxGap is the most words a "*" of a cue spans: enough for an object
// such as "told reporters in Geneva on Monday that", short enough not to
// run into the next clause.
const maxGap = 8

// English returns the English lexicon, which is embedded in the package.
func English() *Lexicon {
	lx, err := ParseLexicon(englishLexicon)
	if err != nil {
		panic("suggest: the embedded English lexicon is broken: " + err.Error())
	}
	return lx
}

// ParseLexicon reads a lexicon in the format of lexicon/en.txt. The error
// names the line.
func ParseLexicon(text string) (*Lexicon, error) {
	lx := &Lexicon{
		function: map[string]bool{}, titles: map[string]bool{}, abbreviations: map[string]bool{},
		connectors: map[string]bool{}, groups: map[string]bool{}, pronouns: map[string]bool{},
		locatives: map[string]bool{}, breaks: map[string]bool{}, prepositions: map[string]bool{},
		names: map[string][]name{}, demonyms: map[string]string{}, plurals: map[string]bool{},
		claims: map[string][]cue{}, props: map[string][]cue{},
	}
	section := ""
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		bad := func(what string) error {
			return errors.New("parse lexicon: line " + strconv.Itoa(i+1) + ": " + what)
		}
		if line[0] == '[' {
			if line[len(line)-1] != ']' {
				return nil, bad("section " + strconv.Quote(line) + " has no closing ]")
			}
			section = line[1 : len(line)-1]
			continue
		}
		var set map[string]bool
		switch section {
		case "function":
			set = lx.function
		case "titles":
			set = lx.titles
		case "abbreviations":
			set = lx.abbreviations
		case "connectors":
			set = lx.connectors
		case "groups":
			set = lx.groups
		case "pronouns":
			set = lx.pronouns
		case "locatives":
			set = lx.locatives
		case "breaks":
			set = lx.breaks
		case "prepositions":
			set = lx.prepositions
		case "names", "places":
			left, entity, hasEntity := strings.Cut(line, "=")
			alts := strings.Split(left, "|")
			canon := strings.TrimSpace(alts[0])
			if hasEntity {
				canon = strings.TrimSpace(entity)
			}
			for _, alt := range alts {
				ws := words(strings.TrimSpace(alt), false)
				if len(ws) == 0 || canon == "" {
					return nil, bad("empty name in " + strconv.Quote(line))
				}
				lx.names[ws[0]] = append(lx.names[ws[0]], name{words: ws, entity: canon, place: section == "places"})
			}
			continue
		case "demonyms":
			left, entity, ok := strings.Cut(line, "=")
			entity = strings.TrimSpace(entity)
			if !ok || entity == "" {
				return nil, bad("demonym " + strconv.Quote(line) + " has no \"= Entity\"")
			}
			for j, alt := range strings.Split(left, "|") {
				w := fold(strings.TrimSpace(alt))
				lx.demonyms[w] = entity
				if j > 0 {
					lx.plurals[w] = true
				}
			}
			continue
		case "claim", "proposal":
			c := cue{}
			if strings.HasSuffix(line, " <") {
				c.speakerAfter = true
				line = strings.TrimSuffix(line, " <")
			}
			c.words = words(line, true)
			if len(c.words) == 0 || c.words[0] == "*" {
				return nil, bad("cue " + strconv.Quote(line) + " must start with a word")
			}
			m := lx.claims
			if section == "proposal" {
				m = lx.props
			}
			m[c.words[0]] = append(m[c.words[0]], c)
			continue
		default:
			return nil, bad("entry outside a known section: " + strconv.Quote(line))
		}
		for _, w := range words(line, true) {
			set[w] = true
		}
	}
	return lx, nil
}

// words splits an entry into the words the tokenizer would make of it,
// folded to lower case when lower is set.
func words(s string, lower bool) []string {
	rs := []rune(s)
	var out []string
	for _, t := range tokenize(rs, 0, len(rs)) {
		w := string(rs[t.start:t.end])
		if lower {
			w = fold(w)
		} else {
			w = strings.ReplaceAll(w, "’", "'")
		}
		out = append(out, w)
	}
	return out
}

// fold returns s in lower case with ’ read as '.
func fold(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "’", "'"))
}
