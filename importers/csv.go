package importers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Text encodings.
const (
	EncUTF8    = "UTF-8"
	EncUTF8BOM = "UTF-8（带BOM）"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030/GBK"
)

// DecodeText turns a text file into UTF-8 and names its encoding: a UTF-8 BOM declares UTF-8
// (which must then be valid), a UTF-16 BOM declares UTF-16; without a BOM, valid UTF-8 is
// UTF-8 and anything else is read as GB18030 (a superset of GBK and GB2312, what Chinese
// Excel writes). NUL bytes outside UTF-16, invalid UTF-8 after a UTF-8 BOM and bytes that are
// not GB18030 either are refused with a Chinese reason.
func DecodeText(b []byte) (string, string, error) {
	if len(b) == 0 {
		return "", "", errors.New("文件是空的")
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		body := b[3:]
		if i := bytes.IndexByte(body, 0); i >= 0 {
			return "", "", fmt.Errorf("文件第%d行含有 NUL 字节，不是文本文件", lineOf(body, i))
		}
		if !utf8.Valid(body) {
			i := firstInvalidUTF8(body)
			return "", "", fmt.Errorf("文件声明为 UTF-8（带BOM），但第%d行含有无效的 UTF-8 字节", lineOf(body, i))
		}
		return string(body), EncUTF8BOM, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc, name := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), EncUTF16LE
		if b[0] == 0xFE {
			enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), EncUTF16BE
		}
		if len(b)%2 != 0 {
			return "", "", fmt.Errorf("文件声明为 %s，但长度为奇数字节，文件不完整", name)
		}
		out, err := enc.NewDecoder().Bytes(b)
		if err != nil {
			return "", "", fmt.Errorf("文件声明为 %s，但无法解码：%v", name, err)
		}
		s := string(out)
		if i := strings.IndexByte(s, 0); i >= 0 {
			return "", "", fmt.Errorf("文件第%d行含有 NUL 字符，不是文本文件", lineOf([]byte(s), i))
		}
		return s, name, nil
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", "", fmt.Errorf("文件第%d行含有 NUL 字节，不是文本文件（若为 UTF-16 文本，请另存为带 BOM 的 UTF-8）", lineOf(b, i))
	}
	if utf8.Valid(b) {
		return string(b), EncUTF8, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", errors.New("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030）")
	}
	s := string(out)
	if bad := strings.Count(s, "\uFFFD"); bad > 0 && bad*100 > utf8.RuneCountInString(s) {
		return "", "", errors.New("无法识别文件的文字编码（既不是 UTF-8 也不是 GBK/GB18030）")
	}
	return s, EncGB18030, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// lineOf is the 1-based line of byte offset i.
func lineOf(b []byte, i int) int { return bytes.Count(b[:min(i, len(b))], []byte{'\n'}) + 1 }

type csvSource struct {
	path, text, enc string
	info            SheetInfo
}

func openCSV(p, text, enc string, lim Limits) (*csvSource, error) {
	name := "CSV（" + enc + "）"
	return &csvSource{path: p, text: text, enc: enc, info: SheetInfo{Name: name, Rows: strings.Count(text, "\n") + 1}}, nil
}

func (s *csvSource) sheets() []SheetInfo { return []SheetInfo{s.info} }
func (s *csvSource) close() error        { return nil }

// sniffDelimiter picks the separator that splits the first lines most consistently:
// comma, tab (Excel's "Unicode text") or semicolon.
func sniffDelimiter(text string) rune {
	lines := strings.SplitN(text, "\n", 21)
	if len(lines) > 20 {
		lines = lines[:20]
	}
	best, bestScore := ',', -1
	for _, d := range []rune{',', '\t', ';'} {
		score := 0
		for _, l := range lines {
			inQuote, n := false, 0
			for _, r := range l {
				switch {
				case r == '"':
					inQuote = !inQuote
				case r == d && !inQuote:
					n++
				}
			}
			if n > 0 {
				score += n + 10
			}
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}

func (s *csvSource) grid(_ string, lim Limits) (*Grid, error) {
	text := strings.TrimPrefix(s.text, "\ufeff")
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sniffDelimiter(text)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	g := &Grid{Hidden: map[int]bool{}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, refuse(s.path, "第%d行的引号不配对（%v）", pe.StartLine, pe.Err)
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if len(g.Cells) >= lim.MaxRows {
			return nil, refuse(s.path, "超过 %d 行的导入上限", lim.MaxRows)
		}
		if len(rec) > lim.MaxCols {
			return nil, refuse(s.path, "第%d行有 %d 列，超过 %d 列的导入上限", line, len(rec), lim.MaxCols)
		}
		g.Cells = append(g.Cells, rec)
		g.RowNum = append(g.RowNum, line)
	}
	for len(g.Cells) > 0 && blankRow(g.Cells[len(g.Cells)-1]) {
		g.Cells, g.RowNum = g.Cells[:len(g.Cells)-1], g.RowNum[:len(g.RowNum)-1]
	}
	return g, nil
}
