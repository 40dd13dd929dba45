package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"ganzhao/app"
)

// LoadDataset inserts a whole batch in one transaction with prepared statements: all or
// nothing. It writes one audit row per record ("created"), not one per field.
func (s *Store) LoadDataset(ctx context.Context, d app.Dataset, who string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return insertDataset(ctx, tx, d, who, at, "批量载入") })
}

// insertDataset inserts a batch inside tx with prepared statements, writing one "created"
// audit row per record whose new value is note. The rows go in through bulk.insert, as
// multi-row INSERTs: list the tables parents first, as foreign keys need.
func insertDataset(ctx context.Context, tx *sql.Tx, d app.Dataset, who string, at time.Time, note string) error {
	{
		b := &bulk{ctx: ctx, st: newTxStmts(tx)}
		defer b.st.close()
		ts := stamp(at)
		metaArgs := func(m app.Meta) []any {
			return []any{m.ID, stamp(m.CreatedAt), stamp(m.UpdatedAt), m.UpdatedBy, nullStamp(m.DeletedAt)}
		}
		// The "created" audit rows go in one statement per kind, the IDs as a JSON array.
		audited := map[app.EntityKind][]string{}
		audit := func(kind app.EntityKind, id string) { audited[kind] = append(audited[kind], id) }
		flushAudit := func() {
			for _, kind := range app.EntityKinds {
				if len(audited[kind]) == 0 {
					continue
				}
				ids, err := json.Marshal(audited[kind])
				if err != nil && b.err == nil {
					b.err = err
				}
				b.exec(`INSERT OR FAIL INTO audit_log (entity, entity_id, field, old_value, new_value, who, at)
					SELECT ?, value, 'created', '', ?, ?, ? FROM json_each(?)`, string(kind), note, who, ts, string(ids))
			}
		}
		for _, e := range d.Enterprises {
			b.insert(`enterprises (`+enterpriseColumns+`)`, append(enterpriseArgs(e), metaArgs(e.Meta)...)...)
			for _, c := range e.Categories {
				b.insert(`enterprise_categories (enterprise_id, name, year)`, e.ID, c.Name, c.Year)
			}
			audit(app.KindEnterprise, e.ID)
		}
		for _, c := range d.Chambers {
			b.insert(`chambers (`+chamberColumns+`)`, append([]any{c.Name, c.City, c.Kind, c.Notes}, metaArgs(c.Meta)...)...)
			audit(app.KindChamber, c.ID)
		}
		for _, p := range d.People {
			args, err := personArgs(p)
			if err != nil {
				return err
			}
			b.insert(`people (`+personColumns+`)`, append(args, metaArgs(p.Meta)...)...)
			for i, ph := range p.Phones {
				b.insert(`person_phones (person_id, phone, position)`, p.ID, ph, i)
			}
			for _, m := range p.Memberships {
				b.insert(`chamber_members (chamber_id, person_id, role)`, m.ChamberID, p.ID, m.Role)
			}
			audit(app.KindPerson, p.ID)
		}
		for _, r := range d.Relationships {
			b.insert(`relationships (`+relationshipColumns+`)`,
				append([]any{string(r.Kind), r.FromID, r.ToID, r.Note}, metaArgs(r.Meta)...)...)
			audit(app.KindRelationship, r.ID)
		}
		// Funds reference their parents: insert parents first.
		for _, f := range fundsParentsFirst(d.Funds) {
			args := append(fundArgs(f), metaArgs(f.Meta)...)
			b.insert(`funds (`+fundColumns+`)`, args...)
			audit(app.KindFund, f.ID)
		}
		for _, p := range d.Projects {
			b.insert(`projects (`+projectColumns+`)`, append(projectArgs(p), metaArgs(p.Meta)...)...)
			for i, m := range p.Methods {
				b.insert(`project_methods (project_id, method, position)`, p.ID, m, i)
			}
			audit(app.KindProject, p.ID)
		}
		for _, c := range d.StageChanges {
			b.insert(`stage_changes (id, project_id, from_stage, to_stage, on_date, reason, created_at, created_by)`, c.ID, c.ProjectID, string(c.From), string(c.To), c.On.String(), c.Reason, stamp(c.CreatedAt), c.By)
		}
		for _, a := range d.Arrivals {
			b.insert(`arrivals (`+arrivalColumns+`)`,
				append([]any{a.ProjectID, a.Month.String(), int64(a.Amount), string(a.Source), a.Note}, metaArgs(a.Meta)...)...)
			audit(app.KindArrival, a.ID)
		}
		for _, t := range d.Trips {
			args, err := tripArgs(t)
			if err != nil {
				return err
			}
			b.insert(`trips (`+tripColumns+`)`, append(args, metaArgs(t.Meta)...)...)
			audit(app.KindTrip, t.ID)
		}
		for _, c := range d.Campaigns {
			args, err := campaignArgs(c)
			if err != nil {
				return err
			}
			b.insert(`campaigns (`+campaignColumns+`)`, append(args, metaArgs(c.Meta)...)...)
			audit(app.KindCampaign, c.ID)
		}
		for _, e := range d.Events {
			b.insert(`events (`+eventColumns+`)`, append(eventArgs(e), metaArgs(e.Meta)...)...)
			for i, g := range e.Guests {
				b.insert(`event_people (event_id, person_id, attended, position)`, e.ID, g.PersonID, boolInt(g.Attended), i)
			}
			for i, sg := range e.Signings {
				b.insert(`event_projects (event_id, project_id, amount, position)`, e.ID, sg.ProjectID, int64(sg.Amount), i)
			}
			audit(app.KindEvent, e.ID)
		}
		// Activities before tasks: a task can be made from an activity.
		for _, a := range d.Activities {
			b.insert(`activities (`+activityColumns+`)`, append(activityArgs(a), metaArgs(a.Meta)...)...)
			for i, l := range activityLinks {
				for _, id := range *linkLists(&a)[i] {
					b.insert(l.table+` (activity_id, `+l.column+`)`, a.ID, id)
				}
			}
			audit(app.KindActivity, a.ID)
		}
		for _, t := range d.Tasks {
			b.insert(`tasks (`+taskColumns+`)`, append(taskArgs(t), metaArgs(t.Meta)...)...)
			audit(app.KindTask, t.ID)
		}
		for _, v := range d.Investments {
			b.insert(`fund_investments (`+investmentColumns+`)`, append(investmentArgs(v), metaArgs(v.Meta)...)...)
			audit(app.KindFundInvestment, v.ID)
		}
		for _, lp := range d.FundLPs {
			args := append(lpArgs(lp), metaArgs(lp.Meta)...)
			b.insert(`fund_lps (`+lpColumns+`)`, args...)
			audit(app.KindFundLP, lp.ID)
		}
		b.flush()
		flushAudit()
		return b.err
	}
}

