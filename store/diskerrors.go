package store

import (
	"errors"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"ganzhao/app"
)

// classify turns the driver's and the operating system's errors about the disk into the app's
// (app.ErrDiskFull, app.ErrReadOnlyMedia, app.ErrDiskIO, wrapped in an *app.StorageError that keeps
// the original for the log); any other error is returned as it is.
func classify(err error) error {
	if err == nil || app.IsStorageError(err) {
		return err
	}
	if kind := diskProblem(err); kind != nil {
		return &app.StorageError{Kind: kind, Err: err}
	}
	return err
}

func diskProblem(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return app.ErrDiskFull
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return app.ErrReadOnlyMedia
		case sqlite3.SQLITE_IOERR:
			return app.ErrDiskIO
		}
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return app.ErrDiskFull
	case errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return app.ErrReadOnlyMedia
	case errors.Is(err, syscall.EIO):
		return app.ErrDiskIO
	}
	return nil
}
