package w3c

// This file checks W3C exports against the Web Annotation Working Group's
// test schemas (JSON Schema draft-04, from web-platform-tests), copied with
// the Recommendation's examples and the group's incorrect examples into
// testdata/conformance (see its README). The checks are the assertions of
// annotations/annotationMusts.test, the text quote and text position
// selector definitions, and the collection and page definitions of
// collections.json (whose own assertion files were not published with
// them). The same checks accept the Recommendation's examples and reject
// the incorrect ones, so a test that passes here means something.
//
// The schemas are run with github.com/santhosh-tekuri/jsonschema/v6, a test
// dependency only: the annotations package itself uses the standard library.

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/spanmark/spanmark/annotations/codec/internal/codectest"
)

var conformanceDir = codectest.Testdata("conformance")

// wptBase is where the schemas are registered: upstream they refer to each
// other by bare file name ("id.json#/definitions/..."), so they all live
// under one flat base.
const wptBase = "mem:///wpt/"

// assertion is one named schema check.
type assertion struct {
	name   string
	schema *jsonschema.Schema
}

// w3cChecks are the compiled checks, by what they apply to.
type w3cChecks struct {
	annotation []assertion // each Annotation
	target     []assertion // each target object of an Annotation
	selector   []assertion // each selector object of a target
	body       []assertion // each body object of an Annotation
	collection []assertion // an AnnotationCollection
	page       []assertion // an AnnotationPage
}

var (
	w3cChecksOnce sync.Once
	w3cChecksVal  *w3cChecks
	w3cChecksErr  error
)

func loadW3CChecks(t testing.TB) *w3cChecks {
	t.Helper()
	w3cChecksOnce.Do(func() { w3cChecksVal, w3cChecksErr = compileW3CChecks() })
	if w3cChecksErr != nil {
		t.Fatal(w3cChecksErr)
	}
	return w3cChecksVal
}

func compileW3CChecks() (*w3cChecks, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft4)
	c.AssertFormat() // "format": "uri" is what most id checks rest on
	model := filepath.Join(conformanceDir, "w3c-annotation-model")
	files, err := filepath.Glob(filepath.Join(model, "*", "*.json"))
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if err := c.AddResource(wptBase+filepath.Base(name), doc); err != nil {
			return nil, err
		}
	}
	compile := func(names ...string) ([]assertion, error) {
		var out []assertion
		for _, n := range names {
			s, err := c.Compile(wptBase + n)
			if err != nil {
				return nil, err
			}
			out = append(out, assertion{n, s})
		}
		return out, nil
	}
	// The annotation assertions are the ones annotationMusts.test lists.
	var musts struct {
		Assertions []string `json:"assertions"`
	}
	data, err := os.ReadFile(filepath.Join(model, "annotations", "annotationMusts.test"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &musts); err != nil {
		return nil, err
	}
	var names []string
	for _, a := range musts.Assertions {
		names = append(names, filepath.Base(a))
	}
	var ch w3cChecks
	steps := []struct {
		dst   *[]assertion
		names []string
	}{
		{&ch.annotation, append(names,
			"otherProperties.json#/definitions/creatorValidIfPresent",
			"otherProperties.json#/definitions/generatorValidIfPresent")},
		{&ch.target, []string{
			"specificResource.json#/definitions/selectorDetected",
		}},
		{&ch.selector, []string{
			"specificResource.json#/definitions/textQuoteSelectorTypeValidIfPresent",
			"specificResource.json#/definitions/textPositionSelectorTypeValidIfPresent",
		}},
		{&ch.body, []string{
			"otherProperties.json#/definitions/purposeRecognizedIfPresent",
		}},
		{&ch.collection, []string{
			"annotations.json#/definitions/contextValueFound|annotations.json#/definitions/contextValueInArrayFound",
			"id.json#/definitions/idValueFound",
			"collections.json#/definitions/annotationCollectionTypeValueFound",
			"collections.json#/definitions/labelDefinition",
			"collections.json#/definitions/totalDefinition",
			"collections.json#/definitions/firstRequiredIfTotalMoreThanZero",
			"collections.json#/definitions/firstValidIfPresent",
			"collections.json#/definitions/lastValidIfPresent",
			"otherProperties.json#/definitions/creatorValidIfPresent",
			"otherProperties.json#/definitions/generatorValidIfPresent",
			"otherProperties.json#/definitions/generatedValidIfPresent",
		}},
		{&ch.page, []string{
			"id.json#/definitions/idValueFound",
			"collections.json#/definitions/annotationPageTypeValueFound",
			"collections.json#/definitions/itemsFound",
			"collections.json#/definitions/startIndexDefinition",
			// partOfValidIfPresent is left out: it allows only an IRI,
			// while the Recommendation's Example 39 embeds the collection
			// object, as section 5.2 allows. Our pages have no partOf.
			"collections.json#/definitions/nextValidIfPresent",
			"collections.json#/definitions/prevValidIfPresent",
		}},
	}
	for _, st := range steps {
		for _, n := range st.names {
			if a, b, ok := strings.Cut(n, "|"); ok {
				// The @context of a collection: a schema of our own that
				// applies the upstream definitions to the property.
				ctx := map[string]any{
					"required": []any{"@context"},
					"properties": map[string]any{"@context": map[string]any{"oneOf": []any{
						map[string]any{"$ref": wptBase + a}, map[string]any{"$ref": wptBase + b},
					}}},
				}
				url := "mem:///spanmark/collection-context.json"
				if err := c.AddResource(url, ctx); err != nil {
					return nil, err
				}
				s, err := c.Compile(url)
				if err != nil {
					return nil, err
				}
				*st.dst = append(*st.dst, assertion{"@context has " + w3cContext, s})
				continue
			}
			as, err := compile(n)
			if err != nil {
				return nil, err
			}
			*st.dst = append(*st.dst, as...)
		}
	}
	return &ch, nil
}

