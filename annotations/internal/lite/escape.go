package lite

import "strings"

// PathEscape escapes s as net/url's PathEscape does: every byte but
// letters, digits and "-_.~$&+:=@" as %XX with upper-case hex digits.
func PathEscape(s string) string {
	n := 0
	for i := 0; i < len(s); i++ {
		if shouldEscapeInPath(s[i]) {
			n++
		}
	}
	if n == 0 {
		return s
	}
	const upperHex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+2*n)
	for i := 0; i < len(s); i++ {
		if c := s[i]; shouldEscapeInPath(c) {
			b = append(b, '%', upperHex[c>>4], upperHex[c&0xF])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

func shouldEscapeInPath(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return false
	}
	return !strings.ContainsRune("-_.~$&+:=@", rune(c))
}

// PathUnescape undoes [PathEscape] as net/url's PathUnescape does: each %XX
// becomes the byte 0xXX, and a "%" not followed by two hex digits is an
// error.
func PathUnescape(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || Unhex(s[i+1]) < 0 || Unhex(s[i+2]) < 0 {
			return "", Errorf("invalid URL escape %q", s[i:min(i+3, len(s))])
		}
		b = append(b, byte(Unhex(s[i+1])<<4|Unhex(s[i+2])))
		i += 2
	}
	return string(b), nil
}

// Unhex returns the value of the hexadecimal digit c, or -1.
func Unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c - 'a' + 10)
	case 'A' <= c && c <= 'F':
		return int(c - 'A' + 10)
	}
	return -1
}
