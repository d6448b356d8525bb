package project

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spanmark/spanmark/annotations"
)

// FuzzDecode checks that Decode never panics, that every error is a
// *PathError, and that whatever decodes encodes, decodes again to the same
// project and encodes to the same bytes.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(smallProject))
	f.Add([]byte(`{"spanmark-project": 1, "title": "", "documents": [{"id": "a", "path": "a/../b.txt"}], "schema": {"labels": [{"id": "x", "name": "X"}]}}`))
	f.Add([]byte(`{"spanmark-project": 2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil {
			if _, ok := errors.AsType[*annotations.PathError](err); !ok {
				t.Fatalf("error %T is not a *PathError: %v", err, err)
			}
			return
		}
		enc, err := Encode(p)
		if err != nil {
			t.Fatalf("Encode of a decoded project: %v", err)
		}
		p2, err := Decode(enc)
		if err != nil {
			t.Fatalf("Decode(Encode(p)): %v\n%s", err, enc)
		}
		if diff := cmp.Diff(p, p2, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		if enc2, _ := Encode(p2); !bytes.Equal(enc, enc2) {
			t.Fatalf("Encode is not stable:\n%s\n%s", enc, enc2)
		}
	})
}

// FuzzDecodeCorpus checks DecodeCorpus like FuzzDecode checks Decode.
func FuzzDecodeCorpus(f *testing.F) {
	h, files := smallCorpus(f)
	data, err := EncodeCorpus(h, files)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"spanmark-corpus":1,"title":"","schema":{"labels":[{"id":"x","name":"X"}]},"documents":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := DecodeCorpus(data)
		if err != nil {
			if _, ok := errors.AsType[*annotations.PathError](err); !ok {
				t.Fatalf("error %T is not a *PathError: %v", err, err)
			}
			return
		}
		enc, err := EncodeCorpus(c.Header, c.Files)
		if err != nil {
			t.Fatalf("EncodeCorpus of a decoded corpus: %v", err)
		}
		c2, err := DecodeCorpus(enc)
		if err != nil {
			t.Fatalf("DecodeCorpus(EncodeCorpus(c)): %v\n%s", err, enc)
		}
		if diff := cmp.Diff(c, c2, cmpopts.EquateEmpty(), cmpopts.SortSlices(func(a, b annotations.Relation) bool { return a.ID < b.ID })); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
		if enc2, _ := EncodeCorpus(c2.Header, c2.Files); !bytes.Equal(enc, enc2) {
			t.Fatalf("EncodeCorpus is not stable")
		}
	})
}
