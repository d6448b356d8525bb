package annotations

// history keeps applied edits for undo and undone ones for redo. Each
// entry is the list of steps of one edit.
type history struct {
	done, undone [][]step
}

// maxHistory bounds memory in a long session; the oldest steps are dropped.
const maxHistory = 1000

func (h *history) push(steps []step) {
	h.done = append(h.done, steps)
	if len(h.done) > maxHistory {
		h.done = h.done[len(h.done)-maxHistory:]
	}
	h.undone = nil
}

// join adds steps to the last entry, so that one undo reverts them with
// it; with no entry it pushes them as one.
func (h *history) join(steps []step) {
	if len(h.done) == 0 {
		h.push(steps)
		return
	}
	last := len(h.done) - 1
	h.done[last] = append(h.done[last], steps...)
	h.undone = nil
}

func (h *history) undo() ([]step, bool) {
	if len(h.done) == 0 {
		return nil, false
	}
	steps := h.done[len(h.done)-1]
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, steps)
	return steps, true
}

func (h *history) redo() ([]step, bool) {
	if len(h.undone) == 0 {
		return nil, false
	}
	steps := h.undone[len(h.undone)-1]
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, steps)
	return steps, true
}

func (h *history) canUndo() bool { return len(h.done) > 0 }
func (h *history) canRedo() bool { return len(h.undone) > 0 }
