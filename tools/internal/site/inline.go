package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
)

// The page's stylesheet and boot script are written into the built page
// itself. Start-up waits for both: nothing is painted before the
// stylesheet arrives, and the wasm's compile starts only when boot.js
// runs. A cold browser takes 40-60 ms to deliver each of them after the
// page, and a later visit as long from the cache; inline, the first frame
// and the compile follow the page's own bytes. The policy admits the two
// by their SHA-256 hashes and nothing else inline ([PolicyFor]).

// inlined lists the files written into the page, by source name, with
// the element that loads each in the minified page (%s: the built name)
// and the element that holds it.
var inlined = []struct{ source, loader, tag string }{
	{"style.css", `<link rel="?stylesheet"? href="?%s"?>`, "style"},
	{bootName, `<script src="?%s"?(?: async| defer)*></script>`, "script"},
}

// inlineHead writes the built stylesheet and boot script (out, by the
// built names in renamed) into page in place of the elements that load
// them, and the policy with their hashes into its Content-Security-Policy
// <meta>. It returns the page and the source names of the files now
// inside it, which the site no longer ships.
//
// A page that does not declare [Policy] keeps its elements: its policy is
// not the build's to widen.
func inlineHead(page []byte, out map[string][]byte, renamed map[string]string) ([]byte, []string, error) {
	if PagePolicy(page) != Policy {
		return page, nil, nil
	}
	var gone []string
	hashes := map[string][]string{} // by tag
	for _, f := range inlined {
		name, ok := renamed[f.source]
		if !ok {
			continue
		}
		loader := regexp.MustCompile(fmt.Sprintf(f.loader, regexp.QuoteMeta(name))).Find(page)
		if loader == nil {
			continue
		}
		body := out[name]
		if bytes.Contains(bytes.ToLower(body), []byte("</"+f.tag)) || bytes.Contains(body, []byte("<!--")) {
			// The HTML parser would end the element there.
			return nil, nil, fmt.Errorf("build: %s holds </%s or <!--, so it cannot be written into %s", f.source, f.tag, IndexName)
		}
		hashes[f.tag] = append(hashes[f.tag], hashSource(body))
		el := append(append([]byte("<"+f.tag+">"), body...), "</"+f.tag+">"...)
		page = bytes.Replace(page, loader, el, 1)
		gone = append(gone, f.source)
	}
	if len(gone) == 0 {
		return page, nil, nil
	}
	old := []byte(`content="` + Policy + `"`)
	if n := bytes.Count(page, old); n != 1 {
		return nil, nil, fmt.Errorf("build: %s: want its Content-Security-Policy <meta> to hold site.Policy once, found it %d times", IndexName, n)
	}
	page = bytes.Replace(page, old, []byte(`content="`+PolicyFor(hashes["script"], hashes["style"])+`"`), 1)
	return page, gone, nil
}

// hashSource is the policy's source expression for an inline element
// holding b.
func hashSource(b []byte) string {
	sum := sha256.Sum256(b)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
