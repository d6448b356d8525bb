package codec

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
)

// FuzzDecodeW3C checks that DecodeW3C never panics and that whatever it
// reads, EncodeW3C writes and DecodeW3C reads back equal, byte-stable from
// the second encoding on, and that EncodeW3C and EncodeJSONL write what
// their encoding/json references write. Seeds are the W3C files of testdata: our exports,
// other tools' annotations, the Recommendation's examples and the Working
// Group's incorrect ones.
func FuzzDecodeW3C(f *testing.F) {
	for _, pattern := range []string{
		filepath.Join("..", "..", "testdata", "w3c", "*.json"),
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
		got, err := DecodeW3C(data)
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
		out, err := EncodeW3C(got)
		if err != nil {
			t.Fatalf("EncodeW3C of what DecodeW3C read: %v\ninput: %s", err, data)
		}
		if ref, err := encodeW3CReference(got); err != nil || string(ref) != string(out) {
			t.Fatalf("EncodeW3C differs from encoding/json (%v):\n%s\n%s", err, ref, out)
		}
		jl, err := EncodeJSONL(got)
		if ref, refErr := encodeJSONLReference(got); errString(refErr) != errString(err) || string(ref) != string(jl) {
			t.Fatalf("EncodeJSONL differs from encoding/json (%v, %v):\n%s\n%s", refErr, err, ref, jl)
		}
		again, err := DecodeW3C(out)
		if err != nil {
			t.Fatalf("DecodeW3C of its own export: %v\nexport: %s", err, out)
		}
		if diff := cmp.Diff(got, again, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("DecodeW3C(EncodeW3C(f)) (-want +got):\n%s\ninput: %s", diff, data)
		}
		out2, err := EncodeW3C(again)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != string(out2) {
			t.Fatalf("export not stable:\n%s\n%s", out, out2)
		}
	})
}
