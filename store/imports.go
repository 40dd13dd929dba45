package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"ganzhao/app"
)

// Import batches (migration 0002): a batch is written in one transaction together with the
// list of what it created and, for each record it updated, the previous version as JSON, so
// that undo can put the ledger back as it was.

const (
	actionCreated = "created"
	actionUpdated = "updated"
	// kindStageChange marks the stage changes a batch appended to updated projects.
	kindStageChange = "stage_change"
)

// CommitImport writes a batch: the batch row, the new records (through the bulk insert), the
// updated records with a per-field audit, and the record list undo needs.
func (s *Store) CommitImport(ctx context.Context, c app.ImportChanges) error {
	b := c.Batch
	if b.ID == "" {
		return errors.New("导入批次缺少编号")
	}
	return s.inBulkTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO import_batches (id, file, sheet, hash, at, by_whom, backup, rows_read, created, updated, report)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, b.ID, b.File, b.Sheet, b.Hash, stamp(b.At), b.By, b.Backup, b.RowsRead, b.Created, b.Updated, b.Report)
		if err != nil {
			return writeErr("记录导入批次", err)
		}
		note := fmt.Sprintf("导入 %s（批次 %s）", filepath.Base(b.File), b.ID)
		if err := insertDataset(ctx, tx, c.Create, b.By, b.At, note); err != nil {
			return err
		}
		// The updates below run a few statements per record: prepared once each.
		st := newTxStmts(tx)
		defer st.close()
		record := func(kind, id, action string, at time.Time, previous any) error {
			prev := ""
			if previous != nil {
				b, err := json.Marshal(previous)
				if err != nil {
					return err
				}
				prev = string(b)
			}
			_, err := st.ExecContext(ctx, `INSERT INTO import_batch_records (batch_id, entity, entity_id, action, stamp, previous)
				VALUES (?, ?, ?, ?, ?, ?)`, b.ID, kind, id, action, stamp(at), prev)
			return writeErr("记录导入批次", err)
		}
		// The created records, one statement per kind: the IDs go in as a JSON array.
		created := func(kind app.EntityKind, ids []string) error {
			if len(ids) == 0 {
				return nil
			}
			list, err := json.Marshal(ids)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT OR FAIL INTO import_batch_records (batch_id, entity, entity_id, action, stamp, previous)
				SELECT ?, ?, value, 'created', ?, '' FROM json_each(?)`, b.ID, string(kind), stamp(b.At), string(list))
			return writeErr("记录导入批次", err)
		}
		ids := func(n int, id func(int) string) []string {
			out := make([]string, n)
			for i := range out {
				out[i] = id(i)
			}
			return out
		}
		for _, err := range []error{
			created(app.KindEnterprise, ids(len(c.Create.Enterprises), func(i int) string { return c.Create.Enterprises[i].ID })),
			created(app.KindPerson, ids(len(c.Create.People), func(i int) string { return c.Create.People[i].ID })),
			created(app.KindProject, ids(len(c.Create.Projects), func(i int) string { return c.Create.Projects[i].ID })),
		} {
			if err != nil {
				return err
			}
		}
		for _, e := range c.Enterprises {
			old, err := updateEnterprise(ctx, st, e, c.Read[e.ID])
			if err != nil {
				return err
			}
			if err := record(string(app.KindEnterprise), e.ID, actionUpdated, e.UpdatedAt, old); err != nil {
				return err
			}
		}
		for _, p := range c.People {
			old, err := updatePerson(ctx, st, p, c.Read[p.ID])
			if err != nil {
				return err
			}
			if err := record(string(app.KindPerson), p.ID, actionUpdated, p.UpdatedAt, old); err != nil {
				return err
			}
		}
		for _, p := range c.Projects {
			old, err := updateProject(ctx, st, p, c.Read[p.ID])
			if err != nil {
				return err
			}
			if err := record(string(app.KindProject), p.ID, actionUpdated, p.UpdatedAt, old); err != nil {
				return err
			}
		}
		for _, sc := range c.StageChanges {
			if err := insertStageChange(ctx, st, sc); err != nil {
				return err
			}
			if err := record(kindStageChange, sc.ID, actionCreated, sc.CreatedAt, nil); err != nil {
				return err
			}
		}
		return nil
	})
}

// batchRecord is one row of import_batch_records.
type batchRecord struct {
	kind, id, action, stamp, previous string
}

// UndoImport takes a batch back in one transaction. Updated records get their previous
// version back unless edited since; then the records the batch created are deleted for good
// (with their child rows), projects first, then people, then enterprises, unless edited since
// or linked to by a record that stays. Every change is audited; the audit log keeps the
// import's own rows.
func (s *Store) UndoImport(ctx context.Context, batchID, who string, at time.Time) (app.ImportUndo, error) {
	u := app.ImportUndo{Batch: batchID, Kept: []app.KeptRecord{}}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var undone sql.NullString
		var file string
		err := tx.QueryRowContext(ctx, `SELECT file, undone_at FROM import_batches WHERE id = ?`, batchID).Scan(&file, &undone)
		switch {
		case err == sql.ErrNoRows:
			return fmt.Errorf("导入批次 %s：%w", batchID, app.ErrNotFound)
		case err != nil:
			return fmt.Errorf("读取导入批次：%w", err)
		case undone.Valid:
			return fmt.Errorf("导入批次 %s（%s）已于 %s 撤销过", batchID, filepath.Base(file), undone.String)
		}
		recs, err := batchRecords(ctx, tx, batchID)
		if err != nil {
			return err
		}
		note := fmt.Sprintf("撤销导入 %s（批次 %s）", filepath.Base(file), batchID)
		// A few statements per record taken back: prepared once each.
		st := newTxStmts(tx)
		defer st.close()
		current := func(kind, id string) (updated string, deleted bool, name string, err error) {
			r := recycled[app.EntityKind(kind)]
			var del sql.NullString
			err = st.QueryRowContext(ctx, `SELECT updated_at, deleted_at, `+r.name+` FROM `+r.table+` WHERE id = ?`, id).Scan(&updated, &del, &name)
			return updated, del.Valid, name, err
		}
		// Updated records first: their previous versions decide what the created ones are
		// still linked to.
		keptProjects := map[string]bool{}
		for _, r := range recs {
			if r.action != actionUpdated {
				continue
			}
			updated, deleted, name, err := current(r.kind, r.id)
			if err == sql.ErrNoRows {
				continue
			}
			if err != nil {
				return fmt.Errorf("撤销导入：%w", err)
			}
			if updated != r.stamp || deleted {
				u.Kept = append(u.Kept, app.KeptRecord{Kind: app.EntityKind(r.kind), ID: r.id, Name: name, Why: "导入后又被修改，保留修改后的内容"})
				if r.kind == string(app.KindProject) {
					keptProjects[r.id] = true
				}
				continue
			}
			if err := restoreVersion(ctx, st, r, who, at); err != nil {
				return err
			}
			u.Restored++
		}
		for _, r := range recs {
			if r.kind != kindStageChange {
				continue
			}
			var projectID string
			if err := st.QueryRowContext(ctx, `SELECT project_id FROM stage_changes WHERE id = ?`, r.id).Scan(&projectID); err == sql.ErrNoRows {
				continue
			} else if err != nil {
				return fmt.Errorf("撤销导入：%w", err)
			}
			if keptProjects[projectID] {
				continue
			}
			if _, err := st.ExecContext(ctx, `DELETE FROM stage_changes WHERE id = ?`, r.id); err != nil {
				return fmt.Errorf("撤销导入：%w", err)
			}
		}
		// Created records, children before the records they point to: one read, one delete
		// and one audit statement per kind.
		for _, kind := range []app.EntityKind{app.KindProject, app.KindPerson, app.KindEnterprise} {
			linked, err := linkedCreated(ctx, tx, batchID, kind)
			if err != nil {
				return err
			}
			table := recycled[kind].table // projects, people, enterprises: each has a name column
			rows, err := tx.QueryContext(ctx, `SELECT r.entity_id, r.stamp, t.updated_at, t.deleted_at IS NOT NULL, t.name
				FROM import_batch_records r JOIN `+table+` t ON t.id = r.entity_id
				WHERE r.batch_id = ? AND r.entity = ? AND r.action = 'created' ORDER BY r.rowid`, batchID, string(kind))
			if err != nil {
				return fmt.Errorf("撤销导入：%w", err)
			}
			var gone [][2]string // id, name
			for rows.Next() {
				var id, stampWritten, updated, name string
				var deleted bool
				if err := rows.Scan(&id, &stampWritten, &updated, &deleted, &name); err != nil {
					rows.Close()
					return fmt.Errorf("撤销导入：%w", err)
				}
				switch {
				case updated != stampWritten || deleted:
					u.Kept = append(u.Kept, app.KeptRecord{Kind: kind, ID: id, Name: name, Why: "导入后又被修改或删除，未撤销"})
				case linked[id] != "":
					u.Kept = append(u.Kept, app.KeptRecord{Kind: kind, ID: id, Name: name, Why: linked[id]})
				default:
					gone = append(gone, [2]string{id, name})
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return fmt.Errorf("撤销导入：%w", err)
			}
			if len(gone) == 0 {
				continue
			}
			list, err := json.Marshal(gone)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id IN (SELECT json_extract(value, '$[0]') FROM json_each(?))`, string(list)); err != nil {
				return writeErr("撤销导入：删除"+kind.Label(), err)
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (entity, entity_id, field, old_value, new_value, who, at)
				SELECT ?, json_extract(value, '$[0]'), 'deleted', json_extract(value, '$[1]'), ?, ?, ? FROM json_each(?)`,
				string(kind), note, who, stamp(at), string(list)); err != nil {
				return fmt.Errorf("撤销导入：写审计日志：%w", err)
			}
			u.Deleted += len(gone)
		}
		report, err := json.Marshal(u)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE import_batches SET undone_at = ?, undone_by = ?, undo = ? WHERE id = ?`, stamp(at), who, string(report), batchID)
		return err
	})
	if err != nil {
		return app.ImportUndo{}, err
	}
	return u, nil
}

