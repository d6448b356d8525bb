package lite

import (
	"strconv"
	"time"
)

// ParseTime parses an RFC 3339 time as time.Parse(time.RFC3339, s)
// does, and returns it in UTC truncated to the second: what Spanmark keeps
// of a time. Like time.Parse it accepts a one-digit hour, a comma before
// the fraction of a second and zone offsets up to 24:60; the tests compare
// the two. (time.Parse costs the browser program
// 60 KB of WebAssembly.)
func ParseTime(s string) (time.Time, bool) {
	if t, ok := parseUTC(s); ok {
		return t, true
	}
	num := func(s string) (int, bool) {
		n := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, s != ""
	}
	if len(s) < len("2006-01-02T1:04:05Z") {
		return time.Time{}, false
	}
	year, ok := num(s[:4])
	month, ok2 := num(s[5:7])
	day, ok3 := num(s[8:10])
	if !ok || !ok2 || !ok3 || s[4] != '-' || s[7] != '-' || s[10] != 'T' {
		return time.Time{}, false
	}
	s = s[11:]
	hourLen := 2
	if s[1] == ':' {
		hourLen = 1
	}
	hour, ok := num(s[:hourLen])
	s = s[hourLen:]
	if !ok || len(s) < len(":04:05Z") || s[0] != ':' || s[3] != ':' {
		return time.Time{}, false
	}
	minute, ok2 := num(s[1:3])
	sec, ok3 := num(s[4:6])
	if !ok2 || !ok3 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	s = s[6:]
	if len(s) >= 2 && (s[0] == '.' || s[0] == ',') && '0' <= s[1] && s[1] <= '9' {
		s = s[2:]
		for len(s) > 0 && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
	}
	offset := 0
	switch {
	case s == "Z":
	case len(s) == len("+07:00") && (s[0] == '+' || s[0] == '-') && s[3] == ':':
		hr, ok := num(s[1:3])
		mm, ok2 := num(s[4:6])
		if !ok || !ok2 || hr > 24 || mm > 60 {
			return time.Time{}, false
		}
		offset = (hr*60 + mm) * 60
		if s[0] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	if t.Day() != day { // 2026-02-30 is not a day
		return time.Time{}, false
	}
	return t.Add(-time.Duration(offset) * time.Second), true
}

// parseUTC parses the times Spanmark writes, "2006-01-02T15:04:05Z", five
// times faster than the general case of [ParseTime].
func parseUTC(s string) (time.Time, bool) {
	if len(s) != len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}, false
	}
	var n [6]int
	for i, at := range [6]int{0, 5, 8, 11, 14, 17} {
		w := 2
		if i == 0 {
			w = 4
		}
		for _, c := range []byte(s[at : at+w]) {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			n[i] = n[i]*10 + int(c-'0')
		}
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], 0, time.UTC)
	// time.Date normalises 2026-02-30 to March; RFC 3339 has no such day.
	if t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] || t.Hour() != n[3] || t.Minute() != n[4] || t.Second() != n[5] {
		return time.Time{}, false
	}
	return t, true
}

// FormatTime writes t in UTC to the second, as t.UTC().Format with the
// layout "2006-01-02T15:04:05Z" does, without time's general formatter
// (about 35 KB of WebAssembly).
func FormatTime(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	b := make([]byte, 0, len("2006-01-02T15:04:05Z"))
	if year < 0 {
		b = append(b, '-')
		year = -year
	}
	y := strconv.Itoa(year)
	for range 4 - len(y) {
		b = append(b, '0')
	}
	b = append(b, y...)
	for i, n := range [5]int{int(month), day, hour, minute, sec} {
		b = append(b, "--T::"[i])
		b = append(b, byte('0'+n/10), byte('0'+n%10))
	}
	return string(append(b, 'Z'))
}
