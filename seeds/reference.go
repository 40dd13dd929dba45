// Package seeds holds the embedded reference data (administrative divisions, development
// zones, industry chains and small vocabularies, shipped as numbered JSON sets under
// reference/) and the demo-data generator.
package seeds

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"ganzhao/app"
)

//go:embed reference/*.json
var referenceFS embed.FS

// referenceDir is the directory of the embedded reference sets.
const referenceDir = "reference"

// Division levels used in reference data.
const (
	levelCity   = "市"
	levelCounty = "县"
)

// vocabKinds lists the vocabulary kinds a reference set may contain.
var vocabKinds = map[string]bool{
	app.VocabCategory:     true,
	app.VocabMethod:       true,
	app.VocabActivityKind: true,
	app.VocabChamberKind:  true,
}

// Reference returns the embedded reference sets in file-name order, decoded strictly and
// checked. Every file is named NNNN_name.json, where NNNN is the set's version.
func Reference() ([]app.ReferenceSet, error) {
	entries, err := fs.ReadDir(referenceFS, referenceDir) // sorted by name
	if err != nil {
		return nil, fmt.Errorf("seeds: read %s: %w", referenceDir, err)
	}
	var (
		sets  []app.ReferenceSet
		files []string
	)
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".json" {
			continue
		}
		data, err := referenceFS.ReadFile(path.Join(referenceDir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("seeds: %s: %w", e.Name(), err)
		}
		set, err := decodeReference(data)
		if err != nil {
			return nil, fmt.Errorf("seeds: %s: %w", e.Name(), err)
		}
		sets = append(sets, set)
		files = append(files, e.Name())
	}
	if err := checkReference(sets, files); err != nil {
		return nil, err
	}
	return sets, nil
}

// decodeReference decodes one set, rejecting unknown fields and trailing data.
func decodeReference(data []byte) (app.ReferenceSet, error) {
	var set app.ReferenceSet
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&set); err != nil {
		return app.ReferenceSet{}, fmt.Errorf("decode: %w", err)
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return app.ReferenceSet{}, errors.New("decode: trailing data after the JSON object")
	}
	return set, nil
}

// fileVersion returns the number prefix of a file name such as "0001_jiangxi.json".
func fileVersion(file string) (int, error) {
	base := path.Base(file)
	end := 0
	for end < len(base) && base[end] >= '0' && base[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0, errors.New("file name has no version number prefix")
	}
	n, err := strconv.Atoi(base[:end])
	if err != nil {
		return 0, fmt.Errorf("file name version prefix: %w", err)
	}
	return n, nil
}

// isDivisionCode reports whether s is a six-digit code.
func isDivisionCode(s string) bool {
	if len(s) != 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkReference validates sets, read from the files of the same index. Sets are
// append-only, so uniqueness holds across all sets and a later set may refer to divisions
// of an earlier one. The error names the file and the problem.
func checkReference(sets []app.ReferenceSet, files []string) error {
	if len(sets) != len(files) {
		return fmt.Errorf("seeds: %d reference sets but %d file names", len(sets), len(files))
	}
	divisions := map[string]app.Division{} // by code
	zoneNames := map[string]bool{}
	chainNames := map[string]bool{} // plan + "/" + name
	vocabNames := map[string]bool{} // kind + "/" + name
	prev := 0
	for i, set := range sets {
		file := files[i]
		fail := func(format string, args ...any) error {
			return fmt.Errorf("seeds: %s: %s", file, fmt.Sprintf(format, args...))
		}

		want, err := fileVersion(file)
		if err != nil {
			return fail("%v", err)
		}
		if set.Version != want {
			return fail("version %d does not match the file name prefix %d", set.Version, want)
		}
		if i > 0 && set.Version <= prev {
			return fail("version %d is not greater than the previous version %d", set.Version, prev)
		}
		prev = set.Version
		if strings.TrimSpace(set.Name) == "" {
			return fail("set has no name")
		}

		// Divisions: cities first, so that counties may precede their city in the file.
		for _, d := range set.Divisions {
			if !isDivisionCode(d.Code) {
				return fail("division %q: code %q is not six digits", d.Name, d.Code)
			}
			if strings.TrimSpace(d.Name) == "" {
				return fail("division %s has no name", d.Code)
			}
			if _, dup := divisions[d.Code]; dup {
				return fail("division code %s (%s) is duplicated", d.Code, d.Name)
			}
			switch d.Level {
			case levelCity:
				if d.ParentCode != "" {
					return fail("city %s %s has a parent code", d.Code, d.Name)
				}
			case levelCounty:
			default:
				return fail("division %s %s: unknown level %q", d.Code, d.Name, d.Level)
			}
			divisions[d.Code] = d
		}
		for _, d := range set.Divisions {
			if d.Level != levelCounty {
				continue
			}
			parent, ok := divisions[d.ParentCode]
			if !ok || parent.Level != levelCity {
				return fail("county %s %s: parent city %q does not exist", d.Code, d.Name, d.ParentCode)
			}
			if d.Code[:4] != d.ParentCode[:4] {
				return fail("county %s %s: code does not start with its parent's prefix %s", d.Code, d.Name, d.ParentCode[:4])
			}
		}

		for _, z := range set.Zones {
			if strings.TrimSpace(z.Name) == "" {
				return fail("zone %s has no name", z.ID)
			}
			if zoneNames[z.Name] {
				return fail("zone %s is duplicated", z.Name)
			}
			zoneNames[z.Name] = true
			if !z.Level.Valid() {
				return fail("zone %s: invalid level %q", z.Name, z.Level)
			}
			if id := app.ReferenceID("zone", z.Name); z.ID != id {
				return fail("zone %s: id %q, want %s", z.Name, z.ID, id)
			}
			if z.DivisionCode != "" {
				if _, ok := divisions[z.DivisionCode]; !ok {
					return fail("zone %s: division %q does not exist", z.Name, z.DivisionCode)
				}
			}
		}

		for _, c := range set.Chains {
			if strings.TrimSpace(c.Plan) == "" || strings.TrimSpace(c.Name) == "" {
				return fail("chain %q in plan %q: plan and name are required", c.Name, c.Plan)
			}
			key := c.Plan + "/" + c.Name
			if chainNames[key] {
				return fail("chain %s is duplicated in plan %s", c.Name, c.Plan)
			}
			chainNames[key] = true
			if id := app.ReferenceID("chain", key); c.ID != id {
				return fail("chain %s: id %q, want %s", key, c.ID, id)
			}
		}

		for _, v := range set.Vocab {
			if !vocabKinds[v.Kind] {
				return fail("vocab %q: unknown kind %q", v.Name, v.Kind)
			}
			if strings.TrimSpace(v.Name) == "" {
				return fail("vocab of kind %s has an empty name", v.Kind)
			}
			key := v.Kind + "/" + v.Name
			if vocabNames[key] {
				return fail("vocab %s is duplicated in kind %s", v.Name, v.Kind)
			}
			vocabNames[key] = true
		}
	}
	return nil
}
