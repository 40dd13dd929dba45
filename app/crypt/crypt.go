// Package crypt protects backup and export files with a passphrase, in the age format
// (filippo.io/age, scrypt recipient): a file that can be opened on any machine with the
// passphrase, by 赣招 or by the age command-line tool.
package crypt

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"filippo.io/age"
)

// DefaultWorkFactor is age's own scrypt cost (2^18): about a second to open a file on a
// current laptop, and as long for each guess of someone who found it.
const DefaultWorkFactor = 18

// Errors for the user.
var (
	// ErrWrongPassphrase: the passphrase does not open the file.
	ErrWrongPassphrase = errors.New("密码不正确，无法解密文件（请检查大小写和输入法）；没有做任何改动")
	// ErrNotEncrypted: the file is not a passphrase-protected age file.
	ErrNotEncrypted = errors.New("不是加密的备份文件")
	// ErrWeakPassphrase: too short a passphrase is refused.
	ErrWeakPassphrase = errors.New("密码至少需要 8 个字符")
)

// MinPassphrase is the shortest passphrase accepted for a new file, in characters.
const MinPassphrase = 8

// CheckNew checks a passphrase chosen for a new file, typed twice.
func CheckNew(pass, again string) error {
	if utf8.RuneCountInString(pass) < MinPassphrase {
		return ErrWeakPassphrase
	}
	if pass != again {
		return errors.New("两次输入的密码不一致")
	}
	return nil
}

// Encrypt returns a writer that encrypts what is written to it into w with the passphrase,
// at the scrypt cost 2^workFactor (DefaultWorkFactor when 0). Close finishes the file; it
// does not close w.
func Encrypt(w io.Writer, pass string, workFactor int) (io.WriteCloser, error) {
	if pass == "" {
		return nil, ErrWeakPassphrase
	}
	r, err := age.NewScryptRecipient(pass)
	if err != nil {
		return nil, err
	}
	if workFactor == 0 {
		workFactor = DefaultWorkFactor
	}
	r.SetWorkFactor(workFactor)
	return age.Encrypt(w, r)
}

// Decrypt returns the plain text of the age file read from r. A wrong passphrase is
// ErrWrongPassphrase, a file that is not age-encrypted with a passphrase ErrNotEncrypted.
func Decrypt(r io.Reader, pass string) (io.Reader, error) {
	if pass == "" {
		return nil, ErrWrongPassphrase
	}
	id, err := age.NewScryptIdentity(pass)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len(magic)); !bytes.Equal(head, []byte(magic)) {
		return nil, ErrNotEncrypted
	}
	out, err := age.Decrypt(br, id)
	if err != nil {
		var none *age.NoIdentityMatchError
		if errors.As(err, &none) {
			return nil, ErrWrongPassphrase
		}
		return nil, fmt.Errorf("%w：%w", ErrNotEncrypted, err)
	}
	return out, nil
}

// magic starts every age file.
const magic = "age-encryption.org/v1\n"

// IsEncrypted reports whether the file at path starts as an age file does.
func IsEncrypted(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(magic))
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == magic
}

// EncryptFile writes src encrypted to dst: to a temporary name beside dst first, renamed
// when whole, so dst is never a partial file.
func EncryptFile(src, dst, pass string, workFactor int) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomically(dst, func(f io.Writer) error {
		w, err := Encrypt(f, pass, workFactor)
		if err != nil {
			return err
		}
		if _, err := io.Copy(w, in); err != nil {
			return err
		}
		return w.Close()
	})
}

// DecryptFile writes the plain text of the age file src to dst. Nothing is left at dst when
// the passphrase is wrong or the file is damaged: age checks every chunk as it reads.
func DecryptFile(src, dst, pass string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomically(dst, func(f io.Writer) error {
		r, err := Decrypt(in, pass)
		if err != nil {
			return err
		}
		if _, err := io.Copy(f, r); err != nil {
			return fmt.Errorf("解密 %s 失败，文件可能已损坏：%w", filepath.Base(src), err)
		}
		return nil
	})
}

func writeAtomically(dst string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dst)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
