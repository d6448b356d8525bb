// Package tabs is the protocol that keeps two tabs of one browser from
// overwriting each other's work on the same document. It is pure Go, with
// no syscall/js, so that it is tested natively; wasm/tabs.go feeds it the
// BroadcastChannel messages and the outcomes of saves, and does what it
// answers.
//
// Every stored record carries a revision. A tab writes only if the stored
// revision is the one its state was built on (the check runs in the same
// IndexedDB transaction as the write, see [State.BeginSave]), then tells the
// other tabs with a [Message]. A tab told of a newer revision reloads it
// if it has no unsaved change, and otherwise becomes read-only and says
// so: no tab silently overwrites another's work.
package tabs

// Message is what a tab broadcasts after it wrote or deleted a stored
// document, and what it receives from the others.
type Message struct {
	Tab     string // the sender's id
	ID      string // the document's id
	Rev     int    // the revision now stored; 0 with Deleted
	Deleted bool   // the document was deleted
}

// Action is what the adapter must do after an event.
type Action int

const (
	// Ignore: nothing to do.
	Ignore Action = iota
	// Reload: read the stored record of the document and show it.
	Reload
	// Conflict: the tab has become read-only ([State.ReadOnly]) and its
	// unsaved change is given up; tell the person and offer to load the
	// stored version.
	Conflict
)

// State is one tab's part in the protocol, about the document it shows.
// The zero value shows no document.
type State struct {
	Tab      string // this tab's id, which tells its own messages from others'
	ID       string // the document shown, or ""
	Rev      int    // the stored revision the tab's work is built on; 0 when not stored
	Unsaved  bool   // the work has a change not yet written
	ReadOnly bool   // another tab changed the document: edits are refused

	// A State is never compared with ==, and this field forbids it: a
	// comparable type would link an equality function into the wasm.
	_ [0]func()
}

// Show starts on document id, read from stored revision rev (0 for work
// not stored yet): editable, with nothing unsaved.
func (s *State) Show(id string, rev int) {
	s.ID, s.Rev, s.Unsaved, s.ReadOnly = id, rev, false, false
}

// Change records a change to save, or a save that wrote nothing, so that
// its change is still to save.
func (s *State) Change() { s.Unsaved = true }

// Receive handles a message from the channel.
func (s *State) Receive(m Message) Action {
	switch {
	case m.Tab == s.Tab || s.ID == "" || m.ID != s.ID:
		return Ignore
	case m.Deleted:
		// The next save stores the work anew.
		s.Rev = 0
		return Ignore
	case m.Rev <= s.Rev:
		return Ignore
	case s.Unsaved:
		return s.Stale()
	}
	return Reload
}

// BeginSave starts writing the work as it is now. It returns the revision
// the write must find stored (base: 0 for no record) and the one it
// stores (rev); ok is false when there is nothing to save. Changes from
// now on need another save. A write that finds another revision stored
// must write nothing and call [State.Stale]; one that fails otherwise
// calls [State.Change].
func (s *State) BeginSave() (base, rev int, ok bool) {
	if !s.Unsaved {
		return 0, 0, false
	}
	s.Unsaved = false
	return s.Rev, s.Rev + 1, true
}

// Saved records that revision rev is stored and returns the message that
// tells the other tabs.
func (s *State) Saved(rev int) Message {
	s.Rev = rev
	return Message{Tab: s.Tab, ID: s.ID, Rev: rev}
}

// Stale handles a save refused because the stored revision is newer than
// the tab's: another tab wrote first. The tab becomes read-only and gives
// up its unsaved change.
func (s *State) Stale() Action {
	s.ReadOnly, s.Unsaved = true, false
	return Conflict
}

// Reloading is asked when the stored record to reload has been read:
// Reload shows it, unless a change was made here meanwhile, which gives a
// Conflict rather than losing either side. A read-only tab reloads (its
// last change is given up already).
func (s *State) Reloading() Action {
	if s.Unsaved && !s.ReadOnly {
		return s.Stale()
	}
	return Reload
}

// Delete records that document id was deleted from storage and returns
// the message that tells the other tabs. When it is the document shown,
// nothing of it is left to save.
func (s *State) Delete(id string) Message {
	if id == s.ID {
		s.Rev, s.Unsaved = 0, false
	}
	return Message{Tab: s.Tab, ID: id, Deleted: true}
}
