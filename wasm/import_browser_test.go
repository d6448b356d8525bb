//go:build !js

package main

// Browser tests of importing files that are broken or hostile. Each must be
// refused with a clear error, in the rejected promise and in #status, in
// the words of the decoder (which name the JSON path and line), and must
// leave the current work exactly as it was. A file whose quotes do not sit
// at their offsets is not broken: it is imported, re-anchored, and the
// page says how many moved and how many could not be placed.

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/w3c"
	"github.com/spanmark/spanmark/tools/browser"
)

// goodFile returns a valid Spanmark file of the sample with two
// annotations and a relation, other than what the page holds, so that an
// import that wrongly went through would show.
func goodFile(t *testing.T) []byte {
	t.Helper()
	text := sampleRunes(t)
	doc := annotations.NewDocument(string(text), "", "sample")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	when := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	for i, q := range []struct{ quote, label string }{{"Steve Witkoff", "actor"}, {"the war appears to be at a standstill", "claim"}} {
		s, e := find(t, text, q.quote, 0)
		a := want(text, q.label, s, e)
		a.ID = fmt.Sprintf("a%d", i+1)
		a.Created, a.Modified = annotations.TimeOf(when), annotations.TimeOf(when)
		if err := set.Insert(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := set.InsertRelation(annotations.Relation{ID: "r1", Type: "source", From: "a2", To: "a1"}); err != nil {
		t.Fatal(err)
	}
	b, err := codec.Encode(annotations.NewFile(set, "tester", when))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// edit decodes the file as generic JSON, lets f change it and encodes it.
func edit(t *testing.T, b []byte, f func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	d := json.NewDecoder(strings.NewReader(string(b)))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	f(m)
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func ann(m map[string]any, i int) map[string]any {
	return m["annotations"].([]any)[i].(map[string]any)
}

// annByID returns the annotation of the file with the id.
func annByID(t *testing.T, m map[string]any, id string) map[string]any {
	t.Helper()
	for _, a := range m["annotations"].([]any) {
		if a := a.(map[string]any); a["id"] == id {
			return a
		}
	}
	t.Fatalf("the file has no annotation %q", id)
	return nil
}

func rel(m map[string]any, i int) map[string]any {
	return m["relations"].([]any)[i].(map[string]any)
}

// malformedImport is one bad input. Exactly one of data and js gives it:
// data is sent as a string, js is a JavaScript expression that builds it
// in the page (for inputs too big to ship), with data then only used to
// compute the expected error in Go.
type malformedImport struct {
	name string
	data []byte
	js   string
	// want is a part the error must contain; empty means the decoder's own
	// message for data (codec.Decode or w3c.Decode), which the page
	// must repeat.
	want string
	// file sends data through the import button's file input instead of
	// spanmark.import, as bytes: a way to give the page invalid UTF-8.
	file bool
	// drop drops data on the article as a .json File, as a person
	// dragging a file onto the page does.
	drop bool
}

func malformedImports(t *testing.T) []malformedImport {
	good := goodFile(t)
	n := len(sampleRunes(t))
	w3cFile := func() []byte {
		f, err := codec.Decode(good)
		if err != nil {
			t.Fatal(err)
		}
		b, err := w3c.Encode(f)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}()
	const depth = 100_000
	nested := strings.Repeat("[", depth) + strings.Repeat("]", depth)
	const big = 100 << 20
	return []malformedImport{
		{name: "truncated", data: good[:len(good)/2]},
		{name: "truncated_file", data: good[:len(good)/3], file: true},
		{name: "empty", data: []byte{}},
		{name: "not_json", data: []byte("This is an article, not a Spanmark file.\n")},
		{name: "null", data: []byte("null")},
		{name: "array", data: []byte("[]")},
		{name: "trailing_garbage", data: append(append([]byte{}, good...), "}\n"...)},
		{name: "duplicate_key", data: []byte(strings.Replace(string(good), `"spanmark": 1,`, `"spanmark": 1, "spanmark": 1,`, 1))},
		{name: "wrong_version", data: edit(t, good, func(m map[string]any) { m["spanmark"] = 2 })},
		{name: "wrong_version_file", data: edit(t, good, func(m map[string]any) { m["spanmark"] = 99 }), file: true},
		{name: "version_string", data: edit(t, good, func(m map[string]any) { m["spanmark"] = "1" })},
		{name: "no_version", data: edit(t, good, func(m map[string]any) { delete(m, "spanmark") })},
		{name: "unknown_field", data: edit(t, good, func(m map[string]any) { m["script"] = "<script>window.__pwned=1</script>" })},
		{name: "start_negative", data: edit(t, good, func(m map[string]any) { ann(m, 0)["start"] = -5 })},
		{name: "end_past_text", data: edit(t, good, func(m map[string]any) { ann(m, 1)["end"] = n + 10 })},
		{name: "reversed", data: edit(t, good, func(m map[string]any) {
			a := ann(m, 0)
			a["start"], a["end"] = a["end"], a["start"]
		})},
		{name: "start_fraction", data: edit(t, good, func(m map[string]any) { ann(m, 0)["start"] = json.Number("1.5") })},
		{name: "start_huge", data: edit(t, good, func(m map[string]any) { ann(m, 0)["start"] = json.Number("1e400") })},
		{name: "start_string", data: edit(t, good, func(m map[string]any) { ann(m, 0)["start"] = "12" })},
		{name: "duplicate_ids", data: edit(t, good, func(m map[string]any) { ann(m, 1)["id"] = ann(m, 0)["id"] })},
		{name: "duplicate_span", data: edit(t, good, func(m map[string]any) {
			a, b := ann(m, 0), ann(m, 1)
			for _, k := range []string{"start", "end", "quote", "prefix", "suffix", "label"} {
				b[k] = a[k]
			}
		})},
		{name: "unknown_label", data: edit(t, good, func(m map[string]any) { ann(m, 0)["label"] = "villain" })},
		{name: "bad_time", data: edit(t, good, func(m map[string]any) { ann(m, 0)["created"] = "yesterday" })},
		{name: "dangling_relation", data: edit(t, good, func(m map[string]any) { rel(m, 0)["to"] = "a999" })},
		{name: "relation_unknown_type", data: edit(t, good, func(m map[string]any) { rel(m, 0)["type"] = "blames" })},
		{name: "relation_wrong_direction", data: edit(t, good, func(m map[string]any) {
			r := rel(m, 0)
			r["from"], r["to"] = r["to"], r["from"]
		})},
		{name: "document_id_mismatch", data: edit(t, good, func(m map[string]any) {
			m["document"].(map[string]any)["id"] = "sha256:" + strings.Repeat("0", 64)
		})},
		{name: "document_length_mismatch", data: edit(t, good, func(m map[string]any) { m["document"].(map[string]any)["length"] = n - 1 })},
		{name: "schema_label_markup", data: edit(t, good, func(m map[string]any) {
			m["schema"].(map[string]any)["labels"].([]any)[0].(map[string]any)["id"] = "<img src=x onerror=window.__pwned=1>"
		})},
		{name: "w3c_bad_selector", data: []byte(strings.Replace(string(w3cFile), `"TextQuoteSelector"`, `"TextQuoteSelectorX"`, 1))},
		{name: "w3c_start_string", data: func() []byte {
			s := string(w3cFile)
			i := strings.Index(s, `"start": `)
			if i < 0 {
				t.Fatalf("the W3C export has no \"start\": %s", short(s))
			}
			j := i + len(`"start": `)
			k := j + strings.IndexAny(s[j:], ",\n}")
			return []byte(s[:j] + `"` + s[j:k] + `"` + s[k:])
		}()},
		{name: "deeply_nested", js: fmt.Sprintf(`"[".repeat(%d) + "]".repeat(%d)`, depth, depth), data: []byte(nested)},
		{name: "100MB", js: fmt.Sprintf(`'{"spanmark": 1, "document": {"text": "' + "a".repeat(%d) + '"}}'`, big-len(`{"spanmark": 1, "document": {"text": ""}}`)),
			want: "MB"},
		{name: "invalid_utf8", data: append(append(append([]byte{}, good[:200]...), 0xff, 0xfe, 0xc3), good[200:]...), file: true},
		{name: "invalid_utf8_dropped", data: append(append(append([]byte{}, good[:300]...), 0xc0, 0xaf), good[300:]...), drop: true},
		{name: "truncated_dropped", data: good[:len(good)-2], drop: true},
	}
}

// wantError is the decoder's error for data: the words the page must show.
func wantError(t *testing.T, data []byte) string {
	t.Helper()
	var err error
	if strings.Contains(string(data[:min(len(data), 4096)]), `"@context"`) {
		_, err = w3c.Decode(data)
	} else {
		_, err = codec.Decode(data)
	}
	if err == nil {
		t.Fatalf("the case decodes without error in Go; it is not malformed")
	}
	return err.Error()
}

// snapshot is the current work as the page shows and exports it.
type snapshot struct {
	State   docState
	Export  map[string]any
	Article string
}

func snap(t *testing.T, p *browser.Page) snapshot {
	t.Helper()
	var exp map[string]any
	if err := json.Unmarshal([]byte(eval[string](t, p, `spanmark.export("spanmark")`)), &exp); err != nil {
		t.Fatal(err)
	}
	delete(exp, "exported") // the time of the export, not the work
	return snapshot{state(t, p), exp, eval[string](t, p, `document.getElementById("article").textContent`)}
}

func TestImportMalformed(t *testing.T) {
	p := openApp(t)
	work(t, p)
	before := snap(t, p)
	if len(before.State.Annotations) == 0 {
		t.Fatal("no work to keep")
	}
	cases := malformedImports(t)
	if len(cases) < 20 {
		t.Fatalf("%d malformed imports, want at least 20", len(cases))
	}
	dir := t.TempDir()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantMsg := tc.want
			if wantMsg == "" {
				wantMsg = wantError(t, tc.data)
			}
			eval[any](t, p, `(() => { const s = document.getElementById("status"); if (s) s.textContent = ""; })()`)
			if tc.drop {
				eval[any](t, p, fmt.Sprintf(`(() => {
  const bytes = Uint8Array.from(atob(%s), (c) => c.charCodeAt(0));
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], %s, {type: "application/json"}));
  const at = document.getElementById("article");
  at.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true, cancelable: true}));
  at.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
})()`, js(base64.StdEncoding.EncodeToString(tc.data)), js(tc.name+".json")))
			} else if tc.file {
				name := filepath.Join(dir, tc.name+".json")
				if err := os.WriteFile(name, tc.data, 0o644); err != nil {
					t.Fatal(err)
				}
				do(t, p, "choose "+name, chromedp.SetUploadFiles(chromedp.CSS("#import-input"), []string{name}))
			} else {
				arg := tc.js
				if arg == "" {
					arg = js(string(tc.data))
				}
				r := try(t, p, `spanmark.import(`+arg+`)`)
				if r.OK {
					t.Fatalf("spanmark.import resolved with %s, want an error containing %q", r.Value, wantMsg)
				}
				if !strings.Contains(r.Err, wantMsg) {
					t.Errorf("spanmark.import rejected with %q, want it to contain %q", r.Err, wantMsg)
				}
			}
			waitWithin(t, p, 3*time.Second, "the error in #status", fmt.Sprintf(`__t.status().includes(%s)`, js(wantMsg)))
			if diff := cmp.Diff(before, snap(t, p), ignoreTimes, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("the failed import changed the work (-before +after):\n%s", diff)
			}
		})
	}
	checkInert(t, p, "malformed imports")
}

// TestImportReanchors imports files whose quotes are not at their offsets:
// one moved (found again by quote and context), one gone (kept aside as an
// orphan, not dropped).
func TestImportReanchors(t *testing.T) {
	p := openApp(t)
	text := sampleRunes(t)
	good := goodFile(t)
	s, e := find(t, text, "Steve Witkoff", 0)

	t.Run("moved", func(t *testing.T) {
		data := edit(t, good, func(m map[string]any) {
			a := annByID(t, m, "a1")        // Steve Witkoff
			a["start"], a["end"] = s+7, e+7 // the quote, prefix and suffix still say where it is
		})
		type report struct{ Moved, Orphaned int }
		got := eval[report](t, p, `spanmark.import(`+js(string(data))+`)`)
		if diff := cmp.Diff(report{Moved: 1}, got); diff != "" {
			t.Errorf("import report mismatch (-want +got):\n%s", diff)
		}
		f, err := codec.Decode(good)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(f.Annotations, sortAnns(list(t, p)), ignoreTimes); diff != "" {
			t.Errorf("annotations after re-anchoring (-want +got):\n%s", diff)
		}
		if st := statusText(t, p); !strings.Contains(st, "1") || !strings.Contains(strings.ToLower(st), "moved") {
			t.Errorf("#status = %q, want it to say that 1 annotation moved", st)
		}
	})

	t.Run("orphaned", func(t *testing.T) {
		data := edit(t, good, func(m map[string]any) {
			a := annByID(t, m, "a1") // Steve Witkoff; its relation from the claim is dropped with it
			a["quote"], a["prefix"], a["suffix"] = "Zanzibar Accord of 1890", "nothing like this ", " is in the article"
		})
		type report struct{ Moved, Orphaned int }
		got := eval[report](t, p, `spanmark.import(`+js(string(data))+`)`)
		if diff := cmp.Diff(report{Orphaned: 1}, got); diff != "" {
			t.Errorf("import report mismatch (-want +got):\n%s", diff)
		}
		var quotes []string
		for _, a := range list(t, p) {
			quotes = append(quotes, a.Quote)
		}
		if diff := cmp.Diff([]string{"the war appears to be at a standstill"}, quotes); diff != "" {
			t.Errorf("placed annotations (-want +got):\n%s", diff)
		}
		f := exportFile(t, p)
		var orphans []string
		for _, o := range f.Orphans {
			orphans = append(orphans, o.Annotation.Quote)
		}
		if diff := cmp.Diff([]string{"Zanzibar Accord of 1890"}, orphans); diff != "" {
			t.Errorf("exported orphans (-want +got):\n%s", diff)
		}
		if listed := eval[string](t, p, `(document.getElementById("orphans") || document.getElementById("sidebar")).textContent`); !strings.Contains(listed, "Zanzibar Accord of 1890") {
			t.Errorf("the orphan is not listed in the page")
		}
	})
	p.CheckProblems(t)
}
