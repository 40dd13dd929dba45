package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ganzhao/app"
)

const fundColumns = `name, type, level, parent_id, manager_id, size, gov_commitment, stage, reinvest_kind, reinvest_ratio_bp,
	reinvest_base, set_up_on, notes, co_manager_id, investable, ` + metaColumns

func fundArgs(f app.Fund) []any {
	return []any{f.Name, string(f.Type), string(f.Level), nullID(f.ParentID), nullID(f.ManagerID), int64(f.Size), int64(f.GovCommitment),
		string(f.Stage), string(f.ReinvestKind), f.ReinvestRatio, string(f.ReinvestBase), dateArg(f.SetUpOn), f.Notes,
		nullID(f.CoManagerID), int64(f.Investable)}
}

func scanFund(row interface{ Scan(...any) error }) (app.Fund, error) {
	var f app.Fund
	var typ, level, stage, kind, base string
	var parent, manager, coManager, setUp sql.NullString
	var m meta
	dest := append([]any{&f.Name, &typ, &level, &parent, &manager, &f.Size, &f.GovCommitment, &stage, &kind, &f.ReinvestRatio,
		&base, &setUp, &f.Notes, &coManager, &f.Investable}, m.dest()...)
	if err := row.Scan(dest...); err != nil {
		return f, err
	}
	var sc scanner
	f.Meta, f.SetUpOn = m.meta(&sc), sc.date(setUp)
	f.Type, f.Level, f.Stage, f.ReinvestKind, f.ReinvestBase = app.FundType(typ), app.FundLevel(level), app.FundStage(stage), app.ReinvestKind(kind), app.ReinvestBase(base)
	f.ParentID, f.ManagerID, f.CoManagerID = parent.String, manager.String, coManager.String
	return f, sc.err
}

// CreateFund inserts a fund and audits every field set.
func (s *Store) CreateFund(ctx context.Context, f app.Fund) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertFund(ctx, tx, f); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindFund, f.ID, app.Diff(app.Fund{}, f), f.UpdatedBy, f.UpdatedAt)
	})
}

func insertFund(ctx context.Context, tx *sql.Tx, f app.Fund) error {
	args := append(fundArgs(f), f.ID, stamp(f.CreatedAt), stamp(f.UpdatedAt), f.UpdatedBy, nullStamp(f.DeletedAt))
	_, err := tx.ExecContext(ctx, `INSERT INTO funds (`+fundColumns+`) VALUES (`+placeholders(len(args))+`)`, args...)
	return writeErr("保存基金“"+f.Name+"”", err)
}

// UpdateFund saves an edited fund read at `read`.
func (s *Store) UpdateFund(ctx context.Context, f app.Fund, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "funds", f.ID, read); err != nil {
			return fmt.Errorf("保存基金“%s”：%w", f.Name, err)
		}
		old, err := getFund(ctx, tx, f.ID)
		if err != nil {
			return err
		}
		args := append(fundArgs(f), stamp(f.UpdatedAt), f.UpdatedBy, f.ID)
		_, err = tx.ExecContext(ctx, `UPDATE funds SET name = ?, type = ?, level = ?, parent_id = ?, manager_id = ?, size = ?,
			gov_commitment = ?, stage = ?, reinvest_kind = ?, reinvest_ratio_bp = ?, reinvest_base = ?, set_up_on = ?, notes = ?,
			co_manager_id = ?, investable = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
		if err != nil {
			return writeErr("保存基金“"+f.Name+"”", err)
		}
		return writeAudit(ctx, tx, app.KindFund, f.ID, app.Diff(old, f), f.UpdatedBy, f.UpdatedAt)
	})
}

// Fund reads one fund.
func (s *Store) Fund(ctx context.Context, id string) (app.Fund, error) { return getFund(ctx, s.db, id) }

func getFund(ctx context.Context, q querier, id string) (app.Fund, error) {
	f, err := scanFund(q.QueryRowContext(ctx, `SELECT `+fundColumns+` FROM funds WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return f, fmt.Errorf("基金 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("读取基金：%w", err)
	}
	return f, nil
}

