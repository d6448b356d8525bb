//go:build js && wasm

package main

import (
	"errors"
	"strconv"
	"strings"
	"syscall/js"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/wasm/dom"
)

// The text typed in the note and entity fields is also kept in a journal
// in localStorage, written on every keystroke. The IndexedDB save
// (persist.go) is asynchronous, and a reload or a closed tab a moment
// after typing does not let it finish; a localStorage write is done when
// setItem returns, and a killed tab runs no unload handler at all.
//
// A document's journal (journalPrefix + its storage key) holds the tab and
// the stored revision its work was built on, the document's id, and the
// last value typed in every field typed since the last save that stored
// them all. The next restore of the document applies it as ordinary edits,
// which undo takes back like any other, when it still fits: the same text,
// the annotations still there, and the stored record the one the journal
// was built on or one this same tab wrote since (its own save, cut short by
// the unload or not). Anything else is dropped and changes nothing. A
// journal outlives an undo of what it holds only until the next save.
//
// The journal is one string of parts separated by NUL: "v1", the tab's
// id, the revision, the document's id, then a field's key (fields.key)
// and its text for every field pending.

const journalPrefix = "spanmark:typed:"

// journal is the tab's record of the fields typed and not yet stored.
type journal struct {
	typed []string // pairs of a field's key (fields.key) and its text
	seq   int      // counts keystrokes; a save clears the journal if none came while it ran
	error bool     // the last write was refused, and the status said so
}

// journalTyped records the text of the field being typed in, and writes
// the journal.
func (a *app) journalTyped() {
	// NUL separates the parts: a note holding one (pasted, never typed)
	// is journalled with U+FFFD instead, and an imported id holding one
	// not at all.
	if strings.Contains(a.form.key, "\x00") {
		return
	}
	v := strings.ReplaceAll(a.form.el.Get("value").String(), "\x00", "\uFFFD")
	i := 0
	for i < len(a.jr.typed) && a.jr.typed[i] != a.form.key {
		i += 2
	}
	if i == len(a.jr.typed) {
		a.jr.typed = append(a.jr.typed, a.form.key, v)
	}
	a.jr.typed[i+1] = v
	a.jr.seq++
	a.writeJournal()
}

// writeJournal stores the journal of the document shown, or removes it
// when nothing is pending. A refusal (quota, private mode) is said once:
// the work goes on, saved only by the autosave.
func (a *app) writeJournal() {
	s := ""
	if len(a.jr.typed) > 0 {
		s = "v1\x00" + a.tab.Tab + "\x00" + strconv.Itoa(a.tab.Rev) + "\x00" + a.set.Document().ID + "\x00" + strings.Join(a.jr.typed, "\x00")
	}
	err := dom.LocalSet(journalPrefix+a.key, s)
	if err != nil && !a.jr.error {
		a.fail(errors.New("keep the typed text in localStorage: " + err.Error() + " — it is saved a moment after typing instead; wait a second before closing the tab"))
	}
	a.jr.error = err != nil
}

// journalSaved clears the journal after a save that began at seq, unless
// a field was typed in since.
func (a *app) journalSaved(seq int) {
	if seq == a.jr.seq && a.jr.typed != nil {
		a.jr.typed = nil
		a.writeJournal()
	}
}

// replayJournal applies the journal of the document just restored from
// rec, if it fits (see the top of this file). What it changed stays
// journalled, now as this tab's, until a save stores it; the rest is
// removed.
func (a *app) replayJournal(rec js.Value) {
	j := dom.LocalGet(journalPrefix + a.key)
	if j == "" {
		return
	}
	parts := strings.Split(j, "\x00")
	switch {
	case len(parts) < 4 || len(parts)%2 != 0 || parts[0] != "v1" || parts[3] != a.set.Document().ID:
	case parts[2] != strconv.Itoa(rec.Get("rev").Int()) && parts[1] != rec.Get("tab").String():
		// Another tab saved since the journal was written: the stored
		// work is not the one the text was typed on.
		a.say("Text typed just before the page closed was not restored: the document was saved in another tab since.")
	default:
		for i := 4; i < len(parts); i += 2 {
			key, v := parts[i], parts[i+1]
			if key == "" {
				continue
			}
			var e annotations.Edit = annotations.SetNote{ID: key[1:], Note: v}
			if key[0] == 'e' {
				e = annotations.SetEntity{ID: key[1:], Entity: v}
			}
			if c, err := a.apply(e); err == nil && !c.IsEmpty() {
				a.jr.typed = append(a.jr.typed, key, v) // journalled until saved
				a.say("Restored the text typed just before the page closed.")
			}
		}
	}
	a.writeJournal()
}
