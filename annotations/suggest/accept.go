package suggest

import (
	"errors"
	"time"

	"github.com/spanmark/spanmark/annotations"
)

// Accept makes annotations of the suggestions sugs in s, each as one
// undoable edit stamped with now, and then their links. accepted maps the
// IDs of suggestions accepted earlier to the ids of their annotations; Accept
// adds the new ones to it. A link is made when its other end is an
// annotation of s or an accepted suggestion; links to suggestions not (yet)
// accepted are left out, so accepting a claim before its speaker gives the
// claim alone.
//
// Accept stops at the first suggestion that s refuses (such as one that
// now repeats an annotation, [annotations.ErrDuplicate]) and returns the
// error; what it accepted before stays accepted and recorded in accepted.
func Accept(s *annotations.Set, sugs []Suggestion, accepted map[string]string, now time.Time) error {
	for _, sg := range sugs {
		if _, ok := accepted[sg.ID]; ok {
			continue
		}
		c, err := s.Apply(annotations.Add{Label: sg.Label, Start: sg.Start, End: sg.End, Entity: sg.Entity}, now)
		if err != nil {
			return errors.New("accept " + sg.ID + ": " + err.Error())
		}
		if len(c.Added) == 1 {
			accepted[sg.ID] = c.Added[0]
		}
	}
	for _, sg := range sugs {
		from, ok := accepted[sg.ID]
		if !ok {
			continue
		}
		for _, l := range sg.Links {
			if _, ok := s.Schema().Relation(l.Type); !ok {
				continue
			}
			to := l.To
			if id, ok := accepted[to]; ok {
				to = id
			}
			if _, ok := s.Annotation(to); !ok {
				continue
			}
			if _, err := s.Apply(annotations.Link{Type: l.Type, From: from, To: to}, now); err != nil && !errors.Is(err, annotations.ErrDuplicate) {
				return errors.New("accept " + sg.ID + ": " + err.Error())
			}
		}
	}
	return nil
}
