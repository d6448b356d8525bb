// Package wasmdata rewrites the data section of a WebAssembly module into
// fewer, larger segments.
//
// Go's linker starts a new data segment at every run of zero bytes longer
// than a segment's header, which keeps the raw module small: Spanmark's
// page program has about 45,000 segments, most of them separated by 18
// zero bytes. Compressed, it is the other way round: a run of zeros costs
// next to nothing, while each header (an offset and a length that differ
// every time) costs several bytes. Joining segments across short runs of
// zeros makes the gzip and brotli files about 7% smaller, and leaves the
// browser a few segments to decode and copy instead of tens of thousands.
//
// The memory a merged module starts with is byte for byte what the
// original starts with: a module's memory is zero before its data
// segments are copied in, so writing the zeros between two segments
// changes nothing.
package wasmdata

import (
	"errors"
	"fmt"
	"slices"
)

// Section ids of the binary format (WebAssembly Core Specification, 5.5.2).
const (
	dataSection      = 11
	dataCountSection = 12
)

// Instructions of a data segment's offset expression.
const (
	opI32Const = 0x41
	opEnd      = 0x0b
)

// Segment is an active data segment of memory 0: Data is copied to
// memory at Offset when the module is instantiated.
type Segment struct {
	Offset int
	Data   []byte
}

// Stats says what Merge did.
type Stats struct {
	Before, After int // segments
}

// Merge returns module with each run of its data segments that are at
// most maxGap zero bytes apart joined into one segment, with the zeros
// written out. Everything else in the module is left as it is, the data
// count section (if any) updated. A module without a data section is
// returned unchanged.
//
// Merge handles what Go's linker writes: active segments of memory 0 at
// an i32.const offset, which do not overlap. It reports an error for
// anything else (passive segments, another memory, overlapping segments,
// a malformed module) rather than guess; the module's bytes are never
// changed in place.
func Merge(module []byte, maxGap int) ([]byte, Stats, error) {
	secs, err := sections(module)
	if err != nil {
		return nil, Stats{}, err
	}
	i := slices.IndexFunc(secs, func(s section) bool { return s.id == dataSection })
	if i < 0 {
		return module, Stats{}, nil
	}
	segs, err := Segments(secs[i].body)
	if err != nil {
		return nil, Stats{}, err
	}
	merged, err := mergeSegments(segs, maxGap)
	if err != nil {
		return nil, Stats{}, err
	}
	out := make([]byte, 0, len(module))
	out = append(out, module[:8]...)
	for _, s := range secs {
		body := s.body
		switch s.id {
		case dataSection:
			body = encodeSegments(merged)
		case dataCountSection:
			body = appendULEB(nil, uint64(len(merged)))
		}
		out = append(out, s.id)
		out = appendULEB(out, uint64(len(body)))
		out = append(out, body...)
	}
	return out, Stats{Before: len(segs), After: len(merged)}, nil
}

// maxImage bounds what [Image] builds.
const maxImage = 64 << 20

// Image returns the memory the data segments of module write, from
// address 0 to the end of the last segment: what a module's memory holds
// when it starts, up to there. Tests compare a module's image with its
// merged module's. It refuses data past 64 MiB.
func Image(module []byte) ([]byte, error) {
	secs, err := sections(module)
	if err != nil {
		return nil, err
	}
	var mem []byte
	for _, s := range secs {
		if s.id != dataSection {
			continue
		}
		segs, err := Segments(s.body)
		if err != nil {
			return nil, err
		}
		for _, sg := range segs {
			end := sg.Offset + len(sg.Data)
			if end > maxImage {
				return nil, fmt.Errorf("wasmdata: a data segment ends at %d, past %d", end, maxImage)
			}
			if end > len(mem) {
				mem = append(mem, make([]byte, end-len(mem))...)
			}
			copy(mem[sg.Offset:], sg.Data)
		}
	}
	return mem, nil
}

type section struct {
	id   byte
	body []byte
}

// sections splits module into its sections, after checking its header.
func sections(module []byte) ([]section, error) {
	if len(module) < 8 || string(module[:4]) != "\x00asm" {
		return nil, errors.New("wasmdata: not a WebAssembly module (no \\0asm header)")
	}
	if v := module[4:8]; v[0] != 1 || v[1] != 0 || v[2] != 0 || v[3] != 0 {
		return nil, fmt.Errorf("wasmdata: binary format version % x, want 01 00 00 00", v)
	}
	var secs []section
	seen := map[byte]bool{}
	for at := 8; at < len(module); {
		id := module[at]
		size, n, err := readULEB(module[at+1:], 32)
		if err != nil {
			return nil, fmt.Errorf("wasmdata: section %d at byte %d: size: %w", id, at, err)
		}
		start := at + 1 + n
		if size > uint64(len(module)-start) {
			return nil, fmt.Errorf("wasmdata: section %d at byte %d: %d bytes, %d left in the module", id, at, size, len(module)-start)
		}
		if id != 0 { // custom sections may repeat
			if seen[id] {
				return nil, fmt.Errorf("wasmdata: section %d at byte %d: a second one", id, at)
			}
			seen[id] = true
		}
		secs = append(secs, section{id, module[start : start+int(size)]})
		at = start + int(size)
	}
	return secs, nil
}

