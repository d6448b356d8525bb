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
)

// Sniff tells a native file from a W3C one by the names of its top-level
// fields, the one rule that the browser (opening, dropping, importing)
// and the spanmark CLI (reading without --from) both use. It reads only
// as far as it must, skipping values without decoding them, and decides
// nothing from text inside values, so a note quoting "@context" changes
// nothing. Malformed JSON past the deciding field is left for the
// decoder to report with its position.
func Sniff(data []byte) Format {
	// One pass over the bytes, counting brackets outside strings; a
	// string at depth 1 after '{' or ',' is a field name. Escaped names
	// are compared raw: the two looked for hold no escapes.
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		data = data[3:] // a UTF-8 byte order mark
	}
	depth, key, w3c := 0, false, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case ' ', '\t', '\n', '\r':
		case '{', '[':
			if depth == 0 && c == '[' {
				return FormatUnknown
			}
			depth++
			key = depth == 1
		case '}', ']':
			if depth--; depth <= 0 {
				i = len(data)
			}
		case ',':
			key = depth == 1
		case '"':
			if depth == 0 {
				return FormatUnknown
			}
			j := i + 1
			for j < len(data) && data[j] != '"' {
				if data[j] == '\\' {
					j++
				}
				j++
			}
			if key {
				switch string(data[i+1 : min(j, len(data))]) {
				case "spanmark":
					return FormatSpanmark
				case "@context":
					w3c = true
				}
			}
			key = false
			i = j
		default:
			if depth == 0 {
				return FormatUnknown
			}
		}
	}
	if w3c {
		return FormatW3C
	}
	return FormatUnknown
}