// check runs the assertions on v and returns the names of those it fails,
// each with where, such as "first.items[3]: 3.2-targetObjectsRecognized.json".
func (as assertionList) check(v any, where string) []string {
	var failed []string
	for _, a := range as {
		if err := a.schema.Validate(v); err != nil {
			failed = append(failed, where+": "+a.name)
		}
	}
	return failed
}

type assertionList []assertion

// checkAnnotation validates one annotation: the annotation assertions, then
// those of each target, selector and body object in it. An annotation
// inside a page inherits the page's @context, as in JSON-LD.
func (ch *w3cChecks) checkAnnotation(v any, where string, context any) []string {
	m, ok := v.(map[string]any)
	if ok && context != nil && m["@context"] == nil {
		c := make(map[string]any, len(m)+1)
		for k, x := range m {
			c[k] = x
		}
		c["@context"] = context
		v, m = c, c
	}
	failed := assertionList(ch.annotation).check(v, where)
	if !ok {
		return failed
	}
	for i, t := range listAny(m["target"]) {
		tm, ok := t.(map[string]any)
		if !ok {
			continue
		}
		tw := where + ".target[" + strconv.Itoa(i) + "]"
		failed = append(failed, assertionList(ch.target).check(t, tw)...)
		for j, s := range listAny(tm["selector"]) {
			failed = append(failed, assertionList(ch.selector).check(s, tw+".selector["+strconv.Itoa(j)+"]")...)
		}
	}
	for i, b := range listAny(m["body"]) {
		if _, ok := b.(map[string]any); ok {
			failed = append(failed, assertionList(ch.body).check(b, where+".body["+strconv.Itoa(i)+"]")...)
		}
	}
	return failed
}

// checkDocument validates a whole JSON document: a collection with its
// embedded page, a page, or an annotation, by its type.
func (ch *w3cChecks) checkDocument(v any) []string {
	m, _ := v.(map[string]any)
	types := listAny(m["type"])
	var failed []string
	page := func(p any, where string, context any) {
		failed = append(failed, assertionList(ch.page).check(p, where)...)
		pm, _ := p.(map[string]any)
		items, _ := pm["items"].([]any)
		for i, it := range items {
			if _, ok := it.(map[string]any); ok {
				failed = append(failed, ch.checkAnnotation(it, where+".items["+strconv.Itoa(i)+"]", context)...)
			}
		}
	}
	switch {
	case slices.Contains(types, any(typeCollection)):
		failed = append(failed, assertionList(ch.collection).check(v, "collection")...)
		if first, ok := m["first"].(map[string]any); ok {
			page(first, "first", m["@context"])
		}
	case slices.Contains(types, any(typePage)):
		page(v, "page", m["@context"])
	default:
		failed = ch.checkAnnotation(v, "annotation", nil)
	}
	return failed
}

