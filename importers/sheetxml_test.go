package importers

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// TestSheetXMLInPieces: a big sheet part is scanned in pieces at the same time; the grid is
// the one a single scan reads, rows numbered by their r attributes or, without one, after the
// row before; a damaged part whose cell runs across a piece's start is scanned again whole.
func TestSheetXMLInPieces(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData>`)
	for i := 1; i <= 3000; i++ {
		switch {
		case i%7 == 0: // no r attribute: the row after the one before
			fmt.Fprintf(&b, `<row><c t="s"><v>%d</v></c><c r="C%d" t="inlineStr"><is><t>第%d行&amp;</t></is></c></row>`, i%2, i, i)
		case i%11 == 0: // a gap of two rows
			fmt.Fprintf(&b, `<x:row r="%d"><x:c r="B%d"><x:v>%d.5</x:v></x:c></x:row>`, i+2, i+2, i)
		default:
			fmt.Fprintf(&b, `<row r="%d" spans="1:3"><c r="A%d"><v>%d</v></c><c r="B%d" s="1"/></row>`, i, i, i, i)
		}
	}
	b.WriteString(`</sheetData></worksheet>`)
	sound := b.String()
	// Damaged: the cells of rows 1401-1600 lose their </c>, so that the first reads on past
	// them all, across the middle where the second of two pieces starts.
	from, to := strings.Index(sound, `<row r="1401"`), strings.Index(sound, `<row r="1601"`)
	damaged := sound[:from] + strings.NewReplacer("</c>", "", "</x:c>", "").Replace(sound[from:to]) + sound[to:]
	body := []byte(damaged[len(`<worksheet>`) : len(damaged)-len(`</worksheet>`)])
	starts := splitAtRows(body, 2, 1024)
	if first := scanRows(body, 0, starts[1], nil, Limits{MaxRows: 10_000, MaxCols: 16}); first.err != nil || first.end <= starts[1] {
		t.Fatalf("the damaged part does not read across the second piece's start (%d, %v): it tests nothing", first.end-starts[1], first.err)
	}
	sst, lim := []string{"项目", "投资方"}, Limits{MaxRows: 10_000, MaxCols: 16}
	for _, doc := range []string{sound, damaged} {
		whole, err := parseSheetXMLIn([]byte(doc), sst, lim, 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		if doc == sound && (len(whole.Cells) < 3000 || whole.Cell(6, 0) != "投资方" || whole.Cell(6, 2) != "第7行&" || whole.Cell(0, 0) != "1") {
			t.Fatalf("single scan: %d rows, row 7 %q", len(whole.Cells), whole.Cells[6])
		}
		for _, parts := range []int{2, 3, 4} {
			if n := len(splitAtRows([]byte(doc)[len(`<worksheet>`):], parts, 1024)); n != parts {
				t.Fatalf("%d pieces asked, %d made", parts, n)
			}
			got, err := parseSheetXMLIn([]byte(doc), sst, lim, parts, 1024)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, whole) {
				t.Errorf("in %d pieces the grid differs from a single scan (damaged: %v)", parts, doc == damaged)
			}
		}
	}
	// Limits are kept in pieces as in one: the same refusal.
	for _, lim := range []Limits{{MaxRows: 2000, MaxCols: 16}, {MaxRows: 10_000, MaxCols: 2}} {
		_, want := parseSheetXMLIn([]byte(sound), sst, lim, 1, 0)
		_, got := parseSheetXMLIn([]byte(sound), sst, lim, 4, 1024)
		if want == nil || got == nil || got.Error() != want.Error() {
			t.Errorf("limits %+v: in pieces %v, whole %v", lim, got, want)
		}
	}
}

// TestCountRowTags: the rows counted from a stream, whatever the size of the reads, are the
// rows scanRows finds.
func TestCountRowTags(t *testing.T) {
	doc := []byte(`<sheetData><row r="1"><c><v>1</v></c></row><x:row r="2" spans="1:2"><x:c><x:v>2</x:v></x:c></x:row>` +
		`<row><c t="inlineStr"><is><t>a&lt;row b</t></is></c></row><rowBreaks/><row/><roww r="9"></roww></sheetData>`)
	want := len(scanRows(doc, 0, len(doc), nil, Limits{MaxRows: 100, MaxCols: 16}).rows)
	if want != 4 {
		t.Fatalf("scanRows finds %d rows in the sample, want 4", want)
	}
	for size := 128; size <= 160; size++ {
		padded := append(bytes.Repeat([]byte(" "), size-len(`<sheetData>`)/2), doc...) // tags across read boundaries
		if got, err := countRowTags(iotest.OneByteReader(bytes.NewReader(padded)), size); err != nil || got != want {
			t.Errorf("one byte at a time, buffer %d: %d rows, %v", size, got, err)
		}
		if got, err := countRowTags(bytes.NewReader(padded), size); err != nil || got != want {
			t.Errorf("buffer %d: %d rows, %v", size, got, err)
		}
	}
}
