package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"ganzhao/app"
)

// Merges (migration 0010). A merge changes rows through a row log that keeps, for every row
// it updates or deletes, the whole row before and after as JSON (with its rowid); undo walks
// the log backwards and puts each row back, so every table ends exactly as before the merge.
// The log works from each table's shape (columns, primary key, unique keys) as SQLite
// reports it, so a table added later needs only its line in mergeLinks.

// mergeLink is a column that points at an enterprise or a person: a merge moves it from the
// record merged away to the kept one. A row that would then duplicate one of the kept
// record's (the same activity, category, chamber or phone) or link the record to itself is
// deleted instead. Every column that references enterprises or people is listed here
// (TestMergeLinksCoverEveryReference checks it).
type mergeLink struct {
	kind          app.EntityKind
	table, column string
	label         string // what the preview and the history call these links
	order         string // a position column: moved rows go after the kept record's own
	// twin, for rows that link two records either way round (symmetric relationships), is
	// when a row o of the kept record is the moved row a read the other way round (? is the
	// kept record): a is then a double and goes.
	twin string
	// noSelf: a row that would link the kept record to itself (through another link column
	// of the table) goes.
	noSelf bool
	// combine, when a row of the kept record has a double that goes, is what the kept row
	// takes of it: a SET clause where ? is the record merged away.
	combine string
}

var mergeLinks = []mergeLink{
	{kind: app.KindEnterprise, table: "projects", column: "investor_id", label: "项目（投资方）"},
	{kind: app.KindEnterprise, table: "people", column: "enterprise_id", label: "联系人"},
	{kind: app.KindEnterprise, table: "funds", column: "manager_id", label: "基金（管理人）"},
	{kind: app.KindEnterprise, table: "fund_investments", column: "enterprise_id", label: "基金投资"},
	{kind: app.KindEnterprise, table: "activity_enterprises", column: "enterprise_id", label: "跟进记录"},
	{kind: app.KindEnterprise, table: "enterprise_categories", column: "enterprise_id", label: "企业类别"},
	{kind: app.KindEnterprise, table: "funds", column: "co_manager_id", label: "基金（共同管理人）"},
	{kind: app.KindEnterprise, table: "fund_lps", column: "enterprise_id", label: "基金出资（LP）"},
	{kind: app.KindPerson, table: "projects", column: "introducer_id", label: "项目（引荐人）"},
	{kind: app.KindPerson, table: "activity_people", column: "person_id", label: "跟进记录"},
	{kind: app.KindPerson, table: "chamber_members", column: "person_id", label: "商会职务"},
	{kind: app.KindPerson, table: "person_phones", column: "person_id", label: "电话", order: "position"},
	{kind: app.KindPerson, table: "relationships", column: "from_id", label: "人脉关系", noSelf: true,
		twin: `o.kind = a.kind AND o.kind <> '引荐人' AND o.from_id = a.to_id AND o.to_id = ?`},
	{kind: app.KindPerson, table: "relationships", column: "to_id", label: "人脉关系", noSelf: true,
		twin: `o.kind = a.kind AND o.kind <> '引荐人' AND o.to_id = a.from_id AND o.from_id = ?`},
	{kind: app.KindPerson, table: "event_people", column: "person_id", label: "活动邀请",
		combine: `attended = MAX(attended, (SELECT d.attended FROM event_people AS d WHERE d.person_id = ? AND d.event_id = event_people.event_id))`},
	{kind: app.KindPerson, table: "tasks", column: "person_id", label: "任务（联络）"},
}

// mergeTidy puts moved rows back in a table's order once every link has moved: a symmetric
// relationship is stored once, from the smaller ID to the larger. where names the rows (as
// a, each ? the kept record), set reorders them.
var mergeTidy = []struct {
	kind              app.EntityKind
	table, where, set string
}{
	{app.KindPerson, "relationships", `(a.from_id = ? OR a.to_id = ?) AND a.kind <> '引荐人' AND a.from_id > a.to_id`,
		`from_id = to_id, to_id = from_id`},
}

