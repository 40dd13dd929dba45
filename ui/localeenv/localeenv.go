// Package localeenv mends the process environment before Fyne reads the user's locale.
//
// Fyne's lang package asks github.com/jeandeaual/go-locale for the locale in its init. That
// library passes "C.UTF-8" (the default of Debian and Ubuntu containers, CI machines and cron)
// through as a language, and Fyne then logs "Error parsing user locale C" three lines long
// on every start, command-line runs included. When the locale in force is the C or POSIX
// locale with a codeset and LANGUAGE is unset, this package sets LANGUAGE to zh_CN: the
// language the window shows anyway (ui installs Chinese strings for every locale).
//
// It must be initialised before fyne.io/fyne/v2/lang: it imports nothing but os and strings,
// and Go initialises, among the packages whose imports are ready, the one with the lowest
// import path first; "ganzhao/…" sorts before the github.com and golang.org packages lang
// imports. ui imports it for its side effect; a test in package main checks the result.
package localeenv

import (
	"os"
	"strings"
)

func init() { Mend(os.Getenv, os.Setenv) }

// Mend sets LANGUAGE to zh_CN when the locale in force (LC_ALL, else LC_MESSAGES, else LANG)
// is C or POSIX with a codeset, such as C.UTF-8, and LANGUAGE is unset.
func Mend(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(name); locale != "" {
			break
		}
	}
	base, codeset, _ := strings.Cut(locale, ".")
	if codeset != "" && (base == "C" || base == "POSIX") {
		setenv("LANGUAGE", "zh_CN")
	}
}
