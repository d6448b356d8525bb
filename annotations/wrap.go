package annotations

// Hard-wrapped text, as Project Gutenberg and many plain-text archives
// write it: each paragraph broken into lines of about 70 characters, and
// a blank line between paragraphs. Spanmark keeps the text as it is (its
// offsets are the file's) and only shows such lines flowing together.

// IsHardWrapped reports whether the document's text reads as
// hard-wrapped: most lines that run on into the next line without a
// blank line between are of about the same wrapping length (minWrapped
// to maxWrapped code points), and there are blank lines between
// paragraphs. A poem's short lines and an article's one long line per
// paragraph are not.
func (d *Document) IsHardWrapped() bool {
	ps := d.paras
	joined, wrapped, blank := 0, 0, false
	for i := 1; i < len(ps); i++ {
		if ps[i].Start > ps[i-1].End+1 {
			blank = true
			continue
		}
		// Line i-1 runs on into line i.
		joined++
		if n := ps[i-1].End - ps[i-1].Start; n >= minWrapped && n <= maxWrapped {
			wrapped++
		}
	}
	// A few lines in a row are no evidence; 80 % leaves room for a line
	// broken early at a long word.
	return blank && joined >= 8 && wrapped*5 >= joined*4
}

// The lengths of a wrapped line, in code points: Project Gutenberg wraps
// at 70 to 75, others at 60 to 80; a line broken before a long word can
// be a little shorter.
const (
	minWrapped = 45
	maxWrapped = 80
)

// StartsBlock reports whether paragraph i of the document begins a
// paragraph as shown: it is the first, or a blank line comes before it.
// Inside a hard-wrapped paragraph the other lines continue it.
func (d *Document) StartsBlock(i int) bool {
	return i == 0 || d.paras[i].Start > d.paras[i-1].End+1
}
