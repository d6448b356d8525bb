package annotations

// ContextLen is the number of code points of prefix and suffix context that
// callers store with a quote. 32 code points is about five English words:
// enough to tell apart repeated quotes in an article, short enough that an
// edit near the quote leaves most of the context intact. Hypothesis and
// Apache Annotator use the same length.
const ContextLen = 32

// Selector describes a span of a text so that it can be found again after
// the text changes. It is the W3C TextQuoteSelector and TextPositionSelector
// as one value, with the W3C field names. A Selector is plain data: finding
// it in a text is [Anchorer.Anchor]'s job, and describing a span is
// [Describe]'s.
type Selector struct {
	// Exact is the quoted text.
	Exact string `json:"exact"`
	// Prefix is the text just before the quote and Suffix the text just
	// after it, each up to [ContextLen] code points.
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	// Start and End are a position hint in code points, half-open, used only
	// when End > Start.
	Start int `json:"start,omitempty"`
	End   int `json:"end,omitempty"`
}

// HasHint reports whether s carries a position hint, that is End > Start >= 0.
func (s Selector) HasHint() bool { return s.End > s.Start && s.Start >= 0 }

// Describe returns the selector of the span [start, end) of text, in code
// points, with up to n code points of prefix and suffix context (callers
// normally pass [ContextLen]). Offsets outside the text are clamped to it,
// and a negative n means no context. [anchor.Anchor] finds the described span again
// in the unchanged text.
func Describe(text []rune, start, end, n int) Selector {
	start = max(0, min(start, len(text)))
	end = max(start, min(end, len(text)))
	n = max(0, n)
	return Selector{
		Exact:  string(text[start:end]),
		Prefix: string(text[max(0, start-n):start]),
		Suffix: string(text[end:min(len(text), end+n)]),
		Start:  start,
		End:    end,
	}
}
