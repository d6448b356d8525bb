//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/project"
	"github.com/spanmark/spanmark/wasm/dom"
)

// window.spanmark, exactly as docs/api.md documents it. web/boot.js
// creates the object with its ready promise; this adds the methods.
//
// A Go function cannot throw into JavaScript, so a synchronous call that
// fails returns {spanmarkError: message}, and web/boot.js wraps every
// method so that such a result is thrown as an Error. Keep the two ends
// in step.

const errorKey = "spanmarkError"

func (a *app) wireAPI() {
	api := js.Global().Get("spanmark")
	if api.Type() != js.TypeObject {
		api = js.Global().Get("Object").New()
		js.Global().Set("spanmark", api)
	}
	for i := range apiMethods {
		m := &apiMethods[i]
		api.Set(m.name, js.FuncOf(func(_ js.Value, args []js.Value) any { return a.call(m, args) }))
	}
}

// apiMethod is one method of window.spanmark. A synchronous one returns
// what run returns, or the error as errorResult; an async one returns a
// promise of it.
type apiMethod struct {
	name  string
	async bool
	run   func(a *app, args []js.Value) (any, error)
}

// apiMethods is static data, and wireAPI installs it in a loop: the page
// is ready sooner without a function that makes a closure per method,
// which the browser would compile before the first frame. Each method's
// code is compiled on its first call.
var apiMethods = [...]apiMethod{
	{"load", true, func(a *app, args []js.Value) (any, error) {
		o := argObj(args)
		source := argStr(o, "source")
		if source == "" {
			source = "api"
		}
		return a.loadText(argStr(o, "text"), argStr(o, "title"), source)
	}},
	{"annotate", false, func(a *app, args []js.Value) (any, error) {
		o := argObj(args)
		c, err := a.apply(annotations.Add{Label: argStr(o, "label"), Start: argNum(o, "start"), End: argNum(o, "end"),
			Note: argStr(o, "note"), Entity: argStr(o, "entity"), Snap: o.Get("snap").Truthy()})
		if err != nil {
			return nil, err
		}
		return c.Added[0], nil
	}},
	{"link", false, func(a *app, args []js.Value) (any, error) {
		o := argObj(args)
		l := annotations.Link{Type: argStr(o, "type"), From: argStr(o, "from"), To: argStr(o, "to")}
		if a.set != nil {
			l = a.set.Orient(l) // as the link form does
		}
		c, err := a.apply(l)
		if err != nil {
			return nil, err
		}
		return c.Relations[0], nil
	}},
	{"unlink", false, func(a *app, args []js.Value) (any, error) { return a.edit(annotations.Unlink{ID: argID(args, 0)}) }},
	{"remove", false, func(a *app, args []js.Value) (any, error) {
		return a.edit(annotations.Delete{IDs: []string{argID(args, 0)}})
	}},
	{"relabel", false, func(a *app, args []js.Value) (any, error) {
		return a.edit(annotations.Relabel{ID: argID(args, 0), Label: argID(args, 1)})
	}},
	{"note", false, func(a *app, args []js.Value) (any, error) {
		return a.edit(annotations.SetNote{ID: argID(args, 0), Note: textArg(args, 1)})
	}},
	{"entity", false, func(a *app, args []js.Value) (any, error) {
		return a.edit(annotations.SetEntity{ID: argID(args, 0), Entity: textArg(args, 1)})
	}},
	{"labelAll", false, func(a *app, args []js.Value) (any, error) {
		c, err := a.apply(annotations.AddAll{ID: argID(args, 0)})
		if err != nil {
			return nil, err
		}
		ids := make([]any, len(c.Added))
		for i, x := range c.Added {
			ids[i] = x
		}
		return ids, nil
	}},
	{"list", false, func(a *app, _ []js.Value) (any, error) { return a.fileJSON("annotations") }},
	{"relations", false, func(a *app, _ []js.Value) (any, error) { return a.fileJSON("relations") }},
	// export returns the native format at once, and a promise of the
	// formats that the worker makes (docs/api.md).
	{"export", false, func(a *app, args []js.Value) (any, error) {
		format := "spanmark"
		if len(args) > 0 && args[0].Type() == js.TypeString {
			format = args[0].String()
		}
		if !isWorkerFormat(format) {
			return a.exportNative(format)
		}
		return apiPromise("export", func() (any, error) { return a.export(format) }), nil
	}},
	{"import", true, func(a *app, args []js.Value) (any, error) {
		data, err := jsonArg(args, "import")
		var r importResult
		if err == nil {
			r, err = a.importJSON(data)
		}
		if err != nil {
			a.fail(err) // shown in #status too, as docs/api.md says
			return nil, err
		}
		return map[string]any{"moved": r.Moved, "orphaned": r.Orphaned}, nil
	}},
	{"open", true, func(a *app, args []js.Value) (any, error) {
		data, err := jsonArg(args, "open")
		if err == nil {
			err = a.openJSON(data) // what Open… does with a .json file
		}
		if err != nil {
			a.fail(err)
			return nil, err
		}
		return js.Undefined(), nil
	}},
	{"schema", false, func(a *app, _ []js.Value) (any, error) { return a.schemaJSON() }},
	{"setSchema", false, func(a *app, args []js.Value) (any, error) {
		s, err := decodeSchema(js.Global().Get("JSON").Call("stringify", argObj(args)).String())
		if err != nil {
			return nil, err
		}
		return js.Undefined(), a.setSchema(s)
	}},
	{"review", false, func(a *app, _ []js.Value) (any, error) { return a.reviewJSON(), nil }},
	{"undo", false, func(a *app, _ []js.Value) (any, error) { return a.undo(), nil }},
	{"redo", false, func(a *app, _ []js.Value) (any, error) { return a.redo(), nil }},
	{"select", false, func(a *app, args []js.Value) (any, error) {
		if len(args) == 0 || args[0].IsNull() || args[0].IsUndefined() {
			a.selectAnnotation("", false) // select(null) deselects
			return js.Undefined(), nil
		}
		x := argID(args, 0)
		if _, ok := a.set.Annotation(x); !ok {
			return nil, errors.New("select: annotation " + strconv.Quote(x) + " " + annotations.ErrNotFound.Error())
		}
		a.selectAnnotation(x, true)
		return js.Undefined(), nil
	}},
	{"flush", true, func(a *app, _ []js.Value) (any, error) { return js.Undefined(), a.flush() }},
	{"openProject", true, func(a *app, args []js.Value) (any, error) {
		if err := a.openProject(argID(args, 0)); err != nil {
			return nil, err
		}
		return a.projectInfo(), nil
	}},
	{"project", false, func(a *app, _ []js.Value) (any, error) { return a.projectInfo(), nil }},
	{"openDocument", true, func(a *app, args []js.Value) (any, error) { return js.Undefined(), a.openDocument(argID(args, 0)) }},
	{"setStatus", false, func(a *app, args []js.Value) (any, error) {
		return js.Undefined(), a.setProjectStatus(project.Status(argID(args, 0)))
	}},
	{"exportProject", true, func(a *app, args []js.Value) (any, error) { return a.exportProject(argID(args, 0)) }},
	{"importProject", true, func(a *app, args []js.Value) (any, error) {
		r, err := a.importProject([]byte(textArg(args, 0)))
		if err != nil {
			a.fail(err)
			return nil, err
		}
		return r, nil
	}},
	{"documents", true, func(a *app, _ []js.Value) (any, error) {
		docs, err := a.documents()
		if err != nil {
			return nil, err
		}
		out := make([]any, len(docs))
		for i, d := range docs {
			out[i] = map[string]any{"id": d.ID, "title": d.Title, "count": d.Count, "saved": d.Saved}
		}
		return out, nil
	}},
	{"work", true, func(a *app, args []js.Value) (any, error) { return a.work(len(args) == 0 || args[0].Truthy()) }},
}

