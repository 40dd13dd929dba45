package store

import (
	"context"
	"database/sql"
)

// txStmts runs a transaction's statements on statements prepared once per text. SQLite
// prepares a statement anew each time it is run from its text, and for a batch that does the
// same few things per record that was a quarter of the time: an import updating 50 000
// records ran seven statements for each. It serves as a querier in place of the *sql.Tx.
type txStmts struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func newTxStmts(tx *sql.Tx) *txStmts { return &txStmts{tx: tx, stmts: map[string]*sql.Stmt{}} }

// stmt returns the statement for query, preparing it the first time.
func (c *txStmts) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *txStmts) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *txStmts) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *txStmts) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.tx.QueryRowContext(ctx, query, args...) // fails the same way, in the Row
	}
	return st.QueryRowContext(ctx, args...)
}

// close closes the statements; the transaction would at its end anyway.
func (c *txStmts) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}
