package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

func TestMergeCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "merged.json")
	code, stdout, errs := runCmd(t, append([]string{"merge", "-o", out}, teamPaths...)...)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(stdout, "conflicts to adjudicate") {
		t.Errorf("stdout %q does not summarise the merge", stdout)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The CLI stamps the merge with the inputs' latest export time, which
	// is the time of the library's golden merge, so the bytes are the same.
	want, err := os.ReadFile("../../testdata/merge/sample-merged.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("merged file (-want +got):\n%s", diff)
	}
}

func TestMergeMinAgree(t *testing.T) {
	out := filepath.Join(t.TempDir(), "merged.json")
	// Flags after the files work too.
	code, _, errs := runCmd(t, "merge", teamPaths[0], teamPaths[1], teamPaths[2], "--min-agree", "3", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := codec.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range f.Annotations {
		if a.Conflict == nil {
			continue
		}
		n := 0
		for _, v := range a.Conflict.Votes {
			if v.Label == a.Label {
				n++
			}
		}
		if n >= 3 {
			t.Errorf("%s %q has %d votes for it but is in conflict with --min-agree 3", a.ID, a.Quote, n)
		}
	}
}

func TestMergeErrorsLeaveNoOutput(t *testing.T) {
	dir := t.TempDir()
	odd := readTeamFile(t, teamPaths[1])
	odd.Schema.Relations = append(odd.Schema.Relations, annotations.RelationType{ID: "cites", Name: "Cites",
		From: []string{"claim"}, To: []string{"actor"}})
	oddPath := writeFile(t, dir, "odd.json", odd)
	out := filepath.Join(dir, "merged.json")
	if err := os.WriteFile(out, []byte("previous"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string
	}{
		{"no_output", []string{teamPaths[0], teamPaths[1]}, 2, "-o OUT is required"},
		{"min_agree_too_big", []string{"-o", out, "--min-agree", "3", teamPaths[0], teamPaths[1]}, 2, "--min-agree 3"},
		{"different_schemas", []string{"-o", out, teamPaths[0], oddPath}, 1, `odd.json has relation type "cites" that sample-alice.json lacks`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCmd(t, append([]string{"merge"}, tc.args...)...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d", code, tc.wantCode)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr %q does not contain %q", errs, tc.want)
			}
			b, err := os.ReadFile(out)
			if err != nil || string(b) != "previous" {
				t.Errorf("output after a failed merge = %q, %v; want it untouched", b, err)
			}
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("%d files in the output folder, want 2 (no temporary files left)", len(entries))
	}
}