// call runs method m with args, as wireAPI installs it.
func (a *app) call(m *apiMethod, args []js.Value) (res any) {
	if m.async {
		return apiPromise(m.name, func() (any, error) { return m.run(a, args) })
	}
	defer func() {
		if r := recover(); r != nil {
			res = errorResult(m.name + ": " + panicMessage(r))
		}
	}()
	v, err := m.run(a, args)
	if err != nil {
		return errorResult(err.Error())
	}
	return v
}

// apiPromise returns a promise of what fn returns; a panic in fn rejects
// it with the method's name.
func apiPromise(name string, fn func() (any, error)) js.Value {
	return dom.NewPromise(func() (v any, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = errors.New(name + ": " + panicMessage(r))
			}
		}()
		return fn()
	})
}

// edit applies e for a method that returns nothing.
func (a *app) edit(e annotations.Edit) (any, error) {
	_, err := a.apply(e)
	return js.Undefined(), err
}

// argID returns argument i, an id string.
func argID(args []js.Value, i int) string {
	if i >= len(args) || args[i].Type() != js.TypeString {
		panic("argument " + strconv.Itoa(i+1) + " must be an id string")
	}
	return args[i].String()
}

// argStr returns o[key], a string or nothing.
func argStr(o js.Value, key string) string {
	v := o.Get(key)
	if v.Type() == js.TypeString {
		return v.String()
	}
	if v.IsUndefined() || v.IsNull() {
		return ""
	}
	panic(key + " must be a string")
}

