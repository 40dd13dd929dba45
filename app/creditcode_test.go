package app

import (
	"fmt"
	"strings"
	"testing"
)

// withCheck completes the first 17 characters of a credit code with its check character.
func withCheck(first17 string) string { return first17 + string(CreditCheckChar(first17)) }

// wrongCheck replaces the check character of a valid code with another valid character.
func wrongCheck(code string) string {
	last := code[17]
	for i := range len(creditAlphabet) {
		if c := creditAlphabet[i]; c != last {
			return code[:17] + string(c)
		}
	}
	panic("unreachable")
}

func TestCheckCreditCodeValid(t *testing.T) {
	tests := []struct {
		name string
		code string
	}{
		{"published code, Fujian", "91350100M000100Y43"},
		{"published code, Shenzhen", "91440300708461136T"},
		{"built: Nanchang company", withCheck("91360100MA35ABCD1")},
		{"built: all digits", withCheck("91360700000000000")},
		{"built: institution prefix 12", withCheck("12360000491000123")},
		{"built: letters in the organisation part", withCheck("92361100MA3XYWUT9")},
		{"built: check character may be 0", findCode(t, '0')},
		{"built: check character may be a letter", findCode(t, 'Y')},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := CheckCreditCode(tc.code); err != nil {
				t.Errorf("CheckCreditCode(%q) = %v, want nil", tc.code, err)
			}
		})
	}
}

// findCode builds a valid code whose check character is want, by varying one digit.
func findCode(t *testing.T, want byte) string {
	t.Helper()
	for i := range 1_000_000 {
		first17 := "91360100MA" + leftPad(i, 7)
		if CreditCheckChar(first17) == want {
			return withCheck(first17)
		}
	}
	t.Fatalf("no code with check character %c", want)
	return ""
}

func leftPad(n, width int) string { return fmt.Sprintf("%0*d", width, n) }

func TestCheckCreditCodeInvalid(t *testing.T) {
	valid := "91350100M000100Y43"
	tests := []struct {
		name string
		code string
		want []string // substrings of the Chinese message
	}{
		{"wrong check character", "91350100M000100Y44", []string{"校验位", "应为3"}},
		{"wrong check character, built code", wrongCheck(withCheck("91360100MA35ABCD1")), []string{"校验位"}},
		{"two digits swapped", "91351000M000100Y43", []string{"校验位"}},
		{"17 characters", valid[:17], []string{"18位", "17位"}},
		{"19 characters", valid + "1", []string{"18位", "19位"}},
		{"empty", "", []string{"18位", "0位"}},
		{"lowercase not normalised", "91350100m000100y43", []string{"第9位", "不是有效字符"}},
		{"forbidden letter I", withCheck("91360100I00000001"), []string{"第9位", "“I”", "不用I、O、Z、S、V"}},
		{"forbidden letter O", withCheck("91360100MO0000001"), []string{"第10位", "“O”"}},
		{"forbidden letter Z", withCheck("91360100MA0000Z01"), []string{"第15位", "“Z”"}},
		{"forbidden letter S", "91360100MA35ABCD1S", []string{"第18位", "“S”"}},
		{"forbidden letter V", "V1360100MA35ABCD1A", []string{"第1位", "“V”"}},
		{"punctuation", "91360100MA35ABC.12", []string{"第16位"}},
		// The division code must be digits even when the check character is right.
		{"letter in position 3", withCheck("91A60100MA35ABCD1"), []string{"第3–8位", "行政区划", "第3位是“A”"}},
		{"letter in position 5", withCheck("9136B100MA35ABCD1"), []string{"第3–8位", "第5位是“B”"}},
		{"letter in position 8", withCheck("9136010XMA35ABCD1"), []string{"第3–8位", "第8位是“X”"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckCreditCode(tc.code)
			if err == nil {
				t.Fatalf("CheckCreditCode(%q) = nil, want an error", tc.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if !strings.Contains(err.Error(), "统一社会信用代码") {
				t.Errorf("error %q does not name the field", err)
			}
		})
	}
}

func TestCheckCreditCodeNonASCII(t *testing.T) {
	for _, code := range []string{"91350100M000100Y4中", "中1350100M000100Y43"} {
		err := CheckCreditCode(code)
		if err == nil || !strings.Contains(err.Error(), "中") {
			t.Errorf("CheckCreditCode(%q) = %v, want a message quoting “中”", code, err)
		}
	}
}

func TestNormalizeCreditCode(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  string
		valid bool
	}{
		{"already clean", "91350100M000100Y43", "91350100M000100Y43", true},
		{"lowercase", "91350100m000100y43", "91350100M000100Y43", true},
		{"lowercase check letter", "91440300708461136t", "91440300708461136T", true},
		{"full-width digits and letters", "９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43", true},
		{"full-width lowercase", "９１３５０１００ｍ０００１００ｙ４３", "91350100M000100Y43", true},
		{"spaces inside", "9135 0100 M000 100Y 43", "91350100M000100Y43", true},
		{"ideographic space and NBSP", "\u30009135\u00a00100M000100Y43\u3000", "91350100M000100Y43", true},
		{"tab, newline and BOM", "\ufeff91350100\tM000100Y43\n", "91350100M000100Y43", true},
		{"dashes", "913501-00M000-100Y43", "91350100M000100Y43", true},
		{"full-width dash", "91350100－M000100Y43", "91350100M000100Y43", true},
		{"lowercase i stays forbidden", "91360100i00000001x", "91360100I00000001X", false},
		{"normalising does not fix a wrong check", "９１３５０１００Ｍ０００１００Ｙ４４", "91350100M000100Y44", false},
		{"empty", "  ", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := NormalizeCreditCode(tc.in)
			if got != tc.want {
				t.Fatalf("NormalizeCreditCode(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if err := CheckCreditCode(got); (err == nil) != tc.valid {
				t.Errorf("CheckCreditCode(%q) = %v, want valid=%v", got, err, tc.valid)
			}
		})
	}
}

func TestCreditCheckChar(t *testing.T) {
	tests := []struct {
		first17 string
		want    byte
	}{
		{"91350100M000100Y4", '3'},
		{"91440300708461136", 'T'},
	}
	for _, tc := range tests {
		t.Run(tc.first17, func(t *testing.T) {
			if got := CreditCheckChar(tc.first17); got != tc.want {
				t.Errorf("CreditCheckChar(%q) = %c, want %c", tc.first17, got, tc.want)
			}
		})
	}
	t.Run("every built code passes", func(t *testing.T) {
		for i := range 2000 {
			code := withCheck("91360100MA" + leftPad(i*4999, 7))
			if err := CheckCreditCode(code); err != nil {
				t.Fatalf("%s: %v", code, err)
			}
		}
	})
}
