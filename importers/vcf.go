package importers

import (
	"bytes"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// vCard 2.1, 3.0 and 4.0 as phones export them: folded lines, quoted-printable UTF-8 with
// soft line breaks (old Android), CHARSET parameters, TYPE lists and bare 2.1 types. Each card
// becomes a row of a table with fixed headers, so that contacts go through the same mapping
// and preview as spreadsheets.

// vcardHeaders are the columns a vCard file is read into.
var vcardHeaders = []string{"姓名", "手机", "单位", "部门", "职务", "邮箱", "地址", "备注"}

func isVCard(text string) bool {
	t := strings.TrimLeft(strings.TrimPrefix(text, "\ufeff"), " \t\r\n")
	return len(t) >= 11 && strings.EqualFold(t[:11], "BEGIN:VCARD")
}

type vcardSource struct {
	path string
	raw  []byte
	info SheetInfo
}

func openVCard(p string, raw []byte, lim Limits) (*vcardSource, error) {
	n := bytes.Count(bytes.ToUpper(raw), []byte("BEGIN:VCARD"))
	return &vcardSource{path: p, raw: raw, info: SheetInfo{Name: "通讯录（vCard）", Rows: n + 1, Cols: len(vcardHeaders)}}, nil
}

func (s *vcardSource) sheets() []SheetInfo { return []SheetInfo{s.info} }
func (s *vcardSource) close() error        { return nil }

// vcardLine is one property of a card, unfolded.
type vcardLine struct {
	name   string
	params map[string][]string
	value  string
}

// rawLines splits the file into lines, unfolding continuation lines (a leading space or tab)
// and quoted-printable soft breaks (a line ending in "=").
func rawLines(raw []byte) []string {
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var out []string
	for _, l := range strings.Split(text, "\n") {
		switch {
		case len(out) > 0 && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")):
			out[len(out)-1] += l[1:]
		case len(out) > 0 && strings.HasSuffix(out[len(out)-1], "=") && isQP(out[len(out)-1]):
			out[len(out)-1] = out[len(out)-1][:len(out[len(out)-1])-1] + l
		default:
			out = append(out, l)
		}
	}
	return out
}

func isQP(line string) bool {
	head, _, ok := strings.Cut(line, ":")
	return ok && strings.Contains(strings.ToUpper(head), "QUOTED-PRINTABLE")
}

func parseVCardLine(l string) (vcardLine, bool) {
	head, value, ok := strings.Cut(l, ":")
	if !ok {
		return vcardLine{}, false
	}
	parts := strings.Split(head, ";")
	name := strings.ToUpper(parts[0])
	if i := strings.LastIndexByte(name, '.'); i >= 0 { // item1.TEL
		name = name[i+1:]
	}
	v := vcardLine{name: name, params: map[string][]string{}, value: value}
	for _, p := range parts[1:] {
		k, val, ok := strings.Cut(p, "=")
		if !ok { // vCard 2.1 bare type: TEL;CELL
			v.params["TYPE"] = append(v.params["TYPE"], strings.ToUpper(p))
			if strings.EqualFold(p, "QUOTED-PRINTABLE") {
				v.params["ENCODING"] = []string{"QUOTED-PRINTABLE"}
			}
			continue
		}
		k = strings.ToUpper(k)
		for _, x := range strings.Split(strings.Trim(val, `"`), ",") {
			v.params[k] = append(v.params[k], strings.ToUpper(x))
		}
	}
	v.value = decodeVCardValue(v)
	return v, true
}

// decodeVCardValue undoes quoted-printable and a non-UTF-8 charset.
func decodeVCardValue(v vcardLine) string {
	b := []byte(v.value)
	if enc := v.params["ENCODING"]; len(enc) > 0 && enc[0] == "QUOTED-PRINTABLE" {
		if d, err := readLimited(quotedprintable.NewReader(bytes.NewReader(b)), 1<<20); err == nil {
			b = d
		}
	}
	cs := ""
	if c := v.params["CHARSET"]; len(c) > 0 {
		cs = c[0]
	}
	if !utf8.Valid(b) || cs == "GBK" || cs == "GB2312" || cs == "GB18030" {
		if d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b); err == nil {
			b = d
		}
	}
	return string(b)
}

// unescape undoes vCard escapes in a text value.
func unescape(s string) string {
	return strings.NewReplacer(`\n`, " ", `\N`, " ", `\,`, ",", `\;`, ";", `\\`, `\`).Replace(s)
}

// splitStructured splits a structured value (N, ORG, ADR) on unescaped semicolons.
func splitStructured(s string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			cur.WriteByte(s[i])
			cur.WriteByte(s[i+1])
			i++
		case s[i] == ';':
			out = append(out, unescape(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(s[i])
		}
	}
	return append(out, unescape(cur.String()))
}

func (s *vcardSource) grid(_ string, lim Limits) (*Grid, error) {
	g := &Grid{Cells: [][]string{vcardHeaders}, RowNum: []int{0}, Hidden: map[int]bool{}}
	var card []string
	var fn, n, org, dept, title, email, adr, note string
	var phones []string
	in := false
	for _, l := range rawLines(s.raw) {
		if strings.TrimSpace(l) == "" {
			continue
		}
		v, ok := parseVCardLine(l)
		if !ok {
			continue
		}
		switch v.name {
		case "BEGIN":
			in = true
			fn, n, org, dept, title, email, adr, note, phones = "", "", "", "", "", "", "", "", nil
		case "END":
			if !in {
				continue
			}
			in = false
			name := fn
			if name == "" {
				name = n
			}
			card = []string{name, strings.Join(phones, "；"), org, dept, title, email, adr, note}
			if len(g.Cells) > lim.MaxRows {
				return nil, refuse(s.path, "名片超过 %d 张的导入上限", lim.MaxRows)
			}
			g.Cells = append(g.Cells, card)
			g.RowNum = append(g.RowNum, len(g.Cells)-1)
		case "FN":
			fn = strings.TrimSpace(unescape(v.value))
		case "N":
			parts := splitStructured(v.value)
			// Family name, then given names: Chinese names are written without a space.
			if len(parts) > 1 {
				n = strings.TrimSpace(parts[0]) + strings.TrimSpace(parts[1])
			} else {
				n = strings.TrimSpace(parts[0])
			}
		case "TEL":
			tel := strings.TrimPrefix(strings.TrimSpace(v.value), "tel:")
			if tel != "" {
				phones = append(phones, tel)
			}
		case "ORG":
			parts := splitStructured(v.value)
			org = strings.TrimSpace(parts[0])
			if len(parts) > 1 {
				dept = strings.TrimSpace(strings.Join(parts[1:], " "))
			}
		case "TITLE":
			title = strings.TrimSpace(unescape(v.value))
		case "EMAIL":
			if email == "" {
				email = strings.TrimSpace(v.value)
			}
		case "ADR":
			if adr == "" {
				var parts []string
				for _, p := range splitStructured(v.value) {
					if p = strings.TrimSpace(p); p != "" {
						parts = append(parts, p)
					}
				}
				adr = strings.Join(parts, " ")
			}
		case "NOTE":
			note = strings.TrimSpace(unescape(v.value))
		}
	}
	return g, nil
}
