package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// utf8BOM starts a CSV file so that Excel on a Chinese Windows reads it as UTF-8, not GBK.
const utf8BOM = "\ufeff"

// CSV writes the same table as XLSX to comma-separated text: UTF-8 with a byte-order mark,
// CRLF line ends, the header first. Text that a spreadsheet would take for a formula (it
// starts with =, +, -, @, a tab or a carriage return) is escaped with a leading apostrophe,
// so that opening an export never runs what a user typed into a name. Numbers are written
// as they are; nil is an empty field; a Stringer (app.Date, app.Month) writes its String;
// true and false are 是 and 否.
func CSV(w io.Writer, cols []Column, n int, row func(i int) []any) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return fmt.Errorf("导出 CSV：%w", err)
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	record := make([]string, len(cols))
	for i, c := range cols {
		record[i] = escapeFormula(c.Title)
	}
	if err := cw.Write(record); err != nil {
		return fmt.Errorf("导出 CSV 表头：%w", err)
	}
	for i := range n {
		vs := values(cols, row(i))
		for j := range record {
			record[j] = ""
			if j < len(vs) {
				record[j] = csvField(vs[j])
			}
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("导出 CSV 第%d行：%w", i+1, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("导出 CSV：%w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("写出 CSV：%w", err)
	}
	return nil
}

// csvField writes one value as CSV text.
func csvField(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return escapeFormula(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case uint64:
		return strconv.FormatUint(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32)
	case bool:
		if x {
			return "是"
		}
		return "否"
	case time.Time:
		return x.Format("2006-01-02 15:04:05")
	case fmt.Stringer:
		return escapeFormula(x.String())
	}
	return escapeFormula(fmt.Sprint(v))
}

// escapeFormula puts an apostrophe before text a spreadsheet would evaluate.
func escapeFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
