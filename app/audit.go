package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FieldChange is one field that differs between two versions of a record, with both values
// as text for the audit log.
type FieldChange struct {
	Field string
	Old   string
	New   string
}

var (
	metaType  = reflect.TypeFor[Meta]()
	dateType  = reflect.TypeFor[Date]()
	monthType = reflect.TypeFor[Month]()
	areaType  = reflect.TypeFor[Area]()
)

// Diff lists the fields whose values differ between old and new, two values of the same
// record type (a struct or a pointer to one). Fields are named by their JSON names; Meta and
// read-only fields (tagged `audit:"-"`) are skipped. Pass a zero value as old for a new
// record: every field that is set then appears with Old "".
func Diff(old, new any) []FieldChange {
	ov, nv := auditPair(old, new)
	var out []FieldChange
	for _, f := range auditedFields(nv.Type()) {
		a, b := auditText(ov.Field(f.index)), auditText(nv.Field(f.index))
		if a != b {
			out = append(out, FieldChange{Field: f.name, Old: a, New: b})
		}
	}
	return out
}

// Changed reports whether Diff(old, new) would list any field, without writing out the
// fields that are equal: the import planner asks it of every record a row merges into. Pass
// pointers to spare copying the records into interfaces.
func Changed(old, new any) bool {
	ov, nv := auditPair(old, new)
	for _, f := range auditedFields(nv.Type()) {
		if !sameAuditText(ov.Field(f.index), nv.Field(f.index)) {
			return true
		}
	}
	return false
}

func auditPair(old, new any) (reflect.Value, reflect.Value) {
	ov, nv := reflect.Indirect(reflect.ValueOf(old)), reflect.Indirect(reflect.ValueOf(new))
	if ov.Type() != nv.Type() {
		panic(fmt.Sprintf("app.Diff: %s vs %s", ov.Type(), nv.Type()))
	}
	return ov, nv
}

// auditField is a field the audit compares: its index and its JSON name.
type auditField struct {
	index int
	name  string
}

var auditFieldCache sync.Map // reflect.Type → []auditField

// auditedFields lists the fields of a record type the audit compares, in order.
func auditedFields(t reflect.Type) []auditField {
	if v, ok := auditFieldCache.Load(t); ok {
		return v.([]auditField)
	}
	var fields []auditField
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == metaType || !f.IsExported() || f.Tag.Get("audit") == "-" {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			name = f.Name
		}
		fields = append(fields, auditField{i, name})
	}
	auditFieldCache.Store(t, fields)
	return fields
}

// sameAuditText is auditText(a) == auditText(b), answered without the text where the kind
// allows it.
func sameAuditText(a, b reflect.Value) bool {
	switch a.Type() {
	case dateType, monthType, areaType:
		return auditText(a) == auditText(b)
	}
	switch a.Kind() {
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Slice, reflect.Map:
		if a.Len() == 0 && b.Len() == 0 {
			return true
		}
		if a.Len() == b.Len() && reflect.DeepEqual(a.Interface(), b.Interface()) {
			return true // equal values write equal JSON
		}
	}
	return auditText(a) == auditText(b)
}

// auditText renders a field value as the audit log shows it: plain text for scalars and
// dates, JSON for lists and nested values; empty lists and zero values as "".
func auditText(v reflect.Value) string {
	switch v.Type() {
	case dateType:
		return v.Interface().(Date).String()
	case monthType:
		return v.Interface().(Month).String()
	case areaType:
		if v.Int() == 0 {
			return ""
		}
		return strconv.FormatFloat(v.Interface().(Area).Mu(), 'f', -1, 64)
	}
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Bool:
		if v.Bool() {
			return "是"
		}
		return ""
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() == 0 {
			return ""
		}
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Slice, reflect.Map:
		if v.Len() == 0 {
			return ""
		}
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		if t, ok := v.Interface().(*time.Time); ok {
			return t.UTC().Format(time.RFC3339)
		}
	}
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return fmt.Sprint(v.Interface())
	}
	return string(b)
}
