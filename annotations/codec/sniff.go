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
	// FormatW3C is a W3C Web Annotation collection ([DecodeW3C]): an
	// object with an "@context" field and no "spanmark" field.
	FormatW3C
	// FormatProject is a project file (package project): an object with a
	// "spanmark-project" field.
	FormatProject
	// FormatCorpus is a project's corpus (package project), JSONL whose
	// first line is an object with a "spanmark-corpus" field.
	FormatCorpus
)

// Sniff tells a native file, a W3C one, a project file and a corpus
// apart by the names of their top-level fields, the one rule that the browser (opening, dropping, importing)
// and the spanmark CLI (reading without --from) both use. It reads only
// as far as it must, skipping values without decoding them, and decides
// nothing from text inside values, so a note quoting "@context" changes
// nothing. Malformed JSON past the deciding field is left for the
// decoder to report with its position.
func Sniff(data []byte) Format {
	sc := sniffer{b: data}
	if len(sc.b) >= 3 && sc.b[0] == 0xEF && sc.b[1] == 0xBB && sc.b[2] == 0xBF {
		sc.i = 3 // a UTF-8 byte order mark
	}
	if sc.space(); !sc.eat('{') {
		return FormatUnknown
	}
	w3c := false
	for {
		if sc.space(); sc.eat('}') {
			break
		}
		key, ok := sc.key()
		if !ok {
			break
		}
		switch key {
		case "spanmark":
			return FormatSpanmark
		case "spanmark-project":
			return FormatProject
		case "spanmark-corpus":
			return FormatCorpus
		case "@context":
			w3c = true
		}
		if sc.space(); !sc.eat(':') || !sc.skipValue() {
			break
		}
		if sc.space(); !sc.eat(',') {
			break
		}
	}
	if w3c {
		return FormatW3C
	}
	return FormatUnknown
}

// sniffer walks JSON bytes without building values.
type sniffer struct {
	b []byte
	i int
}

func (s *sniffer) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *sniffer) eat(c byte) bool {
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// key reads a field name. The names Sniff looks for hold no escapes, so
// an escaped name is returned raw and matches neither.
func (s *sniffer) key() (string, bool) {
	start := s.i + 1
	if !s.skipString() {
		return "", false
	}
	return string(s.b[start : s.i-1]), true
}

func (s *sniffer) skipString() bool {
	if !s.eat('"') {
		return false
	}
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '\\':
			s.i += 2
		case '"':
			s.i++
			return true
		default:
			s.i++
		}
	}
	return false
}

// skipValue skips one value: strings whole, objects and arrays by
// counting brackets outside strings, anything else up to its delimiter.
func (s *sniffer) skipValue() bool {
	s.space()
	if s.i >= len(s.b) {
		return false
	}
	switch s.b[s.i] {
	case '"':
		return s.skipString()
	case '{', '[':
		depth := 0
		for s.i < len(s.b) {
			switch s.b[s.i] {
			case '"':
				if !s.skipString() {
					return false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
			s.i++
			if depth == 0 {
				return true
			}
		}
		return false
	}
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return true
		}
		s.i++
	}
	return true
}
