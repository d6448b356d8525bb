package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations/codec"
)

func TestReanchor(t *testing.T) {
	dir := t.TempDir()
	text := string(readBytes(t, sampleText))
	edited := put(t, dir, "edited.txt", "Breaking.\n"+edit(t, text, "he might act as a mediator", "he might serve as a mediator"))
	out := filepath.Join(dir, "placed.json")
	code, stdout, errs := runCmd(t, "reanchor", "--text", edited, "-o", out, samplePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"placed 19 of 19 annotations: 0 position, 18 diff, 0 quote, 1 fuzzy; 0 orphaned\n",
		"fuzzy: a4 from [906,962) to [916,974), score ",
		"  before: …ion to Donald Trump, suggesting [he might act as a mediator with President Vladimir Putin]",
		"  after:  …ion to Donald Trump, suggesting [he might serve as a mediator with President Vladimir Putin]",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	f, err := codec.Decode(readBytes(t, out))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Annotations) != 19 || len(f.Orphans) != 0 {
		t.Errorf("%s: %d annotations and %d orphans, want 19 and 0", out, len(f.Annotations), len(f.Orphans))
	}

	t.Run("usage", func(t *testing.T) {
		if code, _, errs := runCmd(t, "reanchor", samplePath); code != 2 || !strings.Contains(errs, "--text is required") {
			t.Errorf("without --text: exit %d, stderr %q; want 2 and --text is required", code, errs)
		}
	})
}
