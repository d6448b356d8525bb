//go:build js && wasm

package dom

import "syscall/js"

// Point is a place in the page's text: a block element and an offset into
// its text in UTF-16 code units, the browser's unit. The adapter converts
// it to code points.
type Point struct {
	Block  js.Value
	Offset int
}

// Selection wraps window.getSelection and its first Range. It returns the
// start and end of the selection as points in the nearest ancestors that
// match the CSS selector block (for the article, its paragraphs), counting
// only text nodes as Range.toString does, so decorations drawn with CSS
// never shift an offset. ok is false when nothing or nothing but a caret
// is selected, or when the selection is not inside root.
func Selection(root js.Value, block string) (start, end Point, ok bool) {
	sel := global.Call("getSelection")
	if sel.IsNull() || sel.Get("rangeCount").Int() == 0 || sel.Get("isCollapsed").Bool() {
		return Point{}, Point{}, false
	}
	r := sel.Call("getRangeAt", 0)
	if !root.Call("contains", r.Get("commonAncestorContainer")).Bool() {
		return Point{}, Point{}, false
	}
	start, ok1 := point(root, block, r.Get("startContainer"), r.Get("startOffset").Int())
	end, ok2 := point(root, block, r.Get("endContainer"), r.Get("endOffset").Int())
	return start, end, ok1 && ok2
}

func point(root js.Value, block string, node js.Value, offset int) (Point, bool) {
	el := node
	if node.Get("nodeType").Int() != 1 {
		el = node.Get("parentElement")
	}
	if b := el.Call("closest", block); !b.IsNull() && root.Call("contains", b).Bool() {
		r := document.Call("createRange")
		r.Call("setStart", b, 0)
		r.Call("setEnd", node, offset)
		return Point{Block: b, Offset: utf16Len(r.Call("toString").String())}, true
	}
	// The point is between blocks, as after a triple click: take the start
	// of the block after it, or the end of the one before.
	kids := node.Get("childNodes")
	if offset < kids.Length() {
		if k := kids.Index(offset); k.Get("nodeType").Int() == 1 && k.Call("matches", block).Bool() {
			return Point{Block: k, Offset: 0}, true
		}
	}
	if offset > 0 && offset <= kids.Length() {
		if k := kids.Index(offset - 1); k.Get("nodeType").Int() == 1 && k.Call("matches", block).Bool() {
			return Point{Block: k, Offset: utf16Len(k.Get("textContent").String())}, true
		}
	}
	return Point{}, false
}

// SelectionRect wraps Range.getBoundingClientRect for the current
// selection: its box in viewport pixels (left, top, right, bottom).
func SelectionRect() (l, t, r, b float64, ok bool) {
	sel := global.Call("getSelection")
	if sel.IsNull() || sel.Get("rangeCount").Int() == 0 {
		return 0, 0, 0, 0, false
	}
	rect := sel.Call("getRangeAt", 0).Call("getBoundingClientRect")
	return rect.Get("left").Float(), rect.Get("top").Float(), rect.Get("right").Float(), rect.Get("bottom").Float(), true
}

// ClearSelection wraps Selection.removeAllRanges.
func ClearSelection() {
	if sel := global.Call("getSelection"); !sel.IsNull() {
		sel.Call("removeAllRanges")
	}
}

// utf16Len returns the length of s in UTF-16 code units, the browser's
// string length.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
