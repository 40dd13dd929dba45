package app

import (
	"fmt"
	"testing"
)

func TestStageMoveNeeds(t *testing.T) {
	signed, started := MustDate("2026-01-05"), MustDate("2026-02-01")
	var none Date
	for _, tc := range []struct {
		from, to        Stage
		signed, started Date
		want            MoveNeeds
	}{
		{StageReserve, StageNegotiating, none, none, MoveNeeds{}},
		{StageNegotiating, StageSigned, none, none, MoveNeeds{}},
		{StageNegotiating, StageStarted, none, none, MoveNeeds{SignedOn: true}},
		{StageNegotiating, StageBuilding, none, none, MoveNeeds{SignedOn: true, StartedOn: true}},
		{StageNegotiating, StageProducing, signed, none, MoveNeeds{StartedOn: true}},      // signed before, stepped back
		{StageSigned, StageBuilding, signed, none, MoveNeeds{StartedOn: true}},            // skips 开工
		{StageStarted, StageProducing, signed, started, MoveNeeds{}},                      // dates known
		{StageSigned, StageNegotiating, signed, none, MoveNeeds{Reason: true}},            // back
		{StageProducing, StageReserve, signed, started, MoveNeeds{Reason: true}},          // far back
		{StageNegotiating, StageStopped, none, none, MoveNeeds{Reason: true}},             // 中止
		{StageReserve, StageWithdrawn, none, none, MoveNeeds{Reason: true}},               // 退库
		{StageStopped, StageNegotiating, none, none, MoveNeeds{Reason: true}},             // resuming
		{StageStopped, StageStarted, none, none, MoveNeeds{Reason: true, SignedOn: true}}, // resuming past 签约
		{StageStopped, StageWithdrawn, none, none, MoveNeeds{Reason: true}},
	} {
		t.Run(fmt.Sprintf("%s→%s", tc.from, tc.to), func(t *testing.T) {
			got := StageMoveNeeds(tc.from, tc.to, tc.signed, tc.started)
			if got != tc.want {
				t.Errorf("needs %+v, want %+v", got, tc.want)
			}
			// What the needs say agrees with CheckStageMove: a move with them filled in passes,
			// and one without the reason fails on it.
			p := Project{Name: "项目", Stage: tc.from, StageSince: MustDate("2026-01-01"), SignedOn: tc.signed, StartedOn: tc.started}
			if tc.from.AtLeast(StageSigned) && p.SignedOn.IsZero() {
				p.SignedOn = MustDate("2026-01-01")
			}
			if tc.from.AtLeast(StageStarted) && p.StartedOn.IsZero() {
				p.StartedOn = MustDate("2026-01-01")
			}
			if tc.from == StageProducing {
				p.ProducedOn = MustDate("2026-02-15")
			}
			m := StageMove{To: tc.to, On: MustDate("2026-03-01")}
			if got.Reason {
				m.Reason = "原因"
			}
			if got.SignedOn {
				m.SignedOn = MustDate("2026-02-10")
			}
			if got.StartedOn {
				m.StartedOn = MustDate("2026-02-20")
			}
			if err := CheckStageMove(p, m, MustDate("2026-03-10")); err != nil {
				t.Errorf("move with the needed fields fails: %v", err)
			}
			if got.Reason {
				m.Reason = ""
				if msg := fieldMessage(CheckStageMove(p, m, MustDate("2026-03-10")), "stage_reason"); msg == "" {
					t.Error("move without its reason passes")
				}
			}
		})
	}
}

func fieldMessage(err error, field string) string {
	for _, p := range FieldProblems(err) {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

func TestPipelineColumnHidden(t *testing.T) {
	c := PipelineColumn{Tally: Tally{Count: 250}, Cards: make([]PipelineCard, 200)}
	if c.Hidden() != 50 {
		t.Errorf("Hidden = %d, want 50", c.Hidden())
	}
	if (PipelineColumn{}).Hidden() != 0 {
		t.Error("empty column hides cards")
	}
	card := PipelineCard{StageSince: MustDate("2026-11-01")}
	if d := card.DaysInStage(MustDate("2026-11-27")); d != 26 {
		t.Errorf("DaysInStage = %d, want 26", d)
	}
}
