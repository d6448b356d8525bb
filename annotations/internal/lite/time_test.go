package lite

import (
	"testing"
	"time"
)

// parseTimeReference is what ParseTime must do.
func parseTimeReference(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, s)
	return t.UTC().Truncate(time.Second), err == nil
}

var rfc3339Cases = []string{
	"2025-02-18T09:30:00Z", "2025-02-18T09:30:00.5Z", "2025-02-18T09:30:00,123456789012Z",
	"2025-02-18T09:30:00+01:00", "2025-02-18T09:30:00-07:30", "2025-02-18T09:30:00.999+24:60",
	"2025-02-18T9:30:00Z", "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59-24:00",
	"2025-02-29T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z",
	"2025-02-00T00:00:00Z", "2025-02-18T24:00:00Z", "2025-02-18T09:60:00Z", "2025-02-18T09:30:60Z",
	"2025-02-18T09:30:00", "2025-02-18t09:30:00Z", "2025-02-18T09:30:00z", "2025-02-18 09:30:00Z",
	"2025-02-18T09:30:00+25:00", "2025-02-18T09:30:00+01:61", "2025-02-18T09:30:00+0100",
	"2025-02-18T09:30:00.Z", "2025-02-18T09:30:00ZZ", "+025-02-18T09:30:00Z", "-025-02-18T09:30:00Z",
	"2025-2-18T09:30:00Z", "2025-02-8T09:30:00Z", "2025-02-18T09:3:00Z", "2025-02-18T09:30:0Z",
	"2025-02-18T009:30:00Z", "", "2025", "2025-02-18T09:30:00.1234567891+01:00", "2025-02-18T09:30:00*01:00",
}

func TestParseTime(t *testing.T) {
	for _, s := range rfc3339Cases {
		want, wantOK := parseTimeReference(s)
		got, ok := ParseTime(s)
		if ok != wantOK || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range rfc3339Cases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, wantOK := parseTimeReference(s)
		got, ok := ParseTime(s)
		if ok != wantOK || (ok && !got.Equal(want)) {
			t.Fatalf("ParseTime(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
		}
	})
}

func TestFormatTime(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2026, 11, 27, 9, 5, 3, 999, time.UTC),
		time.Date(1999, 1, 2, 23, 59, 59, 0, time.FixedZone("x", -5*3600)),
		time.Date(9, 12, 31, 0, 0, 0, 0, time.UTC),
		time.Date(-44, 3, 15, 12, 0, 0, 0, time.UTC),
		time.Date(12345, 6, 7, 8, 9, 10, 0, time.UTC),
		time.Unix(0, 0),
	} {
		want := tm.UTC().Format("2006-01-02T15:04:05Z")
		if got := FormatTime(tm); got != want {
			t.Errorf("FormatTime(%v) = %q, want %q", tm, got, want)
		}
	}
}

func FuzzFormatTime(f *testing.F) {
	f.Add(int64(0))
	f.Add(int64(1795000000))
	f.Fuzz(func(t *testing.T, sec int64) {
		sec %= 400000000000 // years -10700 to 14600
		tm := time.Unix(sec, 0)
		if got, want := FormatTime(tm), tm.UTC().Format("2006-01-02T15:04:05Z"); got != want {
			t.Fatalf("FormatTime(%d) = %q, want %q", sec, got, want)
		}
	})
}
