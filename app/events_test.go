package app

import (
	"reflect"
	"testing"
	"time"
)

// eventFixture: four people (A 乡友+校友, B 战友, C no tie, D 乡友) and six events; the wanted
// figures below were counted by hand from this table.
//
//	E1 恳谈会 02-10 市级  A came, B invited, C came     signed P1 25亿, P2 0.8亿
//	E2 座谈会 03-05 县级  A came, D came                signed P2 1亿 (P2 already at E1), P3 2亿 (already at E5)
//	E3 茶话会 07-01 乡镇  B came                        signed P4 5亿
//	E4 团拜会 01-20 —     nobody
//	E5 推介会 02-10 乡镇  X (in the recycle bin) came   signed P3 3亿
//	E6 恳谈会 03-01 市级  (the event is in the recycle bin) A came, signed P5 9亿
func eventFixture() ([]Event, map[string]*Person) {
	people := map[string]*Person{
		"A": {Name: "A", Ties: []Tie{TieHometown, TieAlumni}},
		"B": {Name: "B", Ties: []Tie{TieComrade}},
		"C": {Name: "C"},
		"D": {Name: "D", Ties: []Tie{TieHometown}},
	}
	deleted := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	events := []Event{
		{Meta: Meta{ID: "E1"}, Kind: EventTalks, On: MustDate("2026-02-10"), Level: LevelCity,
			Guests:   []Guest{{"A", true}, {"B", false}, {"C", true}},
			Signings: []EventSigning{{"P1", 25 * Yi}, {"P2", 80_000_000}}},
		{Meta: Meta{ID: "E2"}, Kind: EventForum, On: MustDate("2026-03-05"), Level: LevelCounty,
			Guests:   []Guest{{"A", true}, {"D", true}},
			Signings: []EventSigning{{"P2", 1 * Yi}, {"P3", 2 * Yi}}},
		{Meta: Meta{ID: "E3"}, Kind: EventTea, On: MustDate("2026-07-01"), Level: LevelTownship,
			Guests: []Guest{{"B", true}}, Signings: []EventSigning{{"P4", 5 * Yi}}},
		{Meta: Meta{ID: "E4"}, Kind: EventNewYear, On: MustDate("2026-01-20")},
		{Meta: Meta{ID: "E5"}, Kind: EventPromotion, On: MustDate("2026-02-10"), Level: LevelTownship,
			Guests: []Guest{{"X", true}}, Signings: []EventSigning{{"P3", 3 * Yi}}},
		{Meta: Meta{ID: "E6", DeletedAt: &deleted}, Kind: EventTalks, On: MustDate("2026-03-01"), Level: LevelCity,
			Guests: []Guest{{"A", true}}, Signings: []EventSigning{{"P5", 9 * Yi}}},
	}
	return events, people
}

func ties(hometown, alumni, comrade int) map[Tie]int {
	m := map[Tie]int{}
	for t, n := range map[Tie]int{TieHometown: hometown, TieAlumni: alumni, TieComrade: comrade} {
		if n > 0 {
			m[t] = n
		}
	}
	return m
}

