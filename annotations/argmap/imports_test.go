package argmap

import (
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestImports checks that the package, which the browser program links,
// imports none of the packages that cost the wasm most (README, "Size
// budget"): it writes every format by hand.
func TestImports(t *testing.T) {
	banned := []string{"fmt", "encoding/json", "encoding/xml", "encoding/csv", "reflect", "regexp", "net/url", "crypto", "index/suffixarray", "os", "syscall/js", "time", "math/rand"}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, b := range banned {
				if path == b || strings.HasPrefix(path, b+"/") {
					t.Errorf("%s imports %s", name, path)
				}
			}
		}
	}
}