// Funds lists live funds by name.
func (s *Store) Funds(ctx context.Context) ([]app.Fund, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+fundColumns+` FROM funds WHERE deleted_at IS NULL ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("列出基金：%w", err)
	}
	defer rows.Close()
	var out []app.Fund
	for rows.Next() {
		f, err := scanFund(rows)
		if err != nil {
			return nil, fmt.Errorf("列出基金：%w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

const investmentColumns = `fund_id, enterprise_id, project_id, amount, on_date, counts, counts_reason, ` + metaColumns

func investmentArgs(v app.FundInvestment) []any {
	return []any{v.FundID, v.EnterpriseID, nullID(v.ProjectID), int64(v.Amount), v.On.String(), boolInt(v.Counts), v.CountsReason}
}

func scanInvestment(row interface{ Scan(...any) error }) (app.FundInvestment, error) {
	var v app.FundInvestment
	var project, on sql.NullString
	var m meta
	if err := row.Scan(append([]any{&v.FundID, &v.EnterpriseID, &project, &v.Amount, &on, &v.Counts, &v.CountsReason}, m.dest()...)...); err != nil {
		return v, err
	}
	var sc scanner
	v.Meta, v.On, v.ProjectID = m.meta(&sc), sc.date(on), project.String
	return v, sc.err
}

// CreateFundInvestment inserts an investment of a fund and audits every field set.
func (s *Store) CreateFundInvestment(ctx context.Context, v app.FundInvestment) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertInvestment(ctx, tx, v); err != nil {
			return err
		}
		return writeAudit(ctx, tx, app.KindFundInvestment, v.ID, app.Diff(app.FundInvestment{}, v), v.UpdatedBy, v.UpdatedAt)
	})
}

func insertInvestment(ctx context.Context, tx *sql.Tx, v app.FundInvestment) error {
	args := append(investmentArgs(v), v.ID, stamp(v.CreatedAt), stamp(v.UpdatedAt), v.UpdatedBy, nullStamp(v.DeletedAt))
	_, err := tx.ExecContext(ctx, `INSERT INTO fund_investments (`+investmentColumns+`) VALUES (`+placeholders(len(args))+`)`, args...)
	return writeErr("保存基金投资", err)
}

// UpdateFundInvestment saves an edited investment read at `read`.
func (s *Store) UpdateFundInvestment(ctx context.Context, v app.FundInvestment, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "fund_investments", v.ID, read); err != nil {
			return fmt.Errorf("保存基金投资：%w", err)
		}
		old, err := getInvestment(ctx, tx, v.ID)
		if err != nil {
			return err
		}
		args := append(investmentArgs(v), stamp(v.UpdatedAt), v.UpdatedBy, v.ID)
		_, err = tx.ExecContext(ctx, `UPDATE fund_investments SET fund_id = ?, enterprise_id = ?, project_id = ?, amount = ?,
			on_date = ?, counts = ?, counts_reason = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
		if err != nil {
			return writeErr("保存基金投资", err)
		}
		return writeAudit(ctx, tx, app.KindFundInvestment, v.ID, app.Diff(old, v), v.UpdatedBy, v.UpdatedAt)
	})
}

// FundInvestment reads one investment.
func (s *Store) FundInvestment(ctx context.Context, id string) (app.FundInvestment, error) {
	return getInvestment(ctx, s.db, id)
}

