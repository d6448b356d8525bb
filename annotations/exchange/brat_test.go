package exchange

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/anchor"
	"github.com/spanmark/spanmark/annotations/codec"
)

// fmtSpan is what a converter test checks of an annotation.
type fmtSpan struct {
	Label      string
	Start, End int
	Quote      string
	Note       string
	Entity     string
}

func spansOf(f *annotations.File) []fmtSpan {
	var out []fmtSpan
	for _, a := range f.Annotations {
		out = append(out, fmtSpan{a.Label, a.Start, a.End, a.Quote, a.Note, a.Entity})
	}
	return out
}

// linksOf writes each relation as "type: from quote -> to quote".
func linksOf(f *annotations.File) []string {
	q := map[string]string{}
	for _, a := range f.Annotations {
		q[a.ID] = a.Quote
	}
	var out []string
	for _, r := range f.Relations {
		out = append(out, r.Type+": "+q[r.From]+" -> "+q[r.To])
	}
	return out
}

// namedSpans is spansOf with each label's name for its id.
func namedSpans(f *annotations.File) []fmtSpan {
	out := spansOf(f)
	for i := range out {
		out[i].Label = labelName(f.Schema, out[i].Label)
	}
	return out
}

// namedLinks is linksOf with each relation type's name for its id.
func namedLinks(f *annotations.File) []string {
	q := map[string]string{}
	for _, a := range f.Annotations {
		q[a.ID] = a.Quote
	}
	var out []string
	for _, r := range f.Relations {
		out = append(out, relationName(f.Schema, r.Type)+": "+q[r.From]+" -> "+q[r.To])
	}
	// Sorted: the formats give relations no order (brat writes an event's
	// roles on its E line, before the R lines), and Spanmark's own file
	// sorts them.
	slices.Sort(out)
	return out
}

