package app

import "errors"

// Errors of the disk under the ledger, which the store classifies its driver's errors into at
// its boundary. A write that fails with one of them was rolled back whole: the ledger is as it
// was before. Each message says what to do; a form that shows it keeps what the user typed.
var (
	// ErrDiskFull: no space left for the write (SQLITE_FULL, ENOSPC).
	ErrDiskFull = errors.New("磁盘空间不足：请释放磁盘空间，或把数据库移到空间充足的磁盘后再保存")
	// ErrReadOnlyMedia: the file, its folder or the medium cannot be written (SQLITE_READONLY,
	// SQLITE_CANTOPEN, EROFS, EACCES, EPERM): a write-protected USB stick, a CD, a folder
	// without write permission.
	ErrReadOnlyMedia = errors.New("数据库所在的磁盘或文件夹不可写（只读介质或没有写入权限）：请把数据库复制到可写的磁盘（如本机硬盘）后重新打开")
	// ErrDiskIO: the disk failed to read or write (SQLITE_IOERR, EIO): a removed or failing
	// drive.
	ErrDiskIO = errors.New("读写磁盘出错：请检查U盘或移动硬盘是否已拔出或损坏，把数据库复制到可靠的磁盘后重试")
)

// StorageError is a write the disk refused: Kind is ErrDiskFull, ErrReadOnlyMedia or ErrDiskIO and
// gives the message the user reads; Err is the driver's error, for the log.
type StorageError struct {
	Kind error
	Err  error
}

func (e *StorageError) Error() string { return e.Kind.Error() }

// Unwrap lets errors.Is find both the kind and the driver's error.
func (e *StorageError) Unwrap() []error { return []error{e.Kind, e.Err} }

// IsStorageError reports whether err is (or wraps) a write the disk refused.
func IsStorageError(err error) bool {
	var se *StorageError
	return errors.As(err, &se)
}