func batchRecords(ctx context.Context, tx *sql.Tx, batchID string) ([]batchRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT entity, entity_id, action, stamp, previous FROM import_batch_records WHERE batch_id = ? ORDER BY rowid`, batchID)
	if err != nil {
		return nil, fmt.Errorf("读取导入批次：%w", err)
	}
	defer rows.Close()
	var out []batchRecord
	for rows.Next() {
		var r batchRecord
		if err := rows.Scan(&r.kind, &r.id, &r.action, &r.stamp, &r.previous); err != nil {
			return nil, fmt.Errorf("读取导入批次：%w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// linkedCreated finds the records of a kind the batch created that something still in the
// ledger links to, with the reason; the batch's own created records of other kinds that link
// to them are gone by then (children are deleted first).
func linkedCreated(ctx context.Context, tx *sql.Tx, batchID string, kind app.EntityKind) (map[string]string, error) {
	const batch = `(SELECT entity_id FROM import_batch_records WHERE batch_id = ? AND entity = ? AND action = 'created')`
	var links []struct{ query, why string }
	switch kind {
	case app.KindProject:
		links = []struct{ query, why string }{
			{`SELECT project_id FROM tasks WHERE project_id IN ` + batch, "导入后已添加任务"},
			{`SELECT project_id FROM arrivals WHERE project_id IN ` + batch, "导入后已登记到位资金"},
			{`SELECT project_id FROM activity_projects WHERE project_id IN ` + batch, "导入后已有跟进记录"},
			{`SELECT project_id FROM fund_investments WHERE project_id IN ` + batch, "导入后已关联基金投资"},
		}
	case app.KindPerson:
		links = []struct{ query, why string }{
			{`SELECT introducer_id FROM projects WHERE introducer_id IN ` + batch, "已被保留的项目列为引荐人"},
			{`SELECT person_id FROM activity_people WHERE person_id IN ` + batch, "导入后已有跟进记录"},
			{`SELECT person_id FROM chamber_members WHERE person_id IN ` + batch, "导入后已加入商会"},
		}
	case app.KindEnterprise:
		links = []struct{ query, why string }{
			{`SELECT investor_id FROM projects WHERE investor_id IN ` + batch, "仍是保留下来的项目的投资方"},
			{`SELECT enterprise_id FROM people WHERE enterprise_id IN ` + batch, "仍有保留下来的人物在该企业任职"},
			{`SELECT manager_id FROM funds WHERE manager_id IN ` + batch, "已是基金管理人"},
			{`SELECT enterprise_id FROM fund_investments WHERE enterprise_id IN ` + batch, "已有基金投资"},
			{`SELECT co_manager_id FROM funds WHERE co_manager_id IN ` + batch, "已是基金的第二管理人"},
			{`SELECT enterprise_id FROM fund_lps WHERE enterprise_id IN ` + batch, "已是基金出资人"},
			{`SELECT enterprise_id FROM activity_enterprises WHERE enterprise_id IN ` + batch, "导入后已有跟进记录"},
		}
	}
	out := map[string]string{}
	for _, l := range links {
		rows, err := tx.QueryContext(ctx, l.query, batchID, string(kind))
		if err != nil {
			return nil, fmt.Errorf("撤销导入：检查关联：%w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			if out[id] == "" {
				out[id] = l.why
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// restoreVersion writes back the version of a record from before the import, Meta included,
// with its child rows, and audits the fields that change back.
func restoreVersion(ctx context.Context, tx querier, r batchRecord, who string, at time.Time) error {
	fail := func(err error) error { return writeErr("撤销导入：恢复原记录", err) }
	switch app.EntityKind(r.kind) {
	case app.KindEnterprise:
		var prev app.Enterprise
		if err := json.Unmarshal([]byte(r.previous), &prev); err != nil {
			return fail(err)
		}
		cur, err := getEnterprise(ctx, tx, r.id)
		if err != nil {
			return err
		}
		args := append(enterpriseArgs(prev), stamp(prev.CreatedAt), stamp(prev.UpdatedAt), prev.UpdatedBy, nullStamp(prev.DeletedAt), prev.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET name = ?, credit_code = ?, nature = ?, hq_province = ?, hq_city = ?,
			hq_country = ?, industry = ?, chain_id = ?, website = ?, intro = ?, priority = ?, owner = ?,
			created_at = ?, updated_at = ?, updated_by = ?, deleted_at = ? WHERE id = ?`, args...); err != nil {
			return fail(err)
		}
		if err := saveCategories(ctx, tx, prev); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindEnterprise, r.id, app.Diff(cur, prev), who, at)
	case app.KindPerson:
		var prev app.Person
		if err := json.Unmarshal([]byte(r.previous), &prev); err != nil {
			return fail(err)
		}
		cur, err := getPerson(ctx, tx, r.id)
		if err != nil {
			return err
		}
		args, err := personArgs(prev)
		if err != nil {
			return err
		}
		args = append(args, stamp(prev.CreatedAt), stamp(prev.UpdatedAt), prev.UpdatedBy, nullStamp(prev.DeletedAt), prev.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE people SET name = ?, wechat = ?, email = ?, enterprise_id = ?, title = ?,
			native_province = ?, native_city = ?, native_county = ?, ties = ?, alma_mater = ?, service_place = ?,
			important_dates = ?, cadence_days = ?, keeper = ?, notes = ?,
			created_at = ?, updated_at = ?, updated_by = ?, deleted_at = ? WHERE id = ?`, args...); err != nil {
			return fail(err)
		}
		// The import changes phones, never memberships: only the phones go back.
		if _, err := tx.ExecContext(ctx, `DELETE FROM person_phones WHERE person_id = ?`, prev.ID); err != nil {
			return fail(err)
		}
		for i, ph := range prev.Phones {
			if _, err := tx.ExecContext(ctx, `INSERT INTO person_phones (person_id, phone, position) VALUES (?, ?, ?)`, prev.ID, ph, i); err != nil {
				return fail(err)
			}
		}
		return writeAudit(ctx, tx, app.KindPerson, r.id, app.Diff(cur, prev), who, at)
	case app.KindProject:
		var prev app.Project
		if err := json.Unmarshal([]byte(r.previous), &prev); err != nil {
			return fail(err)
		}
		cur, err := getProject(ctx, tx, r.id)
		if err != nil {
			return err
		}
		args := append(projectArgs(prev), stamp(prev.CreatedAt), stamp(prev.UpdatedAt), prev.UpdatedBy, nullStamp(prev.DeletedAt), prev.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE projects SET name = ?, code = ?, investor_id = ?, introducer_id = ?, zone_id = ?,
			chain_id = ?, sector = ?, total_investment = ?, fixed_investment = ?, foreign_capital = ?, land = ?, stage = ?,
			stage_since = ?, stage_reason = ?, signed_on = ?, started_on = ?, produced_on = ?, leader = ?, unit = ?,
			homecoming = ?, homecoming_ties = ?, out_of_province = ?, gan_return = ?, registered = ?, registered_on = ?,
			fund_id = ?, notes = ?, created_at = ?, updated_at = ?, updated_by = ?, deleted_at = ? WHERE id = ?`, args...); err != nil {
			return fail(err)
		}
		if err := saveMethods(ctx, tx, prev); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindProject, r.id, app.Diff(cur, prev), who, at)
	}
	return fmt.Errorf("撤销导入：未知的记录类型 %q", r.kind)
}

