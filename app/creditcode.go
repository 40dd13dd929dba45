package app

import (
	"fmt"
	"strings"
)

// creditAlphabet is the character set of the unified social credit code (GB 32100-2015): the
// digits and the capital letters without I, O, Z, S and V. A character's value is its index.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the weights 3^(i-1) mod 31 of the first 17 characters.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeCreditCode upper-cases a credit code and removes spaces and full-width forms, so
// that "９１３６ 0100..." and "913601..." compare equal. It does not validate.
func NormalizeCreditCode(s string) string {
	s = HalfWidth(s)
	s = strings.Map(func(r rune) rune {
		if isSpace(r) || r == '-' {
			return -1
		}
		return r
	}, s)
	return strings.ToUpper(s)
}

// CheckCreditCode validates a normalised unified social credit code: 18 characters from the
// GB 32100-2015 alphabet, a six-digit division code in positions 3–8, and the check
// character in position 18. The error is a Chinese sentence naming the problem.
func CheckCreditCode(code string) error {
	runes := []rune(code)
	if n := len(runes); n != 18 {
		return fmt.Errorf("统一社会信用代码应为18位，“%s”为%d位", code, n)
	}
	sum := 0
	for i := range 18 {
		c := runes[i]
		v := strings.IndexRune(creditAlphabet, c)
		if v < 0 {
			return fmt.Errorf("统一社会信用代码第%d位“%c”不是有效字符（不用I、O、Z、S、V）", i+1, c)
		}
		if i >= 2 && i <= 7 && (c < '0' || c > '9') {
			return fmt.Errorf("统一社会信用代码第3–8位应为行政区划数字，第%d位是“%c”", i+1, c)
		}
		if i < 17 {
			sum += v * creditWeights[i]
		}
	}
	want := creditAlphabet[(31-sum%31)%31]
	if byte(runes[17]) != want {
		return fmt.Errorf("统一社会信用代码“%s”校验位不符（应为%c），请核对是否抄错", code, want)
	}
	return nil
}

// CreditCheckChar returns the check character for the first 17 characters of a code; the
// demo generator uses it to make valid codes.
func CreditCheckChar(first17 string) byte {
	sum := 0
	for i := range 17 {
		sum += strings.IndexByte(creditAlphabet, first17[i]) * creditWeights[i]
	}
	return creditAlphabet[(31-sum%31)%31]
}