// Segments decodes the body of a data section.
func Segments(body []byte) ([]Segment, error) {
	count, at, err := readULEB(body, 32)
	if err != nil {
		return nil, fmt.Errorf("wasmdata: data section: segment count: %w", err)
	}
	// Each segment takes at least 5 bytes: a bound before allocating.
	if count > uint64(len(body)/5) {
		return nil, fmt.Errorf("wasmdata: data section: %d segments in %d bytes", count, len(body))
	}
	segs := make([]Segment, 0, count)
	for k := range int(count) {
		fail := func(what string, err error) error {
			if err != nil {
				return fmt.Errorf("wasmdata: data segment %d at byte %d of the section: %s: %w", k, at, what, err)
			}
			return fmt.Errorf("wasmdata: data segment %d at byte %d of the section: %s", k, at, what)
		}
		flags, n, err := readULEB(body[at:], 32)
		if err != nil {
			return nil, fail("flags", err)
		}
		if flags != 0 {
			return nil, fail(fmt.Sprintf("flags %d: only active segments of memory 0 (flags 0) are handled", flags), nil)
		}
		at += n
		if at >= len(body) || body[at] != opI32Const {
			return nil, fail("the offset is not an i32.const", nil)
		}
		off, n, err := readSLEB32(body[at+1:])
		if err != nil {
			return nil, fail("offset", err)
		}
		at += 1 + n
		if at >= len(body) || body[at] != opEnd {
			return nil, fail("the offset expression is more than one i32.const", nil)
		}
		at++
		// i32.const is signed; the address is its 32 bits unsigned.
		addr := int(uint32(off))
		size, n, err := readULEB(body[at:], 32)
		if err != nil {
			return nil, fail("size", err)
		}
		at += n
		if size > uint64(len(body)-at) {
			return nil, fail(fmt.Sprintf("%d bytes of data, %d left", size, len(body)-at), nil)
		}
		segs = append(segs, Segment{Offset: addr, Data: body[at : at+int(size)]})
		at += int(size)
	}
	if at != len(body) {
		return nil, fmt.Errorf("wasmdata: data section: %d bytes after the last segment", len(body)-at)
	}
	return segs, nil
}

// mergeSegments sorts segs by offset and joins neighbours at most maxGap
// bytes apart. Overlapping segments are an error: their order would
// matter, and the merge does not keep it.
func mergeSegments(segs []Segment, maxGap int) ([]Segment, error) {
	sorted := slices.Clone(segs)
	slices.SortStableFunc(sorted, func(a, b Segment) int { return a.Offset - b.Offset })
	var out []Segment
	for _, s := range sorted {
		if len(out) > 0 {
			last := &out[len(out)-1]
			end := last.Offset + len(last.Data)
			if s.Offset < end {
				return nil, fmt.Errorf("wasmdata: data segments at %d (%d bytes) and %d overlap", last.Offset, len(last.Data), s.Offset)
			}
			if s.Offset-end <= maxGap {
				// A fresh slice: the data still points into the module.
				joined := make([]byte, 0, s.Offset+len(s.Data)-last.Offset)
				joined = append(joined, last.Data...)
				joined = append(joined, make([]byte, s.Offset-end)...)
				last.Data = append(joined, s.Data...)
				continue
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func encodeSegments(segs []Segment) []byte {
	n := 5
	for _, s := range segs {
		n += 16 + len(s.Data)
	}
	b := make([]byte, 0, n)
	b = appendULEB(b, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0, opI32Const)
		b = appendSLEB(b, int64(int32(uint32(s.Offset))))
		b = append(b, opEnd)
		b = appendULEB(b, uint64(len(s.Data)))
		b = append(b, s.Data...)
	}
	return b
}

var (
	errTruncated = errors.New("the number is cut off")
	errTooLong   = errors.New("the number is too long")
)

// readULEB reads an unsigned LEB128 number of at most bits bits.
func readULEB(b []byte, bits uint) (uint64, int, error) {
	var v uint64
	var shift uint
	for i, c := range b {
		if shift >= bits {
			return 0, 0, errTooLong
		}
		v |= uint64(c&0x7f) << shift
		shift += 7
		if c < 0x80 {
			if bits < 64 && v>>bits != 0 {
				return 0, 0, errTooLong
			}
			return v, i + 1, nil
		}
	}
	return 0, 0, errTruncated
}

// readSLEB32 reads a signed LEB128 number of 32 bits.
func readSLEB32(b []byte) (int32, int, error) {
	var v int64
	var shift uint
	for i, c := range b {
		if shift >= 35 {
			return 0, 0, errTooLong
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c < 0x80 {
			if c&0x40 != 0 {
				v |= -1 << shift
			}
			if v < -1<<31 || v > 1<<31-1 {
				return 0, 0, errTooLong
			}
			return int32(v), i + 1, nil
		}
	}
	return 0, 0, errTruncated
}

func appendULEB(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
