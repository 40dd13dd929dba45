package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Returns (报表): the workbooks the team sends upward. The engine that reads templates and
// fills them lives in app/returns; what is kept in the ledger is declared here: the templates
// the user saved (a workbook and its mapping) and the archive of every return generated.

// ReturnTemplate is a workbook a return is filled from, saved with the mapping that says how.
// The mapping is kept as the JSON that app/returns reads and writes, so that the store needs
// to know nothing of its shape.
type ReturnTemplate struct {
	Meta
	Name     string          `json:"name"`
	FileName string          `json:"file_name"`
	File     []byte          `json:"-"`
	Hash     string          `json:"hash"` // SHA-256 of File, hex
	Mapping  json.RawMessage `json:"mapping"`
}

// ArchivedColumn is one column of a generated return as it was written.
type ArchivedColumn struct {
	Sheet  string `json:"sheet"`
	Col    string `json:"col"`    // column letter
	Header string `json:"header"` // the template's header text
	Field  string `json:"field"`  // the catalogue key, "" for a column left empty
}

// ArchivedRow is one record written to a return, with the text of every mapped column as it
// was written (in the order of ReturnArchive.Columns of the same sheet).
type ArchivedRow struct {
	Sheet    string   `json:"sheet"`
	Row      int      `json:"row"`  // the worksheet row
	Kind     string   `json:"kind"` // 项目, 基金投资, 活动形式, 开发区, 产业链
	RecordID string   `json:"record_id"`
	Label    string   `json:"label"`  // the record's name, for lists
	Change   string   `json:"change"` // 新增 or 变更 against the previous return of the template; "" unchanged
	Values   []string `json:"values"`
}

// ReturnArchive is a generated return: the file as sent, its hash, the template and period it
// was made from, and the records and values written.
type ReturnArchive struct {
	Meta
	TemplateKey  string           `json:"template_key"` // "builtin:<name>" or the ID of a saved template
	TemplateName string           `json:"template_name"`
	Period       Month            `json:"period"`
	FileName     string           `json:"file_name"`
	File         []byte           `json:"-"`
	Hash         string           `json:"hash"` // SHA-256 of File, hex
	Columns      []ArchivedColumn `json:"columns"`
	RowCount     int              `json:"row_count"`
	NewCount     int              `json:"new_count"`     // records not in the previous return
	ChangedCount int              `json:"changed_count"` // records whose values changed since
	RemovedCount int              `json:"removed_count"` // records of the previous return not in this one
	// Rows are read by Return (one archive), not by Returns (the list).
	Rows []ArchivedRow `json:"rows,omitempty"`
}

// ReturnStore keeps return templates and the archive of generated returns.
type ReturnStore interface {
	CreateReturnTemplate(ctx context.Context, t ReturnTemplate) error
	UpdateReturnTemplate(ctx context.Context, t ReturnTemplate, read time.Time) error
	ReturnTemplate(ctx context.Context, id string) (ReturnTemplate, error)
	// ReturnTemplates lists the live saved templates by name, files included.
	ReturnTemplates(ctx context.Context) ([]ReturnTemplate, error)

	// CreateReturn archives a generated return with its rows in one transaction.
	CreateReturn(ctx context.Context, r ReturnArchive) error
	// Returns lists the archive, newest first, without files and rows; templateKey ""
	// lists every template's returns.
	Returns(ctx context.Context, templateKey string) ([]ReturnArchive, error)
	// Return reads one archived return with its file and rows.
	Return(ctx context.Context, id string) (ReturnArchive, error)
}

// FileHash is the hex SHA-256 of a file, as templates and returns record it.
func FileHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// SaveReturnTemplate creates or updates a saved template. The hash is recomputed from the
// file; a template needs a name, a .xlsx file and a mapping.
func (l *Ledger) SaveReturnTemplate(ctx context.Context, t *ReturnTemplate) error {
	t.Name, t.FileName = CleanText(t.Name), CleanText(t.FileName)
	pr := problems{entity: "报表模板"}
	checkName(&pr, "name", "模板名称", t.Name)
	if len(t.File) == 0 {
		pr.add("file", "模板文件为空")
	} else if !strings.EqualFold(filepath.Ext(t.FileName), ".xlsx") {
		pr.add("file", fmt.Sprintf("模板文件“%s”应为 .xlsx 工作簿", t.FileName))
	}
	if len(t.Mapping) == 0 || !json.Valid(t.Mapping) {
		pr.add("mapping", "模板缺少列对应关系")
	}
	if err := pr.err(); err != nil {
		return err
	}
	t.Hash = FileHash(t.File)
	err := save(ctx, l, t, &t.Meta, l.store.CreateReturnTemplate, l.store.UpdateReturnTemplate)
	if errors.Is(err, ErrDuplicate) {
		return &ValidationError{Entity: "报表模板", Problems: []FieldError{{"name", fmt.Sprintf("已有名为“%s”的模板", t.Name)}}}
	}
	return err
}

// ArchiveReturn stamps and archives a generated return; its hash is computed from the file.
func (l *Ledger) ArchiveReturn(ctx context.Context, r *ReturnArchive) error {
	if len(r.File) == 0 {
		return fmt.Errorf("报表“%s”没有文件，无法归档", r.FileName)
	}
	r.Hash = FileHash(r.File)
	now := l.stampTime(time.Time{})
	r.ID, r.CreatedAt, r.UpdatedAt, r.UpdatedBy = NewID(), now, now, l.User()
	r.RowCount = len(r.Rows)
	if err := l.store.CreateReturn(ctx, *r); err != nil {
		r.ID = ""
		return err
	}
	return nil
}
