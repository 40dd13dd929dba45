package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Importing a spreadsheet: package importers reads a file into an ImportFile (records per
// row, with the problems found in their cells); the ledger plans what each row does against
// the database (PreviewImport), the user changes the action of any row, and CommitImport
// writes the whole batch in one transaction after a backup. UndoImport takes a batch back.

// ImportColumn is one column of an import file: where it is, its header as the file writes
// it, and the field it fills ("" when ignored).
type ImportColumn struct {
	Index  int    `json:"index"`
	Letter string `json:"letter"`
	Header string `json:"header"`
	Field  string `json:"field"`
	Hidden bool   `json:"hidden,omitempty"`
}

// ImportProblem is a problem of one row, or of one cell when Column is set. Row is the row
// number the user sees in the spreadsheet (the card number in a vCard file).
type ImportProblem struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"` // column letter, "D"
	Header string `json:"header,omitempty"` // the column's header, "总投资（万元）"
	Reason string `json:"reason"`
}

// String names the row and column in Chinese: "第5行 D列（总投资）：…".
func (p ImportProblem) String() string {
	var b strings.Builder
	if p.Row > 0 {
		fmt.Fprintf(&b, "第%d行", p.Row)
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(p.Column + "列")
		if p.Header != "" {
			b.WriteString("（" + p.Header + "）")
		}
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// ImportRow is one data row as the reader understood it. A project row may name its investor
// (Enterprise) and a contact (Person); an enterprise row its contact; a contact row the
// person's company. Errors reject the row; warnings keep it with the doubtful value left out
// or as read.
type ImportRow struct {
	Row        int
	Project    *Project
	Enterprise *Enterprise
	Person     *Person
	Zone       string // 开发区 as written, resolved against the reference data
	Chain      string // 产业链 as written
	Errors     []ImportProblem
	Warnings   []ImportProblem
}

// ImportFile is a file read for import: its table, the mapping of its columns, its rows, and
// the rows set aside while reading (blank, totals and note rows), each with its reason.
type ImportFile struct {
	Path       string
	Format     string // xlsx, xls, csv, vcf
	Sheet      string
	HeaderRows []int
	Columns    []ImportColumn
	Primary    EntityKind // what each row is: a project, an enterprise or a person
	Targets    bool       // rows are target enterprises: new ones get priority C unless the file says otherwise
	RowsRead   int        // rows below the header, blank and set-aside rows included
	Rows       []ImportRow
	Skipped    []ImportProblem
	Warnings   []ImportProblem // about the file: hidden columns, unmapped columns
	Hash       string          // SHA-256 of the file, recorded with the batch

	// pending, while the reader is still reading the file, appends the next rows in order to
	// Rows (with RowsRead and Skipped) and reports whether more may come; expected is how
	// many rows there may be in all. See Stream.
	pending  func() bool
	expected int
}

// Stream lets a reader hand the file over before it has read every row: more appends the
// next rows to Rows, RowsRead and Skipped, in order, and reports whether more may come;
// expected bounds how many rows there will be (Rows should have that capacity, so that rows
// already handed over never move). Planning takes the rows as they come; Complete waits for
// them all. Rows, RowsRead and Skipped are the reader's to change until then, and every
// call of more is made from one goroutine at a time.
func (f *ImportFile) Stream(expected int, more func() bool) {
	f.pending, f.expected = more, expected
}

// Complete waits for every row of a file being streamed; afterwards Rows, RowsRead and
// Skipped are whole.
func (f *ImportFile) Complete() {
	for f.pending != nil {
		f.next()
	}
}

// next takes the next rows of a streamed file, if any.
func (f *ImportFile) next() {
	if f.pending != nil && !f.pending() {
		f.pending = nil
	}
}

// rowCount is how many rows the file has, or may have while it is streamed.
func (f *ImportFile) rowCount() int {
	if f.pending != nil {
		return max(f.expected, len(f.Rows))
	}
	return len(f.Rows)
}

// ImportAction is what a row does to the ledger.
type ImportAction string

// Import actions.
const (
	ImportCreate   ImportAction = "create" // a new record
	ImportUpdate   ImportAction = "update" // update the existing record it matches
	ImportMergeRow ImportAction = "merge"  // merge into the record of an earlier row of the file
	ImportSkip     ImportAction = "skip"   // leave the row out
)

// Label is the action's Chinese name.
func (a ImportAction) Label() string {
	switch a {
	case ImportCreate:
		return "新建"
	case ImportUpdate:
		return "更新已有"
	case ImportMergeRow:
		return "并入前行"
	case ImportSkip:
		return "跳过"
	}
	return string(a)
}

// ImportOutcome is how a row ends: every row ends as exactly one of these.
type ImportOutcome string

// Import outcomes.
const (
	OutcomeCreated  ImportOutcome = "created"
	OutcomeUpdated  ImportOutcome = "updated"
	OutcomeMerged   ImportOutcome = "merged"
	OutcomeSkipped  ImportOutcome = "skipped"
	OutcomeRejected ImportOutcome = "rejected"
)

// Label is the outcome's Chinese name.
func (o ImportOutcome) Label() string {
	switch o {
	case OutcomeCreated:
		return "新建"
	case OutcomeUpdated:
		return "更新"
	case OutcomeMerged:
		return "合并"
	case OutcomeSkipped:
		return "跳过"
	case OutcomeRejected:
		return "拒绝"
	}
	return string(o)
}

// ImportMatch is a proposed duplicate: the record of a row matches an existing record, or the
// record of an earlier row, for the reason given.
type ImportMatch struct {
	Row      int        `json:"row"`
	Kind     EntityKind `json:"kind"`
	RecordID string     `json:"record_id,omitempty"`
	Record   string     `json:"record"`              // the matched record's name
	OtherRow int        `json:"other_row,omitempty"` // the earlier row of the file, 0 for a record in the ledger
	Why      string     `json:"why"`
}

// ImportMerge says a row was merged into the record of an earlier row.
type ImportMerge struct {
	Row     int    `json:"row"`
	IntoRow int    `json:"into_row"`
	Why     string `json:"why"`
}

// PlannedRow is what committing would do with one row.
type PlannedRow struct {
	Row      int
	Label    string // the row's main record, for the preview
	Action   ImportAction
	Choices  []ImportAction // the actions the user may pick
	Outcome  ImportOutcome
	Reason   string // why it is skipped or rejected
	Match    *ImportMatch
	IntoRow  int // for a merge
	Errors   []ImportProblem
	Warnings []ImportProblem
}

// RecordCount counts the records of one kind a batch creates and updates, rows' linked
// records (investors, contacts) included.
type RecordCount struct {
	Kind    EntityKind `json:"kind"`
	Created int        `json:"created"`
	Updated int        `json:"updated"`
}

// ImportReport is the outcome of an import, row by row: every row read appears once among
// created, updated, merged, skipped or rejected.
type ImportReport struct {
	File       string          `json:"file"`
	Format     string          `json:"format"`
	Sheet      string          `json:"sheet"`
	HeaderRows []int           `json:"header_rows"`
	RowsRead   int             `json:"rows_read"`
	Created    int             `json:"created"`
	Updated    int             `json:"updated"`
	Merged     []ImportMerge   `json:"merged"`
	Skipped    []ImportProblem `json:"skipped"`
	Rejected   []ImportProblem `json:"rejected"`
	Warnings   []ImportProblem `json:"warnings"`
	Duplicates []ImportMatch   `json:"duplicates"`
	Records    []RecordCount   `json:"records"`
	Columns    []ImportColumn  `json:"columns"`
	DryRun     bool            `json:"dry_run"`
	Batch      string          `json:"batch,omitempty"`
	Backup     string          `json:"backup,omitempty"`
}

// RejectedRows is the number of distinct rows rejected.
func (r ImportReport) RejectedRows() int {
	seen := map[int]bool{}
	for _, p := range r.Rejected {
		seen[p.Row] = true
	}
	return len(seen)
}

// SkippedRows is the number of rows skipped.
func (r ImportReport) SkippedRows() int { return len(r.Skipped) }

// Summary is one Chinese sentence with the counts.
func (r ImportReport) Summary() string {
	verb := "已导入"
	if r.DryRun {
		verb = "预览（未写入）"
	}
	return fmt.Sprintf("%s：读取 %d 行，新建 %d，更新 %d，合并 %d，跳过 %d，拒绝 %d，提示 %d",
		verb, r.RowsRead, r.Created, r.Updated, len(r.Merged), r.SkippedRows(), r.RejectedRows(), len(r.Warnings))
}

// ImportBatch is a committed import as the ledger records it, for the list of batches and
// for undo.
type ImportBatch struct {
	ID       string     `json:"id"`
	File     string     `json:"file"`
	Sheet    string     `json:"sheet"`
	Hash     string     `json:"hash"`
	At       time.Time  `json:"at"`
	By       string     `json:"by"`
	Backup   string     `json:"backup"`
	RowsRead int        `json:"rows_read"`
	Created  int        `json:"created"`
	Updated  int        `json:"updated"`
	Report   string     `json:"-"` // the report as JSON
	UndoneAt *time.Time `json:"undone_at,omitempty"`
	UndoneBy string     `json:"undone_by,omitempty"`
}

// ImportChanges is what a batch writes: new records (with their first stage change), and
// new versions of existing records with the version each was read at.
type ImportChanges struct {
	Batch        ImportBatch
	Create       Dataset
	Enterprises  []Enterprise
	People       []Person
	Projects     []Project
	StageChanges []StageChange // stage moves of updated projects
	Read         map[string]time.Time
}

// KeptRecord is a record an undo left in place, and why.
type KeptRecord struct {
	Kind EntityKind `json:"kind"`
	ID   string     `json:"id"`
	Name string     `json:"name"`
	Why  string     `json:"why"`
}

// ImportUndo is what undoing a batch did.
type ImportUndo struct {
	Batch    string       `json:"batch"`
	Deleted  int          `json:"deleted"`
	Restored int          `json:"restored"`
	Kept     []KeptRecord `json:"kept"`
}

// ImportStore keeps import batches and remembered column mappings.
type ImportStore interface {
	// CommitImport writes a batch in one transaction: all of it or nothing. An updated record
	// changed since it was read gives ErrConflict; a credit code already used, ErrDuplicate.
	CommitImport(ctx context.Context, c ImportChanges) error
	// UndoImport deletes the records a batch created and restores the previous versions of
	// those it updated, keeping (and listing) records edited or linked to since.
	UndoImport(ctx context.Context, batchID, who string, at time.Time) (ImportUndo, error)
	// ImportBatches lists the batches, newest first.
	ImportBatches(ctx context.Context) ([]ImportBatch, error)
	// ImportMapping returns the fields remembered for a header key; ErrNotFound when none.
	ImportMapping(ctx context.Context, key string) ([]string, error)
	SaveImportMapping(ctx context.Context, key string, fields []string, at time.Time) error
}

// RowSpan writes sheet row numbers for a message: 3; 3–4 for a run; else 2、5.
func RowSpan(rows []int) string {
	run := len(rows) > 1
	for i := 1; i < len(rows); i++ {
		run = run && rows[i] == rows[i-1]+1
	}
	if run {
		return fmt.Sprintf("%d–%d", rows[0], rows[len(rows)-1])
	}
	parts := make([]string, len(rows))
	for i, r := range rows {
		parts[i] = strconv.Itoa(r)
	}
	return strings.Join(parts, "、")
}