// mergeTables are the tables of the records merged.
var mergeTables = map[app.EntityKind]string{app.KindEnterprise: "enterprises", app.KindPerson: "people"}

// tableShape is what the row log needs to know of a table.
type tableShape struct {
	name    string
	cols    []string
	pk      []string   // the primary key's columns; rowid when the table declares none
	uniques [][]string // the primary key and every unique index, as column lists
	stamped bool       // has updated_at and updated_by
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func quoteIdent(s string) string { return `"` + s + `"` }

func readShape(ctx context.Context, q querier, table string) (tableShape, error) {
	t := tableShape{name: table}
	if !identRE.MatchString(table) {
		return t, fmt.Errorf("表名“%s”不合规", table)
	}
	rows, err := q.QueryContext(ctx, `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return t, fmt.Errorf("读取表 %s 的结构：%w", table, err)
	}
	type col struct {
		name string
		pk   int
	}
	var cols []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.name, &c.pk); err != nil {
			rows.Close()
			return t, err
		}
		if !identRE.MatchString(c.name) {
			rows.Close()
			return t, fmt.Errorf("表 %s 的列名“%s”不合规", table, c.name)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t, err
	}
	if len(cols) == 0 {
		return t, fmt.Errorf("没有表 %s", table)
	}
	var pk []col
	for _, c := range cols {
		t.cols = append(t.cols, c.name)
		if c.pk > 0 {
			pk = append(pk, c)
		}
	}
	sort.Slice(pk, func(i, j int) bool { return pk[i].pk < pk[j].pk })
	for _, c := range pk {
		t.pk = append(t.pk, c.name)
	}
	t.stamped = slices.Contains(t.cols, "updated_at") && slices.Contains(t.cols, "updated_by")
	if len(t.pk) > 0 {
		t.uniques = append(t.uniques, t.pk)
	}
	idx, err := q.QueryContext(ctx, `SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin <> 'pk'`, table)
	if err != nil {
		return t, err
	}
	var names []string
	for idx.Next() {
		var n string
		if err := idx.Scan(&n); err != nil {
			idx.Close()
			return t, err
		}
		names = append(names, n)
	}
	idx.Close()
	if err := idx.Err(); err != nil {
		return t, err
	}
	for _, n := range names {
		cs, err := q.QueryContext(ctx, `SELECT name FROM pragma_index_info(?) ORDER BY seqno`, n)
		if err != nil {
			return t, err
		}
		var key []string
		expr := false
		for cs.Next() {
			var c sql.NullString
			if err := cs.Scan(&c); err != nil {
				cs.Close()
				return t, err
			}
			expr = expr || !c.Valid
			key = append(key, c.String)
		}
		cs.Close()
		if err := cs.Err(); err != nil {
			return t, err
		}
		if !expr {
			t.uniques = append(t.uniques, key)
		}
	}
	return t, nil
}

// image is the JSON of a whole row of alias, with its rowid.
func (t tableShape) image(alias string) string {
	parts := []string{`'rowid'`, alias + `.rowid`}
	for _, c := range t.cols {
		parts = append(parts, `'`+c+`'`, alias+`.`+quoteIdent(c))
	}
	return `json_object(` + strings.Join(parts, ", ") + `)`
}

// key is the JSON of the primary key of a row of alias.
func (t tableShape) key(alias string) string {
	if len(t.pk) == 0 {
		return `json_object('rowid', ` + alias + `.rowid)`
	}
	var parts []string
	for _, c := range t.pk {
		parts = append(parts, `'`+c+`'`, alias+`.`+quoteIdent(c))
	}
	return `json_object(` + strings.Join(parts, ", ") + `)`
}

// keyMatch is the condition that a row of alias has the primary key in the JSON parameter p.
func (t tableShape) keyMatch(alias, p string) string {
	if len(t.pk) == 0 {
		return alias + `.rowid = json_extract(` + p + `, '$.rowid')`
	}
	var parts []string
	for _, c := range t.pk {
		parts = append(parts, alias+`.`+quoteIdent(c)+` = json_extract(`+p+`, '$.`+c+`')`)
	}
	return strings.Join(parts, " AND ")
}

// rowLog changes rows inside a merge's transaction, recording each row's before- and
// after-image in merge_rows.
type rowLog struct {
	tx     *sql.Tx
	merge  string
	shapes map[string]tableShape
}

func (lg *rowLog) shape(ctx context.Context, table string) (tableShape, error) {
	if t, ok := lg.shapes[table]; ok {
		return t, nil
	}
	t, err := readShape(ctx, lg.tx, table)
	if err == nil {
		lg.shapes[table] = t
	}
	return t, err
}

// capture records the before-images of the rows of t (as alias a) matching where and returns
// the log position before them, to address them, and how many there were.
func (lg *rowLog) capture(ctx context.Context, t tableShape, where string, args ...any) (mark int64, n int64, err error) {
	if err := lg.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM merge_rows`).Scan(&mark); err != nil {
		return 0, 0, fmt.Errorf("合并：%w", err)
	}
	res, err := lg.tx.ExecContext(ctx, `INSERT INTO merge_rows (merge_id, tbl, rid, pk, before)
		SELECT ?, ?, a.rowid, `+t.key("a")+`, `+t.image("a")+` FROM `+quoteIdent(t.name)+` AS a WHERE `+where+` ORDER BY a.rowid`,
		append([]any{lg.merge, t.name}, args...)...)
	if err != nil {
		return 0, 0, fmt.Errorf("合并：记录 %s 的原样：%w", t.name, err)
	}
	n, err = res.RowsAffected()
	return mark, n, err
}

const loggedRows = `rowid IN (SELECT rid FROM merge_rows WHERE merge_id = ? AND seq > ?)`

// update sets the rows of t matching where and records them before and after.
func (lg *rowLog) update(ctx context.Context, t tableShape, where string, whereArgs []any, set string, setArgs ...any) (int64, error) {
	mark, n, err := lg.capture(ctx, t, where, whereArgs...)
	if err != nil || n == 0 {
		return 0, err
	}
	if _, err := lg.tx.ExecContext(ctx, `UPDATE `+quoteIdent(t.name)+` SET `+set+` WHERE `+loggedRows,
		append(setArgs, lg.merge, mark)...); err != nil {
		return 0, writeErr("合并："+t.name, err)
	}
	_, err = lg.tx.ExecContext(ctx, `UPDATE merge_rows SET
		pk = (SELECT `+t.key("a")+` FROM `+quoteIdent(t.name)+` AS a WHERE a.rowid = merge_rows.rid),
		after = (SELECT `+t.image("a")+` FROM `+quoteIdent(t.name)+` AS a WHERE a.rowid = merge_rows.rid)
		WHERE merge_id = ? AND seq > ?`, lg.merge, mark)
	if err != nil {
		return 0, fmt.Errorf("合并：记录 %s 的新样：%w", t.name, err)
	}
	return n, nil
}

// delete deletes the rows of t matching where, recording them.
func (lg *rowLog) delete(ctx context.Context, t tableShape, where string, args ...any) (int64, error) {
	mark, n, err := lg.capture(ctx, t, where, args...)
	if err != nil || n == 0 {
		return 0, err
	}
	if _, err := lg.tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(t.name)+` WHERE `+loggedRows, lg.merge, mark); err != nil {
		return 0, writeErr("合并："+t.name, err)
	}
	return n, nil
}