// ImportBatches lists the import batches, newest first.
func (s *Store) ImportBatches(ctx context.Context) ([]app.ImportBatch, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, file, sheet, hash, at, by_whom, backup, rows_read, created, updated, report, undone_at, undone_by
		FROM import_batches ORDER BY at DESC, rowid DESC`)
	if err != nil {
		return nil, fmt.Errorf("读取导入批次：%w", err)
	}
	defer rows.Close()
	var out []app.ImportBatch
	for rows.Next() {
		var b app.ImportBatch
		var at string
		var undone sql.NullString
		if err := rows.Scan(&b.ID, &b.File, &b.Sheet, &b.Hash, &at, &b.By, &b.Backup, &b.RowsRead, &b.Created, &b.Updated, &b.Report, &undone, &b.UndoneBy); err != nil {
			return nil, fmt.Errorf("读取导入批次：%w", err)
		}
		var sc scanner
		b.At, b.UndoneAt = sc.stamp(at), sc.deleted(undone)
		if sc.err != nil {
			return nil, sc.err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// ImportMapping returns the fields remembered for a header key; app.ErrNotFound when none.
func (s *Store) ImportMapping(ctx context.Context, key string) ([]string, error) {
	var fields string
	err := s.db.QueryRowContext(ctx, `SELECT fields FROM import_mappings WHERE header_key = ?`, key).Scan(&fields)
	if err == sql.ErrNoRows {
		return nil, fmt.Errorf("列映射：%w", app.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("读取列映射：%w", err)
	}
	var out []string
	if err := json.Unmarshal([]byte(fields), &out); err != nil {
		return nil, fmt.Errorf("读取列映射：%w", err)
	}
	return out, nil
}

// SaveImportMapping remembers the fields confirmed for a header key.
func (s *Store) SaveImportMapping(ctx context.Context, key string, fields []string, at time.Time) error {
	b, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO import_mappings (header_key, fields, saved_at) VALUES (?, ?, ?)
		ON CONFLICT (header_key) DO UPDATE SET fields = excluded.fields, saved_at = excluded.saved_at`, key, string(b), stamp(at))
	return writeErr("保存列映射", err)
}
