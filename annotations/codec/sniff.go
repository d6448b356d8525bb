package codec

// Format names a kind of exported file that [Sniff] can tell apart.
type Format int

const (
	// FormatUnknown is neither of the formats below: not a JSON object,
	// or one with neither telling field.
	FormatUnknown Format = iota
	// FormatSpanmark is the native file ([Decode]): an object with a
	// "spanmark" field.
	FormatSpanmark
	// FormatW3C is a W3C Web Annotation collection (package w3c): an
	// object with an "@context" field and no "spanmark" field.
	FormatW3C
	// FormatProject is a project file (package project): an object with a
	// "spanmark-project" field.
	FormatProject
	// FormatCorpus is a project's corpus (package project), JSONL whose
	// first line is an object with a "spanmark-corpus" field.
	FormatCorpus
)

// Sniff tells a native file, a W3C one (an object, or a plain array of
// annotations), a project file and a corpus apart by the names of their
// top-level fields, the one rule that the browser (opening, dropping, importing)
// and the spanmark CLI (reading without --from) both use. It reads only
// as far as it must, skipping values without decoding them, and decides
// nothing from text inside values, so a note quoting "@context" changes
// nothing. Malformed JSON past the deciding field is left for the
// decoder to report with its position.
func Sniff(data []byte) Format { return SniffInSteps(data, nil) }

// SniffInSteps is [Sniff] calling pause after every sniffStep bytes it
// reads, so that a program on a single thread (the browser) can let other
// work run while it reads a file of megabytes (a W3C collection is read
// to its end). pause may be nil.
func SniffInSteps(data []byte, pause func()) Format {
	// One pass over the bytes, counting brackets outside strings; a
	// string at depth 1 after '{' or ',' is a field name. Escaped names
	// are compared raw: the two looked for hold no escapes.
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:] // a UTF-8 byte order mark
	}
	// top is the depth of the fields that tell: 1 in an object, 2 in the
	// first element of an array (a plain list of W3C annotations, as
	// Hypothesis exports them, whose every annotation has a target).
	depth, top, key, w3c := 0, 1, false, false
	next := sniffStep
	for i := 0; i < len(data); i++ {
		if i >= next && pause != nil {
			pause()
			next = i + sniffStep
		}
		switch c := data[i]; c {
		case ' ', '\t', '\n', '\r':
		case '{', '[':
			if depth == 0 && c == '[' {
				top = 2
			} else if depth == top-1 && c == '[' {
				return FormatUnknown // an array of arrays
			}
			depth++
			key = depth == top
		case '}', ']':
			if depth--; depth < top {
				i = len(data)
			}
		case ',':
			key = depth == top
		case '"':
			if depth < top {
				return FormatUnknown
			}
			j := i + 1
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			if key && j < len(data) { // a name cut off by the end tells nothing
				switch string(data[i+1 : j]) {
				case "spanmark":
					if top == 1 {
						return FormatSpanmark
					}
				case "spanmark-project":
					if top == 1 {
						return FormatProject
					}
				case "spanmark-corpus":
					if top == 1 {
						return FormatCorpus
					}
				case "@context":
					w3c = true
				case "target":
					w3c = w3c || top == 2
				}
			}
			key = false
			i = j
		default:
			if depth < top {
				return FormatUnknown
			}
		}
	}
	if w3c {
		return FormatW3C
	}
	return FormatUnknown
}

// sniffStep is how many bytes SniffInSteps reads between two calls of its
// pause function: a few milliseconds in the browser.
const sniffStep = 1 << 18