func readFormat(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "formats", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// emojiSpans are the spans of testdata/formats/emoji.*, in code points:
// the text starts with the flag 🇷🇺 (two code points, four UTF-16 units).
var emojiSpans = []fmtSpan{
	{Label: "actor", Start: 3, End: 9, Quote: "Lavrov"},
	{Label: "claim", Start: 15, End: 34, Quote: "the talks went well"},
	{Label: "actor", Start: 38, End: 43, Quote: "Rubio"},
	{Label: "proposal", Start: 56, End: 74, Quote: "a summit in Riyadh"},
	{Label: "actor", Start: 76, End: 87, Quote: "The Kremlin"},
	{Label: "actor", Start: 101, End: 110, Quote: "Zelenskyy"},
}

var emojiLinks = []string{"source: the talks went well -> Lavrov", "source: a summit in Riyadh -> Rubio"}

func TestDecodeBrat(t *testing.T) {
	f, _, err := DecodeBrat(string(readFormat(t, "emoji.txt")), readFormat(t, "emoji.ann"), "emoji.ann")
	if err != nil {
		t.Fatal(err)
	}
	want := append([]fmtSpan(nil), emojiSpans...)
	want[0].Entity = "Sergey Lavrov"
	want[0].Note = "brat normalisation: Reference Wikidata:Q190777"
	want[1].Note = "reported speech\nConfidence: High"
	want = append(want,
		fmtSpan{Label: "claim", Start: 76, End: 96, Quote: "The Kremlin welcomed", Note: "brat T7: fragment 1 of 2\nNegated"},
		fmtSpan{Label: "claim", Start: 101, End: 118, Quote: "Zelenskyy did not", Note: "brat T7: fragment 2 of 2\nNegated"})
	// Files list annotations by position.
	want = []fmtSpan{want[0], want[1], want[2], want[3], want[4], want[6], want[5], want[7]}
	if diff := cmp.Diff(want, spansOf(f)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(emojiLinks, linksOf(f)); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(annotations.DefaultSchema(), f.Schema); diff != "" {
		t.Errorf("schema (-want +got): labels and relation types named as ours keep our schema:\n%s", diff)
	}
	if f.Document.Source != "emoji.ann" {
		t.Errorf("source = %q, want the file name", f.Document.Source)
	}
}

// checkRoundTrip checks that f survives encode and decode unchanged in its
// spans, notes, entities and relations, with labels and relation types
// compared by name: ids made up for names in other scripts are numbered in
// the order the decoder meets them.
func checkRoundTrip(t *testing.T, f *annotations.File, again func(*annotations.File) (*annotations.File, error)) {
	t.Helper()
	g, err := again(f)
	if err != nil {
		t.Fatalf("decoding what was encoded: %v", err)
	}
	if diff := cmp.Diff(namedSpans(f), namedSpans(g)); diff != "" {
		t.Errorf("spans after a round trip (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(namedLinks(f), namedLinks(g)); diff != "" {
		t.Errorf("relations after a round trip (-before +after):\n%s", diff)
	}
	if f.Document.Text != g.Document.Text {
		t.Errorf("text changed in a round trip")
	}
}

func bratAgain(f *annotations.File) (*annotations.File, error) {
	text, ann, err := EncodeBrat(f)
	if err != nil {
		return nil, err
	}
	g, _, err := DecodeBrat(text, ann, f.Document.Source)
	return g, err
}

func TestBratRoundTrip(t *testing.T) {
	f, _, err := DecodeBrat(string(readFormat(t, "emoji.txt")), readFormat(t, "emoji.ann"), "emoji.ann")
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, f, bratAgain)
	// The sample team's files go through brat too: entities, and a note
	// with several lines.
	alice := sampleAlice(t)
	alice.Annotations[0].Note = "first line\nsecond line"
	checkRoundTrip(t, alice, bratAgain)
}

func TestEncodeBratLineBreak(t *testing.T) {
	doc := annotations.NewDocument("Lavrov spoke.\nRubio listened.", "", "")
	s := annotations.NewSet(doc, annotations.DefaultSchema())
	if err := s.Insert(annotations.Annotation{ID: "a1", Label: "claim", Start: 0, End: 29}); err != nil {
		t.Fatal(err)
	}
	_, ann, err := EncodeBrat(annotations.NewFile(s, "", t0))
	if err != nil {
		t.Fatal(err)
	}
	want := "T1\tclaim 0 13;14 29\tLavrov spoke. Rubio listened.\n"
	if diff := cmp.Diff(want, string(ann)); diff != "" {
		t.Errorf(".ann (-want +got):\n%s", diff)
	}
}

func TestDecodeBratCRLF(t *testing.T) {
	// brat counts the CR of CRLF line endings; our text drops it.
	text := "Putin spoke.\r\nTrump listened."
	f, _, err := DecodeBrat(text, []byte("T1\tactor 14 19\tTrump\n"), "crlf.ann")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]fmtSpan{{Label: "actor", Start: 13, End: 18, Quote: "Trump"}}, spansOf(f)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
}

func TestDecodeBratErrors(t *testing.T) {
	text := "Putin met Trump."
	tests := []struct {
		name, ann, want string
	}{
		{"no_tab", "T1 actor 0 5 Putin\n", "line 1: brat: want"},
		{"bad_offsets", "T1\tactor 0 x\tPutin\n", "line 1: brat: fragment \"0 x\" is not"},
		{"past_end", "T1\tactor 10 99\tTrump\n", "line 1: brat: end 99 is past the end of the text (16 code points)"},
		{"wrong_text", "T1\tactor 0 5\tPutin\nT2\tactor 10 15\tBiden\n", "line 2: brat: the text is \"Trump\" at 10 15, not \"Biden\""},
		{"duplicate_id", "T1\tactor 0 5\tPutin\nT1\tactor 10 15\tTrump\n", "line 2: brat: id T1 is used twice"},
		{"unknown_target", "T1\tactor 0 5\tPutin\n#1\tAnnotatorNotes T9\tnote\n", "line 2: brat: no annotation has id \"T9\""},
		{"unknown_arg", "T1\tactor 0 5\tPutin\nR1\tsource Arg1:T1 Arg2:T5\n", "line 2: brat: no span has id \"T5\""},
		{"event_no_trigger", "T1\tactor 0 5\tPutin\nE1\tMeet:T4\n", "line 2: brat: no text-bound annotation has id \"T4\" (the trigger of E1)"},
		{"event_bad_arg", "T1\tactor 0 5\tPutin\nE1\tMeet:T1 Theme\n", "line 2: brat: argument \"Theme\" is not"},
		{"equivalence_short", "T1\tactor 0 5\tPutin\n*\tEquiv T1\n", "line 2: brat: want \"*"},
		{"type_carriage_return", "T1\tact\ror 0 5\tPutin\n", `line 1: brat: type "act\ror" holds white space`},
		{"type_no_break_space", "T1\tact\u00a0or 0 5\tPutin\n", `line 1: brat: type "act\u00a0or" holds white space`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := DecodeBrat(text, []byte(tc.ann), "x.ann")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func FuzzDecodeBrat(f *testing.F) {
	f.Add(string(readFormat(f, "emoji.txt")), string(readFormat(f, "emoji.ann")))
	f.Add("Putin met Trump.", "T1\tactor 0 5;10 15\tPutin Trump\nR1\tx Arg1:T1 Arg2:T1\n")
	f.Add("a\r\nb", "T1\tL 0 4\ta  b\nN1\tReference T1 db:1\n")
	f.Add(string(readFormat(f, "brat-events.txt")), string(readFormat(f, "brat-events.ann")))
	f.Add("Putin met Trump.", "T1\tP 0 5\tPutin\nT2\tM 6 9\tmet\nE1\tM:T2 A:T1 B:E1\nE2\tM:T2 A:E1\n*\tEq T1 T1\n#1\tAnnotatorNotes E2\tx\n")
	f.Fuzz(func(t *testing.T, text, ann string) {
		// Read alone, the .ann must not panic, and what it reads must place
		// in a text of its length.
		if h, _, err := DecodeBratWithoutText([]byte(ann), "fuzz.ann"); err == nil {
			if _, _, err := anchor.Place(h, annotations.NewDocument(strings.Repeat("x", h.Document.Length), "", "")); err != nil {
				t.Fatalf("placing a .ann read alone: %v", err)
			}
		}
		g, _, err := DecodeBrat(text, []byte(ann), "fuzz.ann")
		if err != nil {
			return
		}
		for _, a := range g.Annotations {
			if a.Start < 0 || a.End > g.Document.Length || a.Start >= a.End {
				t.Fatalf("span [%d,%d) outside a text of %d", a.Start, a.End, g.Document.Length)
			}
		}
		if _, err := codec.Encode(g); err != nil {
			t.Fatalf("a decoded file does not encode: %v", err)
		}
		checkRoundTrip(t, g, bratAgain)
	})
}

func TestDecodeBratWithoutText(t *testing.T) {
	ann := readFormat(t, "emoji.ann")
	f, _, err := DecodeBratWithoutText(ann, "emoji.ann")
	if err != nil {
		t.Fatal(err)
	}
	if f.Document.Text != "" || f.Document.Length != 118 {
		t.Errorf("document text %q, length %d; want none and the end of the last span, 118", f.Document.Text, f.Document.Length)
	}
	// Placed in the real text, it is the file read with its text.
	doc := annotations.NewDocument(string(readFormat(t, "emoji.txt")), "", "emoji.ann")
	s, rep, err := anchor.Place(f, doc)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.IsEmpty() {
		t.Errorf("placing moved or lost annotations: %+v", rep)
	}
	want, _, err := DecodeBrat(doc.Text, ann, "emoji.ann")
	if err != nil {
		t.Fatal(err)
	}
	got := annotations.NewFile(s, "", want.Exported.UTC())
	if diff := cmp.Diff(spansOf(want), spansOf(got)); diff != "" {
		t.Errorf("spans (-with text +placed):\n%s", diff)
	}
	if diff := cmp.Diff(linksOf(want), linksOf(got)); diff != "" {
		t.Errorf("relations (-with text +placed):\n%s", diff)
	}
	if _, _, err := DecodeBratWithoutText([]byte("T1\tactor 0 5\tPutin\nT2\tactor 2 4\txx\n"), "x.ann"); err == nil ||
		!strings.Contains(err.Error(), "line 2: brat: the text of this line disagrees") {
		t.Errorf("error = %v, want one about line 2 disagreeing", err)
	}
}

// t0 is stamped on the files the tests make.
var t0 = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

// sampleAlice is the first of the sample team's files, testdata/agree.
func sampleAlice(t testing.TB) *annotations.File {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "agree", "sample-alice.json"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := codec.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// schemaOf writes each label and relation type of f's schema as "id=name".
func schemaOf(f *annotations.File) (labels, relations []string) {
	for _, l := range f.Schema.Labels {
		labels = append(labels, l.ID+"="+l.Name)
	}
	for _, r := range f.Schema.Relations {
		relations = append(relations, r.ID+"="+r.Name)
	}
	return labels, relations
}

// warningsOf writes each warning of rep as its String.
func warningsOf(rep *Report) []string {
	var out []string
	if rep != nil {
		for _, w := range rep.Warnings {
			out = append(out, w.String())
		}
	}
	return out
}

func TestDecodeBratEventsAndEquivalences(t *testing.T) {
	// brat-events.ann has the shapes of brat's standoff documentation and
	// of the BioNLP shared task files: events (one the argument of
	// another), an equivalence, notes and an attribute on a relation and an
	// event, and a normalisation to Wikipedia.
	f, rep, err := DecodeBrat(string(readFormat(t, "brat-events.txt")), readFormat(t, "brat-events.ann"), "brat-events.ann")
	if err != nil {
		t.Fatal(err)
	}
	want := []fmtSpan{
		{Label: "Organization", Start: 0, End: 4, Quote: "Sony"},
		{Label: "Organization", Start: 9, End: 17, Quote: "Ericsson"},
		{Label: "Merge-org", Start: 18, End: 24, Quote: "formed", Note: "brat event"},
		{Label: "Organization", Start: 27, End: 40, Quote: "joint venture", Note: "on relation R1 (Located to T5): stated in the first sentence"},
		{Label: "Country", Start: 44, End: 50, Quote: "Sweden"},
		{Label: "Person", Start: 52, End: 77, Quote: "Carlos Salinas de Gortari", Entity: "Carlos Salinas de Gortari",
			Note: "brat normalisation: Reference Wikipedia:64488"},
		{Label: "Praise", Start: 78, End: 85, Quote: "praised", Note: "brat event\nNegation\npraise, not approval"},
		{Label: "Person", Start: 102, End: 109, Quote: "Salinas"},
	}
	if diff := cmp.Diff(want, spansOf(f)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	wantLinks := []string{
		"Located: joint venture -> Sweden",
		"Equiv: Carlos Salinas de Gortari -> Salinas",
		"Org1: formed -> Sony",
		"Org2: formed -> Ericsson",
		"Result: formed -> joint venture",
		"Agent: praised -> Carlos Salinas de Gortari",
		"Theme: praised -> formed",
	}
	if diff := cmp.Diff(wantLinks, linksOf(f)); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	if !rep.IsEmpty() {
		t.Errorf("report %v, want nothing dropped", warningsOf(rep))
	}
	checkRoundTrip(t, f, bratAgain)
	// Written back, events are E lines, the equivalence a "*" line and the
	// normalisation keeps its reference.
	_, ann, err := EncodeBrat(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"N1\tReference T6 Wikipedia:64488\tCarlos Salinas de Gortari\n",
		"E1\tMerge-org:T3 Org1:T1 Org2:T2 Result:T4\n",
		"E2\tPraise:T7 Agent:T6 Theme:E1\n",
		"*\tEquiv T6 T8\n",
		"R1\tLocated Arg1:T4 Arg2:T5\n",
	} {
		if !strings.Contains(string(ann), line) {
			t.Errorf("written .ann lacks %q:\n%s", line, ann)
		}
	}
	if strings.Contains(string(ann), "spanmark:") {
		t.Errorf("written .ann makes up a reference:\n%s", ann)
	}
}

func TestDecodeBratSharedTriggerAndDuplicates(t *testing.T) {
	text := "Putin met Trump."
	ann := "T1\tPER 0 5\tPutin\nT2\tMeet 6 9\tmet\nT3\tPER 10 15\tTrump\nE1\tMeet:T2 Agent:T1\nE2\tMeet:T2 Agent:T3\nT4\tPER 0 5\tPutin\n#1\tAnnotatorNotes T4\tsecond mark\n"
	f, rep, err := DecodeBrat(text, []byte(ann), "x.ann")
	if err != nil {
		t.Fatal(err)
	}
	want := []fmtSpan{
		{Label: "PER", Start: 0, End: 5, Quote: "Putin", Note: "second mark"},
		{Label: "Meet", Start: 6, End: 9, Quote: "met", Note: "brat event"},
		{Label: "PER", Start: 10, End: 15, Quote: "Trump"},
	}
	if diff := cmp.Diff(want, spansOf(f)); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	wantRep := []string{
		"1 × event sharing its trigger T2 with E1: its roles join that event's (line 5)",
		"1 × span with the same label and range as another, merged into it (line 6)",
	}
	if diff := cmp.Diff(wantRep, warningsOf(rep)); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestEncodeBratNames(t *testing.T) {
	// Labels and relation types read from another tool in Chinese script
	// are written to brat by name, and read back as the same names.
	fs, _, err := DecodeDoccano(readFormat(t, "chinese.doccano.jsonl"), "chinese.doccano.jsonl", UnitUTF16)
	if err != nil {
		t.Fatal(err)
	}
	_, ann, err := EncodeBrat(fs[1])
	if err != nil {
		t.Fatal(err)
	}
	// "Named Place" cannot be a brat type; it becomes "Named_Place-2"
	// rather than merge with the label named "Named_Place".
	for _, line := range []string{"\t地点 12 14\t中国\n", "\t产国 Arg1:T2 Arg2:T5\n", "\tNamed_Place 12 14\t中国\n", "\tNamed_Place-2 12 14\t中国\n"} {
		if !strings.Contains(string(ann), line) {
			t.Errorf(".ann lacks %q:\n%s", line, ann)
		}
	}
	g, err := bratAgain(fs[1])
	if err != nil {
		t.Fatal(err)
	}
	want := namedSpans(fs[1])
	for i := range want {
		if want[i].Label == "Named Place" {
			want[i].Label = "Named_Place-2"
		}
	}
	// Label ids, and so the order on one range, may differ.
	bySpan := cmpopts.SortSlices(func(x, y fmtSpan) bool {
		return x.Start < y.Start || x.Start == y.Start && (x.End < y.End || x.End == y.End && x.Label < y.Label)
	})
	if diff := cmp.Diff(want, namedSpans(g), bySpan); diff != "" {
		t.Errorf("spans after a round trip (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(namedLinks(fs[1]), namedLinks(g)); diff != "" {
		t.Errorf("relations after a round trip (-want +got):\n%s", diff)
	}
}
