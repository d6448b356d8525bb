//go:build js && wasm

package main

import (
	"errors"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations/project"
	"github.com/spanmark/spanmark/wasm/dom"
)

// A folder chosen (#folder-input, webkitdirectory) or dropped opens as a
// project: its project.json when it has one at its top, else the project
// that project.FromFolder makes of its articles. The files are read from
// the folder, never fetched (projectState.read), so the project's
// storage key is "folder:" and the folder's name: a visit later returns
// to the work, but not to the folder, which the browser lets the page
// read only while the person's choice lasts.

const folderScheme = "folder:"

func (a *app) wireFolder() {
	in := dom.ByID(idFolderInput)
	dom.On(dom.ByID(idOpenFolder), "click", func(js.Value) { in.Call("click") })
	dom.On(in, "change", func(js.Value) {
		fs := in.Get("files")
		files := map[string]js.Value{}
		name := ""
		for i := range fs.Length() {
			f := fs.Index(i)
			// webkitRelativePath is "folder/sub/a.txt": the folder's name,
			// then the path inside it.
			root, rel, _ := strings.Cut(f.Get("webkitRelativePath").String(), "/")
			name, files[rel] = root, f
		}
		in.Set("value", "")
		a.report(func() error { return a.openFolder(name, files) })
	})
}

// dropFolder opens a dropped folder and reports whether the drop was
// one. It must run inside the drop event: the entries can be asked for
// only then.
func (a *app) dropFolder(dt js.Value) bool {
	items := dt.Get("items")
	if items.IsUndefined() || items.Length() == 0 || items.Index(0).Get("webkitGetAsEntry").IsUndefined() {
		return false
	}
	e := items.Index(0).Call("webkitGetAsEntry")
	if e.IsNull() || !e.Get("isDirectory").Bool() {
		return false
	}
	a.report(func() error {
		files := map[string]js.Value{}
		if err := readEntries(e, "", files); err != nil {
			return errors.New("open folder " + e.Get("name").String() + ": " + err.Error())
		}
		return a.openFolder(e.Get("name").String(), files)
	})
	return true
}

// readEntries adds the files under the directory entry dir to files, by
// their paths below it with prefix before them. It blocks; call it from
// a goroutine.
func readEntries(dir js.Value, prefix string, files map[string]js.Value) error {
	r := dir.Call("createReader")
	for {
		// readEntries gives the entries in batches, then an empty one.
		batch, err := callback(r, "readEntries")
		if err != nil {
			return err
		}
		if batch.Length() == 0 {
			return nil
		}
		for i := range batch.Length() {
			e := batch.Index(i)
			path := prefix + e.Get("name").String()
			if e.Get("isDirectory").Bool() {
				if err := readEntries(e, path+"/", files); err != nil {
					return err
				}
				continue
			}
			f, err := callback(e, "file")
			if err != nil {
				return err
			}
			files[path] = f
		}
	}
}

// callback calls v.method(resolve, reject), an API of the File and
// Directory Entries kind that reports by callbacks, and waits for it.
func callback(v js.Value, method string) (js.Value, error) {
	exec := js.FuncOf(func(_ js.Value, args []js.Value) any {
		v.Call(method, args[0], args[1])
		return nil
	})
	p := js.Global().Get("Promise").New(exec) // the executor runs at once
	exec.Release()
	return dom.Await(p)
}

// openFolder opens the files of folder name, by their paths inside it,
// as a project. A folder that makes no project changes nothing. It
// blocks; call it from a goroutine.
func (a *app) openFolder(name string, files map[string]js.Value) error {
	fail := func(err error) error { return errors.New("open folder " + name + ": " + err.Error()) }
	var p *project.Project
	if f, ok := files["project.json"]; ok {
		data, err := readFile(f)
		if err != nil {
			return fail(err)
		}
		if p, err = project.Decode(data); err != nil {
			return fail(errors.New("project.json: " + err.Error()))
		}
	} else {
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}

		if p = project.FromFolder(name, names); len(p.Documents) == 0 {
			return fail(errors.New("it has no .txt, .md, .html or .json files"))
		}
	}
	ps := newProjectState(folderScheme+name+"/project.json", p)
	ps.files = files
	return a.showProject(ps)
}

// loneProject is the error of a project file opened on its own (Open…,
// spanmark.open), not with its folder. The file names its documents by
// paths beside it and holds none of their texts, and a file chosen alone
// gives the page no way to read its neighbours, so none can be opened:
// the error says so, names the first, and the way that works.
func loneProject(data []byte) error {
	p, err := project.Decode(data)
	if err == nil { // project.Decode refuses a project without documents
		err = errors.New("a project file opened on its own comes without its documents, so none of its " +
			formatCount(len(p.Documents), "document", "documents") + " (" + p.Documents[0].Path +
			", …) can be read. Choose the folder that holds it with Open folder… instead.")
	}
	return errors.New("open project: " + err.Error())
}
