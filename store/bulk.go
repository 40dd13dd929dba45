package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"ganzhao/app"
)

// LoadDataset inserts a whole batch in one transaction with prepared statements: all or
// nothing. It writes one audit row per record ("created"), not one per field.
func (s *Store) LoadDataset(ctx context.Context, d app.Dataset, who string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error { return insertDataset(ctx, tx, d, who, at, "批量载入") })
}

// insertDataset inserts a batch inside tx with prepared statements, writing one "created"
// audit row per record whose new value is note.
func insertDataset(ctx context.Context, tx *sql.Tx, d app.Dataset, who string, at time.Time, note string) error {
	{
		b := &bulk{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}
		defer b.close()
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
				b.exec(`INSERT INTO audit_log (entity, entity_id, field, old_value, new_value, who, at)
					SELECT ?, value, 'created', '', ?, ?, ? FROM json_each(?)`, string(kind), note, who, ts, string(ids))
			}
		}
		for _, e := range d.Enterprises {
			b.exec(`INSERT INTO enterprises (`+enterpriseColumns+`) VALUES (`+placeholders(17)+`)`, append(enterpriseArgs(e), metaArgs(e.Meta)...)...)
			for _, c := range e.Categories {
				b.exec(`INSERT INTO enterprise_categories (enterprise_id, name, year) VALUES (?, ?, ?)`, e.ID, c.Name, c.Year)
			}
			audit(app.KindEnterprise, e.ID)
		}
		for _, c := range d.Chambers {
			b.exec(`INSERT INTO chambers (`+chamberColumns+`) VALUES (`+placeholders(9)+`)`, append([]any{c.Name, c.City, c.Kind, c.Notes}, metaArgs(c.Meta)...)...)
			audit(app.KindChamber, c.ID)
		}
		for _, p := range d.People {
			args, err := personArgs(p)
			if err != nil {
				return err
			}
			b.exec(`INSERT INTO people (`+personColumns+`) VALUES (`+placeholders(len(args)+5)+`)`, append(args, metaArgs(p.Meta)...)...)
			for i, ph := range p.Phones {
				b.exec(`INSERT INTO person_phones (person_id, phone, position) VALUES (?, ?, ?)`, p.ID, ph, i)
			}
			for _, m := range p.Memberships {
				b.exec(`INSERT INTO chamber_members (chamber_id, person_id, role) VALUES (?, ?, ?)`, m.ChamberID, p.ID, m.Role)
			}
			audit(app.KindPerson, p.ID)
		}
		for _, r := range d.Relationships {
			b.exec(`INSERT INTO relationships (`+relationshipColumns+`) VALUES (`+placeholders(9)+`)`,
				append([]any{string(r.Kind), r.FromID, r.ToID, r.Note}, metaArgs(r.Meta)...)...)
			audit(app.KindRelationship, r.ID)
		}
		// Funds reference their parents: insert parents first.
		for _, f := range fundsParentsFirst(d.Funds) {
			args := append(fundArgs(f), metaArgs(f.Meta)...)
			b.exec(`INSERT INTO funds (`+fundColumns+`) VALUES (`+placeholders(len(args))+`)`, args...)
			audit(app.KindFund, f.ID)
		}
		for _, p := range d.Projects {
			b.exec(`INSERT INTO projects (`+projectColumns+`) VALUES (`+placeholders(32)+`)`, append(projectArgs(p), metaArgs(p.Meta)...)...)
			for i, m := range p.Methods {
				b.exec(`INSERT INTO project_methods (project_id, method, position) VALUES (?, ?, ?)`, p.ID, m, i)
			}
			audit(app.KindProject, p.ID)
		}
		for _, c := range d.StageChanges {
			b.exec(`INSERT INTO stage_changes (id, project_id, from_stage, to_stage, on_date, reason, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.ProjectID, string(c.From), string(c.To), c.On.String(), c.Reason, stamp(c.CreatedAt), c.By)
		}
		for _, a := range d.Arrivals {
			b.exec(`INSERT INTO arrivals (`+arrivalColumns+`) VALUES (`+placeholders(10)+`)`,
				append([]any{a.ProjectID, a.Month.String(), int64(a.Amount), string(a.Source), a.Note}, metaArgs(a.Meta)...)...)
			audit(app.KindArrival, a.ID)
		}
		for _, t := range d.Trips {
			args, err := tripArgs(t)
			if err != nil {
				return err
			}
			b.exec(`INSERT INTO trips (`+tripColumns+`) VALUES (`+placeholders(11)+`)`, append(args, metaArgs(t.Meta)...)...)
			audit(app.KindTrip, t.ID)
		}
		for _, c := range d.Campaigns {
			args, err := campaignArgs(c)
			if err != nil {
				return err
			}
			b.exec(`INSERT INTO campaigns (`+campaignColumns+`) VALUES (`+placeholders(13)+`)`, append(args, metaArgs(c.Meta)...)...)
			audit(app.KindCampaign, c.ID)
		}
		for _, e := range d.Events {
			b.exec(`INSERT INTO events (`+eventColumns+`) VALUES (`+placeholders(12)+`)`, append(eventArgs(e), metaArgs(e.Meta)...)...)
			for i, g := range e.Guests {
				b.exec(`INSERT INTO event_people (event_id, person_id, attended, position) VALUES (?, ?, ?, ?)`, e.ID, g.PersonID, boolInt(g.Attended), i)
			}
			for i, sg := range e.Signings {
				b.exec(`INSERT INTO event_projects (event_id, project_id, amount, position) VALUES (?, ?, ?, ?)`, e.ID, sg.ProjectID, int64(sg.Amount), i)
			}
			audit(app.KindEvent, e.ID)
		}
		// Activities before tasks: a task can be made from an activity.
		for _, a := range d.Activities {
			b.exec(`INSERT INTO activities (`+activityColumns+`) VALUES (`+placeholders(13)+`)`, append(activityArgs(a), metaArgs(a.Meta)...)...)
			for i, l := range activityLinks {
				for _, id := range *linkLists(&a)[i] {
					b.exec(`INSERT INTO `+l.table+` (activity_id, `+l.column+`) VALUES (?, ?)`, a.ID, id)
				}
			}
			audit(app.KindActivity, a.ID)
		}
		for _, t := range d.Tasks {
			b.exec(`INSERT INTO tasks (`+taskColumns+`) VALUES (`+placeholders(15)+`)`, append(taskArgs(t), metaArgs(t.Meta)...)...)
			audit(app.KindTask, t.ID)
		}
		for _, v := range d.Investments {
			b.exec(`INSERT INTO fund_investments (`+investmentColumns+`) VALUES (`+placeholders(12)+`)`, append(investmentArgs(v), metaArgs(v.Meta)...)...)
			audit(app.KindFundInvestment, v.ID)
		}
		for _, lp := range d.FundLPs {
			args := append(lpArgs(lp), metaArgs(lp.Meta)...)
			b.exec(`INSERT INTO fund_lps (`+lpColumns+`) VALUES (`+placeholders(len(args))+`)`, args...)
			audit(app.KindFundLP, lp.ID)
		}
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

// bulk runs many inserts on prepared statements, keeping the first error.
type bulk struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	err   error
}

func (b *bulk) exec(query string, args ...any) {
	if b.err != nil {
		return
	}
	st, ok := b.stmts[query]
	if !ok {
		st, b.err = b.tx.PrepareContext(b.ctx, query)
		if b.err != nil {
			return
		}
		b.stmts[query] = st
	}
	if _, err := st.ExecContext(b.ctx, args...); err != nil {
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

func (b *bulk) close() {
	for _, st := range b.stmts {
		st.Close()
	}
}
