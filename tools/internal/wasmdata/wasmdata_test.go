package wasmdata

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// module assembles a module of a type section (kept as it is) and a data
// section holding segs in their order, with a data count section when
// count is set.
func module(segs []Segment, count bool) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	typ := []byte{1, 0x60, 0, 0} // one type: func() -> ()
	b = append(b, 1)
	b = appendULEB(b, uint64(len(typ)))
	b = append(b, typ...)
	if count {
		c := appendULEB(nil, uint64(len(segs)))
		b = append(b, dataCountSection)
		b = appendULEB(b, uint64(len(c)))
		b = append(b, c...)
	}
	body := encodeSegments(segs)
	b = append(b, dataSection)
	b = appendULEB(b, uint64(len(body)))
	b = append(b, body...)
	// A custom section after the data, as Go writes "producers".
	custom := append([]byte{9}, "producers"...)
	b = append(b, 0)
	b = appendULEB(b, uint64(len(custom)))
	return append(b, custom...)
}

func TestMerge(t *testing.T) {
	segs := []Segment{
		{Offset: 1000, Data: []byte("late")}, // out of order, as Go writes some
		{Offset: 10, Data: []byte("abc")},
		{Offset: 13, Data: []byte("d")},      // touching: joined
		{Offset: 30, Data: []byte("efgh")},   // 16 zeros after "abcd": joined
		{Offset: 51, Data: []byte("ij")},     // 17 zeros: apart
		{Offset: 1 << 31, Data: []byte{7}},   // the top half of the 32-bit space
		{Offset: 1<<31 + 3, Data: []byte{8}}, // joined to it
	}
	for _, count := range []bool{false, true} {
		in := module(segs, count)
		orig := bytes.Clone(in)
		out, st, err := Merge(in, 16)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(in, orig) {
			t.Fatal("Merge changed its input")
		}
		if want := (Stats{Before: 7, After: 4}); st != want {
			t.Errorf("stats %+v, want %+v", st, want)
		}
		secs, err := sections(out)
		if err != nil {
			t.Fatal(err)
		}
		var got []Segment
		var ids []byte
		for _, s := range secs {
			ids = append(ids, s.id)
			switch s.id {
			case dataSection:
				if got, err = Segments(s.body); err != nil {
					t.Fatal(err)
				}
			case dataCountSection:
				if n, _, _ := readULEB(s.body, 32); n != 4 {
					t.Errorf("data count %d, want 4", n)
				}
			}
		}
		want := []Segment{
			{Offset: 10, Data: []byte("abcd\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00efgh")},
			{Offset: 51, Data: []byte("ij")},
			{Offset: 1000, Data: []byte("late")},
			{Offset: 1 << 31, Data: []byte{7, 0, 0, 8}},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("segments (-want +got):\n%s", diff)
		}
		wantIDs := []byte{1, dataSection, 0}
		if count {
			wantIDs = []byte{1, dataCountSection, dataSection, 0}
		}
		if !bytes.Equal(ids, wantIDs) {
			t.Errorf("sections %v, want %v", ids, wantIDs)
		}
	}
}

func TestMergeNoData(t *testing.T) {
	m := []byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00")
	out, st, err := Merge(m, 16)
	if err != nil || !bytes.Equal(out, m) || st != (Stats{}) {
		t.Errorf("Merge of a module without data = %x, %+v, %v; want it unchanged", out, st, err)
	}
}

