package project

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spanmark/spanmark/annotations"
)

const smallProject = `{
  "spanmark-project": 1,
  "title": "Demo",
  "guidelines": "guidelines.md",
  "documents": [
    {"id": "d1", "title": "One", "path": "articles/d1.txt"},
    {"id": "d2", "path": "articles/d 2.txt"}
  ]
}`

func TestDecodeEncode(t *testing.T) {
	p, err := Decode([]byte(smallProject))
	if err != nil {
		t.Fatal(err)
	}
	want := &Project{Title: "Demo", Schema: annotations.DefaultSchema(), Guidelines: "guidelines.md", Documents: []Document{
		{ID: "d1", Title: "One", Path: "articles/d1.txt"}, {ID: "d2", Path: "articles/d 2.txt"}}}
	if diff := cmp.Diff(want, p, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	b, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Decode(b)
	if err != nil {
		t.Fatalf("Decode(Encode(p)): %v\n%s", err, b)
	}
	if diff := cmp.Diff(p, p2, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	b2, _ := Encode(p2)
	if string(b) != string(b2) {
		t.Errorf("Encode is not stable:\n%s\n%s", b, b2)
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           string // the error, as PathError.Error prints it
	}{
		{"not_object", smallProject, `[1]`, "line 1: got an array, want an object with a \"spanmark-project\" field"},
		{"no_version", `"spanmark-project": 1,`, ``, "line 1: spanmark-project: missing; this is not a spanmark project"},
		{"version_2", `"spanmark-project": 1`, `"spanmark-project": 2`, "line 2: spanmark-project: version 2 is not supported (this program reads version 1)"},
		{"unknown_field", `"title": "Demo"`, `"titel": "Demo"`, "line 3: titel: unknown field"},
		{"missing_title", `"title": "Demo",`, ``, "line 1: title: missing"},
		{"no_documents", smallProject[strings.Index(smallProject, `"documents"`):], `"documents": []}`, "line 5: documents: no documents"},
		{"missing_path", `"path": "articles/d1.txt"`, `"paht": "articles/d1.txt"`, "line 6: documents[0].paht: unknown field"},
		{"duplicate_id", `"id": "d2"`, `"id": "d1"`, "line 7: documents[1].id: \"d1\" is used twice (also documents[0])"},
		{"bad_id", `"id": "d2"`, `"id": "d 2"`, "line 7: documents[1].id: \"d 2\" is not a valid id (letters, digits, '-', '_', '.' and ':', at most 64)"},
		{"same_path", `"articles/d 2.txt"`, `"articles/./d1.txt"`, "line 7: documents[1].path: \"articles/./d1.txt\" is the article of documents[0] too"},
		{"absolute_url", `"articles/d1.txt"`, `"https://example.com/a.txt"`, "line 6: documents[0].path: \"https://example.com/a.txt\" is a URL with a scheme; only paths inside the project folder are allowed"},
		{"javascript", `"articles/d1.txt"`, `"javascript:alert(1)"`, "line 6: documents[0].path: \"javascript:alert(1)\" is a URL with a scheme; only paths inside the project folder are allowed"},
		{"data", `"articles/d1.txt"`, `"data:text/plain,hi"`, "line 6: documents[0].path: \"data:text/plain,hi\" is a URL with a scheme; only paths inside the project folder are allowed"},
		{"rooted", `"articles/d1.txt"`, `"/etc/passwd"`, "line 6: documents[0].path: \"/etc/passwd\" starts with \"/\"; paths are relative to the project file"},
		{"protocol_relative", `"articles/d1.txt"`, `"//evil.example/a.txt"`, "line 6: documents[0].path: \"//evil.example/a.txt\" starts with \"/\"; paths are relative to the project file"},
		{"climbs", `"articles/d1.txt"`, `"articles/../../secret.txt"`, "line 6: documents[0].path: \"articles/../../secret.txt\" climbs above the project folder"},
		{"backslash", `"articles/d1.txt"`, `"articles\\d1.txt"`, "line 6: documents[0].path: \"articles\\\\d1.txt\" has a backslash; separate folders with \"/\""},
		{"guidelines_climb", `"guidelines.md"`, `"../guidelines.md"`, "line 4: guidelines: \"../guidelines.md\" climbs above the project folder"},
		{"bad_schema", `"title": "Demo",`, `"title": "Demo", "schema": {"labels": []},`, "line 3: schema.labels: no labels"},
		{"syntax", `"title": "Demo",`, `"title": "Demo"`, "line 4: column 3: unexpected character '\"' after a field, want ',' or '}'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(smallProject, tc.old) {
				t.Fatalf("%q is not in the project", tc.old)
			}
			_, err := Decode([]byte(strings.Replace(smallProject, tc.old, tc.new, 1)))
			var pe *annotations.PathError
			if !errors.As(err, &pe) {
				t.Fatalf("Decode error %v (%T), want a *PathError", err, err)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("Decode error\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestDecodeManyDocuments(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"spanmark-project": 1, "title": "", "documents": [`)
	for i := range MaxDocuments + 1 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`{"id": "d` + itoa(i) + `", "path": "d` + itoa(i) + `.txt"}`)
	}
	b.WriteString("]}")
	_, err := Decode([]byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "more than the limit") {
		t.Errorf("Decode of %d documents: %v, want the limit", MaxDocuments+1, err)
	}
}

func itoa(i int) string {
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		if i /= 10; i == 0 {
			return s
		}
	}
}

func TestEncodeRefuses(t *testing.T) {
	ok := Project{Schema: annotations.DefaultSchema(), Documents: []Document{{ID: "a", Path: "a.txt"}}}
	for _, tc := range []struct {
		name string
		edit func(p *Project)
		want string
	}{
		{"no_documents", func(p *Project) { p.Documents = nil }, "documents: no documents"},
		{"bad_path", func(p *Project) { p.Documents[0].Path = "../a.txt" }, "documents[0].path: \"../a.txt\" climbs above the project folder"},
		{"bad_schema", func(p *Project) { p.Schema = annotations.Schema{} }, "schema.labels: no labels"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := ok
			p.Documents = append([]Document(nil), ok.Documents...)
			tc.edit(&p)
			_, err := Encode(&p)
			if err == nil || err.Error() != tc.want {
				t.Errorf("Encode error %v, want %s", err, tc.want)
			}
		})
	}
}

func TestGuidelinesPath(t *testing.T) {
	for g, want := range map[string]bool{
		"": false, "guidelines.md": true, "docs/Rules.TXT": true, "Mark every actor.": false,
		"Read rules.md": false, "rules.html": false,
	} {
		p := Project{Guidelines: g}
		if _, got := p.GuidelinesPath(); got != want {
			t.Errorf("GuidelinesPath of %q = %v, want %v", g, got, want)
		}
	}
}
