package cli

import (
	"flag"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	const usage = "usage: go run ./tools/try [-n 1]"
	const flags = "  -n count\n    \thow many (count) (default 1)\n"
	tests := []struct {
		name       string
		args       []string
		wantOK     bool
		wantStatus int
		wantStderr string
		wantN      int
	}{
		{name: "none", wantOK: true, wantN: 1},
		{name: "flag", args: []string{"-n", "3"}, wantOK: true, wantN: 3},
		{name: "help", args: []string{"-h"}, wantStderr: usage + "\n" + flags},
		{name: "unknown_flag", args: []string{"-x"}, wantStatus: 2,
			wantStderr: "flag provided but not defined: -x\n" + usage + "\n" + flags},
		{name: "bad_value", args: []string{"-n", "many"}, wantStatus: 2,
			wantStderr: "invalid value \"many\" for flag -n: parse error\n" + usage + "\n" + flags},
		{name: "argument", args: []string{"-n", "2", "dist"}, wantStatus: 2,
			wantStderr: "try: unexpected argument \"dist\"\n" + usage + "\n" + flags},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("try", flag.ContinueOnError)
			n := fs.Int("n", 1, "how many (`count`)")
			var stderr strings.Builder
			status, ok := Parse(fs, usage, tt.args, &stderr)
			if ok != tt.wantOK || status != tt.wantStatus {
				t.Errorf("Parse(%q) = %d, %v; want %d, %v", tt.args, status, ok, tt.wantStatus, tt.wantOK)
			}
			if ok && *n != tt.wantN {
				t.Errorf("Parse(%q): -n %d, want %d", tt.args, *n, tt.wantN)
			}
			if diff := cmp.Diff(tt.wantStderr, stderr.String()); diff != "" {
				t.Errorf("Parse(%q) stderr (-want +got):\n%s", tt.args, diff)
			}
		})
	}
}
