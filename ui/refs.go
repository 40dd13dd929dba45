package ui

import (
	"context"

	"ganzhao/app"
)

// refs are the small reference lists forms offer as choices, read once per form off the UI
// goroutine.
type refs struct {
	methods       []string
	activityKinds []string
	categories    []string
	chamberKinds  []string
	trips         []app.Trip // for the trip a visit belongs to
}

func loadRefs(ctx context.Context, l *app.Ledger) (refs, error) {
	var r refs
	for _, v := range []struct {
		kind string
		dst  *[]string
	}{{app.VocabMethod, &r.methods}, {app.VocabActivityKind, &r.activityKinds}, {app.VocabCategory, &r.categories}, {app.VocabChamberKind, &r.chamberKinds}} {
		items, err := l.Store().Vocab(ctx, v.kind)
		if err != nil {
			return r, err
		}
		for _, it := range items {
			*v.dst = append(*v.dst, it.Name)
		}
	}
	trips, err := l.Store().Trips(ctx)
	r.trips = trips
	return r, err
}