// argNum returns o[key], a number.
func argNum(o js.Value, key string) int {
	v := o.Get(key)
	if v.Type() != js.TypeNumber {
		panic(key + " must be a number")
	}
	return v.Int()
}

// argObj returns the first argument, an object.
func argObj(args []js.Value) js.Value {
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		panic("the argument must be an object")
	}
	return args[0]
}

// jsonArg returns the first argument, a JSON text or a value to encode
// as JSON, for op ("import").
func jsonArg(args []js.Value, op string) ([]byte, error) {
	if len(args) == 0 {
		return nil, errors.New(op + ": no input")
	}
	data := args[0]
	if data.Type() != js.TypeString {
		data = js.Global().Get("JSON").Call("stringify", data)
	}
	// A String object tells the length without copying the text into Go.
	obj := js.Global().Get("String").New(data)
	if err := checkSize(op+": the input", obj.Get("length").Int()); err != nil {
		return nil, err
	}
	return stringBytes(obj), nil
}

// stringBytes copies a JS string into Go: a long one (a file of
// megabytes) in slices, yielding to the browser between them (pace), as
// one copy would be a long task. Call it only from a goroutine.
// s is a String object (its methods are not called on a primitive).
func stringBytes(s js.Value) []byte {
	n := s.Get("length").Int() // UTF-16 code units
	if n <= stringSlice {
		return []byte(s.Call("toString").String())
	}
	pause := pace()
	b := make([]byte, 0, n+n/8)
	for i := 0; i < n; {
		j := min(n, i+stringSlice)
		if c := s.Call("charCodeAt", j-1).Int(); j < n && c >= 0xD800 && c < 0xDC00 {
			j-- // not between the halves of a surrogate pair
		}
		b = append(b, s.Call("slice", i, j).String()...)
		i = j
		pause()
	}
	return b
}

// stringSlice is how many UTF-16 code units of a string stringBytes
// copies at once: a few milliseconds.
const stringSlice = 1 << 18

func textArg(args []js.Value, i int) string {
	if i >= len(args) || args[i].IsUndefined() || args[i].IsNull() {
		return ""
	}
	if args[i].Type() != js.TypeString {
		panic("argument " + strconv.Itoa(i+1) + " must be a string")
	}
	return args[i].String()
}

// fileJSON returns one field of the native file of the current work, as
// JavaScript values shaped exactly as in an exported file.
func (a *app) fileJSON(field string) (any, error) {
	data, err := a.exportNative("spanmark")
	if err != nil {
		return nil, err
	}
	return js.Global().Get("JSON").Call("parse", data).Get(field), nil
}

func errorResult(msg string) any { return map[string]any{errorKey: msg} }

func panicMessage(r any) string {
	switch v := r.(type) {
	case js.Error:
		return dom.ErrorOf(v.Value).Error()
	case error:
		return v.Error()
	case string:
		return v
	}
	return "unexpected failure"
}
