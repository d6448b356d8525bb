package project

import (
	"errors"
	"strings"

	"github.com/spanmark/spanmark/annotations/internal/lite"
)

// CheckPath checks that rel is a path inside the project's folder: not
// empty, relative (no leading "/", no scheme such as "https:",
// "javascript:" or "data:"), with "/" between folders and never a
// backslash, no control characters, and no ".." that climbs above the
// folder. A project is a static folder, so anything else would fetch
// from another place than the one the project's author shipped.
func CheckPath(rel string) error {
	switch {
	case rel == "":
		return errors.New("empty path")
	case strings.HasPrefix(rel, "/"):
		return lite.Errorf("%q starts with \"/\"; paths are relative to the project file", rel)
	case strings.Contains(rel, "\\"):
		return lite.Errorf("%q has a backslash; separate folders with \"/\"", rel)
	case hasScheme(rel):
		return lite.Errorf("%q is a URL with a scheme; only paths inside the project folder are allowed", rel)
	}
	for _, c := range rel {
		if c < 0x20 || c == 0x7f {
			return lite.Errorf("%q has a control character", rel)
		}
	}
	if _, ok := cleanSegments(rel); !ok {
		return lite.Errorf("%q climbs above the project folder", rel)
	}
	if cleanPath(rel) == "" {
		return lite.Errorf("%q names the project folder, not a file", rel)
	}
	return nil
}

// hasScheme reports whether a colon comes before the first "/": such a
// path is a URL with a scheme ("data:", "javascript:", "https:"), or would
// be read as one.
func hasScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	return i >= 0 && !strings.Contains(s[:i], "/")
}

// cleanSegments returns the folders and file of p with "", "." and ".."
// resolved, and false when a ".." climbs above the start.
func cleanSegments(p string) ([]string, bool) {
	var out []string
	for _, s := range strings.Split(p, "/") {
		switch s {
		case "", ".":
		case "..":
			if len(out) == 0 {
				return nil, false
			}
			out = out[:len(out)-1]
		default:
			out = append(out, s)
		}
	}
	return out, true
}

// cleanPath is rel with "", "." and ".." segments resolved; rel must
// pass [CheckPath].
func cleanPath(rel string) string {
	segs, _ := cleanSegments(rel)
	return strings.Join(segs, "/")
}

// ResolvePath returns the site path of rel, a document or guidelines path
// of the project whose file is at base. base is the project file's URL
// path relative to the site, as in "?project=demo/project.json"; it is
// checked like rel, except that it may start with "/" (the site's root).
// rel is a file path ([Document.Path]) and is escaped; base is taken as
// already escaped. ResolvePath("", s) checks a project path given by a
// person, such as the value of the page's project parameter.
//
// ResolvePath("demo/project.json", "articles/d 1.txt") is
// "demo/articles/d%201.txt".
func ResolvePath(base, rel string) (string, error) {
	if err := checkBase(base); err != nil {
		return "", lite.Errorf("resolve %q: project %v", rel, err)
	}
	if err := CheckPath(rel); err != nil {
		return "", lite.Errorf("resolve: %v", err)
	}
	dir := base[:strings.LastIndexByte(base, '/')+1]
	segs, _ := cleanSegments(rel)
	for i, s := range segs {
		segs[i] = lite.PathEscape(s)
	}
	return dir + strings.Join(segs, "/"), nil
}

// checkBase checks a project file's site path.
func checkBase(base string) error {
	if base == "" {
		return nil
	}
	if strings.HasPrefix(base, "//") {
		return lite.Errorf("%q names another host", base)
	}
	if err := CheckPath(strings.TrimPrefix(base, "/")); err != nil {
		return err
	}
	return nil
}
