package codec

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

// addCodecSeeds adds the golden files and a few small files as seeds.
func addCodecSeeds(f *testing.F) {
	paths, _ := filepath.Glob(codectest.Testdata("files", "*.json"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	data, err := Encode(codectest.SmallFile(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"spanmark": 1}`))
	f.Add([]byte(`{"spanmark": 2}`))
	f.Add([]byte(`[1, "\ud83e\udd80", "\ud800x", {"a": null}]`))
}

// sortedFile returns f with its lists in the order Encode writes them.
var sortedFile = cmp.Options{
	cmpopts.EquateEmpty(),
	cmpopts.SortSlices(func(a, b annotations.Annotation) bool { return annotations.Compare(&a, &b) < 0 }),
	cmpopts.SortSlices(func(a, b annotations.Relation) bool { return annotations.CompareIDs(a.ID, b.ID) < 0 }),
	cmpopts.SortSlices(func(a, b annotations.Orphan) bool { return annotations.Compare(&a.Annotation, &b.Annotation) < 0 }),
}

// FuzzDecode checks that Decode never panics, that every error is a
// *PathError, and that whatever decodes encodes, decodes again to the same
// file and encodes to the same bytes.
func FuzzDecode(f *testing.F) {
	addCodecSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Decode(data)
		if err != nil {
			var pe *annotations.PathError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *PathError: %v", err, err)
			}
			return
		}
		enc, err := Encode(file)
		if err != nil {
			t.Fatalf("Encode of a decoded file: %v", err)
		}
		if ref, err := encodeReference(file); err != nil || string(ref) != string(enc) {
			t.Fatalf("Encode differs from encoding/json (error %v):\n%s\n%s", err, ref, enc)
		}
		back, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(Encode(Decode(x))): %v\n%s", err, enc)
		}
		if diff := cmp.Diff(file, back, sortedFile); diff != "" {
			t.Fatalf("Decode(Encode(f)) differs from f (-want +got):\n%s", diff)
		}
		again, err := Encode(back)
		if err != nil {
			t.Fatal(err)
		}
		if string(enc) != string(again) {
			t.Fatalf("Encode is not stable:\n%s\n%s", enc, again)
		}
	})
}
