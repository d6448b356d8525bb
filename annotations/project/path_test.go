package project

import "testing"

func TestResolvePath(t *testing.T) {
	for _, tc := range []struct {
		name, base, rel, want string
		wantErr               bool
	}{
		{name: "sibling_folder", base: "demo/project.json", rel: "articles/d1.txt", want: "demo/articles/d1.txt"},
		{name: "site_root", base: "project.json", rel: "a.txt", want: "a.txt"},
		{name: "rooted_base", base: "/p/project.json", rel: "a.txt", want: "/p/a.txt"},
		{name: "escaped", base: "demo/project.json", rel: "articles/d 1#2?.txt", want: "demo/articles/d%201%232%3F.txt"},
		{name: "dots_inside", base: "demo/project.json", rel: "./a/../b.txt", want: "demo/b.txt"},
		{name: "person_given", base: "", rel: "demo/project.json", want: "demo/project.json"},
		{name: "climbs", base: "demo/project.json", rel: "../sample.txt", wantErr: true},
		{name: "scheme", base: "demo/project.json", rel: "javascript:alert(1)", wantErr: true},
		{name: "data", base: "demo/project.json", rel: "data:,x", wantErr: true},
		{name: "rooted_rel", base: "demo/project.json", rel: "/a.txt", wantErr: true},
		{name: "backslash", base: "demo/project.json", rel: "a\\b.txt", wantErr: true},
		{name: "folder_only", base: "demo/project.json", rel: "a/..", wantErr: true},
		{name: "control", base: "demo/project.json", rel: "a\x00.txt", wantErr: true},
		{name: "base_other_host", base: "//evil.example/project.json", rel: "a.txt", wantErr: true},
		{name: "base_scheme", base: "https://evil.example/project.json", rel: "a.txt", wantErr: true},
		{name: "base_climbs", base: "../project.json", rel: "a.txt", wantErr: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ResolvePath(tc.base, tc.rel)
			if tc.wantErr {
				if err == nil {
					t.Errorf("ResolvePath(%q, %q) = %q, want an error", tc.base, tc.rel, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("ResolvePath(%q, %q) = %q, %v; want %q", tc.base, tc.rel, got, err, tc.want)
			}
		})
	}
}
