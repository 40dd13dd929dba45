package ui

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ganzhao/app"
	"ganzhao/app/apptest"
)

// refusingDisk is the ledger's store on a disk that refuses writes: while fail is set, every
// save of an enterprise, a person or a project returns it, as the store returns a write the
// disk refused (an *app.StorageError, classified at its boundary and rolled back).
type refusingDisk struct {
	app.Store
	fail error
}

func (s *refusingDisk) CreateEnterprise(ctx context.Context, e app.Enterprise) error {
	if s.fail != nil {
		return s.fail
	}
	return s.Store.CreateEnterprise(ctx, e)
}

func (s *refusingDisk) UpdateEnterprise(ctx context.Context, e app.Enterprise, read time.Time) error {
	if s.fail != nil {
		return s.fail
	}
	return s.Store.UpdateEnterprise(ctx, e, read)
}

func (s *refusingDisk) CreatePerson(ctx context.Context, p app.Person) error {
	if s.fail != nil {
		return s.fail
	}
	return s.Store.CreatePerson(ctx, p)
}

func (s *refusingDisk) UpdateProject(ctx context.Context, p app.Project, read time.Time) error {
	if s.fail != nil {
		return s.fail
	}
	return s.Store.UpdateProject(ctx, p, read)
}

// TestSaveOnRefusingDiskKeepsTyping: a save the disk refuses (full, read-only, failing) says
// what happened and what to do, keeps every character typed in the form, writes nothing; once
// the disk takes writes again, the same form saves what was typed.
func TestSaveOnRefusingDiskKeepsTyping(t *testing.T) {
	base, _ := apptest.Ledger(t, 0)
	ctx := context.Background()
	existing := &app.Project{Name: "鹰潭铜基新材料项目", Sector: app.SectorIndustry}
	if err := base.CreateProject(ctx, existing); err != nil {
		t.Fatal(err)
	}
	disk := &refusingDisk{Store: base.Store()}
	l, err := app.NewLedger(ctx, disk, apptest.Now)
	if err != nil {
		t.Fatal(err)
	}
	r := newTestRefs(t, l)
	a := test.NewTempApp(t)

	tests := []struct {
		name  string
		open  func() *detailPage
		typed string
		kind  error
		says  string
		saved func() (string, error) // the name stored once the save went through
	}{
		{"new enterprise, disk full", func() *detailPage {
			pg := newEnterprisePage(a.NewWindow("企业"), l, syncRun, app.Enterprise{}, r)
			pg.win.SetContent(pg.content())
			return pg.detailPage
		}, "抚州智能装备制造有限公司", app.ErrDiskFull, "磁盘空间不足", func() (string, error) {
			es, err := l.Store().Enterprises(ctx, app.EnterpriseFilter{})
			if len(es) != 1 {
				return "", err
			}
			return es[0].Name, err
		}},
		{"new person, failing drive", func() *detailPage {
			pg := newPersonPage(a.NewWindow("人物"), l, syncRun, app.Person{})
			pg.win.SetContent(pg.content())
			return pg.detailPage
		}, "欧阳晓明", app.ErrDiskIO, "U盘", func() (string, error) {
			ps, err := l.Store().People(ctx, app.PersonFilter{})
			if len(ps) != 1 {
				return "", err
			}
			return ps[0].Name, err
		}},
		{"edited project, read-only media", func() *detailPage {
			p, err := l.Store().Project(ctx, existing.ID)
			if err != nil {
				t.Fatal(err)
			}
			pg := newProjectPage(a.NewWindow("项目"), l, syncRun, p, r)
			pg.win.SetContent(pg.content())
			return pg.detailPage
		}, "鹰潭铜基新材料二期项目", app.ErrReadOnlyMedia, "复制到可写的磁盘", func() (string, error) {
			p, err := l.Store().Project(ctx, existing.ID)
			return p.Name, err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := tc.saved()
			pg := tc.open()
			typeInto(formEntry(t, pg.form, "name"), tc.typed)

			disk.fail = &app.StorageError{Kind: tc.kind, Err: syscall.ENOSPC}
			test.Tap(pg.save)
			if got := formEntry(t, pg.form, "name").Text; got != tc.typed {
				t.Errorf("after the refused save the form holds %q, want %q as typed", got, tc.typed)
			}
			for _, want := range []string{"未保存", tc.says, "您输入的内容仍在表单中"} {
				if !strings.Contains(pg.status.Text, want) {
					t.Errorf("status %q does not say %q", pg.status.Text, want)
				}
			}
			if !strings.Contains(pg.form.general.Text, tc.says) {
				t.Errorf("form message %q does not say %q", pg.form.general.Text, tc.says)
			}
			if pg.save.Disabled() {
				t.Error("保存 stays disabled after the refused save")
			}
			if got, err := tc.saved(); got != before || (err != nil && !errors.Is(err, app.ErrNotFound)) {
				t.Fatalf("the refused save wrote %q (%v)", got, err)
			}

			disk.fail = nil
			test.Tap(pg.save)
			if !strings.Contains(pg.status.Text, "已保存") {
				t.Fatalf("once the disk takes writes, status %q", pg.status.Text)
			}
			if got, err := tc.saved(); err != nil || got != tc.typed {
				t.Fatalf("stored %q (%v), want %q as typed", got, err, tc.typed)
			}
		})
	}
}
