package anchor

import (
	"slices"
	"testing"
)

// FuzzDiff diffs two texts as a Placer does and checks what every offset
// is mapped through: runs equal in both texts, in order, apart, within
// them; and every mapped offset inside the new text, in order.
func FuzzDiff(f *testing.F) {
	f.Add("In which I have had\nthe honor of being received, that I\nthe climate, said he.", "In which I have had\nthe climate, said he.")
	f.Add("had\nthe climate", "had\nthe honor\nthe climate")
	f.Add("a a a\na a\n\na", "a\na a a a\na")
	f.Add("The cat sat. The cat sat.\nThe dog ran.", "The dog ran.\nThe cat sat.")
	f.Fuzz(func(t *testing.T, old, nu string) {
		o, n := []rune(old), []rune(nu)
		fo, fn := fold(o), fold(n)
		a := NewAnchorer(fn.rs)
		a.buildIndex()
		x := newDiffer(fo.rs, fn.rs, a.occurrences,
			func(i int) bool { return fo.lineBreak(o, i) },
			func(i int) bool { return fn.lineBreak(n, i) })
		for steps := 0; !x.step(7); steps++ {
			if steps > len(fo.rs)+len(fn.rs)+10 {
				t.Fatalf("the diff does not end")
			}
		}
		d := x.d
		for k, s := range d.segs {
			if s.n <= 0 || s.old < 0 || s.nu < 0 || s.old+s.n > len(fo.rs) || s.nu+s.n > len(fn.rs) {
				t.Fatalf("run %d %+v outside the texts (%d, %d)", k, s, len(fo.rs), len(fn.rs))
			}
			if !slices.Equal(fo.rs[s.old:s.old+s.n], fn.rs[s.nu:s.nu+s.n]) {
				t.Fatalf("run %d %+v: %q is not %q", k, s, string(fo.rs[s.old:s.old+s.n]), string(fn.rs[s.nu:s.nu+s.n]))
			}
			if k > 0 {
				p := d.segs[k-1]
				if p.old+p.n > s.old || p.nu+p.n > s.nu {
					t.Fatalf("runs %d %+v and %d %+v overlap or are out of order", k-1, p, k, s)
				}
			}
		}
		prev := 0
		for i := 0; i <= len(fo.rs); i++ {
			m := d.mapStart(i)
			if m < 0 || m > len(fn.rs) || d.mapEnd(i) < 0 || d.mapEnd(i) > len(fn.rs) {
				t.Fatalf("offset %d maps to %d-%d, outside the new text (%d)", i, m, d.mapEnd(i), len(fn.rs))
			}
			if m < prev {
				t.Fatalf("offset %d maps to %d, before %d, where %d went", i, m, prev, i-1)
			}
			prev = m
		}
	})
}
