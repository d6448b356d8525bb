package project_test

import (
	"fmt"

	"github.com/spanmark/spanmark/annotations/project"
)

// A page opened with ?project=demo/project.json reads the project and
// fetches each article at the site path ResolvePath gives.
func Example() {
	p, err := project.Decode([]byte(`{
  "spanmark-project": 1,
  "title": "Council debates",
  "documents": [
    {"id": "d1", "title": "River Road", "path": "articles/river road.txt"},
    {"id": "d2", "path": "../outside.txt"}
  ]
}`))
	fmt.Println(err)

	p, _ = project.Decode([]byte(`{"spanmark-project": 1, "title": "Council debates",
  "documents": [{"id": "d1", "title": "River Road", "path": "articles/river road.txt"}]}`))
	for _, d := range p.Documents {
		url, _ := project.ResolvePath("demo/project.json", d.Path)
		fmt.Println(d.ID, url)
	}
	fmt.Println(p.Schema.LabelIDs())
	// Output:
	// line 6: documents[1].path: "../outside.txt" climbs above the project folder
	// d1 demo/articles/river%20road.txt
	// [actor claim proposal]
}

// FromFolder makes a project of a dropped folder that has no project.json.
func ExampleFromFolder() {
	p := project.FromFolder("Dropped", []string{"b.txt", "notes.pdf", "a.md", ".DS_Store", "sub/a.txt"})
	for _, d := range p.Documents {
		fmt.Println(d.ID, d.Path)
	}
	// Output:
	// a a.md
	// b b.txt
	// a-2 sub/a.txt
}