func TestComputeEventFigures(t *testing.T) {
	events, people := eventFixture()
	tests := []struct {
		name     string
		period   Period
		events   int
		byLevel  map[EventLevel]int
		invited  TieCount
		attended TieCount
		signed   Tally
		// per kind in EventKinds order: events, invited 人次, attended 人次, projects, amount
		kinds [6][5]int64
	}{
		{
			name:   "first half of 2026",
			period: Period{From: MustDate("2026-01-01"), To: MustDate("2026-06-30")},
			events: 4, byLevel: map[EventLevel]int{LevelCity: 1, LevelCounty: 1, LevelTownship: 1},
			invited:  TieCount{Total: 3, ByTie: ties(2, 1, 1)}, // A, B, D
			attended: TieCount{Total: 2, ByTie: ties(2, 1, 0)}, // A, D
			signed:   Tally{Count: 3, Amount: 2880_000_000},    // P1 25 + P2 0.8 at E1, P3 3 at E5
			kinds: [6][5]int64{
				{1, 2, 1, 2, 2580_000_000}, // 恳谈会 E1: A, B invited; A came (C has no tie)
				{1, 2, 2, 0, 0},            // 座谈会 E2: P2 and P3 were signed earlier
				{0, 0, 0, 0, 0},            // 茶话会 E3 is in July
				{1, 0, 0, 0, 0},            // 团拜会 E4
				{1, 0, 0, 1, 300_000_000},  // 推介会 E5: X is not a live person
				{0, 0, 0, 0, 0},
			},
		},
		{
			name:   "the whole year",
			period: Period{From: MustDate("2026-01-01"), To: MustDate("2026-12-31")},
			events: 5, byLevel: map[EventLevel]int{LevelCity: 1, LevelCounty: 1, LevelTownship: 2},
			invited:  TieCount{Total: 3, ByTie: ties(2, 1, 1)},
			attended: TieCount{Total: 3, ByTie: ties(2, 1, 1)}, // B came to E3
			signed:   Tally{Count: 4, Amount: 3380_000_000},
			kinds: [6][5]int64{
				{1, 2, 1, 2, 2580_000_000},
				{1, 2, 2, 0, 0},
				{1, 1, 1, 1, 500_000_000},
				{1, 0, 0, 0, 0},
				{1, 0, 0, 1, 300_000_000},
				{0, 0, 0, 0, 0},
			},
		},
		{
			name:   "March only: P2 and P3 count at E2 when their earlier events are outside",
			period: Period{From: MustDate("2026-03-01"), To: MustDate("2026-03-31")},
			events: 1, byLevel: map[EventLevel]int{LevelCounty: 1},
			invited:  TieCount{Total: 2, ByTie: ties(2, 1, 0)},
			attended: TieCount{Total: 2, ByTie: ties(2, 1, 0)},
			signed:   Tally{Count: 2, Amount: 3 * Yi},
			kinds: [6][5]int64{
				{0, 0, 0, 0, 0},
				{1, 2, 2, 2, 300_000_000},
			},
		},
		{
			name:    "a period with no event",
			period:  Period{From: MustDate("2025-01-01"), To: MustDate("2025-12-31")},
			byLevel: map[EventLevel]int{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := ComputeEventFigures(events, people, tc.period)
			if f.Events != tc.events || !reflect.DeepEqual(f.ByLevel, tc.byLevel) {
				t.Errorf("events = %d %v, want %d %v", f.Events, f.ByLevel, tc.events, tc.byLevel)
			}
			if !sameCount(f.Invited, tc.invited) || !sameCount(f.Attended, tc.attended) {
				t.Errorf("invited %+v attended %+v, want %+v %+v", f.Invited, f.Attended, tc.invited, tc.attended)
			}
			if f.Signed != tc.signed {
				t.Errorf("signed = %+v, want %+v", f.Signed, tc.signed)
			}
			for i, k := range f.ByKind {
				got := [5]int64{int64(k.Events), int64(k.Invited.Total), int64(k.Attended.Total), int64(k.Signed.Count), int64(k.Signed.Amount)}
				if k.Kind != EventKinds[i] || got != tc.kinds[i] {
					t.Errorf("%s = %v, want %v", k.Kind, got, tc.kinds[i])
				}
			}
		})
	}
}

func sameCount(a, b TieCount) bool {
	if a.Total != b.Total {
		return false
	}
	for _, t := range Ties {
		if a.ByTie[t] != b.ByTie[t] {
			return false
		}
	}
	return true
}

func TestEventGuestsAndValidation(t *testing.T) {
	var e Event
	e.MarkAttended("A", true)
	e.Invite("B")
	e.Invite("A")
	e.MarkAttended("B", true)
	e.MarkAttended("A", false)
	e.Sign("P1", Yi)
	e.Sign("P1", 2*Yi)
	if want := []Guest{{"A", false}, {"B", true}}; !reflect.DeepEqual(e.Guests, want) {
		t.Errorf("guests = %v, want %v", e.Guests, want)
	}
	if want := []EventSigning{{"P1", 2 * Yi}}; !reflect.DeepEqual(e.Signings, want) {
		t.Errorf("signings = %v, want %v", e.Signings, want)
	}
	e.Uninvite("A")
	e.Unsign("P1")
	if len(e.Guests) != 1 || len(e.Signings) != 0 {
		t.Errorf("after removing: %v %v", e.Guests, e.Signings)
	}

	tests := []struct {
		name  string
		e     Event
		field string
	}{
		{"no name", Event{Kind: EventTalks, On: MustDate("2026-01-01")}, "name"},
		{"unknown kind", Event{Name: "x", Kind: "晚宴", On: MustDate("2026-01-01")}, "kind"},
		{"no date", Event{Name: "x", Kind: EventTalks}, "on"},
		{"bad level", Event{Name: "x", Kind: EventTalks, On: MustDate("2026-01-01"), Level: "省级"}, "level"},
		{"negative amount", Event{Name: "x", Kind: EventTalks, On: MustDate("2026-01-01"), Signings: []EventSigning{{"P", -1}}}, "signings"},
		{"fine", Event{Name: "x", Kind: EventOther, On: MustDate("2026-01-01"), Level: LevelTownship}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateEvent(tc.e)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			ps := FieldProblems(err)
			if len(ps) != 1 || ps[0].Field != tc.field {
				t.Fatalf("problems = %v, want one on %s", ps, tc.field)
			}
		})
	}
}

func TestNormalizeEventMergesRepeatedGuests(t *testing.T) {
	e := Event{Name: " 恳谈会 ", Guests: []Guest{{"A", false}, {"", true}, {"A", true}}, Signings: []EventSigning{{"P", 1}, {"P", 2}, {"", 3}}}
	NormalizeEvent(&e)
	if e.Name != "恳谈会" || !reflect.DeepEqual(e.Guests, []Guest{{"A", true}}) || !reflect.DeepEqual(e.Signings, []EventSigning{{"P", 1}}) {
		t.Fatalf("normalised = %+v", e)
	}
}
