package codec

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

func TestEncodeInSteps(t *testing.T) {
	var files []*annotations.File
	for _, gc := range goldenCases {
		files = append(files, buildGolden(t, gc))
	}
	for _, name := range []string{"sample", "multiscript"} {
		data, err := os.ReadFile(codectest.Testdata("files", name+".spanmark.json"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		files = append(files, f)
		// The same with an orphan, and with no annotations at all.
		withOrphan := *f
		withOrphan.Orphans = []annotations.Orphan{{Annotation: annotations.Annotation{ID: "a99", Label: "actor", Start: 1, End: 3, Quote: "xy"}, Reason: "quote not found"}}
		files = append(files, &withOrphan)
		none := *f
		none.Annotations = nil
		files = append(files, &none)
	}
	// A text that holds what the splice looks for, inside a string.
	tricky := annotations.NewSet(annotations.NewDocument("\"annotations\": []\n  \"annotations\": []", "T", ""), annotations.DefaultSchema())
	if _, err := tricky.Apply(annotations.Add{Label: "claim", Start: 0, End: 13}, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	files = append(files, annotations.NewFile(tricky, "", time.Unix(0, 0)))

	for i, f := range files {
		want, err := Encode(f)
		if err != nil {
			t.Fatalf("file %d: Encode: %v", i, err)
		}
		for _, n := range []int{1, 2, 1000} {
			pauses := 0
			got, err := EncodeInSteps(f, n, func() { pauses++ })
			if err != nil {
				t.Fatalf("file %d, n=%d: %v", i, n, err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("file %d (%s), n=%d: EncodeInSteps differs from Encode (-want +got):\n%s", i, f.Document.Title, n, diff)
			}
			wantPauses := (len(f.Annotations) + n - 1) / n
			if pauses != wantPauses {
				t.Errorf("file %d, n=%d: %d pauses for %d annotations, want %d", i, n, pauses, len(f.Annotations), wantPauses)
			}
		}
	}
}

func TestEncodeInStepsErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		f    *annotations.File
		n    int
		want string
	}{
		{"nil", nil, 10, "encode: no file"},
		{"no step", &annotations.File{}, 0, "encode: 0 annotations per step; want 1 or more"},
		{"version", &annotations.File{Spanmark: 7}, 10, "encode: version 7 is not supported"},
	} {
		_, err := EncodeInSteps(c.f, c.n, nil)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one starting %q", c.name, err, c.want)
		}
	}
}
