package store

import (
	"context"
	"testing"

	"ganzhao/app"
	"ganzhao/seeds"
)

func TestApplyReference(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	sets, err := seeds.Reference()
	must(t, err)

	n, err := s.ApplyReference(ctx, sets)
	must(t, err)
	if n != len(sets) || n != 1 {
		t.Fatalf("first ApplyReference = %d, want 1 (of %d sets)", n, len(sets))
	}
	n, err = s.ApplyReference(ctx, sets)
	must(t, err)
	if n != 0 {
		t.Fatalf("second ApplyReference = %d, want 0", n)
	}

	// Counts match the seed (keys are unique across the sets).
	divisions, zones, chains := map[string]bool{}, map[string]bool{}, map[string]bool{}
	vocab := map[string]map[string]bool{}
	for _, set := range sets {
		for _, d := range set.Divisions {
			divisions[d.Code] = true
		}
		for _, z := range set.Zones {
			zones[z.ID] = true
		}
		for _, c := range set.Chains {
			chains[c.ID] = true
		}
		for _, v := range set.Vocab {
			if vocab[v.Kind] == nil {
				vocab[v.Kind] = map[string]bool{}
			}
			vocab[v.Kind][v.Name] = true
		}
	}
	ds, err := s.Divisions(ctx)
	must(t, err)
	zs, err := s.Zones(ctx)
	must(t, err)
	cs, err := s.Chains(ctx)
	must(t, err)
	if len(ds) != len(divisions) || len(ds) != 111 {
		t.Errorf("%d divisions, seed has %d (11 市 + 100 县)", len(ds), len(divisions))
	}
	if len(zs) != len(zones) {
		t.Errorf("%d zones, seed has %d", len(zs), len(zones))
	}
	if len(cs) != len(chains) {
		t.Errorf("%d chains, seed has %d", len(cs), len(chains))
	}
	for kind, names := range vocab {
		vs, err := s.Vocab(ctx, kind)
		must(t, err)
		if len(vs) != len(names) {
			t.Errorf("vocab %s: %d items, seed has %d", kind, len(vs), len(names))
		}
	}
	for _, z := range zs {
		if !z.Builtin || !z.Level.Valid() {
			t.Errorf("seeded zone %+v", z)
		}
	}

	// The user edits a seeded zone and adds one of their own.
	edited := zs[0]
	edited.Industries = "用户修改：电子信息、航空"
	edited.Level = app.ZoneProvincial
	must(t, s.SaveZone(ctx, edited))
	mine := app.Zone{ID: app.NewID(), Name: "某某县工业园区", Level: app.ZoneProvincial}
	must(t, s.SaveZone(ctx, mine))

	reapply := []struct {
		name    string
		sets    func() []app.ReferenceSet
		applied int
		extra   int // zones added by the sets
	}{
		{"same sets again", func() []app.ReferenceSet { return sets }, 0, 0},
		{"a newer set repeating the seeded zones", func() []app.ReferenceSet {
			next := sets[len(sets)-1]
			next.Version++
			next.Name = "补充开发区"
			next.Zones = append(append([]app.Zone(nil), next.Zones...), app.Zone{ID: app.ReferenceID("zone", "测试新增开发区"), Name: "测试新增开发区", Level: app.ZoneProvincial, Builtin: true})
			return append(append([]app.ReferenceSet(nil), sets...), next)
		}, 1, 1},
	}
	extra := 0
	for _, tc := range reapply {
		t.Run(tc.name, func(t *testing.T) {
			n, err := s.ApplyReference(ctx, tc.sets())
			must(t, err)
			if n != tc.applied {
				t.Errorf("applied %d sets, want %d", n, tc.applied)
			}
			extra += tc.extra
			got, err := s.Zones(ctx)
			must(t, err)
			if len(got) != len(zones)+1+extra {
				t.Errorf("%d zones, want %d", len(got), len(zones)+1+extra)
			}
			for _, z := range got {
				switch z.ID {
				case edited.ID:
					equal(t, "edited zone", z, edited)
				case mine.ID:
					equal(t, "user's zone", z, mine)
				}
			}
		})
	}

	t.Run("reopen", func(t *testing.T) {
		path := s.Path()
		must(t, s.Close())
		s2 := openAt(t, path)
		n, err := s2.ApplyReference(ctx, sets)
		must(t, err)
		if n != 0 {
			t.Errorf("ApplyReference after reopening = %d, want 0", n)
		}
		if got := count(t, s2, `SELECT COUNT(*) FROM reference_sets`); got != len(sets)+1 {
			t.Errorf("%d reference sets recorded, want %d", got, len(sets)+1)
		}
	})
}
