package lite

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSHA256(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "articles", "us-russia-dialogue.txt"))
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
		if got := Sum256(in); got != want {
			t.Errorf("Sum256 of %d bytes = %x, want %x", len(in), got, want)
		}
	}
	// FIPS 180-4 appendix B.1 (and its examples document).
	if got, want := Sum256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; hex.EncodeToString(got[:]) != want {
		t.Errorf("Sum256(abc) = %x, want %s", got, want)
	}
}

func FuzzSHA256(f *testing.F) {
	for _, s := range []string{"", "abc", strings.Repeat("x", 55), strings.Repeat("y", 56), strings.Repeat("z", 64), strings.Repeat("\u00e9", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Sum256(s), sha256.Sum256([]byte(s)); got != want {
			t.Fatalf("Sum256(%q) = %x, want %x", s, got, want)
		}
	})
}

func BenchmarkSHA256(b *testing.B) {
	text := strings.Repeat("Lavrov met Rubio in Riyadh. ", 40_000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Sum256(text)
	}
}
