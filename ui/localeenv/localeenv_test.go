package localeenv

import "testing"

func TestMend(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // LANGUAGE afterwards
	}{
		{"C.UTF-8 in LANG", map[string]string{"LANG": "C.UTF-8"}, "zh_CN"},
		{"POSIX.utf8 in LC_ALL", map[string]string{"LC_ALL": "POSIX.utf8", "LANG": "en_US.UTF-8"}, "zh_CN"},
		{"C.UTF-8 in LC_MESSAGES", map[string]string{"LC_MESSAGES": "C.UTF-8"}, "zh_CN"},
		{"plain C is understood", map[string]string{"LANG": "C"}, ""},
		{"a real locale", map[string]string{"LANG": "zh_CN.UTF-8"}, ""},
		{"LC_ALL wins over LANG", map[string]string{"LC_ALL": "en_GB.UTF-8", "LANG": "C.UTF-8"}, ""},
		{"LANGUAGE already set", map[string]string{"LANG": "C.UTF-8", "LANGUAGE": "en"}, "en"},
		{"nothing set", map[string]string{}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{}
			for k, v := range tc.env {
				env[k] = v
			}
			Mend(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if env["LANGUAGE"] != tc.want {
				t.Errorf("LANGUAGE = %q, want %q", env["LANGUAGE"], tc.want)
			}
		})
	}
}
