package codec

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

// TestDecodeInSteps checks that DecodeInSteps reads what Decode and
// DecodeDetached read, files and errors alike, pausing twice per step of
// annotations: once while reading them and once while checking them.
func TestDecodeInSteps(t *testing.T) {
	var inputs [][]byte
	for _, name := range []string{"sample", "multiscript"} {
		data, err := os.ReadFile(codectest.Testdata("files", name+".spanmark.json"))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, data)
		f, err := Decode(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// Detached: without its text.
		d := *f
		d.Document.Text = ""
		if data, err = Encode(&d); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, data)
		// A file that Decode refuses: its last annotation is past the end.
		bad := *f
		bad.Annotations = append([]annotations.Annotation(nil), f.Annotations...)
		bad.Annotations[len(bad.Annotations)-1].End = f.Document.Length + 5
		if data, err = Encode(&bad); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, data, []byte(strings.Replace(string(data), `"spanmark": 1`, `"spanmark": 2`, 1)))
	}
	for i, data := range inputs {
		for _, detached := range []bool{false, true} {
			decode := Decode
			if detached {
				decode = DecodeDetached
			}
			want, wantErr := decode(data)
			for _, n := range []int{1, 3, 1000} {
				pauses := 0
				got, err := DecodeInSteps(data, detached, n, func() { pauses++ })
				if diff := cmp.Diff(errString(wantErr), errString(err)); diff != "" {
					t.Errorf("input %d, detached %v, n=%d: error differs (-want +got):\n%s", i, detached, n, diff)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("input %d, detached %v, n=%d: file differs (-want +got):\n%s", i, detached, n, diff)
				}
				if wantErr == nil {
					k := len(want.Annotations)
					if wantPauses := k/n + (k-1)/n; pauses != wantPauses {
						t.Errorf("input %d, n=%d: %d pauses for %d annotations, want %d", i, n, pauses, k, wantPauses)
					}
				}
			}
		}
	}
	if _, err := DecodeInSteps(inputs[0], false, 0, nil); err == nil {
		t.Error("DecodeInSteps with 0 annotations per step: no error")
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