func listAny(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

func unmarshalInstance(t testing.TB, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestW3CConformanceExports(t *testing.T) {
	ch := loadW3CChecks(t)
	for _, c := range w3cCases {
		t.Run(c.Name, func(t *testing.T) {
			data, err := Encode(c.File(t))
			if err != nil {
				t.Fatal(err)
			}
			if failed := ch.checkDocument(unmarshalInstance(t, data)); len(failed) > 0 {
				t.Errorf("the export fails %d W3C assertions:\n%s", len(failed), strings.Join(failed, "\n"))
			}
		})
	}
}

// TestW3CConformanceCanFail breaks an export in ways the model forbids and
// checks that the same assertions catch each.
func TestW3CConformanceCanFail(t *testing.T) {
	ch := loadW3CChecks(t)
	data, err := Encode(codectest.SmallFile(t))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		mutate func(coll map[string]any, first map[string]any, ann map[string]any)
		want   string
	}{
		{"no_exact", func(_, _, a map[string]any) {
			sel := a["target"].(map[string]any)["selector"].([]any)
			delete(sel[0].(map[string]any), "exact")
		}, "first.items[0].target[0].selector[0]: specificResource.json#/definitions/textQuoteSelectorTypeValidIfPresent"},
		{"negative_start", func(_, _, a map[string]any) {
			sel := a["target"].(map[string]any)["selector"].([]any)
			sel[1].(map[string]any)["start"] = -1
		}, "first.items[0].target[0].selector[1]: specificResource.json#/definitions/textPositionSelectorTypeValidIfPresent"},
		{"created_not_a_time", func(_, _, a map[string]any) { a["created"] = "yesterday" },
			"first.items[0]: 3.3.1-annotationCreatedValidated.json"},
		{"body_and_body_value", func(_, _, a map[string]any) { a["bodyValue"] = "x" },
			"first.items[0]: 3.2.5-notBodyBodyValue.json"},
		{"id_not_an_iri", func(_, _, a map[string]any) { a["id"] = "not an iri" },
			"first.items[0]: 3.1-annotationIdValidated.json"},
		{"no_context", func(c, _, _ map[string]any) { delete(c, "@context") },
			"collection: @context has http://www.w3.org/ns/anno.jsonld"},
		{"unknown_purpose", func(_, _, a map[string]any) {
			a["body"].([]any)[0].(map[string]any)["purpose"] = "labelling"
		}, "first.items[0].body[0]: otherProperties.json#/definitions/purposeRecognizedIfPresent"},
		{"negative_total", func(c, _, _ map[string]any) { c["total"] = -1 },
			"collection: collections.json#/definitions/totalDefinition"},
		{"items_not_a_list", func(_, p, _ map[string]any) { p["items"] = "none" },
			"first: collections.json#/definitions/itemsFound"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var coll map[string]any
			if err := json.Unmarshal(data, &coll); err != nil {
				t.Fatal(err)
			}
			first := coll["first"].(map[string]any)
			ann := first["items"].([]any)[0].(map[string]any)
			c.mutate(coll, first, ann)
			broken, err := json.Marshal(coll)
			if err != nil {
				t.Fatal(err)
			}
			failed := ch.checkDocument(unmarshalInstance(t, broken))
			if !slices.Contains(failed, c.want) {
				t.Errorf("failed assertions %q do not include %q", failed, c.want)
			}
		})
	}
}

// TestW3CConformanceExamples runs the checks on the Recommendation's
// examples, which must pass, and on the Working Group's incorrect examples,
// which must fail at least one (or not be JSON at all). Decode refuses
// every incorrect example too.
func TestW3CConformanceExamples(t *testing.T) {
	ch := loadW3CChecks(t)
	dir := filepath.Join(conformanceDir, "w3c-annotation-spec-examples")
	rec, err := filepath.Glob(filepath.Join(dir, "rec-examples", "*.json"))
	if err != nil || len(rec) != 44 {
		t.Fatalf("want the 44 Recommendation examples, got %d (%v)", len(rec), err)
	}
	for _, name := range rec {
		base := strings.TrimSuffix(filepath.Base(name), ".json")
		switch base {
		case "example42", "example43", "example44":
			// Composite, List and Independents are proposed classes outside
			// the model (Appendix D); the schemas do not know them.
			continue
		}
		t.Run("rec/"+base, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if failed := ch.checkDocument(unmarshalInstance(t, data)); len(failed) > 0 {
				t.Errorf("a Recommendation example fails:\n%s", strings.Join(failed, "\n"))
			}
		})
	}
	bad, err := filepath.Glob(filepath.Join(dir, "wd2-incorrect", "*.json"))
	if err != nil || len(bad) != 40 {
		t.Fatalf("want the 40 incorrect examples, got %d (%v)", len(bad), err)
	}
	notJSON := 0
	for _, name := range bad {
		base := strings.TrimSuffix(filepath.Base(name), ".json")
		t.Run("incorrect/"+base, func(t *testing.T) {
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if f, err := Decode(data); err == nil {
				t.Errorf("Decode accepted an incorrect example: %+v", f)
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
			if err != nil {
				notJSON++
				return
			}
			if failed := ch.checkDocument(v); len(failed) == 0 {
				t.Errorf("an incorrect example passes every assertion")
			}
		})
	}
	if notJSON != 17 {
		t.Errorf("%d incorrect examples are not JSON, want the 17 the README counts", notJSON)
	}
}
