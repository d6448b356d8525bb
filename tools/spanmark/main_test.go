package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

const (
	samplePath      = "../../testdata/files/sample.spanmark.json"
	multiscriptPath = "../../testdata/files/multiscript.spanmark.json"
	sampleText      = "../../testdata/articles/us-russia-dialogue.txt"
)

// readBytes reads a file the test needs.
func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// put writes content to dir/name and returns the path.
func put(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// edit returns s with old replaced by new once, failing if old is absent.
func edit(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q is not in the file", old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"help"}, {"-h"}} {
		code, out, errs := runCmd(t, args...)
		if code != 0 || errs != "" {
			t.Errorf("%q: exit %d, stderr %q", args, code, errs)
		}
		for _, s := range []string{"Command spanmark works", "spanmark locate --text FILE", "Commands:", "  validate  ", "  stats  ", "Formats", "  jsonl  ", "write only"} {
			if !strings.Contains(out, s) {
				t.Errorf("%q: usage lacks %q:\n%s", args, s, out)
			}
		}
		if strings.Contains(out, "//") || strings.Contains(out, "package main") {
			t.Errorf("usage shows source code:\n%s", out)
		}
	}
	for _, name := range []string{"validate", "convert", "stats", "locate"} {
		code, out, _ := runCmd(t, name, "-h")
		if code != 0 || !strings.HasPrefix(out, "usage: spanmark "+name) {
			t.Errorf("%s -h: exit %d, output %q", name, code, out)
		}
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	sample := string(readBytes(t, samplePath))
	past := put(t, dir, "past.json", edit(t, sample, `"end": 893,`, `"end": 7100,`))
	version := put(t, dir, "v2.json", edit(t, sample, `"spanmark": 1`, `"spanmark": 2`))
	// The quote of a2 ("Donald Trump") is one code point off its offsets.
	moved := put(t, dir, "moved.json", edit(t, edit(t, sample, `"start": 881,`, `"start": 882,`), `"end": 893,`, `"end": 894,`))
	text := put(t, dir, "article.txt", "just text")
	cases := []struct {
		name     string
		args     []string
		code     int
		out, err string
	}{
		{name: "valid", args: []string{samplePath, multiscriptPath}, code: 0,
			out: samplePath + ": ok (spanmark, 7079 code points, 19 annotations, 9 relations)\n" +
				multiscriptPath + ": ok (spanmark, 711 code points, 9 annotations, 3 relations)\n"},
		{name: "past_end", args: []string{past}, code: 1,
			err: past + ": line 103: annotations[3].end: 7100 is past the end of the text (7079)\n"},
		{name: "version", args: []string{version}, code: 1,
			err: version + ": line 2: spanmark: version 2 is not supported (this program reads version 1)\n"},
		{name: "some_bad", args: []string{samplePath, past}, code: 1,
			out: samplePath + ": ok (spanmark, 7079 code points, 19 annotations, 9 relations)\n",
			err: past + ": line 103: annotations[3].end: 7100 is past the end of the text (7079)\n"},
		{name: "quote_moved", args: []string{moved}, code: 0,
			out: moved + ": ok (spanmark, 7079 code points, 19 annotations, 9 relations)\n",
			err: moved + ": warning: annotations[3]: the quote of \"a2\" is not at [882,894) but at [881,893) (found by quote, score 1.00)\n"},
		{name: "quote_moved_strict", args: []string{"--strict", moved}, code: 1,
			err: moved + ": error: annotations[3]: the quote of \"a2\" is not at [882,894) but at [881,893) (found by quote, score 1.00)\n"},
		{name: "not_json", args: []string{text}, code: 1,
			err: text + ": cannot tell the format: not a JSON object with a \"spanmark\" or a W3C \"@context\" field; name it with --from " + strings.Join(formatNames(true), "|") + "\n"},
		{name: "missing", args: []string{filepath.Join(dir, "nope.json")}, code: 1,
			err: "open " + filepath.Join(dir, "nope.json") + ": no such file or directory\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"validate"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if diff := cmp.Diff(tc.out, out); diff != "" {
				t.Errorf("stdout (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.err, errs); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
	code, _, errs := runCmd(t, "validate")
	if code != 2 || !strings.HasPrefix(errs, "spanmark validate: no files\nusage:") {
		t.Errorf("validate without files: exit %d, stderr %q", code, errs)
	}
}

func TestConvert(t *testing.T) {
	for _, tc := range []struct{ name, file, text string }{
		{"sample", samplePath, sampleText},
		{"multiscript", multiscriptPath, "../../testdata/articles/multiscript.txt"},
	} {
		t.Run(tc.name+"_w3c_and_back", func(t *testing.T) {
			dir := t.TempDir()
			w3c := filepath.Join(dir, "out.w3c.json")
			if code, _, errs := runCmd(t, "convert", "--to", "w3c", "-o", w3c, tc.file); code != 0 {
				t.Fatalf("to w3c: exit %d: %s", code, errs)
			}
			// Without the text, a native file cannot be written.
			code, out, errs := runCmd(t, "convert", "--to", "spanmark", w3c)
			want := "spanmark convert: " + w3c + " holds no text (W3C files do not carry it; name the article's text file with --text)\n"
			if code != 1 || out != "" || errs != want {
				t.Errorf("w3c to spanmark without --text: exit %d, stdout %q, stderr %q; want 1 and %q", code, out, errs, want)
			}
			// With it, the round trip gives back the same bytes. The format
			// is detected, and flags may follow the file.
			code, out, errs = runCmd(t, "convert", w3c, "--to", "spanmark", "--text", tc.text)
			if code != 0 || errs != "" {
				t.Fatalf("w3c to spanmark: exit %d: %s", code, errs)
			}
			if diff := cmp.Diff(string(readBytes(t, tc.file)), out); diff != "" {
				t.Errorf("spanmark -> w3c -> spanmark (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("jsonl", func(t *testing.T) {
		code, out, errs := runCmd(t, "convert", "--from", "spanmark", "--to", "jsonl", multiscriptPath)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 9 {
			t.Fatalf("%d lines, want 9:\n%s", len(lines), out)
		}
		text := []rune(string(readBytes(t, "../../testdata/articles/multiscript.txt")))
		for i, l := range lines {
			var row struct {
				Start, End int
				Quote      string
			}
			if err := json.Unmarshal([]byte(l), &row); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			if got := string(text[row.Start:row.End]); got != row.Quote {
				t.Errorf("line %d: text[%d:%d] = %q, quote %q", i+1, row.Start, row.End, got, row.Quote)
			}
		}
	})

	t.Run("place_in_edited_text", func(t *testing.T) {
		dir := t.TempDir()
		text := string(readBytes(t, sampleText))
		edited := put(t, dir, "edited.txt", "Breaking: a new first line.\r\n"+
			edit(t, text, "Amidst the uncertainty, Rubio aptly remarked that these conversations signify merely an initial step on a potentially arduous path ahead. ", ""))
		out := filepath.Join(dir, "placed.json")
		code, _, errs := runCmd(t, "convert", "--to", "spanmark", "--text", edited, "-o", out, samplePath)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, s := range []string{"moved: a1 from [837,843) to [865,871) (diff, score 1.00)\n", "kept as orphan: a14 \"Rubio\"", "kept as orphan: a15", "kept with the orphans: relation r7 source a15 -> a14"} {
			if !strings.Contains(errs, s) {
				t.Errorf("stderr lacks %q:\n%s", s, errs)
			}
		}
		f, err := codec.Decode(readBytes(t, out))
		if err != nil {
			t.Fatal(err)
		}
		// All 9 relations stay, r7 among them though both its ends are orphans.
		if len(f.Annotations) != 17 || len(f.Orphans) != 2 || len(f.Relations) != 9 {
			t.Errorf("placed file has %d annotations, %d orphans, %d relations; want 17, 2, 9", len(f.Annotations), len(f.Orphans), len(f.Relations))
		}
	})

	t.Run("errors_leave_output_alone", func(t *testing.T) {
		dir := t.TempDir()
		out := put(t, dir, "out.json", "old content")
		bad := put(t, dir, "bad.json", edit(t, string(readBytes(t, samplePath)), `"label": "claim"`, `"label": "clam"`))
		code, _, errs := runCmd(t, "convert", "--to", "w3c", "-o", out, bad)
		if code != 1 || !strings.Contains(errs, bad+`: line 78: annotations[1].label: unknown label "clam"`) {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		if got := string(readBytes(t, out)); got != "old content" {
			t.Errorf("the output was changed to %q", got)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 2 {
			t.Errorf("the folder holds %d files, want 2 (no temporary file left)", len(entries))
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		err  string
	}{
		{"no_to", []string{samplePath}, "spanmark convert: --to is required (the extension of -o \"\" names no single format)\n"},
		{"unknown_to", []string{"--to", "xml", samplePath}, `spanmark convert: cannot write format "xml"; known: `},
		{"unknown_from", []string{"--from", "jsonl", "--to", "w3c", samplePath}, `spanmark convert: cannot read format "jsonl"; known: `},
		{"two_files", []string{"--to", "w3c", samplePath, multiscriptPath}, "spanmark convert: want one FILE, got 2\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCmd(t, append([]string{"convert"}, tc.args...)...)
			if code != 2 || !strings.HasPrefix(errs, tc.err) || !strings.Contains(errs, "usage: spanmark convert") {
				t.Errorf("exit %d, stderr %q; want 2 and %q with the usage", code, errs, tc.err)
			}
		})
	}
}

func TestStats(t *testing.T) {
	code, out, errs := runCmd(t, "stats", multiscriptPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := multiscriptPath + `: "Many scripts, one text: a test article for code-point offsets", 711 code points, annotated by アノテーター 🦀
annotations  9
  Actor      6
  Claim      2
  Proposal   1
relations    3
  Source     2
  Target     1
orphans      0
entities (4), by mentions:
  1  Actor  Scotland
  1  Actor  Ukraine
  1  Actor  中国外交部
  1  Actor  日本外務省
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}

	code, out, errs = runCmd(t, "stats", "--json", samplePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got statsJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]countJSON{{"actor", "Actor", 12}, {"claim", "Claim", 4}, {"proposal", "Proposal", 3}}, got.Labels); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]countJSON{{"source", "Source", 6}, {"target", "Target", 3}}, got.Types); diff != "" {
		t.Errorf("relation types (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]entityJSON{{"Marco Rubio", "actor", "Actor", 2}, {"Sergei Lavrov", "actor", "Actor", 2}, {"Alexander Vindman", "actor", "Actor", 1}}, got.Entities[:3]); diff != "" {
		t.Errorf("top entities (-want +got):\n%s", diff)
	}
	if got.Annotations != 19 || got.Relations != 9 || got.Orphans != 0 || len(got.Entities) != 10 || got.Document.Length != 7079 {
		t.Errorf("counts %+v", got)
	}

	code, _, errs = runCmd(t, "stats")
	if code != 2 || !strings.HasPrefix(errs, "spanmark stats: want one FILE, got 0") {
		t.Errorf("stats without a file: exit %d, stderr %q", code, errs)
	}
}

func TestLocate(t *testing.T) {
	dir := t.TempDir()
	emoji := put(t, dir, "emoji.txt", "\uFEFFFlags: 🇺🇦 Ukraine and 🇯🇵 Japan met.\r\n東京の外務省は声明で「対話を続ける」と述べた。東京の外務省は。\r\nThe family 👨‍👩‍👧‍👦 waved.")
	rs := []rune(annotations.Normalize(string(readBytes(t, emoji))))
	cases := []struct {
		name string
		args []string
		code int
		out  string
		err  string
	}{
		{name: "quote_unique", args: []string{"--exact", "🇯🇵 Japan"}, out: `{"start":22,"end":30,"method":"quote","score":1}`},
		{name: "position", args: []string{"--exact", "🇯🇵 Japan", "--start", "22", "--end", "30"}, out: `{"start":22,"end":30,"method":"position","score":1}`},
		{name: "hint_off", args: []string{"--exact", "🇯🇵 Japan", "--start", "20", "--end", "28"}, out: `{"start":22,"end":30,"method":"quote","score":1}`},
		{name: "cjk_by_suffix", args: []string{"--exact", "東京の外務省", "--suffix", "は。"}, out: `{"start":59,"end":65,"method":"quote","score":1}`},
		{name: "cjk_by_prefix", args: []string{"--exact", "東京の外務省", "--prefix", "met.\n"}, out: `{"start":36,"end":42,"method":"quote","score":1}`},
		{name: "zwj_family", args: []string{"--exact", "family 👨‍👩‍👧‍👦 waved"}, out: `{"start":72,"end":92,"method":"quote","score":1}`},
		{name: "fuzzy", args: []string{"--exact", "対話を続けた"}, out: `{"start":47,"end":53,"method":"fuzzy","score":0.8333}`},
		{name: "not_found", args: []string{"--exact", "nothing like this at all"}, code: 1, err: "not found: "},
		{name: "no_exact", args: []string{}, code: 2, err: "spanmark locate: --exact is required and must not be empty\nusage:"},
		{name: "half_hint", args: []string{"--exact", "x", "--start", "3"}, code: 2, err: "spanmark locate: give both --start and --end, or neither\nusage:"},
		{name: "bad_hint", args: []string{"--exact", "x", "--start", "3", "--end", "3"}, code: 2, err: "spanmark locate: --end 3 is not after --start 3\nusage:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, append([]string{"locate", "--text", emoji}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.code, errs)
			}
			if tc.out != "" {
				if diff := cmp.Diff(tc.out+"\n", out); diff != "" {
					t.Errorf("stdout (-want +got):\n%s", diff)
				}
				var m locateResult
				if err := json.Unmarshal([]byte(out), &m); err != nil {
					t.Fatal(err)
				}
				if m.Method != "fuzzy" && string(rs[m.Start:m.End]) != tc.args[1] {
					t.Errorf("text[%d:%d] = %q, want the quote %q", m.Start, m.End, string(rs[m.Start:m.End]), tc.args[1])
				}
			}
			if !strings.HasPrefix(errs, tc.err) || (tc.err == "") != (errs == "") {
				t.Errorf("stderr %q, want it to start with %q", errs, tc.err)
			}
		})
	}
	code, _, errs := runCmd(t, "locate", "--text", filepath.Join(dir, "nope.txt"), "--exact", "x")
	if code != 1 || !strings.Contains(errs, "no such file") {
		t.Errorf("missing text: exit %d, stderr %q", code, errs)
	}
}