func getInvestment(ctx context.Context, q querier, id string) (app.FundInvestment, error) {
	v, err := scanInvestment(q.QueryRowContext(ctx, `SELECT `+investmentColumns+` FROM fund_investments WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return v, fmt.Errorf("基金投资 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return v, fmt.Errorf("读取基金投资：%w", err)
	}
	return v, nil
}

// FundInvestments lists a fund's live investments, by date.
func (s *Store) FundInvestments(ctx context.Context, fundID string) ([]app.FundInvestment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+investmentColumns+` FROM fund_investments WHERE fund_id = ? AND deleted_at IS NULL
		ORDER BY on_date, id`, fundID)
	if err != nil {
		return nil, fmt.Errorf("列出基金投资：%w", err)
	}
	defer rows.Close()
	var out []app.FundInvestment
	for rows.Next() {
		v, err := scanInvestment(rows)
		if err != nil {
			return nil, fmt.Errorf("列出基金投资：%w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

const lpColumns = `fund_id, enterprise_id, government, subscribed, paid_in, notes, ` + metaColumns

func lpArgs(lp app.FundLP) []any {
	return []any{lp.FundID, lp.EnterpriseID, boolInt(lp.Government), int64(lp.Subscribed), int64(lp.PaidIn), lp.Notes}
}

func scanLP(row interface{ Scan(...any) error }) (app.FundLP, error) {
	var lp app.FundLP
	var m meta
	if err := row.Scan(append([]any{&lp.FundID, &lp.EnterpriseID, &lp.Government, &lp.Subscribed, &lp.PaidIn, &lp.Notes}, m.dest()...)...); err != nil {
		return lp, err
	}
	var sc scanner
	lp.Meta = m.meta(&sc)
	return lp, sc.err
}

// CreateFundLP inserts a limited partner of a fund and audits every field set.
func (s *Store) CreateFundLP(ctx context.Context, lp app.FundLP) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		args := append(lpArgs(lp), lp.ID, stamp(lp.CreatedAt), stamp(lp.UpdatedAt), lp.UpdatedBy, nullStamp(lp.DeletedAt))
		if _, err := tx.ExecContext(ctx, `INSERT INTO fund_lps (`+lpColumns+`) VALUES (`+placeholders(len(args))+`)`, args...); err != nil {
			return writeErr("保存基金出资人", err)
		}
		return writeAudit(ctx, tx, app.KindFundLP, lp.ID, app.Diff(app.FundLP{}, lp), lp.UpdatedBy, lp.UpdatedAt)
	})
}

// UpdateFundLP saves an edited limited partner read at `read`.
func (s *Store) UpdateFundLP(ctx context.Context, lp app.FundLP, read time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := checkVersion(ctx, tx, "fund_lps", lp.ID, read); err != nil {
			return fmt.Errorf("保存基金出资人：%w", err)
		}
		old, err := getLP(ctx, tx, lp.ID)
		if err != nil {
			return err
		}
		args := append(lpArgs(lp), stamp(lp.UpdatedAt), lp.UpdatedBy, lp.ID)
		_, err = tx.ExecContext(ctx, `UPDATE fund_lps SET fund_id = ?, enterprise_id = ?, government = ?, subscribed = ?,
			paid_in = ?, notes = ?, updated_at = ?, updated_by = ? WHERE id = ?`, args...)
		if err != nil {
			return writeErr("保存基金出资人", err)
		}
		return writeAudit(ctx, tx, app.KindFundLP, lp.ID, app.Diff(old, lp), lp.UpdatedBy, lp.UpdatedAt)
	})
}

// FundLP reads one limited partner.
func (s *Store) FundLP(ctx context.Context, id string) (app.FundLP, error) {
	return getLP(ctx, s.db, id)
}

func getLP(ctx context.Context, q querier, id string) (app.FundLP, error) {
	lp, err := scanLP(q.QueryRowContext(ctx, `SELECT `+lpColumns+` FROM fund_lps WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return lp, fmt.Errorf("基金出资人 %s：%w", id, app.ErrNotFound)
	}
	if err != nil {
		return lp, fmt.Errorf("读取基金出资人：%w", err)
	}
	return lp, nil
}

// FundLPs lists a fund's live limited partners, largest commitment first.
func (s *Store) FundLPs(ctx context.Context, fundID string) ([]app.FundLP, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+lpColumns+` FROM fund_lps WHERE fund_id = ? AND deleted_at IS NULL
		ORDER BY subscribed DESC, id`, fundID)
	if err != nil {
		return nil, fmt.Errorf("列出基金出资人：%w", err)
	}
	defer rows.Close()
	var out []app.FundLP
	for rows.Next() {
		lp, err := scanLP(rows)
		if err != nil {
			return nil, fmt.Errorf("列出基金出资人：%w", err)
		}
		out = append(out, lp)
	}
	return out, rows.Err()
}
