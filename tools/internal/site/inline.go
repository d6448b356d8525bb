package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
)

// The page's stylesheet and boot script are written into the built page
// itself. Start-up waits for both: nothing is painted before the
// stylesheet arrives, and the wasm's compile starts only when boot.js
// runs. A cold browser takes 40-60 ms to deliver each of them after the
// page, and a later visit as long from the cache; inline, the first frame
// and the compile follow the page's own bytes. The policy admits the two
// by their SHA-256 hashes and nothing else inline ([PolicyFor]).

// Matches in the minified page: the stylesheet's <link> and the boot
// script's <script>, by their hashed names ($1).
var (
	inlineStyle  = regexp.MustCompile(`<link rel="?stylesheet"? href="?(style\.[0-9a-f]+\.css)"?>`)
	inlineScript = regexp.MustCompile(`<script src="?(boot\.[0-9a-f]+\.js)"?(?: async| defer)*></script>`)
)

// inlineHead writes the built stylesheet and boot script into page in
// place of the elements that load them, and the policy with their hashes
// into its Content-Security-Policy <meta>. It returns the page and the
// names of the files now inside it, which the site no longer needs.
//
// A page that does not declare [Policy] keeps its elements: its policy is
// not the build's to widen.
func inlineHead(page []byte, files map[string][]byte) ([]byte, []string, error) {
	if PagePolicy(page) != Policy {
		return page, nil, nil
	}
	var gone, scripts, styles []string
	var err error
	put := func(re *regexp.Regexp, tag, end string, hashes *[]string) {
		m := re.FindSubmatch(page)
		if m == nil || err != nil {
			return
		}
		name := string(m[1])
		body, ok := files[name]
		switch {
		case !ok:
			err = fmt.Errorf("build: %s loads %s, which is missing", IndexName, name)
			return
		case bytes.Contains(bytes.ToLower(body), []byte("</"+tag)) || bytes.Contains(body, []byte("<!--")):
			// The HTML parser would end the element there.
			source := strings.Replace(name, "."+strings.Split(name, ".")[1], "", 1)
			err = fmt.Errorf("build: %s holds </%s or <!--, so it cannot be written into %s", source, tag, IndexName)
			return
		}
		sum := sha256.Sum256(body)
		*hashes = append(*hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
		el := append(append([]byte("<"+tag+">"), body...), end...)
		page = bytes.Replace(page, m[0], el, 1)
		gone = append(gone, name)
	}
	put(inlineStyle, "style", "</style>", &styles)
	put(inlineScript, "script", "</script>", &scripts)
	if err != nil {
		return nil, nil, err
	}
	if len(gone) == 0 {
		return page, nil, nil
	}
	old := []byte(`content="` + Policy + `"`)
	if n := bytes.Count(page, old); n != 1 {
		return nil, nil, fmt.Errorf("build: %s: want its Content-Security-Policy <meta> to hold site.Policy once, found it %d times", IndexName, n)
	}
	page = bytes.Replace(page, old, []byte(`content="`+PolicyFor(scripts, styles)+`"`), 1)
	return page, gone, nil
}