// move points the link l from drop to keep. Rows that would duplicate a row of keep under
// any unique key of the table, or that would link keep to itself through another link
// column of the same table, are deleted.
func (lg *rowLog) move(ctx context.Context, l mergeLink, keep, drop, who string, at time.Time) error {
	t, err := lg.shape(ctx, l.table)
	if err != nil {
		return err
	}
	col := `a.` + quoteIdent(l.column)
	for _, key := range t.uniques {
		if !slices.Contains(key, l.column) {
			continue
		}
		cond := []string{`o.` + quoteIdent(l.column) + ` = ?`}
		for _, c := range key {
			if c != l.column {
				cond = append(cond, `o.`+quoteIdent(c)+` IS a.`+quoteIdent(c))
			}
		}
		if l.combine != "" {
			// The kept record's rows that have a double: a is the kept row, o the double.
			kc := []string{`o.` + quoteIdent(l.column) + ` = ?`}
			for _, c := range key {
				if c != l.column {
					kc = append(kc, `o.`+quoteIdent(c)+` IS a.`+quoteIdent(c))
				}
			}
			where := col + ` = ? AND EXISTS (SELECT 1 FROM ` + quoteIdent(t.name) + ` AS o WHERE ` + strings.Join(kc, " AND ") + `)`
			if _, err := lg.update(ctx, t, where, []any{keep, drop}, l.combine, drop); err != nil {
				return err
			}
		}
		where := col + ` = ? AND EXISTS (SELECT 1 FROM ` + quoteIdent(t.name) + ` AS o WHERE ` + strings.Join(cond, " AND ") + `)`
		if _, err := lg.delete(ctx, t, where, drop, keep); err != nil {
			return err
		}
	}
	if l.twin != "" {
		where := col + ` = ? AND EXISTS (SELECT 1 FROM ` + quoteIdent(t.name) + ` AS o WHERE ` + l.twin + `)`
		if _, err := lg.delete(ctx, t, where, drop, keep); err != nil {
			return err
		}
	}
	for _, other := range mergeLinks {
		if l.noSelf && other.kind == l.kind && other.table == l.table && other.column != l.column {
			if _, err := lg.delete(ctx, t, col+` = ? AND a.`+quoteIdent(other.column)+` = ?`, drop, keep); err != nil {
				return err
			}
		}
	}
	set, args := quoteIdent(l.column)+` = ?`, []any{keep}
	if l.order != "" {
		var next int64
		if err := lg.tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(`+quoteIdent(l.order)+`) + 1, 0) FROM `+quoteIdent(t.name)+
			` WHERE `+quoteIdent(l.column)+` = ?`, keep).Scan(&next); err != nil {
			return fmt.Errorf("合并：%w", err)
		}
		set += `, ` + quoteIdent(l.order) + ` = ` + quoteIdent(l.order) + ` + ?`
		args = append(args, next)
	}
	if t.stamped {
		set += `, updated_at = ?, updated_by = ?`
		args = append(args, stamp(at), who)
	}
	_, err = lg.update(ctx, t, col+` = ?`, []any{drop}, set, args...)
	return err
}

// LinkCounts counts, for each link of the kind, the rows that point at the record.
func (s *Store) LinkCounts(ctx context.Context, kind app.EntityKind, id string) ([]app.LinkCount, error) {
	return linkCounts(ctx, s.db, kind, id)
}

func linkCounts(ctx context.Context, q querier, kind app.EntityKind, id string) ([]app.LinkCount, error) {
	out := []app.LinkCount{}
	for _, l := range mergeLinks {
		if l.kind != kind {
			continue
		}
		var n int
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(l.table)+` WHERE `+quoteIdent(l.column)+` = ?`, id).Scan(&n); err != nil {
			return nil, fmt.Errorf("统计关联：%w", err)
		}
		if n == 0 {
			continue
		}
		if k := len(out) - 1; k >= 0 && out[k].Label == l.label { // two columns of one table
			out[k].Count += n
		} else {
			out = append(out, app.LinkCount{Label: l.label, Count: n})
		}
	}
	return out, nil
}

// Merge writes a merge in one transaction: the other record goes to the recycle bin, every
// link moves to the kept record, the kept record takes its merged fields, and each changed
// row of a ledger record is audited along with the merge itself.
func (s *Store) Merge(ctx context.Context, c app.MergeChanges) (app.MergeRecord, error) {
	m := c.Merge
	table, ok := mergeTables[m.Kind]
	if !ok {
		return m, fmt.Errorf("无法合并“%s”记录", m.Kind.Label())
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, v := range []struct {
			id   string
			read time.Time
		}{{m.KeepID, c.KeepRead}, {m.DropID, c.DropRead}} {
			if err := checkVersion(ctx, tx, table, v.id, v.read); err != nil {
				return fmt.Errorf("合并%s：%w", m.Kind.Label(), err)
			}
		}
		moved, err := linkCounts(ctx, tx, m.Kind, m.DropID)
		if err != nil {
			return err
		}
		m.Moved = moved
		movedJSON, err := json.Marshal(moved)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO merges (id, entity, keep_id, drop_id, keep_name, drop_name, reason, moved, backup, at, by_whom)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, m.ID, string(m.Kind), m.KeepID, m.DropID, m.KeepName, m.DropName, m.Reason,
			string(movedJSON), m.Backup, stamp(m.At), m.By); err != nil {
			return writeErr("记录合并", err)
		}
		lg := &rowLog{tx: tx, merge: m.ID, shapes: map[string]tableShape{}}
		t, err := lg.shape(ctx, table)
		if err != nil {
			return err
		}
		// The other record first, so that the kept one can take its credit code.
		if _, err := lg.update(ctx, t, `a.id = ?`, []any{m.DropID},
			`deleted_at = ?, deleted_by = ?, updated_at = ?, updated_by = ?`, stamp(m.At), m.By, stamp(m.At), m.By); err != nil {
			return err
		}
		for _, l := range mergeLinks {
			if l.kind == m.Kind {
				if err := lg.move(ctx, l, m.KeepID, m.DropID, m.By, m.At); err != nil {
					return err
				}
			}
		}
		for _, td := range mergeTidy {
			if td.kind != m.Kind {
				continue
			}
			tt, err := lg.shape(ctx, td.table)
			if err != nil {
				return err
			}
			keeps := make([]any, strings.Count(td.where, "?"))
			for i := range keeps {
				keeps[i] = m.KeepID
			}
			if _, err := lg.update(ctx, tt, td.where, keeps, td.set); err != nil {
				return err
			}
		}
		var set string
		var args []any
		switch m.Kind {
		case app.KindEnterprise:
			set, args = enterpriseSet, append(enterpriseArgs(c.Enterprise), stamp(c.Enterprise.UpdatedAt), c.Enterprise.UpdatedBy)
		case app.KindPerson:
			set = personSet
			if args, err = personArgs(c.Person); err != nil {
				return err
			}
			args = append(args, stamp(c.Person.UpdatedAt), c.Person.UpdatedBy)
		}
		if _, err := lg.update(ctx, t, `a.id = ?`, []any{m.KeepID}, set, args...); err != nil {
			return err
		}
		if err := auditLogged(ctx, tx, m.ID, false, m.By, m.At); err != nil {
			return err
		}
		return writeAuditRows(ctx, tx, m.By, m.At,
			auditRow{m.Kind, m.KeepID, "merged", "", fmt.Sprintf("合并了“%s”（%s）", m.DropName, m.DropID)},
			auditRow{m.Kind, m.DropID, "merged_into", "", fmt.Sprintf("并入“%s”（%s）", m.KeepName, m.KeepID)})
	})
	return m, err
}

type auditRow struct {
	kind           app.EntityKind
	id             string
	field          string
	oldVal, newVal string
}

func writeAuditRows(ctx context.Context, tx *sql.Tx, who string, at time.Time, rows ...auditRow) error {
	for _, r := range rows {
		if err := writeAudit(ctx, tx, r.kind, r.id, []app.FieldChange{{Field: r.field, Old: r.oldVal, New: r.newVal}}, who, at); err != nil {
			return err
		}
	}
	return nil
}

// auditLogged audits the field changes of the ledger records in a merge's row log: from
// before to after, or back when undoing. Stamps are left out (the audit row has its own).
func auditLogged(ctx context.Context, tx *sql.Tx, mergeID string, undo bool, who string, at time.Time) error {
	kinds := map[string]app.EntityKind{}
	for k, r := range recycled {
		kinds[r.table] = k
	}
	rows, err := tx.QueryContext(ctx, `SELECT tbl, before, after FROM merge_rows WHERE merge_id = ? ORDER BY seq`, mergeID)
	if err != nil {
		return fmt.Errorf("写审计日志：%w", err)
	}
	type change struct {
		kind app.EntityKind
		id   string
		ch   []app.FieldChange
	}
	var changes []change
	for rows.Next() {
		var tbl string
		var before, after sql.NullString
		if err := rows.Scan(&tbl, &before, &after); err != nil {
			rows.Close()
			return err
		}
		kind, ok := kinds[tbl]
		if !ok {
			continue
		}
		var b, a map[string]any
		if before.Valid {
			if err := json.Unmarshal([]byte(before.String), &b); err != nil {
				rows.Close()
				return err
			}
		}
		if after.Valid {
			if err := json.Unmarshal([]byte(after.String), &a); err != nil {
				rows.Close()
				return err
			}
		}
		if undo {
			a, b = b, a
		}
		id, _ := b["id"].(string)
		if id == "" {
			id, _ = a["id"].(string)
		}
		changes = append(changes, change{kind, id, imageDiff(b, a)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range changes {
		if err := writeAudit(ctx, tx, c.kind, c.id, c.ch, who, at); err != nil {
			return err
		}
	}
	return nil
}

// imageDiff lists the columns whose values differ between two row images, stamps left out.
func imageDiff(old, new map[string]any) []app.FieldChange {
	var keys []string
	for k := range old {
		keys = append(keys, k)
	}
	for k := range new {
		if _, ok := old[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []app.FieldChange
	for _, k := range keys {
		switch k {
		case "rowid", "created_at", "updated_at", "updated_by", "deleted_by":
			continue
		}
		o, n := imageText(old[k]), imageText(new[k])
		if o != n {
			out = append(out, app.FieldChange{Field: k, Old: o, New: n})
		}
	}
	return out
}

func imageText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

// loggedRow is one row of merge_rows.
type loggedRow struct {
	seq           int64
	tbl, pk       string
	before, after sql.NullString
}

// UndoMerge puts back every row a merge changed, newest change first, after checking that
// each is still as the merge left it; the audit log keeps the merge and records the undo.
func (s *Store) UndoMerge(ctx context.Context, id, who string, at time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var kind, keepID, dropID, keepName, dropName, backup string
		var undone sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT entity, keep_id, drop_id, keep_name, drop_name, backup, undone_at FROM merges WHERE id = ?`, id).
			Scan(&kind, &keepID, &dropID, &keepName, &dropName, &backup, &undone)
		switch {
		case err == sql.ErrNoRows:
			return fmt.Errorf("合并记录 %s：%w", id, app.ErrNotFound)
		case err != nil:
			return fmt.Errorf("读取合并记录：%w", err)
		case undone.Valid:
			return fmt.Errorf("“%s”并入“%s”的合并已于 %s 撤销过", dropName, keepName, undone.String)
		}
		rows, err := tx.QueryContext(ctx, `SELECT seq, tbl, pk, before, after FROM merge_rows WHERE merge_id = ? ORDER BY seq DESC`, id)
		if err != nil {
			return fmt.Errorf("读取合并记录：%w", err)
		}
		var logged []loggedRow
		for rows.Next() {
			var r loggedRow
			if err := rows.Scan(&r.seq, &r.tbl, &r.pk, &r.before, &r.after); err != nil {
				rows.Close()
				return err
			}
			logged = append(logged, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		lg := &rowLog{tx: tx, merge: id, shapes: map[string]tableShape{}}
		// Every row must still be as the merge left it: otherwise putting the old one back
		// would silently undo a later edit.
		var changed []string
		for _, r := range logged {
			t, err := lg.shape(ctx, r.tbl)
			if err != nil {
				return err
			}
			var cur sql.NullString
			err = tx.QueryRowContext(ctx, `SELECT `+t.image("a")+` FROM `+quoteIdent(t.name)+` AS a WHERE `+t.keyMatch("a", "?1"), r.pk).Scan(&cur)
			if err != nil && err != sql.ErrNoRows {
				return fmt.Errorf("撤销合并：%w", err)
			}
			if cur.Valid != r.after.Valid || cur.String != r.after.String {
				changed = append(changed, describeRow(r))
			}
		}
		if len(changed) > 0 {
			more := ""
			if len(changed) > 3 {
				more = fmt.Sprintf(" 等 %d 处", len(changed))
				changed = changed[:3]
			}
			return fmt.Errorf("合并之后这些记录又被修改过：%s%s。撤销会丢掉这些修改，所以没有撤销；如确需回到合并前，请在“设置”中从合并前的备份恢复：%s",
				strings.Join(changed, "、"), more, backup)
		}
		for _, r := range logged {
			t := lg.shapes[r.tbl]
			switch {
			case !r.before.Valid: // a row the merge added
				_, err = tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(t.name)+` WHERE `+t.keyMatch(quoteIdent(t.name), "?1"), r.pk)
			case !r.after.Valid: // a row the merge deleted: back under its rowid when that is free
				err = reinsert(ctx, tx, t, r.before.String)
			default:
				sets := make([]string, len(t.cols))
				for i, c := range t.cols {
					sets[i] = quoteIdent(c) + ` = json_extract(?1, '$.` + c + `')`
				}
				_, err = tx.ExecContext(ctx, `UPDATE `+quoteIdent(t.name)+` SET `+strings.Join(sets, ", ")+
					` WHERE `+t.keyMatch(quoteIdent(t.name), "?2"), r.before.String, r.pk)
			}
			if err != nil {
				return writeErr("撤销合并："+t.name, err)
			}
		}
		if err := auditLogged(ctx, tx, id, true, who, at); err != nil {
			return err
		}
		k := app.EntityKind(kind)
		if err := writeAuditRows(ctx, tx, who, at,
			auditRow{k, keepID, "merge_undone", "", fmt.Sprintf("撤销合并：“%s”（%s）重新分开", dropName, dropID)},
			auditRow{k, dropID, "merge_undone", "", fmt.Sprintf("撤销合并：不再并入“%s”（%s）", keepName, keepID)}); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE merges SET undone_at = ?, undone_by = ? WHERE id = ?`, stamp(at), who, id)
		return err
	})
}

// reinsert puts a deleted row back from its image, under its old rowid when no row took it.
func reinsert(ctx context.Context, tx *sql.Tx, t tableShape, image string) error {
	cols, vals := make([]string, 0, len(t.cols)+1), make([]string, 0, len(t.cols)+1)
	var taken int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+quoteIdent(t.name)+` WHERE rowid = json_extract(?, '$.rowid')`, image).Scan(&taken); err != nil {
		return err
	}
	if taken == 0 {
		cols, vals = append(cols, "rowid"), append(vals, `json_extract(?1, '$.rowid')`)
	}
	for _, c := range t.cols {
		cols, vals = append(cols, quoteIdent(c)), append(vals, `json_extract(?1, '$.`+c+`')`)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+quoteIdent(t.name)+` (`+strings.Join(cols, ", ")+`) VALUES (`+strings.Join(vals, ", ")+`)`, image)
	return err
}

// describeRow names a logged row for the user: the record's name when it has one.
func describeRow(r loggedRow) string {
	img := r.after.String
	if !r.after.Valid {
		img = r.before.String
	}
	var m map[string]any
	_ = json.Unmarshal([]byte(img), &m)
	for k, rc := range recycled {
		if rc.table == r.tbl {
			if name, ok := m["name"].(string); ok {
				return k.Label() + "“" + name + "”"
			}
			return k.Label() + " " + fmt.Sprint(m["id"])
		}
	}
	return r.tbl + " " + r.pk
}

// Merges lists the merges, newest first, at most limit.
func (s *Store) Merges(ctx context.Context, limit int) ([]app.MergeRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, entity, keep_id, drop_id, keep_name, drop_name, reason, moved, backup, at, by_whom, undone_at, undone_by
		FROM merges ORDER BY at DESC, rowid DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("读取合并记录：%w", err)
	}
	defer rows.Close()
	var out []app.MergeRecord
	for rows.Next() {
		var m app.MergeRecord
		var kind, moved, at string
		var undone sql.NullString
		if err := rows.Scan(&m.ID, &kind, &m.KeepID, &m.DropID, &m.KeepName, &m.DropName, &m.Reason, &moved, &m.Backup, &at, &m.By, &undone, &m.UndoneBy); err != nil {
			return nil, fmt.Errorf("读取合并记录：%w", err)
		}
		m.Kind = app.EntityKind(kind)
		if err := json.Unmarshal([]byte(moved), &m.Moved); err != nil {
			return nil, fmt.Errorf("读取合并记录：%w", err)
		}
		var sc scanner
		m.At, m.UndoneAt = sc.stamp(at), sc.deleted(undone)
		if sc.err != nil {
			return nil, sc.err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// EnterpriseKeys reads the keys of every live enterprise for a duplicate scan.
func (s *Store) EnterpriseKeys(ctx context.Context) ([]app.EnterpriseKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, credit_code, created_at FROM enterprises WHERE deleted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("查重：读取企业：%w", err)
	}
	defer rows.Close()
	var out []app.EnterpriseKey
	var sc scanner
	for rows.Next() {
		var k app.EnterpriseKey
		var created string
		if err := rows.Scan(&k.ID, &k.Name, &k.CreditCode, &created); err != nil {
			return nil, fmt.Errorf("查重：读取企业：%w", err)
		}
		k.CreatedAt = sc.stamp(created)
		out = append(out, k)
	}
	if sc.err != nil {
		return nil, sc.err
	}
	return out, rows.Err()
}

// PersonKeys reads the keys of every live person, with phones and enterprise name, for a
// duplicate scan: two statements in all.
func (s *Store) PersonKeys(ctx context.Context) ([]app.PersonKey, error) {
	phones, err := phonesOf(ctx, s.db, `WHERE person_id IN (SELECT id FROM people WHERE deleted_at IS NULL)`)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.name, p.wechat, COALESCE(p.enterprise_id, ''), COALESCE(e.name, ''), p.created_at
		FROM people p LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE p.deleted_at IS NULL`)
	if err != nil {
		return nil, fmt.Errorf("查重：读取人物：%w", err)
	}
	defer rows.Close()
	var out []app.PersonKey
	var sc scanner
	for rows.Next() {
		var k app.PersonKey
		var created string
		if err := rows.Scan(&k.ID, &k.Name, &k.WeChat, &k.EnterpriseID, &k.EnterpriseName, &created); err != nil {
			return nil, fmt.Errorf("查重：读取人物：%w", err)
		}
		k.CreatedAt, k.Phones = sc.stamp(created), phones[k.ID]
		out = append(out, k)
	}
	if sc.err != nil {
		return nil, sc.err
	}
	return out, rows.Err()
}
