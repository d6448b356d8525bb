package annotations

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSHA256(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "testdata", "articles", "us-russia-dialogue.txt"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := []string{"", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", string(article), strings.Repeat("a", 1_000_000)}
	// Every length around the padding boundaries, of bytes that vary.
	var b strings.Builder
	for n := range 300 {
		inputs = append(inputs, b.String())
		b.WriteByte(byte(n*7 + 3))
	}
	for _, in := range inputs {
		want := sha256.Sum256([]byte(in))
		if got := sha256Sum(in); got != want {
			t.Errorf("sha256Sum of %d bytes = %x, want %x", len(in), got, want)
		}
		if got, want := documentID(in), "sha256:"+hex.EncodeToString(want[:]); got != want {
			t.Errorf("documentID of %d bytes = %s, want %s", len(in), got, want)
		}
	}
	// FIPS 180-4 appendix B.1 (and its examples document).
	if got, want := documentID("abc"), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("documentID(abc) = %s, want %s", got, want)
	}
}

func FuzzSHA256(f *testing.F) {
	for _, s := range []string{"", "abc", strings.Repeat("x", 55), strings.Repeat("y", 56), strings.Repeat("z", 64), strings.Repeat("\u00e9", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := sha256Sum(s), sha256.Sum256([]byte(s)); got != want {
			t.Fatalf("sha256Sum(%q) = %x, want %x", s, got, want)
		}
	})
}

func BenchmarkSHA256(b *testing.B) {
	text := strings.Repeat("Lavrov met Rubio in Riyadh. ", 40_000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		sha256Sum(text)
	}
}
