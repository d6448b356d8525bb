package annotations

import (
	"errors"
	"strconv"
)

// Label is a kind of span a person can mark, such as "actor".
type Label struct {
	// ID is the stable name used in files, such as "actor".
	ID string `json:"id"`
	// Name is shown to people, such as "Actor".
	Name string `json:"name"`
	// Key is the keyboard shortcut that applies the label, such as "1".
	Key string `json:"key,omitempty"`
	// Color is a CSS hex colour, "#rrggbb".
	Color string `json:"color,omitempty"`
	// Description is one line saying what the label is for.
	Description string `json:"description,omitempty"`
	// NoEntities is true for a label whose spans take no entity (see
	// [Annotation].Entity): a claim is said by someone, it is no one.
	// Files write it as "entities": false, and a label without the field
	// takes entities, as every label did before it existed; so the zero
	// value keeps that meaning here too.
	NoEntities bool `json:"-"`
}

// TakesEntities reports whether annotations with label l may name an
// entity, so that the app offers the entity field.
func (l Label) TakesEntities() bool { return !l.NoEntities }

// RelationType is a kind of link between two annotations, such as "source",
// with the labels it may go from and to.
type RelationType struct {
	ID   string   `json:"id"`
	Name string   `json:"name"`
	From []string `json:"from"`
	To   []string `json:"to"`
	// Description is one line saying what the relation means.
	Description string `json:"description,omitempty"`
}

// Schema lists the labels and relation types of a document's annotations.
type Schema struct {
	Labels    []Label        `json:"labels"`
	Relations []RelationType `json:"relations"`
}

// DefaultSchema returns Spanmark's schema for discourse analysis: actors,
// their claims and proposals, and the source and target relations between
// them. The colours are from the Okabe–Ito palette, which stays distinct
// under the common forms of colour blindness.
func DefaultSchema() Schema {
	return Schema{
		Labels: []Label{
			{ID: "actor", Name: "Actor", Key: "1", Color: "#0072B2",
				Description: "A person, group, organisation or state that speaks or acts"},
			{ID: "claim", Name: "Claim", Key: "2", Color: "#D55E00",
				Description: "A statement presented as true about how things are", NoEntities: true},
			{ID: "proposal", Name: "Proposal", Key: "3", Color: "#009E73",
				Description: "A course of action someone calls for or puts forward", NoEntities: true},
		},
		Relations: []RelationType{
			{ID: "source", Name: "Source", From: []string{"claim", "proposal"}, To: []string{"actor"},
				Description: "The actor who made the claim or proposal"},
			{ID: "target", Name: "Target", From: []string{"claim", "proposal"}, To: []string{"actor"},
				Description: "The actor the claim or proposal concerns or addresses"},
		},
	}
}

// Label returns the label with the given id.
func (s Schema) Label(id string) (Label, bool) {
	for _, l := range s.Labels {
		if l.ID == id {
			return l, true
		}
	}
	return Label{}, false
}

// LabelByKey returns the label whose shortcut is key.
func (s Schema) LabelByKey(key string) (Label, bool) {
	for _, l := range s.Labels {
		if l.Key != "" && l.Key == key {
			return l, true
		}
	}
	return Label{}, false
}

// Relation returns the relation type with the given id.
func (s Schema) Relation(id string) (RelationType, bool) {
	for _, r := range s.Relations {
		if r.ID == id {
			return r, true
		}
	}
	return RelationType{}, false
}

// Allows reports whether a relation of type rt may go from an annotation
// labelled from to one labelled to.
func (rt RelationType) Allows(from, to string) bool {
	return contains(rt.From, from) && contains(rt.To, to)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ErrSchema is wrapped by the errors of [Schema.Validate].
var ErrSchema = errors.New("invalid schema")

// Validate checks that ids are present and unique, that shortcut keys are
// unique, that colours are "#rrggbb", and that relation types name known
// labels. The error names the offending field, as in "labels[2].id".
func (s Schema) Validate() error {
	if len(s.Labels) == 0 {
		return &PathError{Path: "labels", Err: errors.New("no labels")}
	}
	ids := map[string]bool{}
	keys := map[string]bool{}
	for i, l := range s.Labels {
		p := "labels[" + strconv.Itoa(i) + "]"
		switch {
		case !IsID(l.ID):
			return &PathError{Path: p + ".id", Err: errors.New(strconv.Quote(l.ID) + " is not a valid id (letters, digits, '-' and '_', at most 64)")}
		case ids[l.ID]:
			return &PathError{Path: p + ".id", Err: errors.New(strconv.Quote(l.ID) + " is used twice")}
		case l.Key != "" && keys[l.Key]:
			return &PathError{Path: p + ".key", Err: errors.New(strconv.Quote(l.Key) + " is used twice")}
		case l.Color != "" && !isHexColor(l.Color):
			return &PathError{Path: p + ".color", Err: errors.New(strconv.Quote(l.Color) + " is not a colour of the form #rrggbb")}
		}
		ids[l.ID] = true
		if l.Key != "" {
			keys[l.Key] = true
		}
	}
	rids := map[string]bool{}
	for i, r := range s.Relations {
		p := "relations[" + strconv.Itoa(i) + "]"
		if !IsID(r.ID) {
			return &PathError{Path: p + ".id", Err: errors.New(strconv.Quote(r.ID) + " is not a valid id")}
		}
		if rids[r.ID] {
			return &PathError{Path: p + ".id", Err: errors.New(strconv.Quote(r.ID) + " is used twice")}
		}
		rids[r.ID] = true
		for j, f := range r.From {
			if !ids[f] {
				return &PathError{Path: p + ".from[" + strconv.Itoa(j) + "]", Err: errors.New("unknown label " + strconv.Quote(f))}
			}
		}
		for j, t := range r.To {
			if !ids[t] {
				return &PathError{Path: p + ".to[" + strconv.Itoa(j) + "]", Err: errors.New("unknown label " + strconv.Quote(t))}
			}
		}
	}
	return nil
}

// IsID reports whether s can be the id of a label or relation type: 1 to
// 64 ASCII letters, digits and "-_.:".
func IsID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

func isHexColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range s[1:] {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// LabelIDs returns the ids of the labels, in order.
func (s Schema) LabelIDs() []string {
	ids := make([]string, len(s.Labels))
	for i, l := range s.Labels {
		ids[i] = l.ID
	}
	return ids
}

// RelationIDs returns the ids of the relation types, in order.
func (s Schema) RelationIDs() []string {
	ids := make([]string, len(s.Relations))
	for i, r := range s.Relations {
		ids[i] = r.ID
	}
	return ids
}