func TestMergeErrors(t *testing.T) {
	good := module([]Segment{{Offset: 8, Data: []byte("x")}}, false)
	dataAt := bytes.LastIndexByte(good[:len(good)-12], dataSection)
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "not a WebAssembly module"},
		{"version", []byte("\x00asm\x02\x00\x00\x00"), "version 02 00 00 00"},
		{"section_cut", good[:len(good)-3], "left in the module"},
		{"size_cut", []byte("\x00asm\x01\x00\x00\x00\x0b\x80"), "size: the number is cut off"},
		{"two_data", append(bytes.Clone(good[:len(good)-12]), good[dataAt:len(good)-12]...), "a second one"},
		{"overlap", module([]Segment{{Offset: 8, Data: []byte("abc")}, {Offset: 9, Data: []byte("d")}}, false), "overlap"},
		{"passive", append(bytes.Clone(good[:8]), 11, 5, 1, 1, 2, 'x', 'y'), "flags 1"},
		{"not_const", append(bytes.Clone(good[:8]), 11, 6, 1, 0, 0x23, 0, 0x0b, 0), "not an i32.const"},
		{"long_expr", append(bytes.Clone(good[:8]), 11, 7, 1, 0, 0x41, 0, 0x41, 0x0b, 0), "more than one i32.const"},
		{"data_cut", append(bytes.Clone(good[:8]), 11, 6, 1, 0, 0x41, 0, 0x0b, 5), "5 bytes of data, 0 left"},
		{"count_big", append(bytes.Clone(good[:8]), 11, 2, 0x7f, 0), "127 segments in 2 bytes"},
		{"trailing", append(bytes.Clone(good[:8]), 11, 7, 1, 0, 0x41, 0, 0x0b, 0, 9), "1 bytes after the last segment"},
		{"offset_long", append(bytes.Clone(good[:8]), 11, 11, 1, 0, 0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x0b, 0), "offset: the number is too long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Merge(tc.in, 16)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestLEB(t *testing.T) {
	for _, v := range []int64{0, 1, 63, 64, -1, -64, -65, 127, 128, 1<<31 - 1, -1 << 31} {
		b := appendSLEB(nil, v)
		got, n, err := readSLEB32(b)
		if err != nil || int64(got) != v || n != len(b) {
			t.Errorf("SLEB %d: % x read as %d, %d bytes, %v", v, b, got, n, err)
		}
	}
	for _, v := range []uint64{0, 1, 127, 128, 1<<32 - 1} {
		b := appendULEB(nil, v)
		got, n, err := readULEB(b, 32)
		if err != nil || got != v || n != len(b) {
			t.Errorf("ULEB %d: % x read as %d, %d bytes, %v", v, b, got, n, err)
		}
	}
	if _, _, err := readULEB(appendULEB(nil, 1<<32), 32); err == nil {
		t.Error("a ULEB of 33 bits read as 32 bits")
	}
}

// FuzzMerge checks that a merged module starts with the same memory as
// the module it came from, and has its other sections unchanged.
func FuzzMerge(f *testing.F) {
	f.Add(module([]Segment{{Offset: 10, Data: []byte("abc")}, {Offset: 20, Data: []byte("d")}}, true), 16)
	f.Add(module([]Segment{{Offset: 100, Data: []byte("x")}, {Offset: 0, Data: []byte("yz")}}, false), 0)
	f.Add([]byte("\x00asm\x01\x00\x00\x00"), 8)
	f.Fuzz(func(t *testing.T, in []byte, gap int) {
		gap = max(0, gap%4096)
		before, err := Image(in)
		if err != nil {
			return
		}
		out, _, err := Merge(in, gap)
		if err != nil {
			return
		}
		after, err := Image(out)
		if err != nil {
			t.Fatalf("the merged module's image: %v", err)
		}
		if !bytes.Equal(before, after) {
			t.Fatalf("memory differs after the merge: % x, then % x", before, after)
		}
		a, _ := sections(in)
		b, _ := sections(out)
		if len(a) != len(b) {
			t.Fatalf("%d sections, then %d", len(a), len(b))
		}
		for i := range a {
			if a[i].id != b[i].id || (a[i].id != dataSection && a[i].id != dataCountSection && !bytes.Equal(a[i].body, b[i].body)) {
				t.Fatalf("section %d (id %d) changed", i, a[i].id)
			}
		}
	})
}
