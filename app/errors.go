package app

import (
	"errors"
	"strings"
)

// Errors the store returns at its boundary; compare with errors.Is.
var (
	// ErrNotFound: the record does not exist (or is in the recycle bin where that matters).
	ErrNotFound = errors.New("记录不存在")
	// ErrConflict: the record changed since it was read; reload and apply the edit again.
	ErrConflict = errors.New("记录已被修改，请刷新后重试")
	// ErrDuplicate: a unique key (e.g. 统一社会信用代码) is already used by another record.
	ErrDuplicate = errors.New("记录重复")
)

// FieldError is one validation problem: the field it concerns (the JSON name, so the UI can
// put the message beside the right widget) and a Chinese message for the user.
type FieldError struct {
	Field   string
	Message string
}

func (e FieldError) Error() string { return e.Message }

// ValidationError collects every problem found in one record, so a form can show them all at
// once instead of one per save.
type ValidationError struct {
	Entity   string // Chinese name of the record kind, e.g. "项目"
	Problems []FieldError
}

func (e *ValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
	}
	return e.Entity + "信息有误：" + strings.Join(msgs, "；")
}

// For returns the message for a field, or "" when the field has no problem.
func (e *ValidationError) For(field string) string {
	for _, p := range e.Problems {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

// problems accumulates field errors while a record is checked.
type problems struct {
	entity string
	list   []FieldError
}

func (p *problems) add(field, msg string) { p.list = append(p.list, FieldError{field, msg}) }

// err returns nil when nothing was added, so callers can `return p.err()`.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return &ValidationError{Entity: p.entity, Problems: p.list}
}

// FieldProblems returns the field errors inside err, if it is (or wraps) a ValidationError.
func FieldProblems(err error) []FieldError {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Problems
	}
	return nil
}
