package crypt

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"
)

// fuzzPass opens the seed files; mutated files are opened with it too.
const fuzzPass = "正确的密码 2026"

// FuzzDecrypt feeds the encrypted-backup reader damaged age files, as a user might pick any
// file on a USB stick to restore from: Decrypt and reading its plain text must end in the
// plain text or an error, never a panic; a file without the age header is ErrNotEncrypted.
// The seeds use a low scrypt cost so that each run is quick.
func FuzzDecrypt(f *testing.F) {
	for _, plain := range [][]byte{[]byte("SQLite format 3\x00"), bytes.Repeat([]byte("赣州经开区招商台账，"), 7000)} {
		var buf bytes.Buffer
		w, err := Encrypt(&buf, fuzzPass, 2)
		if err != nil {
			f.Fatal(err)
		}
		w.Write(plain)
		if err := w.Close(); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte(magic + "-> scrypt AAAA 2\n--- x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if costly(b) {
			t.Skip("scrypt cost above 2^10: a slow run per input would outlast a short fuzz time")
		}
		r, err := Decrypt(bytes.NewReader(b), fuzzPass)
		if err != nil {
			if !bytes.HasPrefix(b, []byte(magic)) && !errors.Is(err, ErrNotEncrypted) {
				t.Fatalf("a file without the age header: %v, want ErrNotEncrypted", err)
			}
			return
		}
		io.Copy(io.Discard, r)
	})
}

// costly reports whether a file asks for an scrypt work factor above 10 (age accepts up to 22,
// 4 GiB of memory): the fuzzer would spend its time in scrypt rather than in the reader.
func costly(b []byte) bool {
	for _, line := range strings.Split(string(b[:min(len(b), 4096)]), "\n") {
		f := strings.Fields(line)
		if len(f) >= 4 && f[0] == "->" && f[1] == "scrypt" {
			if n, err := strconv.Atoi(f[3]); err == nil && n > 10 {
				return true
			}
		}
	}
	return false
}
