package w3c

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

// FuzzDecodeW3C checks that Decode never panics and that whatever it
// reads, Encode writes and Decode reads back equal, byte-stable from
// the second encoding on, and that Encode writes what its encoding/json
// reference writes (package jsonl's FuzzEncode does the same for JSONL),
// and that the native format carries it to the browser's page whole
// (codec.DecodeDetached). Seeds are the W3C files of testdata: our exports,
// other tools' annotations, the Recommendation's examples and the Working
// Group's incorrect ones.
func FuzzDecodeW3C(f *testing.F) {
	for _, pattern := range []string{
		codectest.Testdata("w3c", "*.json"),
		filepath.Join(conformanceDir, "w3c-annotation-spec-examples", "rec-examples", "*.json"),
		filepath.Join(conformanceDir, "w3c-annotation-spec-examples", "wd2-incorrect", "*.json"),
	} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Decode(data)
		if err != nil {
			if _, ok := err.(*annotations.PathError); !ok {
				t.Fatalf("error %v is a %T, not a *PathError", err, err)
			}
			return
		}
		if got.Document.ID == "" && got.Document.Source == "" {
			// Targets without a source (as RecogitoJS writes them) apply to
			// the text the file is placed on, which names the document; a
			// source stands for it here.
			got.Document.Source = "https://example.org/placed"
		}
		out, err := Encode(got)
		if err != nil {
			t.Fatalf("Encode of what Decode read: %v\ninput: %s", err, data)
		}
		if ref, err := encodeW3CReference(got); err != nil || string(ref) != string(out) {
			t.Fatalf("Encode differs from encoding/json (%v):\n%s\n%s", err, ref, out)
		}
		// The hop of a W3C import in the browser, through its worker.
		native, err := codec.Encode(got)
		if err != nil {
			t.Fatalf("codec.Encode of what Decode read: %v\ninput: %s", err, data)
		}
		detached, err := codec.DecodeDetached(native)
		if err != nil {
			t.Fatalf("codec.DecodeDetached(codec.Encode(f)): %v\nnative: %s", err, native)
		}
		if diff := cmp.Diff(got, detached, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("codec.DecodeDetached(codec.Encode(f)) (-want +got):\n%s\ninput: %s", diff, data)
		}
		again, err := Decode(out)
		if err != nil {
			t.Fatalf("Decode of its own export: %v\nexport: %s", err, out)
		}
		if diff := cmp.Diff(got, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("Decode(Encode(f)) (-want +got):\n%s\ninput: %s", diff, data)
		}
		out2, err := Encode(again)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != string(out2) {
			t.Fatalf("export not stable:\n%s\n%s", out, out2)
		}
	})
}
