package annotations

import (
	"math/rand/v2"
	"testing"
)

// dpDistances returns, for every end j of text, the least edit distance
// between pattern and a substring of text ending at j (search), or the
// prefix text[:j] (align). It is the textbook dynamic programme that
// bitPattern must agree with.
func dpDistances(pattern, text []rune, align bool) []int {
	m := len(pattern)
	col := make([]int, m+1)
	for i := range col {
		col[i] = i
	}
	out := []int{col[m]}
	for j, c := range text {
		prevDiag := col[0]
		if align {
			col[0] = j + 1
		}
		for i := 1; i <= m; i++ {
			cost := 1
			if pattern[i-1] == c {
				cost = 0
			}
			v := min(prevDiag+cost, col[i]+1, col[i-1]+1)
			prevDiag = col[i]
			col[i] = v
		}
		out = append(out, col[m])
	}
	return out
}

func randomRunes(r *rand.Rand, n int, alphabet []rune) []rune {
	s := make([]rune, n)
	for i := range s {
		s[i] = alphabet[r.IntN(len(alphabet))]
	}
	return s
}

func TestBitPatternAgreesWithDP(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("abcd é😀中")
	for _, m := range []int{1, 2, 5, 63, 64, 65, 127, 128, 129, 200} {
		for trial := 0; trial < 20; trial++ {
			p := randomRunes(r, m, alphabet)
			text := randomRunes(r, r.IntN(300), alphabet)
			if trial%2 == 0 && len(text) > m {
				copy(text[len(text)/3:], p) // plant a copy so some searches hit
			}
			bp := newBitPattern(p)
			want := dpDistances(p, text, true)
			if got := bp.distance(text); got != want[len(text)] {
				t.Fatalf("distance(%q, %q): want %d, got %d", string(p), string(text), want[len(text)], got)
			}
			if got := editDistance(p, text); got != want[len(text)] {
				t.Fatalf("editDistance(%q, %q): want %d, got %d", string(p), string(text), want[len(text)], got)
			}
			// Align backwards from the end equals aligning the reversed
			// pattern with the reversed text.
			rp, rt := reversed(p), reversed(text)
			wantBack := dpDistances(rp, rt, true)
			bd, bn := newBitPattern(rp).alignBackward(text, len(text), len(text), m)
			if bd != wantBack[bn] || bd != minOf(wantBack) {
				t.Fatalf("alignBackward(%q, %q) = %d over %d, want min %d", string(p), string(text), bd, bn, minOf(wantBack))
			}
			if got := bp.alignForward(text, 0, len(text)); got != minOf(want) {
				t.Fatalf("alignForward(%q, %q) = %d, want %d", string(p), string(text), got, minOf(want))
			}
			k := m / 4
			wantSearch := dpDistances(p, text, false)
			hits := map[int]int{}
			for _, run := range bp.search(text, 0, len(text), k) {
				for _, j := range run.ends {
					hits[j] = run.d
				}
			}
			// Every reported end has the right distance, and every run's
			// minimum is reported.
			for j, d := range hits {
				if wantSearch[j] != d {
					t.Fatalf("search(%q, %q): end %d has distance %d, want %d", string(p), string(text), j, d, wantSearch[j])
				}
			}
			for j := 1; j <= len(text); j++ {
				if wantSearch[j] <= k && (j == len(text) || wantSearch[j+1] >= wantSearch[j]) &&
					wantSearch[j-1] >= wantSearch[j] {
					if _, ok := hits[j]; !ok && localRunMin(wantSearch, j, k) {
						t.Fatalf("search(%q, %q, k=%d): missed end %d (distance %d)", string(p), string(text), k, j, wantSearch[j])
					}
				}
			}
		}
	}
}

func minOf(xs []int) int {
	m := xs[0]
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// localRunMin reports whether end j has the least distance in its run of
// ends within k.
func localRunMin(ds []int, j, k int) bool {
	for i := j; i >= 1 && ds[i] <= k; i-- {
		if ds[i] < ds[j] {
			return false
		}
	}
	for i := j; i < len(ds) && ds[i] <= k; i++ {
		if ds[i] < ds[j] {
			return false
		}
	}
	return true
}