// fundsParentsFirst orders funds so that every parent precedes its children.
func fundsParentsFirst(funds []app.Fund) []app.Fund {
	placed := map[string]bool{}
	inBatch := map[string]bool{}
	for _, f := range funds {
		inBatch[f.ID] = true
	}
	out := make([]app.Fund, 0, len(funds))
	for len(out) < len(funds) {
		progress := false
		for _, f := range funds {
			if placed[f.ID] || (f.ParentID != "" && inBatch[f.ParentID] && !placed[f.ParentID]) {
				continue
			}
			out, placed[f.ID], progress = append(out, f), true, true
		}
		if !progress { // a cycle: keep the rest as given and let the foreign key speak
			for _, f := range funds {
				if !placed[f.ID] {
					out, placed[f.ID] = append(out, f), true
				}
			}
		}
	}
	return out
}

// bulk runs many inserts on prepared statements, keeping the first error. Rows given to
// insert are queued per table and written as multi-row INSERTs of up to batchRows rows:
// one statement per row spent as much time getting in and out of SQLite (database/sql,
// binding, opening a cursor on the table and each of its indexes) as writing the row.
// Whenever a queue fills, and before any other statement, every queue is written in the
// order its table was first used: a row's parents (used before it, as foreign keys need)
// are then always in the database before it is.
type bulk struct {
	ctx    context.Context
	st     *txStmts
	queues map[string]*rowQueue
	order  []*rowQueue
	err    error
}

// batchRows is the most rows one INSERT carries: at most 40 columns × 64 rows, well below
// SQLite's limit of 32 766 values.
const batchRows = 64

// rowQueue holds the rows waiting for one table.
type rowQueue struct {
	into    string // "table (columns)"
	columns int
	args    []any
	rows    int
}

// insert queues a row for into, "table (column, …)", its values in column order.
func (b *bulk) insert(into string, values ...any) {
	if b.err != nil {
		return
	}
	if b.queues == nil {
		b.queues = map[string]*rowQueue{}
	}
	q := b.queues[into]
	if q == nil {
		q = &rowQueue{into: into, columns: len(values)}
		b.queues[into] = q
		b.order = append(b.order, q)
	}
	if len(values) != q.columns {
		b.err = fmt.Errorf("批量载入（%s）：%d 个值，应为 %d 个", into, len(values), q.columns)
		return
	}
	q.args = append(q.args, values...)
	if q.rows++; q.rows == batchRows {
		b.flush()
	}
}

// flush writes every queued row, tables in the order first used. A queue goes out in
// statements of 64, 32, 16 … rows, so that a table needs few prepared statements.
func (b *bulk) flush() {
	for _, q := range b.order {
		done := 0
		for n := batchRows; q.rows > done; n /= 2 {
			for q.rows-done >= n {
				row := "(" + placeholders(q.columns) + ")"
				b.run("INSERT OR FAIL INTO "+q.into+" VALUES "+strings.Repeat(row+", ", n-1)+row, q.args[done*q.columns:(done+n)*q.columns]...)
				done += n
			}
		}
		clear(q.args) // let the values go
		q.args, q.rows = q.args[:0], 0
	}
}

// exec runs one statement after the queued rows.
func (b *bulk) exec(query string, args ...any) {
	b.flush()
	b.run(query, args...)
}

func (b *bulk) run(query string, args ...any) {
	if b.err != nil {
		return
	}
	if _, err := b.st.ExecContext(b.ctx, query, args...); err != nil {
		b.err = writeErr(fmt.Sprintf("批量载入（%s）", describeArgs(args)), err)
	}
}

func describeArgs(args []any) string {
	b, _ := json.Marshal(args)
	if len(b) > 120 {
		b = append(b[:120], "…"...)
	}
	return string(b)
}
