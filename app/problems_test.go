package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// problemFields returns the distinct fields named by the validation problems in err, sorted.
func problemFields(err error) []string {
	var out []string
	for _, p := range FieldProblems(err) {
		if !slices.Contains(out, p.Field) {
			out = append(out, p.Field)
		}
	}
	slices.Sort(out)
	return out
}

// wantFields fails the test unless err names exactly the given fields (in any order); no
// fields means err must be nil.
func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	want := slices.Clone(fields)
	slices.Sort(want)
	want = slices.Compact(want)
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("want no error, got %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("want problems on %v, got no error", want)
	}
	if FieldProblems(err) == nil {
		t.Fatalf("want a *ValidationError, got %T: %v", err, err)
	}
	if got := problemFields(err); !slices.Equal(got, want) {
		t.Fatalf("problems on %v, want %v (%v)", got, want, err)
	}
}

func TestValidationError(t *testing.T) {
	pr := problems{entity: "项目"}
	if pr.err() != nil {
		t.Fatal("no problems must give a nil error")
	}
	pr.add("name", "请填写项目名称")
	pr.add("total_investment", "总投资不能为负数")
	err := pr.err()

	tests := []struct {
		name string
		got  string
		want string
	}{
		{"Error joins every message", err.Error(), "项目信息有误：请填写项目名称；总投资不能为负数"},
		{"For finds a field", err.(*ValidationError).For("total_investment"), "总投资不能为负数"},
		{"For of a clean field", err.(*ValidationError).For("stage"), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}

	t.Run("FieldProblems through wrapping", func(t *testing.T) {
		wrapped := fmt.Errorf("保存项目: %w", err)
		if got := problemFields(wrapped); !slices.Equal(got, []string{"name", "total_investment"}) {
			t.Errorf("got %v", got)
		}
	})
	t.Run("FieldProblems of another error", func(t *testing.T) {
		if got := FieldProblems(errors.New("磁盘已满")); got != nil {
			t.Errorf("got %v", got)
		}
		if got := FieldProblems(nil); got != nil {
			t.Errorf("got %v", got)
		}
	})
	t.Run("sentinel errors are Chinese", func(t *testing.T) {
		for _, e := range []error{ErrNotFound, ErrConflict, ErrDuplicate} {
			if !strings.ContainsFunc(e.Error(), func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
				t.Errorf("%q has no Chinese text", e)
			}
		}
	})
}
