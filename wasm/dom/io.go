//go:build js && wasm

package dom

import (
	"errors"
	"strconv"
	"syscall/js"
)

// Download wraps Blob, URL.createObjectURL and a click on an a[download]
// element: the browser saves data as a file called name.
func Download(name, mime, data string) {
	blob := global.Get("Blob").New([]any{data}, map[string]any{"type": mime})
	url := global.Get("URL").Call("createObjectURL", blob)
	a := Create("a", "", "")
	a.Set("href", url)
	a.Set("download", name)
	document.Get("body").Call("append", a)
	a.Call("click")
	a.Call("remove")
	// The download has started from the blob; give it a moment before the
	// URL goes away.
	After(10_000, func() { global.Get("URL").Call("revokeObjectURL", url) })
}

// CopyText wraps navigator.clipboard.writeText. It blocks; call it from a
// goroutine.
func CopyText(s string) error {
	cb := global.Get("navigator").Get("clipboard")
	if cb.IsUndefined() {
		return errors.New("copy: the clipboard is not available here")
	}
	_, err := Await(cb.Call("writeText", s))
	return err
}

// FetchText wraps fetch(url) and Response.text. It blocks; call it from a
// goroutine. A status other than 2xx is an error.
func FetchText(url string) (string, error) {
	r, err := Await(global.Call("fetch", url))
	if err != nil {
		return "", err
	}
	if !r.Get("ok").Bool() {
		return "", errors.New(strconv.Itoa(r.Get("status").Int()) + " " + r.Get("statusText").String())
	}
	t, err := Await(r.Call("text"))
	if err != nil {
		return "", err
	}
	return t.String(), nil
}

// FileBytes wraps Blob.arrayBuffer for a File from an input or a drop:
// the bytes as they are, so that a decoder sees invalid UTF-8 where the
// file has it. It blocks; call it from a goroutine.
func FileBytes(file js.Value) ([]byte, error) {
	buf, err := Await(file.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	u8 := global.Get("Uint8Array").New(buf)
	b := make([]byte, u8.Get("length").Int())
	js.CopyBytesToGo(b, u8)
	return b, nil
}

// HTMLText wraps DOMParser.parseFromString for text/html: it returns the
// document's title and its text with one line per block element, without
// scripts, styles or templates. The parsed document is inert (no script
// runs, nothing loads) and nothing of it is inserted in the page.
func HTMLText(src string) (title, text string) {
	doc := global.Get("DOMParser").New().Call("parseFromString", src, "text/html")
	title = doc.Get("title").String()
	for _, el := range list(doc.Call("querySelectorAll", "script,style,template,noscript,svg,math,iframe,object,head")) {
		el.Call("remove")
	}
	for _, el := range list(doc.Call("querySelectorAll", "br")) {
		el.Call("replaceWith", "\n")
	}
	for _, el := range list(doc.Call("querySelectorAll", "p,h1,h2,h3,h4,h5,h6,li,blockquote,pre,div,section,article,header,footer,tr,dt,dd,figcaption,td,th")) {
		el.Call("after", "\n")
		el.Call("before", "\n")
	}
	if title == "" {
		if h := doc.Call("querySelector", "h1"); !h.IsNull() {
			title = h.Get("textContent").String()
		}
	}
	body := doc.Get("body")
	if body.IsNull() {
		return title, ""
	}
	return title, body.Get("textContent").String()
}

func list(nodes js.Value) []js.Value {
	out := make([]js.Value, nodes.Length())
	for i := range out {
		out[i] = nodes.Index(i)
	}
	return out
}
